"""The timeline rules as a durable-rules ruleset: forward chaining over the
facts of one case.

Facts: a ``case``-free encoding — each signal of the history is a fact
(``t: s``) carrying its kind, day, position, subject and fields (and the
case's attributes, so a row's conditions sit on one fact); each deadline that
starts is a fact (``t: i``) asserted by the rule that starts it; the
evaluation date is a ``clock`` fact (``t: k``) asserted last.

Rules (per row of the timeline plan): a deadline row *starts* on its signal
(the first row of its group in force wins: later rows' conditions exclude
earlier ones'), is *extended*, *met* or *mooted* by later signals, and
*expires* once the clock is past its due date with no meeting or mooting
signal by then — asserting an ``expired`` signal that starts further
deadlines (the court-enforcement window after the suit period) and the
surcharge. The daily penalty's counting cycles, the halts, the pauses and the
follow-on measures are joins over signals. Actions compute dates with the
shared arithmetic and record what they find; nothing else is computed here.

Every evaluation runs in a session of its own, deleted afterwards, under the
adapter's one lock (``evaluate.durable_host``)."""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import attrs

from ..evaluate import durable_host
from ..plan.timeline_model import TimelinePlan
from .calendar import Calendar
from .durable_json import (
    AllOf,
    Leaf,
    case_cond,
    dated,
    exclusive,
    fact,
    inst_fact,
    pattern_cond,
    same_subject,
    signal_fact,
    taken_subject,
    to_json,
)
from .rules import Findings, expired_signal, groups, start_instance
from .signals import History, Signal

_SESSIONS = itertools.count()


def _assert(c: Any, fact: dict[str, Any]) -> None:
    """Assert a derived fact from an action (a fact no rule matches is fine)."""
    try:
        c.assert_fact(fact)
    except durable_host.NotHandled:
        pass


@attrs.define
class _Ctx:
    history: History
    cal: Calendar
    findings: Findings
    sigs: dict[str, Signal]
    pos: dict[str, int]
    errors: list[BaseException] = attrs.Factory(list)


