"""The compiled plan: everything a profile decides with, as immutable attrs
values (no pydantic models), so it is shared by every thread, pickles into
the plan cache, and reads fast."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ..case import AdjustmentKind, Measure
from ..core.citation import Citation, ReadOnlyMap
from ..core.dates import Period
from ..core.errors import NoVersionInForce, SourceLocation
from ..core.text import Text
from ..rulesets.conditions import Condition
from ..rulesets.fines import FineFormula

if TYPE_CHECKING:
    from .timeline_model import TimelinePlan

_NOWHERE = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(slots=True)
class PlanRule:
    id: str
    table: str
    title: Text
    cond: int  # index into Plan.conditions
    then: Any  # the outcome dataclass of the table's `decides`
    basis: Citation
    period: Period
    priority: int | None
    layer: str
    replaces: str | None
    note: str | None
    at: SourceLocation | None = _NOWHERE


@attrs.frozen(slots=True)
class DateSlices:
    """The rules of a table in force on each stretch of days, precomputed so a
    decision finds them by bisection instead of testing every rule's dates."""

    starts: tuple[date, ...]  # the first day of each stretch after the first
    rules: tuple[tuple[PlanRule, ...], ...]  # len(starts) + 1 stretches

    @classmethod
    def of(cls, rules: Sequence[PlanRule]) -> DateSlices:
        edges: set[date] = set()
        for r in rules:
            if r.period.start is not None:
                edges.add(r.period.start)
            if r.period.end is not None and r.period.end < date.max:
                edges.add(r.period.end + timedelta(days=1))
        starts = tuple(sorted(edges))
        probes = [date.min, *starts]
        return cls(starts, tuple(tuple(r for r in rules if r.period.contains(d)) for d in probes))

    def on(self, day: date) -> tuple[PlanRule, ...]:
        return self.rules[bisect.bisect_right(self.starts, day)]


@attrs.frozen(slots=True)
class PlanTable:
    id: str
    title: Text
    decides: str
    hit_policy: str
    as_of: str
    rules: tuple[PlanRule, ...]
    layer: str
    note: str | None
    slices: DateSlices = attrs.field(eq=False, repr=False)
    at: SourceLocation | None = _NOWHERE

    def rules_on(self, day: date) -> tuple[PlanRule, ...]:
        return self.slices.on(day)


@attrs.frozen(slots=True)
class PlanTier:
    id: str
    title: Text | None
    cond: int
    fine: FineFormula
    person_fine: FineFormula | None
    measures: tuple[Measure, ...]
    discretionary_measures: tuple[Measure, ...]
    basis: Citation | None
    note: str | None
    grounds: frozenset[tuple[str, Any]]
    """The facts that select this tier (from its condition and ``consumes``):
    they are not weighed again as aggravating or mitigating grounds."""
    refers_to: str | None = None
    at: SourceLocation | None = _NOWHERE


@attrs.frozen(slots=True)
class PlanVersion:
    id: str
    kind: str
    period: Period
    basis: Citation
    tiers: tuple[PlanTier, ...]
    person_fine: FineFormula | None
    daily_penalty: bool
    detention: bool
    limitation_years: int | None
    not_illegal: bool
    statute: str | None
    note: str | None
    layer: str
    tested_paths: tuple[str, ...] = ()  # facts its tiers test (to name what is missing)
    at: SourceLocation | None = _NOWHERE

    @property
    def effective_from(self) -> date:
        assert self.period.start is not None
        return self.period.start

    @property
    def effective_to(self) -> date | None:
        return self.period.end


@attrs.frozen(slots=True)
class PlanKind:
    id: str
    title: Text
    continuing: bool
    environmental: bool
    versions: tuple[PlanVersion, ...]  # sorted by effective_from
    starts: tuple[date, ...]
    layer: str
    note: str | None
    at: SourceLocation | None = _NOWHERE

    def version_on(self, on: date) -> PlanVersion:
        """The version in force on a date, found by bisection."""
        i = bisect.bisect_right(self.starts, on) - 1
        if i >= 0 and self.versions[i].period.contains(on):
            return self.versions[i]
        raise NoVersionInForce(self.id, on)


@attrs.frozen(slots=True)
class PlanAdjustment:
    id: str
    title: Text
    kind: AdjustmentKind
    mandatory: bool
    cond: int
    kinds: frozenset[str] | None
    statute: str | None
    basis: Citation
    period: Period
    layer: str
    note: str | None
    range: tuple[Decimal, Decimal] | None = None
    at: SourceLocation | None = _NOWHERE
    as_of: str | None = None  # "decided_on": in force on the decision date only


@attrs.frozen(slots=True)
class PlanStandard:
    """A discretion standard in force: how 从轻/从重/减轻 place the range."""

    id: str
    title: Text
    period: Period
    lighter_upper: Decimal
    heavier_lower: Decimal
    reduced_floor: Decimal | None  # None: no published floor (above zero only)
    basis: Citation
    reduced_floor_basis: Citation | None
    layer: str
    at: SourceLocation | None = _NOWHERE


@attrs.frozen(slots=True)
class PlanGroundLink:
    id: str
    title: Text
    withheld: str
    also: tuple[str, ...]
    period: Period
    basis: Citation


