"""The compiled plan: immutable attrs values every evaluator executes, the
compiler that builds it from the layers of a profile, and its cache."""

from .cache import load_plan
from .model import (
    DateSlices,
    Plan,
    PlanAdjustment,
    PlanAuthority,
    PlanBenchmark,
    PlanBenchmarkItem,
    PlanDelegation,
    PlanFactor,
    PlanFormerName,
    PlanGroundLink,
    PlanKind,
    PlanLevel,
    PlanMatter,
    PlanRegion,
    PlanRule,
    PlanStandard,
    PlanTable,
    PlanTier,
    PlanVersion,
    PlanWindow,
)

__all__ = [
    "DateSlices",
    "Plan",
    "PlanAdjustment",
    "PlanAuthority",
    "PlanBenchmark",
    "PlanBenchmarkItem",
    "PlanDelegation",
    "PlanFactor",
    "PlanFormerName",
    "PlanGroundLink",
    "PlanKind",
    "PlanLevel",
    "PlanMatter",
    "PlanRegion",
    "PlanRule",
    "PlanStandard",
    "PlanTable",
    "PlanTier",
    "PlanVersion",
    "PlanWindow",
    "compile_plan",
    "load_plan",
]


def __getattr__(name: str) -> object:
    # the compiler imports the ruleset schema: only cold loads pay for it
    if name == "compile_plan":
        from .compile import compile_plan

        return compile_plan
    raise AttributeError(name)
