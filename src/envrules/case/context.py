"""The evaluation context of one case: its parts under the short names the
fact expressions use, and the facts derived or supplied on first use."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .facts import DERIVED
from .model import Case, Violation
from .regions import RegionView


class NullViolation:
    """Stands in for the violation of a case about a matter only: every fact
    of the act is unset."""

    __slots__ = ()
    circumstances: frozenset[str] = frozenset()

    def __getattr__(self, name: str) -> None:
        if name in Violation.model_fields:
            return None
        raise AttributeError(name)


NULL_VIOLATION = NullViolation()


class Supplied(dict[str, Any]):
    """Derived facts computed on first use; supplied facts set by the engine."""

    __slots__ = ("case",)

    def __init__(self, case: Case, supplied: Mapping[str, Any] = ()) -> None:  # type: ignore[assignment]
        super().__init__(supplied)
        self.case = case

    def __missing__(self, path: str) -> Any:
        compute: Callable[[Case], Any] = DERIVED[path][1]
        value = compute(self.case)
        self[path] = value
        return value


class Context:
    """``c, v, e, r, p, x`` of one case (see :mod:`envrules.case.facts`)."""

    __slots__ = ("c", "e", "p", "r", "v", "x")
    c: Case
    v: Any  # the Violation, or NULL_VIOLATION
    e: Any
    r: Any
    p: Any
    x: Supplied

    def __init__(self, case: Case, region: RegionView, supplied: Mapping[str, Any]) -> None:
        self.c = case
        self.v = case.violation if case.violation is not None else NULL_VIOLATION
        self.e = case.enterprise
        self.r = region
        self.p = case.procedure
        self.x = Supplied(case, supplied)

    def args(self) -> tuple[Any, Any, Any, Any, Any, Any]:
        return self.c, self.v, self.e, self.r, self.p, self.x
