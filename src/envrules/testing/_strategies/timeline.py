"""Strategies for case histories: dated events that could have happened, drawn
as a walk through a case (valid by construction — a payment only after a
decision with a fine, a review ended only after one was filed, a seal-up
extended at most once, by at most 30 days, before it lapsed), starting near
the days the law or the holiday calendar changes."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

if TYPE_CHECKING:
    from ...plan import Plan


def anchors(plan: Plan | None = None) -> tuple[date, ...]:
    """The days a history starts near: where a timeline rule of the plan
    starts or ends (a change of the law) and where its calendar's holidays
    begin — read from the rulesets, never written here. Default: the shipped
    national plan."""
    return _anchors(plan) if plan is not None else _national_anchors()


@functools.cache
def _national_anchors() -> tuple[date, ...]:
    from ... import load

    return _anchors(load("national").plan)


def _anchors(plan: Plan) -> tuple[date, ...]:
    tl = plan.timeline
    if tl is None:
        raise ValueError(f"profile {plan.profile} has no timeline rules to draw histories for")
    days: set[date] = set()
    periods = (
        [r.period for r in tl.deadlines]
        + [r.period for r in tl.daily]
        + [r.period for r in tl.surcharges]
        + [r.period for r in tl.measures]
    )
    for period in periods:
        days |= {d for d in (period.start, period.end) if d is not None}
    holidays = sorted(tl.calendar.holidays)
    days |= {date.fromordinal(h) for i, h in enumerate(holidays) if i == 0 or holidays[i - 1] != h - 1}
    # within the years the calendar covers (outside them, working days are only estimated)
    first = date.fromordinal(holidays[0]).replace(month=1, day=1) if holidays else date.min
    return tuple(sorted(d for d in days if d >= first))


class _Walk:
    """The state of a case while its events are drawn."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.decisions: list[tuple[int, int]] = []  # (index, unpaid yuan)
        self.open_review: set[int] = set()
        self.open_suit: set[int] = set()
        self.order = False
        self.notice = False
        self.seal: tuple[date, int, bool] | None = None  # start, days, extended
        self.production = False

    def options(self, day: date) -> list[str]:
        out = [
            "found",
            "filed",
            "order_to_correct",
            "penalty_notice",
            "decision_served",
            "seal_up",
            "production_order",
            "transfer_to_police",
            "inspection",
        ]
        if self.order:
            out += ["reinspection", "reinspection", "correction_reported"]
        if self.notice:
            out += ["hearing_requested", "statement"]
        if self.decisions:
            out += ["review_filed", "suit_filed", "demand_served", "enforcement_applied"]
            if any(unpaid for _, unpaid in self.decisions):
                out += ["payment", "payment"]
        if self.open_review:
            out.append("review_ended")
        if self.open_suit:
            out.append("suit_ended")
        if self.seal is not None:
            start, days, extended = self.seal
            out.append("seal_up_lifted")
            if not extended and day <= start + timedelta(days=days):
                out.append("seal_up_extended")
        if self.production:
            out.append("production_order_lifted")
        return out


def _event(draw: Any, w: _Walk, kind: str, day: date) -> dict[str, Any]:
    e: dict[str, Any] = {"type": kind, "date": day.isoformat()}
    index = len(w.events)
    if kind == "order_to_correct":
        w.order = True
        if draw(st.booleans()):
            e["deadline"] = (day + timedelta(days=draw(st.integers(0, 30)))).isoformat()
    elif kind == "reinspection":
        e["result"] = draw(st.sampled_from(["corrected", "continuing", "refused", "obstructed"]))
    elif kind == "inspection":
        e["finding"] = draw(st.sampled_from(["compliant", "violation"]))
    elif kind == "penalty_notice":
        w.notice = True
        e["hearing_right"] = draw(st.booleans())
    elif kind == "decision_served":
        fine = draw(st.sampled_from([0, 1000, 10000, 12345, 100000, 999999]))
        if fine:
            e["fine"] = str(fine)
        e["kind"] = draw(st.sampled_from(["penalty", "penalty", "daily_penalty"]))
        if draw(st.booleans()):
            e["made_on"] = (day - timedelta(days=draw(st.integers(0, 5)))).isoformat()
        w.decisions.append((index, fine))
    elif kind == "payment":
        k = draw(st.sampled_from([i for i, (_, unpaid) in enumerate(w.decisions) if unpaid]))
        target, unpaid = w.decisions[k]
        amount = unpaid if draw(st.booleans()) else draw(st.integers(1, unpaid))
        w.decisions[k] = (target, unpaid - amount)
        e.update(amount=str(amount), decision=target)
    elif kind in ("review_filed", "suit_filed"):
        target = draw(st.sampled_from([i for i, _ in w.decisions]))
        bucket = w.open_review if kind == "review_filed" else w.open_suit
        if target in bucket:
            return _event(draw, w, "inspection", day)
        bucket.add(target)
        e["decision"] = target
    elif kind in ("review_ended", "suit_ended"):
        bucket = w.open_review if kind == "review_ended" else w.open_suit
        target = draw(st.sampled_from(sorted(bucket)))
        bucket.discard(target)
        e.update(decision=target, outcome=draw(st.sampled_from(["upheld", "upheld", "revoked"])))
    elif kind == "seal_up":
        days = draw(st.integers(1, 30))
        w.seal = (day, days, False)
        e.update(days=days, halts_discharge=draw(st.booleans()))
    elif kind == "seal_up_extended":
        assert w.seal is not None
        days = draw(st.integers(1, 30))
        w.seal = (w.seal[0], w.seal[1] + days, True)
        e["days"] = days
    elif kind == "seal_up_lifted":
        w.seal = None
    elif kind == "production_order":
        w.production = True
        e["measure"] = draw(st.sampled_from(["restrict", "suspend"]))
    elif kind == "production_order_lifted":
        w.production = False
    return e


@st.composite
def case_histories(draw: Any, max_events: int = 14, plan: Plan | None = None) -> list[dict[str, Any]]:
    """A valid history of up to ``max_events`` events (plus, maybe, the act),
    starting near a day the plan's timeline law or holiday calendar changes."""
    day = draw(st.sampled_from(anchors(plan))) + timedelta(days=draw(st.integers(-30, 30)))
    w = _Walk()
    if draw(st.booleans()):
        continuing = draw(st.booleans())
        act: dict[str, Any] = {
            "type": "act",
            "date": (day - timedelta(days=draw(st.integers(0, 900)))).isoformat(),
            "harm": draw(st.booleans()),
            "continuing": continuing,
            "daily_penalty": draw(st.sampled_from([True, False, None])),
            "detention": draw(st.sampled_from(["after_refusal", "on_act", None])),
        }
        if not continuing and draw(st.booleans()):
            act["ended_on"] = act["date"]
        w.events.append(act)
    for _ in range(draw(st.integers(1, max_events))):
        day += timedelta(days=draw(st.sampled_from([0, 1, 2, 5, 10, 16, 20, 31, 45])))
        kind = draw(st.sampled_from(w.options(day)))
        w.events.append(_event(draw, w, kind, day))
    return w.events


def as_of_for(events: list[dict[str, Any]]) -> st.SearchStrategy[date]:
    """An evaluation date around a history: before, inside or after it."""
    days = [date.fromisoformat(e["date"]) for e in events]
    first, last = min(days), max(days)
    return st.integers(-10, (last - first).days + 400).map(lambda n: first + timedelta(days=n))
