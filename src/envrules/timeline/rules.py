"""What the timeline rules mean, shared by both evaluators: which row of a
group applies to a signal (the first in force whose conditions hold), the
deadline a row starts (its due date), and what an evaluator finds — the
:class:`Findings` the durable-rules ruleset and the plain-Python oracle both
produce, and that the status is assembled from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import attrs

from ..plan import Plan
from ..plan.timeline_model import TDeadline, TimelinePlan, Where
from .calendar import Calendar
from .signals import CASE, DAY, CaseFacts, Signal


def case_ok(where: Where, case: CaseFacts) -> bool:
    return all(case.get(k) in v for k, v in where)


def ref_day(row: TDeadline, sig: Signal) -> date | None:
    return sig.dates.get(row.starts_from) if row.starts_from else sig.day


def deadline_applies(row: TDeadline, sig: Signal, case: CaseFacts) -> bool:
    """The row's own conditions (not whether an earlier row of its group wins)."""
    if not row.start.matches(sig.kind, sig.fields) or not case_ok(row.when_case, case):
        return False
    day = ref_day(row, sig)
    if day is None or not row.period.contains(day):
        return False
    return row.due_field is None or row.due_field in sig.dates


def groups(tp: TimelinePlan) -> dict[str, list[int]]:
    """Deadline row indices by group, in ruleset order."""
    out: dict[str, list[int]] = {}
    for i, row in enumerate(tp.deadlines):
        out.setdefault(row.group, []).append(i)
    return out


_BY_SIGNAL: dict[int, tuple[TimelinePlan, dict[str, dict[str, list[int]]]]] = {}


def groups_for(tp: TimelinePlan, kind: str) -> dict[str, list[int]]:
    """The groups with a row that a signal of ``kind`` can start, with those rows
    (ruleset order), computed once per plan."""
    entry = _BY_SIGNAL.get(id(tp))
    if entry is None or entry[0] is not tp:
        index: dict[str, dict[str, list[int]]] = {}
        for group, rows in groups(tp).items():
            for kind_ in {tp.deadlines[i].start.signal for i in rows}:
                index.setdefault(kind_, {})[group] = rows
        if len(_BY_SIGNAL) > 64:
            _BY_SIGNAL.clear()
        entry = _BY_SIGNAL[id(tp)] = (tp, index)
    return entry[1].get(kind, {})


def first_deadline(tp: TimelinePlan, rows: Iterable[int], sig: Signal, case: CaseFacts) -> int | None:
    return next((i for i in rows if deadline_applies(tp.deadlines[i], sig, case)), None)


def first_row(rows: Iterable[tuple[int, Any]], day: date, case: CaseFacts) -> int | None:
    """The first dated row (daily penalty, surcharge) in force on ``day``."""
    return next((i for i, r in rows if r.period.contains(day) and case_ok(r.when_case, case)), None)


@attrs.define
class Inst:
    """A deadline that started: its row, the signal it runs from, its due date."""

    id: str
    row: int
    start: str  # key of the start signal
    start_pos: int
    subject: int
    due: date
    extensions: int = 0
    last_ext: int = 0  # position of the last extension applied
    gaps: frozenset[int] = frozenset()  # years counted without a holiday calendar

    @property
    def any_subject(self) -> bool:
        return self.subject == CASE


def start_instance(index: int, row: TDeadline, sig: Signal, cal: Calendar) -> Inst:
    gaps: set[int] = set()
    if row.due_field is not None:
        due = sig.dates[row.due_field]
    else:
        assert row.span is not None
        span = row.span
        if row.period_field is not None and row.period_field in sig.ints:
            span = attrs.evolve(span, n=min(span.n, sig.ints[row.period_field]))
        base = ref_day(row, sig)
        assert base is not None
        due = cal.add(base, span, gaps)
        if row.roll:
            due = cal.next_working(due, gaps)
    return Inst(
        f"{row.group}@{sig.key}",
        index,
        sig.key,
        sig.pos,
        sig.subject,
        due,
        last_ext=sig.pos,
        gaps=frozenset(gaps),
    )


def subject_match(subject: int, sig: Signal) -> bool:
    return subject == CASE or sig.subject == CASE or sig.subject == subject


