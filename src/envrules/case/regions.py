"""Region completion: the parents of the places a case names, the city, and
whether the act lies in the central urban area, from the profile's regions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import attrs

from .model import Region


class RegionInfo(Protocol):
    """What completion needs to know of a region (the plan's regions are these)."""

    @property
    def parent(self) -> str | None: ...

    @property
    def level(self) -> str: ...

    @property
    def central_urban_area(self) -> bool: ...


@attrs.frozen(slots=True)
class RegionView:
    """A case's region completed from the profile: what conditions read."""

    city: str | None
    counties: frozenset[str]
    townships: frozenset[str]
    central_urban_area: bool
    special_zone: str | None
    urban_area: bool | None
    key_supervision_grid: bool
    county: str | None  # the county, when there is exactly one
    township: str | None  # the township, when there is exactly one
    spans_counties: bool
    spans_townships: bool
    spans_cities: bool


def complete(region: Region, regions: Mapping[str, RegionInfo]) -> RegionView:
    """Complete a validated region (every id known to ``regions``).

    Townships add their county; counties give the city when all of them lie in
    one city (in sorted order, so the answer never depends on set order); the
    central urban area is inferred from the places unless the case says it."""
    counties = set(region.counties)
    for t in sorted(region.townships):
        parent = regions[t].parent
        if parent is not None and regions[parent].level == "county":
            counties.add(parent)
    cities = set()
    for c in sorted(counties):
        parent = regions[c].parent
        if parent is not None and regions[parent].level == "city":
            cities.add(parent)
    city = region.city
    if city is None and len(cities) == 1:
        city = next(iter(cities))
    if region.city is not None:
        cities.add(region.city)
    central = region.central_urban_area
    if "central_urban_area" not in region.model_fields_set:
        central = any(regions[r].central_urban_area for r in (*sorted(region.townships), *sorted(counties)))
    frozen = frozenset(counties)
    return RegionView(
        city=city,
        counties=frozen,
        townships=region.townships,
        central_urban_area=central,
        special_zone=region.special_zone,
        urban_area=region.urban_area,
        key_supervision_grid=region.key_supervision_grid,
        county=next(iter(frozen)) if len(frozen) == 1 else None,
        township=next(iter(region.townships)) if len(region.townships) == 1 else None,
        spans_counties=len(frozen) > 1,
        spans_townships=len(region.townships) > 1,
        spans_cities=len(cities) > 1,
    )


EMPTY = RegionView(None, frozenset(), frozenset(), False, None, None, False, None, None, False, False, False)
"""The view of a case that names no place."""
