"""``load()``: the one place a default rulesets source and evaluator are chosen."""

from __future__ import annotations

from pathlib import Path

from ..core.limits import DEFAULT_LIMITS, Limits
from ..evaluate import Evaluator, make_evaluator
from ..plan import load_plan
from ..rulesets.sources import RulesetSource, source_for
from .engine import Engine


def load(
    profile: str,
    rulesets: str | Path | RulesetSource | None = None,
    *,
    evaluator: str | type[Evaluator] = "compiled",
    limits: Limits = DEFAULT_LIMITS,
    cache: bool = True,
) -> Engine:
    """Load and compile a profile (e.g. ``"hebei/langfang"``) into an Engine.

    ``rulesets`` defaults to the rulesets shipped with envrules. A compiled
    plan is cached under a key of the rulesets' content (``cache=False`` or
    ``ENVRULES_CACHE=0`` to skip). ``evaluator`` is a name ('compiled',
    'durable') or an evaluator class taking the plan. Raises
    :class:`RulesetError` (every problem with file:line:column) or
    :class:`UnknownProfile`."""
    if not isinstance(profile, str):
        from ..core.errors import EnvrulesError

        raise EnvrulesError(
            f"profile is a name such as 'hebei/langfang', not {type(profile).__name__}",
            "规则集名称应为字符串，例如 hebei/langfang",
        )
    source = source_for(rulesets, limits)
    plan = load_plan(source, profile, limits, use_cache=cache)
    built = make_evaluator(plan, evaluator) if isinstance(evaluator, str) else evaluator(plan)  # type: ignore[call-arg]
    return Engine(plan, built, limits)
