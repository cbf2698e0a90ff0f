"""The fact vocabulary: every path a ruleset condition may test, with its
type and allowed values, derived from the :class:`~envrules.Case` model plus
a few derived facts. Conditions are checked against it when a ruleset is
compiled, and a case is read through it when a decision is made."""

from __future__ import annotations

import enum
import operator
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
from pydantic import BaseModel

from ._case import Case, EnterpriseKind


class FactType(enum.Enum):
    ENUM = "enum"
    ID = "id"  # open vocabulary string (region ids, matters, kinds)
    BOOL = "bool"
    DATE = "date"
    MONEY = "money"
    DECIMAL = "decimal"
    INT = "int"
    ENUM_SET = "enum_set"
    ID_SET = "id_set"

    @property
    def is_set(self) -> bool:
        return self in (FactType.ENUM_SET, FactType.ID_SET)

    @property
    def is_ordered(self) -> bool:
        return self in (FactType.DATE, FactType.MONEY, FactType.DECIMAL, FactType.INT)


@attrs.frozen
class Fact:
    """One fact path, e.g. ``violation.eia_document``."""

    path: str
    type: FactType
    values: frozenset[str] | None  # allowed values for ENUM / ENUM_SET
    getter: Callable[[Case], Any] = attrs.field(eq=False, repr=False)
    description: str = ""
    derived: bool = False


def _unwrap_optional(tp: Any) -> Any:
    """Strip ``X | None`` and ``Annotated[X, ...]`` (in any nesting) down to X."""
    while True:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        elif origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        else:
            return tp


