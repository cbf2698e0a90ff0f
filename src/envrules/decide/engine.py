"""The engine: a compiled plan plus an evaluator. Immutable and safe to share
across threads; every decision is a pure function of the case, the rulesets
and the dates the case gives (never the clock)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..case import Case
from ..core.limits import DEFAULT_LIMITS, Limits
from ..decision import Decision
from ..decision.results import Result
from ..evaluate import CompiledEvaluator, Evaluator
from ..plan import Plan
from .run import run
from .validation import RegionCache, check_case, parse_case

if TYPE_CHECKING:
    from ..timeline import CaseStatus

CaseInput = Case | Mapping[str, Any]


class Engine:
    """Decides cases for one profile. Create it with :func:`envrules.load`, or
    from a plan and an evaluator instance (as httpx takes a transport)."""

    __slots__ = ("_evaluator", "_limits", "_plan", "_regions")
    _plan: Plan
    _evaluator: Evaluator
    _limits: Limits
    _regions: RegionCache

    def __init__(
        self, plan: Plan, evaluator: Evaluator | None = None, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        ev = evaluator if evaluator is not None else CompiledEvaluator(plan)
        if getattr(ev, "plan", plan) is not plan:
            raise ValueError("the evaluator was built for another plan")
        for name, value in (
            ("_plan", plan),
            ("_evaluator", ev),
            ("_limits", limits),
            ("_regions", RegionCache(plan)),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Engine is immutable")

    def __repr__(self) -> str:
        return (
            f"<Engine profile={self._plan.profile!r} rulesets={self._plan.digest} "
            f"evaluator={self._evaluator.name}>"
        )

    @property
    def profile(self) -> str:
        return self._plan.profile

    @property
    def plan(self) -> Plan:
        """The compiled rulesets (immutable)."""
        return self._plan

    @property
    def evaluator(self) -> str:
        return self._evaluator.name

    @property
    def digest(self) -> str:
        """Content hash of the rulesets this engine decides with."""
        return self._plan.digest

    def with_evaluator(self, evaluator: str | Evaluator) -> Engine:
        """The same plan executed by another evaluator ('compiled', 'durable' or an instance)."""
        if isinstance(evaluator, str):
            from ..evaluate import make_evaluator

            evaluator = make_evaluator(self._plan, evaluator)
        return Engine(self._plan, evaluator, self._limits)

    def validate(self, case: CaseInput) -> Case:
        """A valid case for this profile, or :class:`CaseError` naming each field."""
        parsed = parse_case(case, self._limits)
        check_case(parsed, self._plan, self._regions)
        return parsed

    def decide(self, case: CaseInput) -> Decision:
        """Decide one case (a :class:`Case` or a JSON-like mapping)."""
        return Decision(self._result(case))

    def decide_many(
        self, cases: Iterable[CaseInput], *, lean: bool = False
    ) -> Iterator[Decision] | Iterator[Result]:
        """Decide cases lazily, in order. ``lean=True`` yields the compact
        results (ids, versions, amounts, flags) a batch audit reads, without
        the decision objects. An invalid case raises CaseError when reached."""
        if lean:
            return (self._result(c) for c in cases)
        return (Decision(self._result(c)) for c in cases)

    def timeline(self, events: Any, *, as_of: Any, evaluator: str = "durable") -> CaseStatus:
        """The case timeline on ``as_of`` (a ``YYYY-MM-DD`` date): deadlines,
        amounts, follow-on measures and warnings from the case's dated events
        (docs/timeline.md). ``evaluator`` is 'durable' (durable-rules) or
        'python'. Returns an ``envrules.timeline.CaseStatus``; raises
        ``TimelineError`` naming the event (``events[3]``)."""
        from ..timeline import evaluate

        return evaluate(self._plan, events, as_of, evaluator)

    def _result(self, case: CaseInput) -> Result:
        return run(self._plan, self._evaluator, self._regions, parse_case(case, self._limits))
