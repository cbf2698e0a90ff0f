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

__all__ = ["case_dicts", "cases", "circumstances", "enterprises", "money", "regions", "violations"]