def _classify(tp: Any) -> tuple[FactType, frozenset[str] | None] | None:
    tp = _unwrap_optional(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return FactType.ENUM, frozenset(str(m.value) for m in tp)
    if tp is bool:
        return FactType.BOOL, None
    if tp is date:
        return FactType.DATE, None
    if tp is int:
        return FactType.INT, None
    if tp is str:
        return FactType.ID, None
    if tp is Decimal:
        return FactType.DECIMAL, None
    if typing.get_origin(tp) is frozenset:
        (inner,) = typing.get_args(tp)
        inner = _unwrap_optional(inner)
        if isinstance(inner, type) and issubclass(inner, enum.Enum):
            return FactType.ENUM_SET, frozenset(str(m.value) for m in inner)
        return FactType.ID_SET, None
    return None


_MONEY_FIELDS = {"investment", "illegal_gain", "cost", "direct_loss", "person_income"}


def _model_facts(model: type[BaseModel], prefix: str) -> list[Fact]:
    out: list[Fact] = []
    hints = typing.get_type_hints(model, include_extras=True)
    for name, info in model.model_fields.items():
        if name in ("id", "profile"):
            continue
        path = f"{prefix}{name}"
        tp = _unwrap_optional(hints[name])
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            out.extend(_model_facts(tp, path + "."))
            continue
        kind = _classify(hints[name])
        if kind is None:
            continue  # structured data (e.g. prior_violations) is exposed via derived facts
        fact_type, values = kind
        if name in _MONEY_FIELDS:
            fact_type = FactType.MONEY
        out.append(
            Fact(
                path=path,
                type=fact_type,
                values=values,
                getter=_safe_getter(path),
                description=info.description or "",
            )
        )
    return out


def _safe_getter(path: str) -> Callable[[Case], Any]:
    """attrgetter that yields None when an optional part (``violation``) is absent."""
    head, _, rest = path.partition(".")
    if not rest:
        return operator.attrgetter(path)
    outer, inner = operator.attrgetter(head), operator.attrgetter(rest)

    def get(case: Case) -> Any:
        part = outer(case)
        if part is None:
            return frozenset() if _SET_DEFAULT.get(path) else None
        return inner(part)

    return get


_SET_DEFAULT = {"violation.circumstances": True}


def _sole(items: frozenset[str]) -> str | None:
    return next(iter(items)) if len(items) == 1 else None


def shift_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (negative: earlier); 29 February
    becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _violations_past_3y(case: Case) -> int:
    if case.violation is None:
        return 0
    occurred = case.violation.occurred_on
    start = shift_years(occurred, -3)
    return sum(
        1
        for prior in case.enterprise.prior_violations
        if prior.penalized and start <= prior.decided_on <= occurred
    )


def _violations_3y_incl_current(case: Case) -> int:
    """Violations within three years, the one being decided included
    (三年内存在环境违法行为): with a violation, 1 plus the penalised prior
    violations decided in the three years up to occurred_on; with none (a
    question about a matter), the penalised prior violations decided in the
    three years up to decided_on."""
    if case.violation is not None:
        reference, current = case.violation.occurred_on, 1
    elif case.decided_on is not None:
        reference, current = case.decided_on, 0
    else:
        return 0
    start = shift_years(reference, -3)
    return current + sum(
        1
        for prior in case.enterprise.prior_violations
        if prior.penalized and start <= prior.decided_on <= reference
    )


def _same_kind_past_2y(case: Case) -> int:
    """Same-kind violations in the two years before the act, the current one
    included (近二年同类违法行为（含本次）)."""
    if case.violation is None:
        return 0
    occurred, kind = case.violation.occurred_on, case.violation.kind
    start = shift_years(occurred, -2)
    return 1 + sum(1 for p in case.enterprise.prior_violations
                   if p.kind == kind and start <= p.decided_on <= occurred)


def _duration_days(case: Case) -> int | None:
    """Days the act lasted: to ended_on, or (while continuing) to the day it
    was discovered or decided."""
    v = case.violation
    if v is None:
        return None
    end = v.ended_on or v.discovered_on or case.decided_on
    return None if end is None else (end - v.occurred_on).days


_DERIVED: tuple[tuple[str, FactType, Callable[[Case], Any], str], ...] = (
    ("enterprise.is_unit", FactType.BOOL,
     lambda c: c.enterprise.kind is not EnterpriseKind.natural_person,
     "the party is a unit (单位), not a natural person"),
    ("enterprise.violations_past_3y", FactType.INT, _violations_past_3y,
     "penalised violations decided in the three years before occurred_on"),
    ("enterprise.violations_3y_incl_current", FactType.INT, _violations_3y_incl_current,
     "violations within three years, the one being decided included (三年内存在环境违法行为); "
     "without a violation, penalised violations decided in the three years before decided_on"),
    ("enterprise.same_kind_past_2y", FactType.INT, _same_kind_past_2y,
     "same-kind violations in the two years before the act, the current one included"),
    ("violation.duration_days", FactType.INT, _duration_days,
     "days from occurred_on to ended_on (or, if continuing, to discovered_on or decided_on)"),
    ("region.county", FactType.ID, lambda c: _sole(c.region.counties),
     "the county, when the act lies in exactly one"),
    ("region.township", FactType.ID, lambda c: _sole(c.region.townships),
     "the township, when the act lies in exactly one"),
    ("region.spans_counties", FactType.BOOL, lambda c: len(c.region.counties) > 1,
     "the act spans several county-level units (跨区域)"),
    ("region.spans_townships", FactType.BOOL, lambda c: len(c.region.townships) > 1,
     "the act spans several townships (跨乡镇)"),
)


def _from_profile(_case: Case) -> Any:
    raise AssertionError("profile-derived facts are supplied by the engine")  # pragma: no cover


PROFILE_DERIVED = {
    "violation.delegated_to_township": (
        FactType.BOOL,
        "the profile delegates the penalty power for this kind to townships "
        "(profile.yaml delegated_to_township)",
    ),
}


def _build() -> dict[str, Fact]:
    facts = {f.path: f for f in _model_facts(Case, "")}
    for path, fact_type, getter, description in _DERIVED:
        facts[path] = Fact(path, fact_type, None, getter, description, derived=True)
    for path, (fact_type, description) in PROFILE_DERIVED.items():
        facts[path] = Fact(path, fact_type, None, _from_profile, description, derived=True)
    return dict(sorted(facts.items()))


FACTS: Mapping[str, Fact] = types.MappingProxyType(_build())
"""Every fact path conditions may test."""


class LazyFacts(dict[str, Any]):
    """The facts of one case, read on first use: a decision only pays for the
    facts its conditions actually test."""

    __slots__ = ("_case",)

    def __init__(self, case: Case, profile_facts: Mapping[str, Any]) -> None:
        super().__init__(profile_facts)
        self._case = case

    def __missing__(self, path: str) -> Any:
        value = FACTS[path].getter(self._case)
        self[path] = value
        return value
