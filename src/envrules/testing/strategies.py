"""Hypothesis strategies for envrules (a facade; the code lives in
``envrules.testing._strategies``): valid cases of a profile, and rulesets —
valid ones generated from scratch, files after careless edits — and hostile
versions of cases.

>>> from envrules.testing import strategies as ers
>>> @given(ers.cases(engine, kinds=["eia.unapproved_construction"]))
... def test_caps(case): ...
"""

from ._strategies.cases import (
    case_dicts,
    cases,
    circumstances,
    enterprises,
    money,
    regions,
    violations,
)
from ._strategies.rulesets import generated_cases, hostile_cases, mutated_files, ruleset_files
from ._strategies.timeline import as_of_for, case_histories

__all__ = [
    "as_of_for",
    "case_dicts",
    "case_histories",
    "cases",
    "circumstances",
    "enterprises",
    "generated_cases",
    "hostile_cases",
    "money",
    "mutated_files",
    "regions",
    "ruleset_files",
    "violations",
]
