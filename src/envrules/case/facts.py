"""The fact vocabulary: every path a ruleset condition may test, with its
type, its allowed values and how to read it from a case.

Facts come from four places: the :class:`Case` model (read from its parts),
derived facts computed from the case (``region.county``,
``enterprise.violations_past_3y`` …), facts the *profile* supplies
(``violation.delegated_to_township``) and facts of the *penalty* being decided
(``penalty.measures``, ``penalty.permitted_max`` …), which only procedure tables
(hearing, legal review, collective deliberation) may test.

Each fact has a Python expression over the names ``c`` (case), ``v``
(violation), ``e`` (enterprise), ``r`` (region view), ``p`` (procedure) and
``x`` (derived and supplied facts). The compiled evaluator inlines these
expressions; :func:`reader` evaluates one for other evaluators."""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
from pydantic import BaseModel

from ..core.dates import shift_years
from .model import Case
from .outcomes import Measure, PenaltyOutcome


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


class Stage(enum.Enum):
    CASE = "case"  # read from the case (or derived from it)
    PROFILE = "profile"  # supplied by the profile for the case
    PENALTY = "penalty"  # supplied by the penalty being decided (procedure tables only)


@attrs.frozen
class Fact:
    """One fact path, e.g. ``violation.eia_document``."""

    path: str
    type: FactType
    values: frozenset[str] | None  # allowed values for ENUM / ENUM_SET
    expr: str = attrs.field(repr=False)
    description: str = ""
    derived: bool = False
    stage: Stage = Stage.CASE


