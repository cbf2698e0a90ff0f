"""envrules: decide Chinese environmental enforcement questions from cited,
dated, declarative rulesets.

>>> import envrules
>>> engine = envrules.load("hebei/langfang")
>>> decision = engine.decide({"violation": {...}, "region": {...}, "decided_on": "2026-11-25"})
>>> print(decision.explain("en"))
"""

from ._case import Case
from ._decision import Decision
from ._engine import AmbiguousRules, Engine, load
from ._errors import CaseError, EnvrulesError, NoVersionInForce, RulesetError, UnknownProfile
from ._penalty import CapExceeded
from ._version import __version__

__all__ = [
    "AmbiguousRules",
    "CapExceeded",
    "Case",
    "CaseError",
    "Decision",
    "Engine",
    "EnvrulesError",
    "NoVersionInForce",
    "RulesetError",
    "UnknownProfile",
    "__version__",
    "load",
]


def __dir__() -> list[str]:
    return list(__all__)
