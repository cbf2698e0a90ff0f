"""From events to signals: the history is put in date order, checked for
events that cannot have happened, each event is linked to what it concerns
(a payment to its decision, a re-inspection to its order to correct), and
two signals are derived — ``paid`` when a decision's fine is paid in full,
``revoked`` when review or a court revokes it. Events after the evaluation
date are left out (they have not happened yet)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from ..core.citation import ReadOnlyMap
from ..core.errors import NoVersionInForce, Problem, problem
from ..plan import Plan
from .events import TimelineError, event_fine

CASE = -1
DAY = 100_000
"""A signal's position: its day's ordinal × DAY + its place on that day
(derived ``expired`` signals first, then events in the order given)."""

_HEAD = {  # event type -> the kind of event it concerns
    "payment": "decision_served",
    "review_filed": "decision_served",
    "review_ended": "decision_served",
    "suit_filed": "decision_served",
    "suit_ended": "decision_served",
    "demand_served": "decision_served",
    "enforcement_applied": "decision_served",
    "reinspection": "order_to_correct",
    "correction_reported": "order_to_correct",
    "statement": "penalty_notice",
    "hearing_requested": "penalty_notice",
    "hearing_held": "penalty_notice",
    "seal_up_extended": "seal_up",
    "seal_up_lifted": "seal_up",
    "production_order_lifted": "production_order",
}
HEADS = frozenset({"decision_served", "order_to_correct", "penalty_notice", "seal_up", "production_order"})
_LABEL = {
    "decision_served": ("处罚决定", "decision"),
    "order_to_correct": ("责令改正决定", "order to correct"),
    "penalty_notice": ("处罚告知", "penalty notice"),
    "seal_up": ("查封、扣押", "seal-up"),
    "production_order": ("限产、停产整治决定", "production order"),
}


@attrs.frozen(slots=True)
class Signal:
    key: str  # e3 (event 3), m3 (decision 3 made), p3 (paid by 3), v3 (revoked by 3), x:<deadline>
    kind: str
    day: date
    pos: int
    subject: int  # the head event it concerns (its own index for a head), or CASE
    event: int | None
    fields: ReadOnlyMap[str, str] = attrs.field(factory=ReadOnlyMap)
    dates: ReadOnlyMap[str, date] = attrs.field(factory=ReadOnlyMap)
    ints: ReadOnlyMap[str, int] = attrs.field(factory=ReadOnlyMap)


@attrs.frozen(slots=True)
class CaseFacts:
    daily_penalty: str  # yes / no / unknown
    detention: str  # after_refusal / on_act / none

    def get(self, name: str) -> str:
        return str(getattr(self, name))


@attrs.frozen(slots=True)
class History:
    events: tuple[Any, ...]
    as_of: date
    signals: tuple[Signal, ...]  # base signals (no expired), in position order
    case: CaseFacts
    ignored: tuple[int, ...]  # events after as_of
    fines: ReadOnlyMap[int, Decimal]  # decision index -> fine
    payments: ReadOnlyMap[int, tuple[tuple[date, Decimal, int], ...]]

    def by_key(self) -> dict[str, Signal]:
        return {s.key: s for s in self.signals}


def _b(value: bool) -> str:
    return "true" if value else "false"


def signal_fields(e: Any) -> tuple[dict[str, str], dict[str, date], dict[str, int]]:
    t = e.type
    if t == "act":
        ended = e.ended_on or (None if e.continuing else e.date)
        return (
            {"harm": _b(e.harm), "continuing": _b(e.continuing)},
            {"ended_on": ended} if ended else {},
            {},
        )
    if t == "order_to_correct":
        return {}, {"deadline": e.deadline} if e.deadline else {}, {}
    if t == "reinspection":
        return {"result": e.result, "failed": _b(e.result != "corrected")}, {}, {}
    if t == "inspection":
        return {"finding": e.finding}, {}, {}
    if t == "penalty_notice":
        return {"hearing_right": _b(e.hearing_right)}, {}, {}
    if t == "decision_served":
        fine = event_fine(e)
        return {"kind": e.kind, "has_fine": _b(fine is not None and fine > 0)}, {}, {}
    if t in ("review_ended", "suit_ended"):
        return {"outcome": e.outcome}, {}, {}
    if t == "seal_up":
        return (
            {"halts_discharge": _b(e.halts_discharge)},
            {},
            ({"days": e.days} if e.days is not None else {}),
        )
    if t == "seal_up_extended":
        return {}, {}, {"days": e.days}
    if t == "production_order":
        halts = e.halts_discharge if e.halts_discharge is not None else e.measure == "suspend"
        return {"measure": e.measure, "halts_discharge": _b(halts)}, {}, {}
    return {}, {}, {}


class _Checker:
    """Links events to what they concern, in date order, collecting problems."""

    def __init__(self, events: Sequence[Any]) -> None:
        self.events = events
        self.order = sorted(range(len(events)), key=lambda i: (events[i].date, i))
        self.subject: dict[int, int] = {}
        self.problems: list[Problem] = []

    def bad(self, i: int, en: str, zh: str, field: str = "") -> None:
        t = self.events[i].type
        self.problems.append(
            problem(f"{t}: {en}", f"{t}：{zh}", field=f"events[{i}]{field}", code="timeline.history")
        )

    def link(self) -> None:
        latest: dict[str, int] = {}
        open_review: set[tuple[str, int]] = set()
        for i in self.order:
            e = self.events[i]
            head = _HEAD.get(e.type)
            if e.type in HEADS:
                self.subject[i] = i
                latest[e.type] = i
            elif head is None:
                self.subject[i] = CASE
            else:
                self._concerns(i, head, latest, open_review)

    def _concerns(self, i: int, head: str, latest: dict[str, int], open_review: set[tuple[str, int]]) -> None:
        e = self.events[i]
        target = getattr(e, "decision", None)
        if target is not None:
            ok = (
                target < len(self.events)
                and self.events[target].type == head
                and (self.events[target].date, target) <= (e.date, i)
            )
            if not ok:
                self.bad(
                    i,
                    f"decision {target} is not a decision served before it",
                    f"decision {target} 不是此前送达的处罚决定",
                    ".decision",
                )
                return
        else:
            target = latest.get(head)
            if target is None:
                zh, en = _LABEL[head]
                self.bad(i, f"there is no {en} before it", f"此前没有{zh}")
                return
        self.subject[i] = target
        self._pairs(i, e.type, target, open_review)

    def _pairs(self, i: int, t: str, target: int, open_review: set[tuple[str, int]]) -> None:
        for start, end, zh in (
            ("review_filed", "review_ended", "行政复议"),
            ("suit_filed", "suit_ended", "行政诉讼"),
        ):
            if t == start:
                if (start, target) in open_review:
                    self.bad(i, "the earlier one has not ended", f"此前的{zh}尚未终结")
                open_review.add((start, target))
            elif t == end:
                if (start, target) not in open_review:
                    self.bad(i, f"no {start} for that decision before it", f"此前没有对该决定的{zh}")
                open_review.discard((start, target))
        if t == "payment" and event_fine(self.events[target]) in (None, Decimal(0)):
            self.bad(i, f"decision events[{target}] imposes no fine", f"处罚决定 events[{target}] 没有罚款")


def _check_act(c: _Checker, plan: Plan) -> CaseFacts:
    acts = [i for i in c.order if c.events[i].type == "act"]
    for extra in acts[1:]:
        c.bad(extra, "a history has one act event", "一个案件只有一个违法行为事件")
    if not acts:
        return CaseFacts("unknown", "none")
    i = acts[0]
    act = c.events[i]
    if act.ended_on is not None and (act.continuing or act.ended_on < act.date):
        c.bad(
            i,
            "ended_on is before the act or the act is continuing",
            "ended_on 早于行为发生日，或者行为仍在继续",
            ".ended_on",
        )
    for j, e in enumerate(c.events):
        if e.type in ("found", "filed") and e.date < act.date:
            c.bad(j, f"before the act occurred ({act.date})", f"早于违法行为发生日（{act.date}）", ".date")
    daily = {True: "yes", False: "no", None: "unknown"}[act.daily_penalty]
    if act.kind is not None:
        kind = plan.kinds.get(act.kind)
        try:
            version = kind.version_on(act.date) if kind is not None else None
        except NoVersionInForce:
            version = None
        if version is None:
            c.bad(
                i,
                f"no version of kind {act.kind!r} is in force on {act.date}",
                f"{act.date}没有有效的违法行为类别{act.kind!r}",
                ".kind",
            )
        elif act.daily_penalty is None:
            daily = "yes" if version.daily_penalty else "no"
    return CaseFacts(daily, act.detention or "none")


def build(events: Sequence[Any], plan: Plan, as_of: date) -> History:
    """Check the whole history and make the signals of the events up to ``as_of``."""
    c = _Checker(events)
    c.link()
    case = _check_act(c, plan)
    for i, e in enumerate(events):
        made = getattr(e, "made_on", None)
        if made is not None and made > e.date:
            c.bad(i, "made after it was served", "作出日期晚于送达日期", ".made_on")
    from .rules import check_extensions  # the limits are rules: checked against the plan

    check_extensions(c, plan, case)
    if c.problems:
        raise TimelineError(c.problems)
    return _signals(events, c, case, as_of)


def _signals(events: Sequence[Any], c: _Checker, case: CaseFacts, as_of: date) -> History:
    out: list[Signal] = []
    fines: dict[int, Decimal] = {}
    paid_so_far: dict[int, Decimal] = {}
    payments: dict[int, list[tuple[date, Decimal, int]]] = {}
    for i in c.order:
        e = events[i]
        if e.date > as_of:
            continue
        pos = e.date.toordinal() * DAY + 2 * i + 1
        f, d, n = signal_fields(e)
        s = c.subject[i]
        out.append(Signal(f"e{i}", e.type, e.date, pos, s, i, ReadOnlyMap(f), ReadOnlyMap(d), ReadOnlyMap(n)))
        if e.type == "decision_served":
            made = e.made_on or e.date
            out.append(
                Signal(
                    f"m{i}",
                    "decision_made",
                    made,
                    made.toordinal() * DAY + 2 * i + 2,
                    i,
                    i,
                    ReadOnlyMap({"kind": e.kind}),
                )
            )
            if event_fine(e):
                fines[i] = event_fine(e)  # type: ignore[assignment]
        elif e.type == "payment":
            before = paid_so_far.get(s, Decimal(0))
            paid_so_far[s] = before + e.amount
            payments.setdefault(s, []).append((e.date, e.amount, i))
            if before < fines[s] <= paid_so_far[s]:
                out.append(Signal(f"p{i}", "paid", e.date, pos + 1, s, i))
        elif e.type in ("review_ended", "suit_ended") and e.outcome == "revoked":
            out.append(Signal(f"v{i}", "revoked", e.date, pos + 1, s, i))
    ignored = tuple(i for i in range(len(events)) if events[i].date > as_of)
    out.sort(key=lambda s: s.pos)
    return History(
        tuple(events),
        as_of,
        tuple(out),
        case,
        ignored,
        ReadOnlyMap(fines),
        ReadOnlyMap({k: tuple(v) for k, v in payments.items()}),
    )
