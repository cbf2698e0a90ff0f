"""Adjustments are exceptions to the statutory range (default logic,
docs/penalty.md §5): 不予处罚 (mandatory) overrides everything; 减轻 — a fine
below the minimum, never zero — overrides 从轻/从重; 从轻 and 从重 together
offset to the whole range; alone each takes its part of it, as the discretion
standard in force says. A "may" ground (可以) is offered, not applied. An
aggravating ground never lowers the range; a mitigating one never raises it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ...case import AdjustmentKind, PenaltyOutcome
from ...core.errors import CapExceeded
from ...core.money import ZERO, MoneyRange, ceil_yuan, floor_yuan
from ...core.text import Later, Text, TextLike
from ...decision.results import Adjusted, AdjustmentOutcome
from ...evaluate import Matcher
from ...plan import Plan, PlanAdjustment, PlanStandard, PlanVersion

ONE = Decimal(1)
K = AdjustmentKind


def in_force(adj: PlanAdjustment, version: PlanVersion, reference: date, act: date, decided: date) -> bool:
    """Whether a ground counts for a version of the law.

    A ground of a statute (``statute``) goes with that statute's version, as
    in force on the version's own date (整体适用). A general-law ground follows
    the general law's 从旧兼从轻: an aggravating one only if it was the law both
    when the act occurred and at the decision; a mitigating one if either. A
    discretion standard's ground (``as_of: decided_on``) counts if in force on
    the decision date."""
    if adj.statute is not None:
        return adj.statute == version.statute and adj.period.contains(reference)
    if adj.as_of == "decided_on":
        return adj.period.contains(decided)
    if adj.kind is K.heavier:
        return adj.period.contains(act) and adj.period.contains(decided)
    return adj.period.contains(act) or adj.period.contains(decided)


def _reduced(band: MoneyRange, standard: PlanStandard | None) -> tuple[Decimal, bool]:
    """The lowest 减轻 amount: the standard's floor, else any amount above zero."""
    if standard is not None and standard.reduced_floor is not None:
        return max(ONE, ceil_yuan(band.min * standard.reduced_floor)), False
    return ONE, True


def _range_effect(zh: str, en: str, permitted: MoneyRange) -> Text:
    return Text.of(f"{zh}，{permitted.text()}", f"{en}, {permitted.text('en')}")


OFFSET = Text.of("从轻与从重相抵：在整个法定幅度内", "lighter and heavier offset: the whole range")
NO_EFFECT = Text.same("")
NO_STANDARD = Text.of(
    "没有有效的裁量标准界定从轻、从重的幅度：幅度不作调整",
    "no discretion standard in force places 从轻/从重: the range is not narrowed",
)
NO_PENALTY = Text.of("不予处罚", "no penalty: no fine")
_EFFECTS = {
    "reduced": ("减轻：低于法定最低限额", "reduced: below the statutory minimum"),
    "heavier": ("从重：幅度的较高部分", "heavier: upper part of the range"),
    "lighter_or_reduced": (
        "从轻或者减轻：自减轻的下限至幅度的较低部分",
        "lighter or reduced: from the reduced floor to the lower part",
    ),
    "lighter": ("从轻：幅度的较低部分", "lighter: lower part of the range"),
}


def _effect(key: str, permitted: MoneyRange) -> Later:
    zh, en = _EFFECTS[key]
    return Later(_range_effect, zh, en, permitted)


def combine(
    kinds: set[AdjustmentKind],
    own: Sequence[tuple[str, tuple[Decimal, Decimal]]],
    band: MoneyRange,
    standard: PlanStandard | None,
) -> tuple[MoneyRange, TextLike, bool, bool]:
    """The permitted range for the applied kinds: (range, effect, below the
    minimum, no published floor)."""
    span = band.max - band.min
    below_min = ceil_yuan(band.min) - ONE  # the most a fine below the minimum can be, in yuan
    reducible = below_min >= ONE  # 减轻 stays above zero: a zero fine is 不予处罚
    if K.reduced in kinds and reducible:
        floor, no_floor = _reduced(band, standard)
        permitted = MoneyRange(min(floor, below_min), below_min)
        return permitted, _effect("reduced", permitted), True, no_floor
    mitigating = bool(kinds & _MITIGATING)
    aggravating = K.heavier in kinds
    if mitigating and aggravating:
        return band, OFFSET, False, False
    if not mitigating and not aggravating:
        return band, NO_EFFECT, False, False
    if standard is None and not own:
        return band, NO_STANDARD, False, False
    lo, hi = band.min, band.max
    if own:  # the adjustments' own ranges (their envelope) instead of the standard
        lo = ceil_yuan(band.min + span * min(r[0] for _, r in own))
        hi = floor_yuan(band.min + span * max(r[1] for _, r in own))
        if hi > band.max:
            rule = max(own, key=lambda x: x[1][1])[0]
            raise CapExceeded(rule, hi, band.max)
    elif mitigating:
        assert standard is not None
        hi = floor_yuan(band.min + span * standard.lighter_upper)
    else:
        assert standard is not None
        lo = ceil_yuan(band.min + span * standard.heavier_lower)
    # rounding to whole yuan never leaves the statutory range (a range narrower than a yuan)
    lo, hi = min(lo, band.max), max(hi, band.min)
    below = False
    no_floor = False
    if K.lighter_or_reduced in kinds and reducible:
        lo, no_floor = _reduced(band, standard)
        lo = min(lo, below_min)
        below = True
    permitted = MoneyRange(min(lo, hi), hi)
    key = "heavier" if aggravating else "lighter_or_reduced" if below else "lighter"
    return permitted, _effect(key, permitted), below, no_floor


