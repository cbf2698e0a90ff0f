"""Procedural consequences of the penalty, from the procedure tables: the
hearing right (fine thresholds by party and non-fine measures), legal review
and collective deliberation; and the profile-supplied facts first violation
and listed minor violation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ...core.citation import Citation
from ...core.dates import shift_years
from ...core.money import MoneyRange, format_yuan
from ...core.text import Later, Text
from ...decision.results import FlagResult
from ...evaluate import Matcher
from ...plan import Plan
from ..tables import first_hit, hits


def hearing(plan: Plan, on: date, match: Matcher, permitted: MoneyRange | None) -> FlagResult | None:
    """The hearing right: the lowest threshold the party's rows give, and any
    non-fine trigger (责令停产整治, 吊销 …)."""
    table = plan.procedure.get("hearing")
    if table is None:
        return None
    rows = hits(table, on, match)
    triggers = [r for r in rows if r.then.threshold is None]
    if triggers:
        rule = triggers[0]
        return FlagResult(
            True,
            Text.of(
                f"{rule.title.zh}：应当告知听证权利", f"{rule.title.en}: a hearing right must be notified"
            ),
            rule.basis,
            rule.id,
        )
    fines = [r for r in rows if r.then.threshold is not None]
    if not fines:
        return None
    rule = min(fines, key=lambda r: r.then.threshold)
    threshold: Decimal = rule.then.threshold
    top = permitted.max if permitted is not None else None
    inclusive = rule.then.inclusive
    reaches = top is not None and (top >= threshold if inclusive else top > threshold)
    return FlagResult(
        reaches,
        Later(_threshold_reason, inclusive, threshold, rule.title, top),
        rule.basis,
        rule.id,
        threshold,
    )


def _threshold_reason(inclusive: bool, threshold: Decimal, title: Text, top: Decimal | None) -> Text:
    zh_top = format_yuan(top) if top is not None else "—"
    en_top = format_yuan(top, "en") if top is not None else "—"
    return Text(
        f"罚款{'达到' if inclusive else '超过'}{format_yuan(threshold)}的，应当告知听证权利"
        f"（{title.zh}）；可处罚款最高{zh_top}",
        f"a fine of {'' if inclusive else 'more than '}{format_yuan(threshold, 'en')}"
        f"{' or more' if inclusive else ''} carries a hearing right "
        f"({title.en}); the permitted maximum is {en_top}",
    )


def required(plan: Plan, decides: str, on: date, match: Matcher) -> FlagResult | None:
    """Legal review or collective deliberation: the first rule that holds."""
    table = plan.procedure.get(decides)
    if table is None:
        return None
    rule = first_hit(table, on, match)
    if rule is None:
        return FlagResult(False, Text.of("无应当适用的情形", "no rule requires it"))
    reason = rule.then.reason or rule.title
    return FlagResult(True, reason, rule.basis, rule.id)


def first_violation(
    plan: Plan,
    on: date,
    match: Matcher,
    asserted: bool,
    priors: tuple[tuple[date, str | None, bool], ...],
    kind: str | None,
) -> tuple[bool, Citation | None]:
    """首违: asserted by the officer, and no prior violation — penalised or
    not: a violation waived is still a violation — in the profile's window
    before the act (of the same kind if the rule says so). Without a window in
    the profile's data, any prior violation of the same kind, whenever
    decided, contradicts "初次违法"."""
    if not asserted:
        return False, None
    rule = first_hit(plan.procedure.get("first_violation"), on, match)
    start = shift_years(on, -rule.then.window_years) if rule is not None else None
    same_kind = rule.then.same_kind if rule is not None else True
    for decided_on, prior_kind, _penalized in priors:
        if (
            decided_on <= on
            and (start is None or start <= decided_on)
            and (not same_kind or prior_kind == kind)
        ):
            return False, rule.basis if rule is not None else None
    return True, rule.basis if rule is not None else None
