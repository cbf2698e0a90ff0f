"""The daily continuous penalty (按日连续处罚): where the version provides it
and the re-inspection (复查) found the act continuing, a refusal or an
obstruction, the original fine per day from the day after the order to
correct to the re-inspection, under the rule in force at the re-inspection."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from ...case import Circumstance, ReinspectionResult
from ...core.money import MoneyRange
from ...core.text import Text
from ...decision.results import DailyResult
from ...evaluate import Matcher
from ...plan import Plan, PlanVersion
from ..tables import first_hit

_REFUSED = frozenset(
    {ReinspectionResult.continuing, ReinspectionResult.refused, ReinspectionResult.obstructed}
)
GROUNDS = frozenset(
    {
        ("violation.reinspection_result", None),
        ("violation.circumstances", Circumstance.refused_correction.value),
    }
)
"""What the daily penalty prices: not weighed again as an aggravating ground."""


_NOTE = {
    "original_fine": ("", ""),
    "recommended": (
        "（未给出原罚款数额，暂按建议罚款计算）",
        " (no original fine given: the recommended amount stands in)",
    ),
    "statutory_max": (
        "（给出的原罚款数额超过法定最高限额，按最高限额计算）",
        " (the original fine given is above the statutory maximum: capped)",
    ),
}


def eligible(v: object) -> bool:
    result = getattr(v, "reinspection_result", None)
    return result in _REFUSED or Circumstance.refused_correction in getattr(v, "circumstances", ())


def daily(
    plan: Plan,
    version: PlanVersion,
    v: object,
    match: Matcher,
    decided: object,
    recommended: Decimal | None,
    statutory: MoneyRange | None,
) -> DailyResult | None:
    if not version.daily_penalty:
        return None
    on = getattr(v, "reinspected_on", None) or decided
    rule = first_hit(plan.procedure.get("daily_penalty"), on, match)  # type: ignore[arg-type]
    basis = rule.basis if rule is not None else version.basis
    rule_id = rule.id if rule is not None else None
    if not eligible(v):
        return DailyResult(
            False,
            basis,
            Text.of(
                "仅在罚款并责令改正后，复查发现违法行为继续、拒不改正或者拒绝、阻挠复查时适用",
                "applies only if, after a fine and an order to correct, the re-inspection finds the "
                "act continuing, a refusal, or an obstructed re-inspection",
            ),
            rule_id,
        )
    original = getattr(v, "original_fine", None)
    per_day, source = (original, "original_fine") if original is not None else (recommended, "recommended")
    if per_day is not None and statutory is not None and per_day > statutory.max:
        per_day, source = statutory.max, "statutory_max"  # never above the statutory cap
    ordered, reinspected = getattr(v, "order_to_correct_on", None), getattr(v, "reinspected_on", None)
    if ordered is not None and reinspected is not None:
        start, end = ordered + timedelta(days=1), reinspected
        days: int | None = (reinspected - ordered).days
    else:
        start = end = None
        days = getattr(v, "continuing_days", None)
    reason = Text.of(
        "拒不改正：自责令改正之日的次日起，按照原罚款数额按日连续处罚" + _NOTE[source][0],
        "refused to correct: the original amount per day from the day after the order "
        "to correct" + _NOTE[source][1],
    )
    total = per_day * days if per_day is not None and days is not None else None
    return DailyResult(
        True,
        basis,
        reason,
        rule_id,
        start,
        end,
        days,
        per_day,
        source if per_day is not None else None,
        total,
    )
