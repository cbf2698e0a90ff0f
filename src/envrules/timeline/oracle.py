"""The plain-Python evaluation of the timeline rules: the same meaning as the
durable-rules ruleset (``durable.py``), written as loops over the signals.
The property tests check the two always find the same; it is also offered as
``evaluator="python"`` (it is faster)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from itertools import product

from ..plan.timeline_model import Pattern, TimelinePlan
from .calendar import Calendar
from .rules import (
    Findings,
    Inst,
    case_ok,
    expired_signal,
    first_deadline,
    first_row,
    groups_for,
    start_instance,
    subject_match,
)
from .signals import HEADS, History, Signal


def _first(sigs: Sequence[Signal], patterns: Sequence[Pattern], inst: Inst) -> Signal | None:
    return next(
        (
            s
            for s in sigs
            if s.pos > inst.start_pos
            and subject_match(inst.subject, s)
            and any(p.matches(s.kind, s.fields) for p in patterns)
        ),
        None,
    )


class _Run:
    def __init__(self, tp: TimelinePlan, h: History, cal: Calendar) -> None:
        self.tp, self.h, self.cal = tp, h, cal
        self.base = h.signals
        self.f = Findings()

    def deadlines(self) -> list[Signal]:
        """Start every deadline a signal starts, in order; return the expired signals."""
        work = list(self.base)
        late: list[Signal] = []
        while work:
            new: list[Signal] = []
            for sig in work:
                for rows in groups_for(self.tp, sig.kind).values():
                    index = first_deadline(self.tp, rows, sig, self.h.case)
                    if index is not None:
                        expired = self._deadline(index, sig)
                        if expired is not None:
                            new.append(expired)
            late.extend(new)
            work = new
        return late

    def _deadline(self, index: int, sig: Signal) -> Signal | None:
        row = self.tp.deadlines[index]
        inst = start_instance(index, row, sig, self.cal)
        ext = row.extension
        if ext is not None:
            for e in self.base:
                if e.kind == ext.signal and e.subject == inst.subject and e.pos > inst.start_pos:
                    inst.due = inst.due + timedelta(days=e.ints["days"])
                    inst.extensions += 1
                    inst.last_ext = e.pos
        self.f.instances[inst.id] = inst
        met = _first(self.base, row.met_by, inst)
        moot = _first(self.base, row.moot_by, inst)
        if met is not None:
            self.f.meetings[inst.id] = met.key
        if moot is not None:
            self.f.moots[inst.id] = moot.key
        settled = any(s is not None and s.day <= inst.due for s in (met, moot))
        if inst.due < self.h.as_of and not settled:
            expired = expired_signal(inst, row.group)
            self.f.expired[inst.id] = expired
            return expired
        return None

    def daily(self) -> None:
        reinspections = [s for s in self.base if s.kind == "reinspection"]
        orders = [s for s in self.base if s.kind == "order_to_correct"]
        rows = list(enumerate(self.tp.daily))
        for r in reinspections:
            first = next(x for x in reinspections if x.subject == r.subject)
            if first is not r or r.fields["failed"] != "true":
                continue
            index = first_row(rows, r.day, self.h.case)
            if index is not None:
                self.f.cycles.add((index, f"e{r.subject}", r.key))
        index = first_row(rows, self.h.as_of, self.h.case)
        if index is not None and orders:
            last = orders[-1]
            if not any(x.subject == last.subject for x in reinspections):
                self.f.accruing.add((index, last.key))
        for index, row in rows:
            for j, halt in enumerate(row.stopped_by):
                for s in self.base:
                    if halt.start.matches(s.kind, s.fields):
                        end = next(
                            (
                                x.key
                                for x in self.base
                                if x.kind == halt.until and x.subject == s.subject and x.pos > s.pos
                            ),
                            None,
                        )
                        self.f.halts[(index, j, s.key)] = end

    def surcharges(self, late: Sequence[Signal]) -> None:
        rows = list(enumerate(self.tp.surcharges))
        for x in late:
            fitting = [(i, r) for i, r in rows if r.after == x.fields["deadline"]]
            index = first_row(fitting, x.day, self.h.case)
            if index is not None:
                self.f.surcharges.add((index, x.key))
        for index, row in rows:
            for j, (start, end) in enumerate(row.pauses):
                for s in self.base:
                    if s.kind == start:
                        stop = next(
                            (
                                x.key
                                for x in self.base
                                if x.kind == end and x.subject == s.subject and x.pos > s.pos
                            ),
                            None,
                        )
                        self.f.pauses[(index, j, s.key)] = stop

    def measures(self, late: Sequence[Signal]) -> None:
        everything = sorted((*self.base, *late), key=lambda s: s.pos)
        by_measure: dict[str, list[int]] = {}
        for i, m in enumerate(self.tp.measures):
            by_measure.setdefault(m.measure, []).append(i)
        for t0 in everything:
            for indices in by_measure.values():
                index = next((i for i in indices if self._first_trigger(i, t0)), None)
                if index is not None:
                    self._measure(index, t0, everything)

    def _first_trigger(self, index: int, t0: Signal) -> bool:
        m = self.tp.measures[index]
        return (
            m.after[0].pattern.matches(t0.kind, t0.fields)
            and m.period.contains(t0.day)
            and case_ok(m.when_case, self.h.case)
        )

    def _measure(self, index: int, t0: Signal, everything: Sequence[Signal]) -> None:
        m = self.tp.measures[index]
        if any(
            p.matches(s.kind, s.fields) and subject_match(t0.subject, s) for s in self.base for p in m.unless
        ):
            return
        options = [
            [s for s in everything if t.pattern.matches(s.kind, s.fields) and subject_match(t0.subject, s)]
            for t in m.after[1:]
        ]
        for rest in product(*options):
            self.f.measures.add((index, (t0.key, *(s.key for s in rest))))
        if m.taken_by is not None:
            taken = next(
                (
                    s
                    for s in self.base
                    if s.pos > t0.pos
                    and (subject_match(t0.subject, s) or s.kind in HEADS)
                    and m.taken_by.matches(s.kind, s.fields)
                ),
                None,
            )
            if taken is not None:
                self.f.taken[(index, t0.key)] = taken.key


def evaluate(tp: TimelinePlan, history: History, cal: Calendar) -> Findings:
    """The findings of the timeline rules on a history, in plain Python."""
    run = _Run(tp, history, cal)
    late = run.deadlines()
    run.daily()
    run.surcharges(late)
    run.measures(late)
    return run.f
