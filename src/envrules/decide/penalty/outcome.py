"""The outcome of the applied version and the amount envrules recommends."""

from __future__ import annotations

from typing import Any

from ...case import PenaltyOutcome
from ...core.money import ZERO, to_yuan
from ...core.text import Text, TextLike
from ...decision.results import Candidate
from ...rulesets.fines import NoFine, Unspecified


def outcome_of(applied: Candidate, expired: bool) -> tuple[PenaltyOutcome, TextLike]:
    tier, adjusted = applied.tier, applied.adjusted
    if applied.version.not_illegal:
        return PenaltyOutcome.no_penalty, Text.of(
            "新的规定不认为该行为违法", "the later law no longer treats the act as illegal"
        )
    if expired:
        return PenaltyOutcome.no_penalty, Text.of("超过追责时效", "limitation period expired")
    if adjusted is not None and adjusted.outcome is PenaltyOutcome.no_penalty:
        return PenaltyOutcome.no_penalty, adjusted.reason
    if tier is None or applied.span is None:
        if tier is not None and tier.refers_to is not None:
            return PenaltyOutcome.undetermined, Text.of(
                f"依该版本，本行为属于{tier.refers_to}，应按该违法行为处理",
                f"under this version the act is {tier.refers_to}: decide it as that kind",
            )
        if tier is not None and isinstance(tier.fine, Unspecified):
            return PenaltyOutcome.undetermined, Text.of(
                "法律规定了罚款但未规定数额：幅度由地方规定确定",
                "the law provides a fine but sets no amount: local rules set the range",
            )
        if applied.missing:
            return PenaltyOutcome.undetermined, Text.of(
                "尚需事实：" + "、".join(applied.missing), "needs " + ", ".join(applied.missing)
            )
        return PenaltyOutcome.undetermined, _no_tier(applied)
    if isinstance(tier.fine, NoFine):
        return PenaltyOutcome.measures_only, Text.of(
            "法律对此不设罚款，仅适用其他措施",
            "the law provides no fine for this act at this stage; only the measures apply",
        )
    assert adjusted is not None
    return adjusted.outcome, adjusted.reason


def case_facts(version: Any) -> list[str]:
    """The facts a version's tiers test that the case itself states (not the
    penalty's own facts, nor the region the engine completes)."""
    return [p for p in version.tested_paths if not p.startswith(("penalty.", "region."))]


def _no_tier(applied: Candidate) -> Text:
    """No tier holds: the facts its tiers test, so the officer sees what to check
    (an item number is in the numbering the kind's note names, the same in every version)."""
    tested = case_facts(applied.version)
    if not tested:
        return Text.of("法律的各档次均不适用于本案事实", "no tier of the law fits the facts")
    zh = "法律的各档次均不适用于本案事实；各档次检验：" + "、".join(tested)
    en = "no tier of the law fits the facts; its tiers test " + ", ".join(tested)
    if "violation.item" in tested:
        kind = applied.version.kind
        zh += (
            f"（violation.item 按该违法行为类别说明所定的条款项号填写，各版本相同，见 envrules kinds {kind}）"
        )
        en += (
            " (violation.item is the item number in the numbering the kind's note names, "
            f"the same for every version: see envrules kinds {kind})"
        )
    return Text.of(zh, en)


def recommended_of(applied: Candidate, outcome: PenaltyOutcome, bench: Any) -> tuple[Any, Text | None]:
    adjusted = applied.adjusted
    if outcome is PenaltyOutcome.no_penalty:
        return ZERO, Text.of("不予处罚", "no penalty")
    if outcome in (PenaltyOutcome.undetermined, PenaltyOutcome.measures_only) or adjusted is None:
        return (ZERO, None) if outcome is PenaltyOutcome.measures_only else (None, None)
    permitted = adjusted.permitted
    if adjusted.no_floor:
        return None, Text.of(
            "减轻处罚：没有公布的减轻下限，由执法机关在法定最低限额以下、零以上裁量",
            "reduced: no published floor; the authority sets an amount above zero "
            "and below the statutory minimum",
        )
    if bench is not None and not adjusted.below_minimum:
        amount = min(max(bench.amount, permitted.min), permitted.max)
        return amount, Text.of(
            "裁量基准计算的罚款数额（置于可处罚款幅度内）",
            "the benchmark amount, kept within the permitted range",
        )
    middle = min(max(to_yuan((permitted.min + permitted.max) / 2), permitted.min), permitted.max)
    return middle, Text.of("取可处罚款幅度的中间值", "the middle of the permitted range")
