"""envrules: decide Chinese environmental enforcement questions from cited,
dated, declarative rulesets.

>>> import envrules
>>> engine = envrules.load("hebei/langfang")
>>> decision = engine.decide({"violation": {...}, "region": {...}, "decided_on": "YYYY-MM-DD"})
>>> print(decision.explain("en"))

The public names are those in ``__all__``; they are imported on first use,
so ``import envrules`` costs almost nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .case import Case
    from .core.citation import Citation
    from .core.errors import (
        AmbiguousRules,
        CapExceeded,
        CaseError,
        EnvrulesError,
        InputError,
        LimitExceeded,
        NoVersionInForce,
        RulesetError,
        UnknownProfile,
    )
    from .core.limits import Limits
    from .core.money import MoneyRange
    from .core.text import Text
    from .decide import Engine, load
    from .decision import Decision, DecisionModel, Result
    from .evaluate import CompiledEvaluator, Evaluator
    from .evaluate.durable import DurableEvaluator

_WHERE = {
    "AmbiguousRules": "core.errors",
    "CapExceeded": "core.errors",
    "CaseError": "core.errors",
    "EnvrulesError": "core.errors",
    "InputError": "core.errors",
    "LimitExceeded": "core.errors",
    "NoVersionInForce": "core.errors",
    "RulesetError": "core.errors",
    "UnknownProfile": "core.errors",
    "Limits": "core.limits",
    "MoneyRange": "core.money",
    "Text": "core.text",
    "Citation": "core.citation",
    "Case": "case",
    "Engine": "decide",
    "load": "decide",
    "Decision": "decision",
    "DecisionModel": "decision",
    "Result": "decision",
    "CompiledEvaluator": "evaluate",
    "Evaluator": "evaluate",
    "DurableEvaluator": "evaluate.durable",
}

__all__ = [
    "AmbiguousRules",
    "CapExceeded",
    "Case",
    "CaseError",
    "Citation",
    "CompiledEvaluator",
    "Decision",
    "DecisionModel",
    "DurableEvaluator",
    "Engine",
    "EnvrulesError",
    "Evaluator",
    "InputError",
    "LimitExceeded",
    "Limits",
    "MoneyRange",
    "NoVersionInForce",
    "Result",
    "RulesetError",
    "Text",
    "UnknownProfile",
    "__version__",
    "load",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'envrules' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
