"""JSON Schemas of what envrules reads and writes."""

from __future__ import annotations

from typing import Any

from ._case import Case
from ._decision import Decision
from ._schema import ProfileMeta, RulesetFile


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of ``case``, ``decision``, ``ruleset``, ``profile`` or ``scenarios``."""
    if name == "case":
        return Case.model_json_schema()
    if name == "decision":
        return Decision.model_json_schema(mode="serialization")
    if name == "ruleset":
        return RulesetFile.model_json_schema()
    if name == "profile":
        return ProfileMeta.model_json_schema()
    if name == "scenarios":
        from ._scenarios import ScenarioFile

        return ScenarioFile.model_json_schema()
    raise ValueError(f"unknown schema {name!r}")
