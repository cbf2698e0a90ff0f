"""A layer's ``profile.yaml`` (regions, authorities, matters, delegations)
and the shape of every other ruleset file."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from ...core.text import Text
from .adjustments import Adjustment, DiscretionStandard, GroundLink
from .base import Basis, Dated, Day, Id, Spec
from .benchmarks import Benchmark
from .kinds import Kind
from .tables import Disable, Table, TableExtension
from .timeline import CalendarYear, TimelineSection

RegionLevel = Literal["province", "city", "county", "township"]


class FormerName(Spec):
    """A name (and code) a region had until a date (e.g. 大洼县 → 大洼区)."""

    name: str = Field(min_length=1)
    code: str | None = Field(None, pattern=r"^[0-9]{6}([0-9]{3}([0-9]{3})?)?$")
    until: Day | None = Field(None, description="last day the name was in use")
    basis: Basis | None = None
    note: str | None = None


class RegionSpec(Spec):
    id: Id
    name: str = Field(min_length=1)
    level: RegionLevel
    parent: Id | None = None
    code: str | None = Field(
        None,
        pattern=r"^[0-9]{6}([0-9]{3}([0-9]{3})?)?$",
        description="statistical division code (统计用区划代码)",
    )
    type: str | None = Field(None, description="county, district, zone, township, street, park …")
    central_urban_area: bool = False
    effective_from: Day | None = Field(None, description="the unit exists from this day")
    effective_to: Day | None = Field(None, description="last day the unit existed")
    successor: Id | None = Field(None, description="the unit that took over (a move or merger)")
    former_names: tuple[FormerName, ...] = ()
    note: str | None = None


class AuthoritySpec(Spec):
    id: Annotated[
        str,
        Field(
            min_length=1,
            max_length=200,
            pattern=(r"^([a-z0-9_][a-z0-9_./-]*|\{(city|county|township)\}/[a-z0-9_]+)$"),
        ),
    ]
    name: str = Field(min_length=1, description="name in Chinese")
    name_en: str | None = None
    level: RegionLevel | None = None
    region: Id | None = None
    effective_from: Day | None = None
    effective_to: Day | None = None
    successor: Id | None = Field(None, description="the body that took over its duties")
    note: str | None = None


class MatterSpec(Spec):
    """An administrative matter (事项) that boundary tables, duty registries and
    monitoring tables decide on; a case names it in ``matter``."""

    id: Id
    title: Text
    note: str | None = None


class Delegation(Dated):
    """A dated list of penalty items delegated to townships and streets
    (the provincial guidance list), e.g. one version of it."""

    kinds: tuple[Id, ...] = Field(min_length=1)
    basis: Basis
    note: str | None = None


class ProfileMeta(Spec):
    """``profile.yaml`` of a layer."""

    title: Text
    extends: tuple[Id, ...] = Field((), max_length=32)
    selectable: bool | None = Field(None, description="loadable as a profile (default: has regions)")
    regions: tuple[RegionSpec, ...] = ()
    authorities: tuple[AuthoritySpec, ...] = ()
    matters: tuple[MatterSpec, ...] = ()
    delegated_to_township: tuple[Id | Delegation, ...] = Field(
        (),
        description="violation kinds whose penalty power is delegated to townships: kind "
        "ids, or dated entries {kinds, effective_from, effective_to, basis} (a list's versions)",
    )
    note: str | None = None


class RulesetFile(Spec):
    """One YAML file of a layer."""

    kinds: tuple[Kind, ...] = ()
    tables: tuple[Table, ...] = ()
    extend: tuple[TableExtension, ...] = ()
    disable: tuple[Disable, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    discretion_standards: tuple[DiscretionStandard, ...] = ()
    ground_links: tuple[GroundLink, ...] = ()
    benchmarks: tuple[Benchmark, ...] = ()
    regions: tuple[RegionSpec, ...] = ()
    authorities: tuple[AuthoritySpec, ...] = ()
    matters: tuple[MatterSpec, ...] = ()
    delegated_to_township: tuple[Delegation, ...] = ()
    timeline: TimelineSection | None = Field(None, description="case-timeline rules (docs/timeline.md)")
    calendar: tuple[CalendarYear, ...] = Field((), description="official holidays and make-up working days")
