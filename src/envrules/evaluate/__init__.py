"""Evaluators: the seam between a plan and what tests its conditions — the
generated-Python default and the durable-rules (Rete) adapter."""

from ..core.errors import EnvrulesError
from ..plan import Plan
from .compiled import CompiledEvaluator, compile_conditions
from .protocol import Evaluator, Matcher

__all__ = ["CompiledEvaluator", "Evaluator", "Matcher", "compile_conditions", "make_evaluator"]


def make_evaluator(plan: Plan, name: str) -> Evaluator:
    """An evaluator by name: 'compiled' (default) or 'durable'."""
    if name == "compiled":
        return CompiledEvaluator(plan)
    if name == "durable":
        from .durable import DurableEvaluator

        return DurableEvaluator(plan)
    raise EnvrulesError(
        f"unknown evaluator {name!r} (use 'compiled' or 'durable')",
        f"没有名为{name!r}的求值器（可用 compiled 或 durable）",
    )
