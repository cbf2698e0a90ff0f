"""The amounts a timeline computes: the late-payment surcharge (a rate of the
unpaid fine a day, optionally capped at the fine, not counted during pauses)
and the daily penalty's days. Decimal yuan throughout; nothing rounds until
the end (to the fen)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from itertools import pairwise

import attrs

from ..core.money import CONTEXT, ZERO

FEN = Decimal("0.01")


@attrs.frozen
class Surcharge:
    days: int  # days counted
    paused: int  # days not counted (review, suit)
    amount: Decimal
    capped_on: date | None


def _paused(day: date, pauses: Sequence[tuple[date, date]]) -> bool:
    return any(a <= day <= b for a, b in pauses)


def surcharge(
    fine: Decimal,
    rate_percent: Decimal,
    capped: bool,
    start: date,
    end: date,
    payments: Sequence[tuple[date, Decimal]],
    pauses: Sequence[tuple[date, date]],
) -> Surcharge:
    """The surcharge from ``start`` to ``end`` (both counted). Each counted day
    adds ``rate_percent`` % of the fine still unpaid at its start (a payment
    counts from the next day); days inside a pause are not counted; with
    ``capped`` the total stops at the fine, on the day it reaches it."""
    if end < start:
        return Surcharge(0, 0, ZERO, None)
    points = {start, end + timedelta(days=1)}
    for day, _ in payments:
        if start < day + timedelta(days=1) <= end:
            points.add(day + timedelta(days=1))
    for a, b in pauses:
        for edge in (a, b + timedelta(days=1)):
            if start < edge <= end:
                points.add(edge)
    ordered = sorted(points)
    accrued, days, paused = ZERO, 0, 0
    capped_on = None
    for first, nxt in pairwise(ordered):
        length = (nxt - first).days
        if _paused(first, pauses):
            paused += length
            continue
        base = fine - sum((amount for day, amount in payments if day < first), ZERO)
        if base <= 0:
            break
        per_day = CONTEXT.divide(CONTEXT.multiply(base, rate_percent), Decimal(100))
        if capped and per_day > 0:
            to_cap = (CONTEXT.divide(fine - accrued, per_day)).to_integral_value(ROUND_CEILING)
            if to_cap <= length:
                days += int(to_cap)
                accrued = fine
                capped_on = first + timedelta(days=int(to_cap) - 1)
                break
        accrued = CONTEXT.add(accrued, CONTEXT.multiply(per_day, Decimal(length)))
        days += length
    return Surcharge(days, paused, accrued.quantize(FEN, rounding=ROUND_HALF_UP), capped_on)


def daily_total(per_day: Decimal | None, days: int) -> Decimal | None:
    return None if per_day is None else CONTEXT.multiply(per_day, Decimal(days))
