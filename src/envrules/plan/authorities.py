"""Authorities named by rules: ``{city}``, ``{county}`` and ``{township}``
templates filled from the case's region, names, and the successor of a body
renamed or merged (2018–19 reform) on the decision date."""

from __future__ import annotations

from datetime import date

from ..case import RegionView
from .model import Plan

_KEYS = ("city", "county", "township")


def resolve(plan: Plan, template: str | None, region: RegionView) -> tuple[str | None, str | None]:
    """The authority id and name a template gives for a region; (None, None)
    when a template needs a place the case does not name uniquely."""
    if template is None:
        return None, None
    if "{" not in template:
        spec = plan.authorities.get(template)
        return template, spec.name if spec is not None else None
    values = {"city": region.city, "county": region.county, "township": region.township}
    ident = template
    for key in _KEYS:
        marker = "{" + key + "}"
        if marker in ident:
            value = values[key]
            if value is None:
                return None, None
            ident = ident.replace(marker, value)
    spec = plan.authorities.get(ident)
    if spec is not None:
        return ident, spec.name
    generic = plan.authorities.get(template)
    if generic is None:
        return ident, None
    name = generic.name
    for key in _KEYS:
        if "{" + key + "}" in template and values[key] in plan.regions:
            name = name.replace("{name}", plan.regions[values[key]].name)  # type: ignore[index]
    return ident, name


def successor(plan: Plan, ident: str | None, on: date) -> tuple[str | None, str | None]:
    """The body that holds a renamed or merged body's duties on ``on``."""
    seen: set[str] = set()
    current = ident
    while current is not None and current not in seen:
        seen.add(current)
        spec = plan.authorities.get(current)
        if spec is None or spec.successor is None or spec.period.end is None or spec.period.end >= on:
            break
        current = spec.successor
    if current is None or current == ident:
        return None, None
    spec = plan.authorities.get(current)
    return current, spec.name if spec is not None else None
