"""The vocabulary of outcomes: the closed sets of values a ruleset's rules
decide — measures (and how far they restrict), penalty outcomes, adjustment
kinds, jurisdiction levels and departments' roles."""

from __future__ import annotations

from enum import StrEnum


class Measure(StrEnum):
    """Non-monetary measures (责令改正, 责令停产整治 …) a tier provides."""

    order_to_correct = "order_to_correct"  # 责令改正
    order_stop_construction = "order_stop_construction"  # 责令停止建设
    order_restore = "order_restore"  # 责令恢复原状
    order_make_up_procedure = "order_make_up_procedure"  # 责令限期补办手续
    order_stop_production = "order_stop_production"  # 责令停止生产或者使用
    production_restriction = "production_restriction"  # 责令限制生产
    suspension_rectification = "suspension_rectification"  # 责令停产整治
    suspension_or_closure = "suspension_or_closure"  # 报经批准责令停业、关闭
    confiscate_illegal_gains = "confiscate_illegal_gains"  # 没收违法所得
    confiscate_equipment = "confiscate_equipment"  # 没收设施、设备
    order_disclose = "order_disclose"  # 责令公开
    public_notice = "public_notice"  # 予以公告
    revoke_license = "revoke_license"  # 吊销许可证
    transfer_public_security = "transfer_public_security"  # 移送公安机关
    warning = "warning"  # 警告
    order_to_file = "order_to_file"  # 责令备案
    order_to_eliminate = "order_to_eliminate"  # 责令消除污染
    seal_or_seize = "seal_or_seize"  # 查封、扣押
    revoke_qualification = "revoke_qualification"  # 取消资格
    business_ban = "business_ban"  # 禁止（限制）从业
    public_criticism = "public_criticism"  # 通报批评
    order_time_limited_treatment = "order_time_limited_treatment"  # 责令限期治理
    order_demolish = "order_demolish"  # 责令拆除
    order_close = "order_close"  # 责令关闭
    lower_qualification = "lower_qualification"  # 降低资质等级
    order_stop_discharge = "order_stop_discharge"  # 责令停止排污
    confiscate_items = "confiscate_items"  # 没收非法财物
    order_remove_outfall = "order_remove_outfall"  # 责令拆除排污口
    order_stop_use = "order_stop_use"  # 责令停止使用
    revoke_business_qualification = "revoke_business_qualification"  # 撤销（吊销）经营资格
    restrict_suspend_or_revoke = "restrict_suspend_or_revoke"  # 限产、停产整治或吊销（必须择一）
    stop_production_or_revoke = "stop_production_or_revoke"  # 停产停业或吊销（必须择一）


class PenaltyOutcome(StrEnum):
    fine = "fine"  # 处以罚款
    no_penalty = "no_penalty"  # 不予处罚
    may_waive = "may_waive"  # 可以不予处罚
    measures_only = "measures_only"  # 不处罚款，仅采取其他措施
    undetermined = "undetermined"  # 尚不能确定


class AdjustmentKind(StrEnum):
    no_penalty = "no_penalty"  # 不予处罚
    reduced = "reduced"  # 减轻
    lighter_or_reduced = "lighter_or_reduced"  # 从轻或者减轻
    lighter = "lighter"  # 从轻
    heavier = "heavier"  # 从重


class JurisdictionLevel(StrEnum):
    province = "province"
    city = "city"
    county = "county"
    township = "township"
    needs_designation = "needs_designation"  # 由共同上级指定管辖


class Role(StrEnum):
    lead = "lead"  # 牵头 / 主责
    cooperating = "cooperating"  # 配合
    participating = "participating"  # 参与
    informed = "informed"  # 知会
    sole = "sole"  # 独立承担


MEASURE_SEVERITY: dict[Measure, int] = {
    Measure.production_restriction: 1,  # 限制生产
    Measure.confiscate_equipment: 2,
    Measure.confiscate_items: 2,  # 没收
    Measure.suspension_rectification: 2,  # 停产整治
    Measure.order_demolish: 3,
    Measure.order_stop_use: 3,
    Measure.order_stop_production: 3,
    Measure.business_ban: 3,  # 停产停业、限制从业
    Measure.lower_qualification: 3,  # 降低资质等级
    Measure.revoke_license: 4,
    Measure.revoke_qualification: 4,  # 吊销
    Measure.revoke_business_qualification: 4,
    Measure.suspension_or_closure: 5,
    Measure.order_close: 5,  # 停业、关闭
    # one of several is mandatory: weighed as the lightest the authority may choose
    Measure.restrict_suspend_or_revoke: 1,
    Measure.stop_production_or_revoke: 3,
}
"""Measures that restrict production, business or rights, ranked by how far
they restrict (docs/penalty.md §2): the lighter-law comparison weighs them
beside the fine, heaviest first."""

RESTRICTIVE_MEASURES = frozenset(MEASURE_SEVERITY)


def measures_weight(measures: object) -> tuple[int, ...]:
    """The restrictive measures' ranks, heaviest first: compared
    lexicographically, a lower weight is lighter."""
    return tuple(
        sorted(
            (
                MEASURE_SEVERITY[m]
                for m in measures  # type: ignore[attr-defined]
                if m in MEASURE_SEVERITY
            ),
            reverse=True,
        )
    )
