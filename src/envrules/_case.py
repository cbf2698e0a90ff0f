"""The case: facts about a violation, the enterprise, the region and the
procedure, as handed to :meth:`envrules.Engine.decide`.

Every field here is a *fact* that ruleset conditions may test (see
``envrules schema case`` and ``docs/ruleset-format.md``). The model validates
its input completely; an invalid case raises :class:`envrules.CaseError`
naming the dotted field path."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from ._money import parse_money

# --------------------------------------------------------------------------- enums


class EiaDocument(StrEnum):
    """环评文件类型."""

    report_book = "report_book"  # 环境影响报告书
    report_form = "report_form"  # 环境影响报告表
    registration_form = "registration_form"  # 环境影响登记表


class Severity(StrEnum):
    ordinary = "ordinary"
    serious = "serious"  # 情节严重


class AccidentGrade(StrEnum):
    none = "none"
    general = "general"  # 一般
    larger = "larger"  # 较大
    major = "major"  # 重大
    especially_major = "especially_major"  # 特别重大


class Harm(StrEnum):
    none = "none"
    minor = "minor"
    general = "general"
    serious = "serious"
    especially_serious = "especially_serious"


class WasteCategory(StrEnum):
    general = "general"
    hazardous = "hazardous"
    sludge = "sludge"
    medical = "medical"


class NoiseSource(StrEnum):
    industrial = "industrial"
    construction = "construction"
    social_life = "social_life"
    traffic = "traffic"


class EiaStage(StrEnum):
    not_submitted = "not_submitted"  # 未依法报批
    submitted_not_approved = "submitted_not_approved"  # 报批后未获批准


class Medium(StrEnum):
    air = "air"
    water = "water"
    noise = "noise"
    solid_waste = "solid_waste"
    soil = "soil"
    marine = "marine"
    radioactive = "radioactive"
    other = "other"


class EvasionMethod(StrEnum):
    hidden_pipe = "hidden_pipe"  # 暗管
    seepage_well = "seepage_well"  # 渗井、渗坑
    falsified_data = "falsified_data"  # 篡改、伪造监测数据
    abnormal_facility_operation = "abnormal_facility_operation"  # 不正常运行防治污染设施
    temporary_shutdown = "temporary_shutdown"
    emergency_channel = "emergency_channel"


class DisclosureDefect(StrEnum):
    not_disclosed = "not_disclosed"
    untrue = "untrue"
    wrong_format = "format"
    late = "late"
    not_uploaded = "not_uploaded"


class WasteSource(StrEnum):
    industrial = "industrial"
    household = "household"
    construction = "construction"
    agricultural = "agricultural"
    medical = "medical"
    other = "other"


class LocationClass(StrEnum):
    """Sensitivity of the place (benchmarks' 建设项目地点 / 区域)."""

    general = "general"  # 一般区域
    restricted_or_sensitive = "restricted_or_sensitive"  # 限批区或环境敏感区
    water_source_or_redline = "water_source_or_redline"  # 饮用水水源保护区、生态保护红线


class ProjectStage(StrEnum):
    foundation = "foundation"  # 基础建设阶段
    equipment_installation = "equipment_installation"  # 设备安装阶段
    production = "production"  # 投入生产/使用阶段


class PermitClass(StrEnum):
    registration = "registration"  # 排污登记
    simplified = "simplified"  # 简化管理
    key = "key"  # 重点管理


class Circumstance(StrEnum):
    """Circumstances of the act that adjustments and jurisdiction rules test."""

    first_offense = "first_offense"  # 初次违法
    corrected_promptly = "corrected_promptly"  # 及时改正
    harm_eliminated = "harm_eliminated"  # 主动消除或者减轻危害后果
    coerced = "coerced"  # 受他人胁迫或者诱骗
    confessed_unknown = "confessed_unknown"  # 主动供述行政机关尚未掌握的违法行为
    meritorious = "meritorious"  # 配合查处有立功表现
    no_fault_proven = "no_fault_proven"  # 有证据足以证明没有主观过错
    effective_restoration = "effective_restoration"  # 有效采取生态环境修复措施
    compensation_paid = "compensation_paid"  # 及时缴纳赔偿金
    refused_correction = "refused_correction"  # 拒不改正
    repeat_offense = "repeat_offense"  # 多次实施违法行为被处罚
    obstructed_inspection = "obstructed_inspection"  # 阻挠、拒绝监督检查
    falsified_data = "falsified_data"  # 篡改、伪造监测数据
    malicious_damage = "malicious_damage"  # 恶意损害生态环境
    sensitive_area = "sensitive_area"  # 饮用水水源保护区、自然保护区等敏感区域
    heavy_pollution_alert = "heavy_pollution_alert"  # 重污染天气预警期间
    caused_incident = "caused_incident"  # 造成突发环境事件
    mass_incident = "mass_incident"  # 群体性环境事件
    media_exposure = "media_exposure"  # 媒体曝光
    mass_reports = "mass_reports"  # 群众集中举报
    leadership_demand = "leadership_demand"  # 市级以上领导要求查办
    higher_authority_demand = "higher_authority_demand"  # 省厅、部要求查处
    refused_stop = "refused_stop"  # 拒不停止建设/排污
    crime_suspected = "crime_suspected"  # 涉嫌犯罪
    especially_grave_impact = "especially_grave_impact"  # 造成特别严重影响


class EnterpriseKind(StrEnum):
    legal_person = "legal_person"
    other_organization = "other_organization"
    individual_business = "individual_business"  # 个体工商户
    natural_person = "natural_person"


class Size(StrEnum):
    small = "small"
    medium = "medium"
    large = "large"


class MonitoredLevel(StrEnum):
    national = "national"  # 国控
    provincial = "provincial"  # 省控
    city = "city"  # 市控
    none = "none"


class CardIssuerClass(StrEnum):
    """单用途商业预付卡发卡企业类别 (单用途商业预付卡管理办法（试行）arts. 5, 7): decides the
    filing authority (备案机关)."""

    group = "group"  # 集团发卡企业 (files with the province)
    brand = "brand"  # 品牌发卡企业 (files with the province)
    scale = "scale"  # 规模发卡企业 (files with the city)
    other = "other"  # 其他发卡企业 (files with the county)


class DiscoveryChannel(StrEnum):
    routine_inspection = "routine_inspection"  # 日常检查 / 双随机
    complaint = "complaint"  # 投诉举报
    online_monitoring = "online_monitoring"  # 在线监控
    city_audit = "city_audit"  # 执法稽查
    cross_enforcement = "cross_enforcement"  # 交叉执法
    circuit_enforcement = "circuit_enforcement"  # 巡回执法
    special_action = "special_action"  # 专项行动
    assigned_by_higher = "assigned_by_higher"  # 上级交办
    transferred_in = "transferred_in"  # 其他部门移送


class Designation(StrEnum):
    """指定管辖 requests and decisions (行政处罚法 art. 25; 生态环境行政处罚办法)."""

    none = "none"
    requested_by_lower = "requested_by_lower"  # 下级报请上级指定
    decided_by_higher = "decided_by_higher"  # 上级认为下级不能独立查处，决定管辖
    disputed = "disputed"  # 管辖争议，协商不成


class Level(StrEnum):
    province = "province"
    city = "city"
    county = "county"
    township = "township"


# --------------------------------------------------------------------------- scalars


def _check_credit_code(value: str) -> str:
    """GB 32100-2015 unified social credit code: 18 characters, check digit."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    code = value.strip().upper()
    if len(code) != 18:
        raise ValueError("a unified social credit code has 18 characters")
    if any(ch not in alphabet for ch in code):
        raise ValueError("a unified social credit code uses digits and letters except I, O, S, V, Z")
    total = sum(alphabet.index(ch) * w for ch, w in zip(code[:17], weights, strict=True))
    check = alphabet[(31 - total % 31) % 31]
    if code[17] != check:
        raise ValueError(f"check character should be {check!r}, not {code[17]!r}")
    return code


Money = Annotated[Decimal, BeforeValidator(parse_money)]
"""An amount of yuan: a string or integer, never a float; at most 2 decimals, not negative."""

Ratio = Annotated[Decimal, BeforeValidator(lambda v: parse_money(v, places=6, what="number"))]
CreditCode = Annotated[str, AfterValidator(_check_credit_code)]
Id = Annotated[str, Field(min_length=1, max_length=200)]

_MODEL = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------------- parts


class Violation(BaseModel):
    """The act (违法行为)."""

    model_config = _MODEL

    kind: Id = Field(description="catalogue id, e.g. eia.unapproved_construction")
    occurred_on: date = Field(description="day the act occurred (or began, if continuing)")
    ended_on: date | None = Field(None, description="day the act ended; none = continuing")
    discovered_on: date | None = Field(None, description="day the act was discovered")
    order_to_correct_on: date | None = Field(None, description="day an order to correct was served")
    eia_document: EiaDocument | None = None
    eia_stage: EiaStage | None = None
    medium: Medium | None = Field(None, description="the environmental medium concerned")
    evasion_method: EvasionMethod | None = None
    disclosure_defect: DisclosureDefect | None = None
    waste_source: WasteSource | None = None
    location_class: LocationClass | None = None
    project_stage: ProjectStage | None = None
    severity: Severity = Severity.ordinary
    accident_grade: AccidentGrade = AccidentGrade.none
    harm: Harm | None = Field(None, description="harmful consequence; none means proven harmless")
    pollution_or_damage: bool = Field(
        False, description="the act caused environmental pollution or ecological damage"
    )
    waste_category: WasteCategory | None = None
    noise_source: NoiseSource | None = None
    item: int | None = Field(None, ge=1, description="item (项) of the article, where it matters")
    investment: Money | None = Field(None, description="total project investment, yuan")
    illegal_gain: Money | None = Field(None, description="illegal gains, yuan")
    cost: Money | None = Field(None, description="disposal cost / fee the formula multiplies")
    direct_loss: Money | None = Field(None, description="direct economic loss, yuan")
    person_income: Money | None = Field(
        None, description="responsible person's income from the unit in the prior year, yuan"
    )
    units: int | None = Field(None, ge=0, le=10**9,
                              description="count the per-unit formula multiplies")
    continuing_days: int | None = Field(
        None, ge=0, le=100_000, description="days the act continued after the order to correct"
    )
    exceedance_multiple: Ratio | None = Field(None, description="times over the standard")
    circumstances: frozenset[Circumstance] = frozenset()

    @model_validator(mode="after")
    def _dates_in_order(self) -> Violation:
        for name in ("ended_on", "discovered_on", "order_to_correct_on"):
            value = getattr(self, name)
            if value is not None and value < self.occurred_on:
                raise ValueError(f"{name} ({value}) is before occurred_on ({self.occurred_on})")
        return self


class PriorViolation(BaseModel):
    """An earlier violation of the same party, for repeat-offence rules."""

    model_config = _MODEL

    decided_on: date
    kind: Id | None = None
    penalized: bool = True


class Enterprise(BaseModel):
    """The party (当事人)."""

    model_config = _MODEL

    name: str | None = None
    credit_code: CreditCode | None = None
    kind: EnterpriseKind = EnterpriseKind.legal_person
    size: Size | None = None
    key_discharger: bool = False
    monitored_level: MonitoredLevel = MonitoredLevel.none
    permit_class: PermitClass | None = Field(None, description="排污许可管理类别")
    industry: Id | None = None
    eia_approver: Id | None = Field(None, description="authority id that approved its EIA")
    major_project: bool = Field(
        False, description="跨流域、跨区域等重大建设项目: a major (cross-basin, cross-region …) "
        "construction project (2015 post-approval measures art. 4)")
    card_issuer_class: CardIssuerClass | None = Field(
        None, description="prepaid-card issuer class (集团/品牌/规模/其他发卡企业)")
    prior_violations: tuple[PriorViolation, ...] = ()


class Region(BaseModel):
    """Where the act occurred. Region ids are the profile's (``envrules profiles``)."""

    model_config = _MODEL

    city: Id | None = None
    counties: frozenset[Id] = Field(
        frozenset(), description="county-level units (县/市/区/开发区); several if it spans them"
    )
    townships: frozenset[Id] = Field(frozenset(), description="townships/streets/parks")
    central_urban_area: bool = False
    special_zone: Id | None = None

    @model_validator(mode="before")
    @classmethod
    def _singular_shorthand(cls, data: Any) -> Any:
        # `county: x` and `township: y` are shorthand for one-element sets.
        if isinstance(data, dict):
            data = dict(data)
            for one, many in (("county", "counties"), ("township", "townships")):
                if one in data:
                    value = data.pop(one)
                    if value is not None:
                        data[many] = [*(data.get(many) or ()), value]
        return data


class Procedure(BaseModel):
    """How the case reached the authority."""

    model_config = _MODEL

    discovered_through: DiscoveryChannel | None = None
    designation: Designation = Designation.none
    law_assigns_level: Level | None = Field(
        None, description="a law or regulation assigns the case to this level"
    )
    city_wide_impact: bool = False
    filed_by: Id | None = Field(None, description="authority that filed the case first")


class Case(BaseModel):
    """One case to decide. ``decided_on`` is the decision date (never the
    clock); when absent the decision says which date it used instead."""

    model_config = _MODEL

    id: Id | None = None
    profile: Id | None = None
    decided_on: date | None = None
    matter: Id | None = Field(None, description="administrative matter for boundary tables")
    violation: Violation | None = Field(
        None, description="the act; may be absent for a question about a matter only"
    )
    enterprise: Enterprise = Enterprise()
    region: Region = Region()
    procedure: Procedure = Procedure()

    @model_validator(mode="after")
    def _decided_after_act(self) -> Case:
        if self.violation is None:
            if self.matter is None or self.decided_on is None:
                raise ValueError("a case without a violation needs a matter and decided_on")
            return self
        if self.decided_on is not None and self.decided_on < self.violation.occurred_on:
            raise ValueError(
                f"decided_on ({self.decided_on}) is before violation.occurred_on "
                f"({self.violation.occurred_on})"
            )
        return self