def expired_signal(inst: Inst, group: str) -> Signal:
    from ..core.citation import ReadOnlyMap

    day = inst.due + timedelta(days=1)
    return Signal(
        f"x:{inst.id}",
        "expired",
        day,
        day.toordinal() * DAY,
        inst.subject,
        None,
        ReadOnlyMap({"deadline": group}),
        ReadOnlyMap({"due": inst.due}),
    )


@attrs.define
class Findings:
    """What an evaluator found; keys are signal keys, rows are indices into
    the timeline plan's lists."""

    instances: dict[str, Inst] = attrs.Factory(dict)
    meetings: dict[str, str] = attrs.Factory(dict)  # deadline id -> first signal meeting it
    moots: dict[str, str] = attrs.Factory(dict)
    expired: dict[str, Signal] = attrs.Factory(dict)  # deadline id -> its expired signal
    cycles: set[tuple[int, str, str]] = attrs.Factory(set)  # (daily row, order, reinspection)
    accruing: set[tuple[int, str]] = attrs.Factory(set)  # (daily row, open order)
    halts: dict[tuple[int, int, str], str | None] = attrs.Factory(dict)  # -> first end
    surcharges: set[tuple[int, str]] = attrs.Factory(set)  # (row, expired signal)
    pauses: dict[tuple[int, int, str], str | None] = attrs.Factory(dict)
    measures: set[tuple[int, tuple[str, ...]]] = attrs.Factory(set)  # (row, trigger keys)
    taken: dict[tuple[int, str], str] = attrs.Factory(dict)  # (row, first trigger) -> signal

    def first(self, store: dict[Any, Any], key: Any, sig: str, pos: Mapping[str, int]) -> None:
        """Keep the earliest signal for ``key``."""
        old = store.get(key)
        if old is None or pos[sig] < pos[old]:
            store[key] = sig

    def comparable(self) -> dict[str, Any]:
        """A plain form for comparing two evaluators' findings."""
        return {
            name: (sorted(map(repr, value.items())) if isinstance(value, dict) else sorted(map(repr, value)))
            for name, value in attrs.asdict(self, recurse=False).items()
        }


def check_extensions(c: Any, plan: Plan, case: CaseFacts) -> None:
    """Extensions and shorter periods against the limits of the rule in force
    (a seal-up extended twice, or by more than the law allows, is an error)."""
    tp = plan.timeline
    if tp is None:
        return
    from ..core.citation import ReadOnlyMap
    from .signals import signal_fields  # the same fields the signals carry

    limited = {r.start.signal for r in tp.deadlines if r.extension or r.period_field}
    cal = Calendar(tp.calendar)
    for head in c.order:
        e = c.events[head]
        if e.type not in limited:
            continue
        f, d, n = signal_fields(e)
        sig = Signal(
            f"e{head}", e.type, e.date, 0, head, head, ReadOnlyMap(f), ReadOnlyMap(d), ReadOnlyMap(n)
        )
        for rows in groups_for(tp, e.type).values():
            index = first_deadline(tp, rows, sig, case)
            if index is not None:
                _check_one(c, tp.deadlines[index], sig, head, cal)


def _check_one(c: Any, row: TDeadline, sig: Signal, head: int, cal: Calendar) -> None:
    if row.period_field and row.span and sig.ints.get(row.period_field, 0) > row.span.n:
        c.bad(
            head,
            f"{row.period_field} is more than the {row.span.n} the law allows ({row.basis.cite()})",
            f"{row.period_field}超过法定的{row.span.n}日（{row.basis.cite()}）",
            f".{row.period_field}",
        )
    ext = row.extension
    if ext is None:
        return
    inst = start_instance(0, row, sig, cal)
    times = 0
    for i in c.order:
        e = c.events[i]
        if e.type != ext.signal or c.subject.get(i) != head:
            continue
        times += 1
        if times > ext.max_times:
            c.bad(
                i,
                f"extended more than {ext.max_times} time(s) ({row.basis.cite()})",
                f"延长超过{ext.max_times}次（{row.basis.cite()}）",
            )
        elif e.days > ext.max_days:
            c.bad(
                i,
                f"an extension of {e.days} days is more than {ext.max_days} ({row.basis.cite()})",
                f"延长{e.days}日，超过{ext.max_days}日（{row.basis.cite()}）",
                ".days",
            )
        elif e.date > inst.due:
            c.bad(
                i,
                f"extended after the period ended on {inst.due}",
                f"在期限（{inst.due}届满）之后才延长",
                ".date",
            )
        else:
            inst.due += timedelta(days=e.days)
