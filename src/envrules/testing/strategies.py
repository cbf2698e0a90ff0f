"""Hypothesis strategies for envrules cases (a facade; the code lives in
``envrules.testing._strategies``).

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
from ._strategies.timeline import as_of_for, case_histories

__all__ = ["as_of_for", "case_dicts", "case_histories", "cases", "circumstances", "enterprises",
           "money", "regions", "violations"]