def unwrap_optional(tp: Any) -> Any:
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
    tp = unwrap_optional(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return FactType.ENUM, frozenset(str(m.value) for m in tp)
    simple = {
        bool: FactType.BOOL,
        date: FactType.DATE,
        int: FactType.INT,
        str: FactType.ID,
        Decimal: FactType.DECIMAL,
    }
    if tp in simple:
        return simple[tp], None
    if typing.get_origin(tp) is frozenset:
        (inner,) = typing.get_args(tp)
        inner = unwrap_optional(inner)
        if isinstance(inner, type) and issubclass(inner, enum.Enum):
            return FactType.ENUM_SET, frozenset(str(m.value) for m in inner)
        return FactType.ID_SET, None
    return None


_MONEY_FIELDS = {
    "investment",
    "illegal_gain",
    "cost",
    "direct_loss",
    "person_income",
    "original_fine",
    "discharge_fee",
    "goods_value",
    "reclamation_fee",
}
_RATIO_FIELDS = {"exceedance_multiple", "ph_value", "waste_tonnes"}
_PART_NAMES = {"violation": "v", "enterprise": "e", "region": "r", "procedure": "p"}


def _model_facts(model: type[BaseModel], prefix: str, var: str) -> list[Fact]:
    out: list[Fact] = []
    hints = typing.get_type_hints(model, include_extras=True)
    for name, info in model.model_fields.items():
        if name in ("id", "profile"):
            continue
        path = f"{prefix}{name}"
        tp = unwrap_optional(hints[name])
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            out.extend(_model_facts(tp, path + ".", _PART_NAMES[name]))
            continue
        kind = _classify(hints[name])
        if name in _RATIO_FIELDS:
            kind = (FactType.DECIMAL, None)
        if kind is None:
            continue  # structured data (prior_violations) is exposed via derived facts
        fact_type, values = kind
        if name in _MONEY_FIELDS:
            fact_type = FactType.MONEY
        out.append(Fact(path, fact_type, values, f"{var}.{name}", info.description or ""))
    return out


def _sole(items: frozenset[str]) -> str | None:
    return next(iter(items)) if len(items) == 1 else None


def violations_past_3y(case: Case) -> int:
    if case.violation is None:
        return 0
    occurred = case.violation.occurred_on
    start = shift_years(occurred, -3)
    return sum(
        1
        for prior in case.enterprise.prior_violations
        if prior.penalized and start <= prior.decided_on <= occurred
    )


def violations_3y_incl_current(case: Case) -> int:
    """Violations in the three years up to the act, the one decided included
    (a matter-only question counts penalised priors in the three years up to
    decided_on)."""
    if case.violation is not None:
        end, current = case.violation.occurred_on, 1
    elif case.decided_on is not None:
        end, current = case.decided_on, 0
    else:
        return 0
    start = shift_years(end, -3)
    return current + sum(
        1
        for prior in case.enterprise.prior_violations
        if prior.penalized and start <= prior.decided_on <= end
    )


def same_kind_past_2y(case: Case) -> int:
    """Same-kind violations in the two years before the act, the current one
    included (近二年同类违法行为（含本次）)."""
    if case.violation is None:
        return 0
    occurred, kind = case.violation.occurred_on, case.violation.kind
    start = shift_years(occurred, -2)
    return 1 + sum(
        1 for p in case.enterprise.prior_violations if p.kind == kind and start <= p.decided_on <= occurred
    )


def _same_kind_priors(case: Case, start: date) -> int:
    v = case.violation
    if v is None:
        return 0
    return sum(
        1
        for p in case.enterprise.prior_violations
        if p.kind == v.kind and start <= p.decided_on <= v.occurred_on
    )


def same_kind_priors_1y(case: Case) -> int:
    """Same-kind violations decided in the year back from the act (近一年:
    counted back one year from the day of the act), penalised or not."""
    if case.violation is None:
        return 0
    return _same_kind_priors(case, shift_years(case.violation.occurred_on, -1))


def same_kind_priors_this_year(case: Case) -> int:
    """Same-kind violations decided in the calendar year of the act (年度:
    1 January to 31 December), before it, penalised or not."""
    if case.violation is None:
        return 0
    return _same_kind_priors(case, case.violation.occurred_on.replace(month=1, day=1))


def duration_days(case: Case) -> int | None:
    """Days the act lasted: to ended_on, or (while continuing) to the day it
    was discovered or decided."""
    v = case.violation
    if v is None:
        return None
    end = v.ended_on or v.discovered_on or case.decided_on
    return None if end is None else (end - v.occurred_on).days


DERIVED: dict[str, tuple[FactType, Callable[[Case], Any], str]] = {
    "enterprise.is_unit": (
        FactType.BOOL,
        lambda c: c.enterprise.kind != "natural_person",
        "the party is a unit (单位), not a natural person",
    ),
    "enterprise.violations_past_3y": (
        FactType.INT,
        violations_past_3y,
        "penalised violations decided in the three years before occurred_on",
    ),
    "enterprise.violations_3y_incl_current": (
        FactType.INT,
        violations_3y_incl_current,
        "violations in the three years up to the act, the one decided included",
    ),
    "enterprise.same_kind_past_2y": (
        FactType.INT,
        same_kind_past_2y,
        "same-kind violations in the two years before the act, the current one included",
    ),
    "enterprise.same_kind_priors_1y": (
        FactType.INT,
        same_kind_priors_1y,
        "same-kind violations decided in the year back from occurred_on (近一年), penalised or "
        "not; 0: the act is the first of its kind in that year",
    ),
    "enterprise.same_kind_priors_this_year": (
        FactType.INT,
        same_kind_priors_this_year,
        "same-kind violations decided in the calendar year of occurred_on, up to it (年度), "
        "penalised or not; 0: the act is the first of its kind that year",
    ),
    "violation.duration_days": (
        FactType.INT,
        duration_days,
        "days from occurred_on to ended_on (or, if continuing, to discovered_on or decided_on)",
    ),
}
"""Facts computed from the case on first use (``x[path]``)."""

REGION_VIEW: dict[str, tuple[FactType, str]] = {
    "region.county": (FactType.ID, "the county, when the act lies in exactly one"),
    "region.township": (FactType.ID, "the township, when the act lies in exactly one"),
    "region.spans_counties": (FactType.BOOL, "the act spans several county-level units (跨区域)"),
    "region.spans_townships": (FactType.BOOL, "the act spans several townships (跨乡镇)"),
    "region.spans_cities": (FactType.BOOL, "the act spans several cities"),
}
"""Facts of the region view the engine completes from the profile's regions."""

_MEASURES = frozenset(m.value for m in Measure)
SUPPLIED: dict[str, tuple[FactType, frozenset[str] | None, Stage, str]] = {
    "violation.delegated_to_township": (
        FactType.BOOL,
        None,
        Stage.PROFILE,
        "the profile delegates the penalty power for this kind to townships on the decision date",
    ),
    "violation.first_violation": (
        FactType.BOOL,
        None,
        Stage.PROFILE,
        "first_offense is asserted and no penalised prior violation lies in the profile's "
        "first-violation window (首违)",
    ),
    "violation.environmental": (
        FactType.BOOL,
        None,
        Stage.PROFILE,
        "the kind is a violation of ecological-environment law (not, e.g., a commerce rule)",
    ),
    "violation.listed_minor": (
        FactType.BOOL,
        None,
        Stage.PROFILE,
        "the act is on a published list of minor violations in force (轻微违法行为清单)",
    ),
    "penalty.version": (FactType.ID, None, Stage.PENALTY, "the version of the law applied"),
    "penalty.statute": (FactType.ID, None, Stage.PENALTY, "the statute of the version applied"),
    "penalty.outcome": (
        FactType.ENUM,
        frozenset(o.value for o in PenaltyOutcome),
        Stage.PENALTY,
        "fine, no_penalty, may_waive, measures_only or undetermined",
    ),
    "penalty.measures": (
        FactType.ENUM_SET,
        _MEASURES,
        Stage.PENALTY,
        "the measures the applied tier provides",
    ),
    "penalty.discretionary_measures": (
        FactType.ENUM_SET,
        _MEASURES,
        Stage.PENALTY,
        "measures the applied tier allows (可以)",
    ),
    "penalty.statutory_min": (FactType.MONEY, None, Stage.PENALTY, "statutory minimum"),
    "penalty.statutory_max": (FactType.MONEY, None, Stage.PENALTY, "statutory maximum"),
    "penalty.permitted_min": (FactType.MONEY, None, Stage.PENALTY, "permitted minimum"),
    "penalty.permitted_max": (FactType.MONEY, None, Stage.PENALTY, "permitted maximum"),
    "penalty.below_minimum": (
        FactType.BOOL,
        None,
        Stage.PENALTY,
        "the permitted range goes below the statutory minimum (减轻)",
    ),
    "penalty.fine_optional": (FactType.BOOL, None, Stage.PENALTY, "the fine is 可以处 (optional)"),
    "penalty.detention": (FactType.BOOL, None, Stage.PENALTY, "the case is transferred for detention"),
    "penalty.daily_penalty": (
        FactType.BOOL,
        None,
        Stage.PENALTY,
        "the daily continuous penalty is available",
    ),
    "penalty.choice_needed": (
        FactType.BOOL,
        None,
        Stage.PENALTY,
        "neither version is lighter on every axis: the officer chooses",
    ),
    "penalty.hearing_right": (
        FactType.BOOL,
        None,
        Stage.PENALTY,
        "a hearing right must be notified (after the hearing table)",
    ),
}
"""Facts the engine supplies (``x[path]``): by the profile, or by the penalty."""


def _build() -> dict[str, Fact]:
    facts = {f.path: f for f in _model_facts(Case, "", "c")}
    for path, (fact_type, _fn, description) in DERIVED.items():
        facts[path] = Fact(path, fact_type, None, f"x[{path!r}]", description, derived=True)
    for path, (fact_type, description) in REGION_VIEW.items():
        facts[path] = Fact(path, fact_type, None, f"r.{path.split('.', 1)[1]}", description, derived=True)
    for path, (fact_type, values, stage, description) in SUPPLIED.items():
        facts[path] = Fact(path, fact_type, values, f"x[{path!r}]", description, derived=True, stage=stage)
    return dict(sorted(facts.items()))


FACTS: Mapping[str, Fact] = types.MappingProxyType(_build())
"""Every fact path conditions may test."""

Reader = Callable[[Any, Any, Any, Any, Any, Any], Any]


def reader(path: str) -> Reader:
    """A function ``(c, v, e, r, p, x) -> value`` reading one fact."""
    return _READERS[path]


# The expressions are built above from model field names only (never from
# ruleset text), so evaluating them is safe.
_READERS: dict[str, Reader] = {
    path: eval(f"lambda c, v, e, r, p, x: {fact.expr}") for path, fact in FACTS.items()
}
