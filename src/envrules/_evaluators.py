"""Evaluators decide which of a plan's conditions hold for a case's facts.

Both evaluators execute the same :class:`~envrules._plan.Plan`; everything
after condition matching (hit policies, dates, penalty arithmetic) is shared
code, so the two can only disagree if they evaluate a condition differently,
which the test suite checks on generated cases."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from ._conditions import compile_predicate
from ._plan import Plan

Matcher = Callable[[int], bool]
"""``matcher(i)`` tells whether condition ``i`` of the plan holds."""


class Evaluator(Protocol):
    name: str

    def matcher(self, facts: Mapping[str, Any]) -> Matcher:
        """Prepare to answer condition queries for one case's facts."""
        ...


class CompiledEvaluator:
    """The default: every condition compiled once to a Python closure and
    evaluated lazily, only when the decision procedure asks for it."""

    name = "compiled"

    def __init__(self, plan: Plan) -> None:
        self._predicates = tuple(compile_predicate(c) for c in plan.conditions)

    def matcher(self, facts: Mapping[str, Any]) -> Matcher:
        predicates = self._predicates
        return lambda i: predicates[i](facts)


def make_evaluator(plan: Plan, name: str) -> Evaluator:
    if name == "compiled":
        return CompiledEvaluator(plan)
    if name == "durable":
        from ._durable import DurableEvaluator

        return DurableEvaluator(plan)
    from ._errors import EnvrulesError

    raise EnvrulesError(f"unknown evaluator {name!r} (use 'compiled' or 'durable')")