_MITIGATING = frozenset({K.lighter, K.lighter_or_reduced, K.reduced})
_FINE = Text.of("在法定幅度内处以罚款", "fine within the band")
_REDUCED = Text.of("减轻处罚：低于法定最低限额处以罚款", "reduced: a fine below the statutory minimum")
_MAY_WAIVE = Text.of("首违不罚：可以不予行政处罚", "first violation: the authority may decide not to fine")
_NONE = Text.of("不予处罚", "no penalty")
_OVERRIDDEN = Text.of("被效力更强的例外排除", "overridden by a stronger exception")
_MAY_NOT_FINE = Text.of("可以不予处罚（首违不罚）", "may not fine (first violation)")


_WITHHELD = Text.of(
    "其依据的情节已由适用档次、按日连续处罚或裁量基准评价，不再重复评价（禁止重复评价）",
    "its ground is already priced by the tier, the daily penalty or the benchmark: "
    "not weighed again (禁止重复评价)",
)


def adjust(
    plan: Plan,
    kind: str,
    version: PlanVersion,
    reference: date,
    act: date,
    decided: date,
    match: Matcher,
    band: MoneyRange | None,
    unmasked: Matcher | None = None,
) -> Adjusted | None:
    """Weigh every ground that holds for the case (on withheld-ground facts).

    Without a computable range only a mandatory 不予处罚 can be decided (it
    applies whatever the amount would have been); otherwise None."""
    standard = plan.standard_on(decided)
    considered: list[PlanAdjustment] = []
    withheld: list[PlanAdjustment] = []
    applied: set[AdjustmentKind] = set()
    own: list[tuple[str, tuple[Decimal, Decimal]]] = []
    for adj in plan.adjustments_for(kind):  # in the order exceptions are weighed
        if not in_force(adj, version, reference, act, decided):
            continue
        if not match(adj.cond):
            if unmasked is not None and unmasked(adj.cond):
                withheld.append(adj)  # held only through a ground already priced
            continue
        considered.append(adj)
        if adj.mandatory:
            applied.add(adj.kind)
            if adj.range is not None:
                own.append((adj.id, adj.range))
    may_waive = [a for a in considered if a.kind is K.no_penalty and not a.mandatory]
    if band is None:
        if K.no_penalty not in applied:
            return None
        band = MoneyRange(ZERO, ZERO)
    effect: TextLike
    if K.no_penalty in applied:
        permitted, outcome, reason = MoneyRange(ZERO, ZERO), PenaltyOutcome.no_penalty, _NONE
        effect, below, no_floor = NO_PENALTY, False, False
        winners = {K.no_penalty}
    else:
        winners = {K.reduced} if K.reduced in applied and band.min > ONE else applied
        permitted, effect, below, no_floor = combine(winners, own, band, standard)
        outcome, reason = PenaltyOutcome.fine, (_REDUCED if below else _FINE)
        if may_waive:
            outcome, reason = PenaltyOutcome.may_waive, _MAY_WAIVE
    records = [AdjustmentOutcome(adj, False, _WITHHELD) for adj in withheld]
    for adj in considered:
        if adj.mandatory and adj.kind in winners:
            records.append(AdjustmentOutcome(adj, True, effect))
        elif adj.mandatory:
            records.append(AdjustmentOutcome(adj, False, _OVERRIDDEN))
        elif adj.kind is K.no_penalty:
            records.append(AdjustmentOutcome(adj, outcome is PenaltyOutcome.may_waive, _MAY_NOT_FINE))
        else:
            records.append(AdjustmentOutcome(adj, False, Later(_offered, adj, band, standard)))
    return Adjusted(permitted, outcome, reason, tuple(records), standard, below, no_floor)


def _offered(adj: PlanAdjustment, band: MoneyRange, standard: PlanStandard | None) -> Text:
    """A may-ground (可以): what it would do if the authority applies it."""
    try:
        permitted, _, _, _ = combine({adj.kind}, [(adj.id, adj.range)] if adj.range else [], band, standard)
    except CapExceeded:
        permitted = band
    word = {
        K.heavier: ("可以从重", "may aggravate"),
        K.lighter: ("可以从轻", "may lighten"),
        K.reduced: ("可以减轻", "may reduce"),
        K.lighter_or_reduced: ("可以从轻或者减轻", "may lighten or reduce"),
    }[adj.kind]
    return Text.of(
        f"{word[0]}：由执法机关裁量，未自动适用；如适用，幅度为{permitted.text()}",
        f"{word[1]}: for the authority to decide, not applied; if applied, {permitted.text('en')}",
    )
