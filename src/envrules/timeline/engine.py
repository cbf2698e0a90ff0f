"""Evaluating a case's history against a plan's timeline rules: one
:class:`TimelineRules` per plan (its calendar and, once asked for, its
durable-rules ruleset), shared by every engine built on the plan, thread-safe,
and freed with the plan (or at once with :func:`release`)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Sequence
from datetime import date
from typing import Any

from ..core.citation import ReadOnlyMap
from ..core.dates import parse_date
from ..core.errors import problem
from ..plan import Plan
from ..plan.timeline_model import TCalendar, TimelinePlan
from .assemble import assemble
from .calendar import Calendar
from .events import TimelineError, parse_events
from .oracle import evaluate as evaluate_python
from .signals import build
from .status import CaseStatus

EVALUATORS = ("durable", "python")
_EMPTY = TimelinePlan((), (), (), (), TCalendar(frozenset(), frozenset(), ReadOnlyMap()))


class TimelineRules:
    """A plan's timeline rules, ready to evaluate with either evaluator."""

    def __init__(self, plan: Plan) -> None:
        self._plan = weakref.ref(plan)  # the shared cache must not keep a plan alive
        self.rules: TimelinePlan = plan.timeline or _EMPTY
        self.calendar = Calendar(self.rules.calendar)
        self._durable: Any = None
        self._lock = threading.Lock()

    @property
    def plan(self) -> Plan:
        plan = self._plan()
        if plan is None:  # pragma: no cover (callers hold the plan)
            raise ReferenceError("the plan of these timeline rules is gone")
        return plan

    def durable(self) -> Any:
        """The durable-rules ruleset of these rules (registered on first use)."""
        with self._lock:
            if self._durable is None:
                from .durable import DurableTimeline

                self._durable = DurableTimeline(self.rules, self.calendar, self.plan.profile)
            return self._durable

    def close(self) -> None:
        """Free the durable-rules ruleset now (it is also freed with the plan)."""
        with self._lock:
            if self._durable is not None:
                self._durable.close()
                self._durable = None

    def evaluate(self, events: Any, as_of: Any, evaluator: str = "durable") -> CaseStatus:
        """The status of a case's history on ``as_of``."""
        if evaluator not in EVALUATORS:
            raise TimelineError(
                [
                    problem(
                        f"unknown timeline evaluator {evaluator!r} (use 'durable' or 'python')",
                        f"没有名为{evaluator!r}的时间线求值器（可用 durable 或 python）",
                        field="evaluator",
                    )
                ]
            )
        day = _as_of(as_of)
        history = build(parse_events(events), self.plan, day)
        if evaluator == "python":
            findings = evaluate_python(self.rules, history, self.calendar)
        else:
            findings = self.durable().evaluate(history)
        return assemble(self.plan, history, findings, self.calendar, evaluator)


def _as_of(value: Any) -> date:
    try:
        return parse_date(value, "as_of")
    except ValueError as exc:
        raise TimelineError([problem(str(exc), f"as_of 无效：{exc}", field="as_of")]) from None


_RULES: dict[int, TimelineRules] = {}
_RULES_LOCK = threading.Lock()


def rules_for(plan: Plan) -> TimelineRules:
    """The shared timeline rules of a plan (made once, freed with the plan)."""
    key = id(plan)
    with _RULES_LOCK:
        found = _RULES.get(key)
        if found is not None and found._plan() is plan:
            return found
        made = TimelineRules(plan)
        _RULES[key] = made
    weakref.finalize(plan, _forget, key, made)
    return made


def _forget(key: int, made: TimelineRules) -> None:
    with _RULES_LOCK:
        if _RULES.get(key) is made:
            del _RULES[key]
    made.close()


def release(plan: Plan) -> None:
    """Free a plan's timeline ruleset in durable-rules now."""
    with _RULES_LOCK:
        made = _RULES.pop(id(plan), None)
    if made is not None:
        made.close()


def evaluate(plan: Plan, events: Sequence[Any], as_of: Any, evaluator: str = "durable") -> CaseStatus:
    return rules_for(plan).evaluate(events, as_of, evaluator)


def timeline_json(engine: Any, events: Sequence[Any], as_of: Any, evaluator: str = "durable") -> str:
    """The JSON the service returns for ``POST /v1/timeline`` ({events, as_of}):
    a CaseStatus (errors raise TimelineError naming ``events[i]`` or ``as_of``)."""
    status: CaseStatus = engine.timeline(events, as_of=as_of, evaluator=evaluator)
    return status.to_json()