@attrs.frozen(slots=True)
class PlanLevel:
    id: str
    title: str
    percent: Decimal  # the fixed value, or the band's lower end
    cond: int
    high: Decimal | None = None  # the band's upper end (None: a fixed value)
    prior: tuple[int, int | None] | None = None  # violations in the factor's window


@attrs.frozen(slots=True)
class PlanWindow:
    years: int | None
    calendar_year: bool
    same_kind: bool


@attrs.frozen(slots=True)
class PlanFactor:
    id: str
    title: Text
    levels: tuple[PlanLevel, ...]
    window: PlanWindow | None = None
    consumes: frozenset[tuple[str, object]] = frozenset()


@attrs.frozen(slots=True)
class PlanBenchmarkItem:
    id: str
    title: Text
    kinds: frozenset[str]
    versions: frozenset[str] | None
    cond: int
    start_percent: Decimal
    floor_percent: Decimal | None
    basis: Citation
    factors: tuple[PlanFactor, ...]
    at: SourceLocation | None = _NOWHERE


@attrs.frozen(slots=True)
class PlanBenchmark:
    id: str
    title: Text
    basis: Citation
    period: Period
    cap_percent: Decimal | None
    unknown_factor: str
    items: tuple[PlanBenchmarkItem, ...]
    layer: str
    at: SourceLocation | None = _NOWHERE
    method: str = "weighted_sum"


@attrs.frozen(slots=True)
class PlanFormerName:
    name: str
    code: str | None
    until: date | None


@attrs.frozen(slots=True)
class PlanRegion:
    id: str
    name: str
    level: str
    parent: str | None
    code: str | None
    type: str | None
    central_urban_area: bool
    period: Period
    former_names: tuple[PlanFormerName, ...]
    note: str | None
    successor: str | None = None
    at: SourceLocation | None = _NOWHERE

    @property
    def effective_to(self) -> date | None:
        return self.period.end

    @property
    def effective_from(self) -> date | None:
        return self.period.start


@attrs.frozen(slots=True)
class PlanAuthority:
    id: str
    name: str
    name_en: str | None
    level: str | None
    region: str | None
    period: Period
    successor: str | None
    note: str | None


@attrs.frozen(slots=True)
class PlanMatter:
    id: str
    title: Text
    note: str | None


@attrs.frozen(slots=True)
class PlanDelegation:
    kinds: frozenset[str]
    period: Period
    basis: Citation | None


@attrs.frozen(slots=True)
class Plan:
    """Everything a profile decides with, compiled and immutable."""

    profile: str
    title: Text
    layers: tuple[str, ...]
    digest: str
    conditions: tuple[Condition, ...]
    fact_paths: tuple[str, ...]
    tables: tuple[PlanTable, ...]  # the decision's tables, in evaluation order
    procedure: ReadOnlyMap[str, PlanTable]  # decides -> the procedure table of that name
    kinds: ReadOnlyMap[str, PlanKind]
    adjustments: tuple[PlanAdjustment, ...]  # in the order exceptions are weighed
    standards: tuple[PlanStandard, ...]  # highest layer last
    ground_links: tuple[PlanGroundLink, ...]
    benchmarks: tuple[PlanBenchmark, ...]
    regions: ReadOnlyMap[str, PlanRegion]
    authorities: ReadOnlyMap[str, PlanAuthority]
    matters: ReadOnlyMap[str, PlanMatter]
    delegations: tuple[PlanDelegation, ...]
    disabled: tuple[str, ...]
    timeline: TimelinePlan | None = None  # the case-timeline rules and calendar
    # the key this plan is cached under ("" when compiled without the cache): what
    # an evaluator may cache beside it (the compiled evaluator's bytecode)
    cache_key: str = attrs.field(default="", eq=False, repr=False)
    _by_kind: dict[str, tuple[PlanAdjustment, ...]] = attrs.field(
        factory=dict, eq=False, repr=False, init=False
    )

    def delegated(self, kind: str, on: date) -> bool:
        """Is the penalty power for ``kind`` delegated to townships on ``on``?"""
        return any(kind in d.kinds and d.period.contains(on) for d in self.delegations)

    def adjustments_for(self, kind: str) -> tuple[PlanAdjustment, ...]:
        """The adjustments that may apply to a kind, in weighing order (cached)."""
        cache: dict[str, tuple[PlanAdjustment, ...]] = self._by_kind
        found = cache.get(kind)
        if found is None:
            found = tuple(a for a in self.adjustments if a.kinds is None or kind in a.kinds)
            cache[kind] = found
        return found

    def tables_deciding(self, decides: str) -> tuple[PlanTable, ...]:
        found = tuple(t for t in self.tables if t.decides == decides)
        if not found and decides in self.procedure:
            return (self.procedure[decides],)
        return found

    def all_tables(self) -> tuple[PlanTable, ...]:
        return (*self.tables, *self.procedure.values())

    def standard_on(self, on: date) -> PlanStandard | None:
        """The discretion standard in force (a profile's own over its province's)."""
        for standard in reversed(self.standards):
            if standard.period.contains(on):
                return standard
        return None