class DurableTimeline:
    """A plan's timeline rules registered as one durable-rules ruleset."""

    name = "durable"

    def __init__(self, tp: TimelinePlan, cal: Calendar, label: str = "timeline") -> None:
        self.tp, self.cal = tp, cal
        self._ctx: _Ctx | None = None
        self.rules: dict[str, dict[str, Any]] = {}
        self._compile()
        self._ruleset = durable_host.unique_name(f"tl_{label}")
        durable_host.register(self._ruleset, {k: dict(v) for k, v in self.rules.items()})
        self._finalizer = weakref.finalize(self, durable_host.unregister, self._ruleset)

    def close(self) -> None:
        """Free the ruleset in the durable engine now (also done when collected)."""
        self._finalizer()

    # --- compiling ------------------------------------------------------------------------------

    def _rule(self, name: str, patterns: list[dict[str, Any]], action: Callable[[Any], None]) -> None:
        self.rules[name] = {"all": patterns, "run": self._guard(action)}

    def _guard(self, action: Callable[[Any], None]) -> Callable[[Any], None]:
        def run(c: Any) -> None:
            ctx = self._ctx
            assert ctx is not None
            try:
                action(c)
            except Exception as exc:  # surfaced after the run: durable would swallow it
                ctx.errors.append(exc)

        return run

    def _compile(self) -> None:
        # every session must run at least one action: deleting the state of a session in
        # which none ran frees an uninitialised pointer in durable-rules 2.0.28 (measured)
        self._rule("clock", [{"c": fact("k")}], lambda _c: None)
        tp = self.tp
        for rows in groups(tp).values():
            conds = [self._start_cond(i) for i in rows]
            for n, i in enumerate(rows):
                self._deadline(i, exclusive(conds, n))
        daily = [AllOf((dated(r.period, "d"), case_cond(r.when_case))) for r in tp.daily]
        for i in range(len(tp.daily)):  # on the re-inspection and on the clock alike
            self._daily(i, exclusive(daily, i))
        for i, row in enumerate(tp.surcharges):
            same = [j for j, r in enumerate(tp.surcharges) if r.after == row.after]
            conds = [
                AllOf(
                    (
                        Leaf("eq", "k", "expired"),
                        Leaf("eq", "w_deadline", row.after),
                        dated(tp.surcharges[j].period, "d"),
                        case_cond(tp.surcharges[j].when_case),
                    )
                )
                for j in same
            ]
            self._surcharge(i, exclusive(conds, same.index(i)))
        for i, measure in enumerate(tp.measures):
            same = [j for j, m in enumerate(tp.measures) if m.measure == measure.measure]
            conds = [
                AllOf(
                    (
                        pattern_cond(tp.measures[j].after[0].pattern),
                        dated(tp.measures[j].period, "d"),
                        case_cond(tp.measures[j].when_case),
                    )
                )
                for j in same
            ]
            self._measure(i, exclusive(conds, same.index(i)))

    def _start_cond(self, i: int) -> Any:
        row = self.tp.deadlines[i]
        ref = f"dt_{row.starts_from}" if row.starts_from else "d"
        parts = [pattern_cond(row.start), case_cond(row.when_case), dated(row.period, ref)]
        if row.due_field:
            parts.append(Leaf("gt", f"dt_{row.due_field}", 0))
        return AllOf(tuple(parts))

    def _deadline(self, i: int, cond: Any) -> None:
        row = self.tp.deadlines[i]
        inst = fact("i", {"r": i})
        self._rule(f"d{i}_start", [{"m": fact("s", to_json(cond))}], self._on_start(i))
        if row.extension is not None:
            ext = Leaf("eq", "k", row.extension.signal)
            self._rule(
                f"d{i}_ext",
                [
                    {"i": inst},
                    {"e": fact("s", to_json(ext), {"s": {"i": "s"}}, {"$gt": {"p": {"i": "ep"}}})},
                    {
                        "n$not": fact(
                            "s",
                            to_json(ext),
                            {"s": {"i": "s"}},
                            {"$gt": {"p": {"i": "ep"}}},
                            {"$lt": {"p": {"e": "p"}}},
                        )
                    },
                ],
                self._on_extend,
            )
        after = [{"$gt": {"p": {"i": "sp"}}}, same_subject("i", "any")]
        for j, p in enumerate(row.met_by):
            self._rule(
                f"d{i}_meet{j}",
                [{"i": inst}, {"g": fact("s", to_json(pattern_cond(p)), *after)}],
                self._on_settle("meetings"),
            )
        for j, p in enumerate(row.moot_by):
            self._rule(
                f"d{i}_moot{j}",
                [{"i": inst}, {"g": fact("s", to_json(pattern_cond(p)), *after)}],
                self._on_settle("moots"),
            )
        by_due = {"$lte": {"d": {"i": "due"}}}
        settled = [
            {f"n{j}$not": fact("s", to_json(pattern_cond(p)), *after, by_due)}
            for j, p in enumerate((*row.met_by, *row.moot_by))
        ]
        self._rule(
            f"d{i}_expire",
            [{"i": inst}, {"c": fact("k", {"$gt": {"d": {"i": "due"}}})}, *settled],
            self._on_expire(row.group),
        )

    def _daily(self, i: int, cond: Any) -> None:
        row = self.tp.daily[i]
        order = fact("s", {"k": "order_to_correct"})
        failed = AllOf((Leaf("eq", "k", "reinspection"), Leaf("eq", "w_failed", "true"), cond))
        self._rule(
            f"p{i}_cycle",
            [
                {"o": order},
                {"r": fact("s", to_json(failed), {"s": {"o": "s"}})},
                {"n$not": fact("s", {"k": "reinspection"}, {"s": {"o": "s"}}, {"$lt": {"p": {"r": "p"}}})},
            ],
            self._on_cycle(i),
        )
        self._rule(
            f"p{i}_accrue",
            [
                {"o": order},
                {"c": fact("k", to_json(cond))},
                {"n$not": fact("s", {"k": "reinspection"}, {"s": {"o": "s"}})},
                {"m$not": fact("s", {"k": "order_to_correct"}, {"$gt": {"p": {"o": "p"}}})},
            ],
            self._on_accrue(i),
        )
        for j, halt in enumerate(row.stopped_by):
            start = {"h": fact("s", to_json(pattern_cond(halt.start)))}
            self._rule(f"p{i}_halt{j}", [start], self._on_open("halts", i, j, "h"))
            self._rule(
                f"p{i}_halt{j}_end",
                [start, {"l": fact("s", {"k": halt.until}, {"s": {"h": "s"}}, {"$gt": {"p": {"h": "p"}}})}],
                self._on_close("halts", i, j, "h", "l"),
            )

    def _surcharge(self, i: int, cond: Any) -> None:
        self._rule(f"s{i}_start", [{"x": fact("s", to_json(cond))}], self._on_surcharge(i))
        for j, (start, end) in enumerate(self.tp.surcharges[i].pauses):
            first = {"a": fact("s", {"k": start})}
            self._rule(f"s{i}_pause{j}", [first], self._on_open("pauses", i, j, "a"))
            self._rule(
                f"s{i}_pause{j}_end",
                [first, {"b": fact("s", {"k": end}, {"s": {"a": "s"}}, {"$gt": {"p": {"a": "p"}}})}],
                self._on_close("pauses", i, j, "a", "b"),
            )

    def _measure(self, i: int, cond: Any) -> None:
        m = self.tp.measures[i]
        head = [{"c": fact("k")}, {"t0": fact("s", to_json(cond))}]
        unless = [
            {f"u{j}$not": fact("s", to_json(pattern_cond(p)), same_subject("t0", "ca"))}
            for j, p in enumerate(m.unless)
        ]
        rest = [
            {f"t{j}": fact("s", to_json(pattern_cond(t.pattern)), same_subject("t0", "ca"))}
            for j, t in enumerate(m.after)
            if j > 0
        ]
        self._rule(f"m{i}_available", [*head, *rest, *unless], self._on_measure(i, len(m.after)))
        if m.taken_by is not None:
            taken = {
                "g": fact(
                    "s", to_json(pattern_cond(m.taken_by)), {"$gt": {"p": {"t0": "p"}}}, taken_subject("t0")
                )
            }
            self._rule(f"m{i}_taken", [*head, taken, *unless], self._on_taken(i))

    # --- actions --------------------------------------------------------------------------------

    def _on_start(self, i: int) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            ctx = self._ctx
            assert ctx is not None
            inst = start_instance(i, self.tp.deadlines[i], ctx.sigs[c.m.key], ctx.cal)
            if inst.id in ctx.findings.instances:  # one match per satisfied $or branch
                return
            ctx.findings.instances[inst.id] = inst
            _assert(c, inst_fact(inst))

        return action

    def _on_extend(self, c: Any) -> None:
        ctx = self._ctx
        assert ctx is not None
        inst = ctx.findings.instances[c.i.iid]
        if c.e.p <= inst.last_ext:  # already applied (a repeated match)
            return
        inst.due = date.fromordinal(c.i.due + c.e.n_days)
        inst.extensions += 1
        inst.last_ext = c.e.p
        c.retract_fact(c.i)
        _assert(c, inst_fact(inst))

    def _on_settle(self, store: str) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            ctx = self._ctx
            assert ctx is not None
            ctx.findings.first(getattr(ctx.findings, store), c.i.iid, c.g.key, ctx.pos)

        return action

    def _on_expire(self, group: str) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            ctx = self._ctx
            assert ctx is not None
            if c.i.iid in ctx.findings.expired:  # a repeated match
                return
            sig = expired_signal(ctx.findings.instances[c.i.iid], group)
            ctx.findings.expired[c.i.iid] = sig
            ctx.sigs[sig.key] = sig
            ctx.pos[sig.key] = sig.pos
            _assert(c, signal_fact(sig, ctx.history.case))

        return action

    def _on_cycle(self, i: int) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            assert self._ctx is not None
            self._ctx.findings.cycles.add((i, c.o.key, c.r.key))

        return action

    def _on_accrue(self, i: int) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            assert self._ctx is not None
            self._ctx.findings.accruing.add((i, c.o.key))

        return action

    def _on_open(self, store: str, i: int, j: int, name: str) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            assert self._ctx is not None
            getattr(self._ctx.findings, store).setdefault((i, j, getattr(c, name).key), None)

        return action

    def _on_close(self, store: str, i: int, j: int, name: str, end: str) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            ctx = self._ctx
            assert ctx is not None
            key = (i, j, getattr(c, name).key)
            table = getattr(ctx.findings, store)
            old = table.get(key)
            new = getattr(c, end).key
            if old is None or ctx.pos[new] < ctx.pos[old]:
                table[key] = new

        return action

    def _on_surcharge(self, i: int) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            assert self._ctx is not None
            self._ctx.findings.surcharges.add((i, c.x.key))

        return action

    def _on_measure(self, i: int, n: int) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            assert self._ctx is not None
            self._ctx.findings.measures.add((i, tuple(getattr(c, f"t{j}").key for j in range(n))))

        return action

    def _on_taken(self, i: int) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            ctx = self._ctx
            assert ctx is not None
            ctx.findings.first(ctx.findings.taken, (i, c.t0.key), c.g.key, ctx.pos)

        return action

    # --- running --------------------------------------------------------------------------------

    def evaluate(self, history: History) -> Findings:
        """Assert the history's signals in order, then the clock; collect the findings."""
        facts: list[Mapping[str, Any]] = [signal_fact(s, history.case) for s in history.signals]
        facts.append(
            {
                "t": "k",
                "v": 1,
                "d": history.as_of.toordinal(),
                "c_daily_penalty": history.case.daily_penalty,
                "c_detention": history.case.detention,
            }
        )
        ctx = _Ctx(history, self.cal, Findings(), history.by_key(), {s.key: s.pos for s in history.signals})

        def begin() -> None:
            self._ctx = ctx

        with durable_host.LOCK:
            session = f"tl{next(_SESSIONS)}"
            try:
                durable_host.post_events(self._ruleset, facts, [], session, before=begin)
            finally:
                self._ctx = None
        if ctx.errors:
            raise ctx.errors[0]
        return ctx.findings
