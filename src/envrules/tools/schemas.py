"""JSON Schemas of what envrules reads and writes."""

from __future__ import annotations

import warnings
from typing import Any

from pydantic.json_schema import PydanticJsonSchemaWarning

from ..case import Case
from ..decision import DecisionModel


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of ``case``, ``decision``, ``ruleset``, ``profile``, ``scenarios``,
    ``events`` (a case history) or ``timeline`` (a case's status)."""
    with warnings.catch_warnings():
        # a condition's default (always) is an AST, not JSON: the schema omits it
        warnings.simplefilter("ignore", PydanticJsonSchemaWarning)
        return _json_schema(name)


def _json_schema(name: str) -> dict[str, Any]:
    if name == "case":
        return Case.model_json_schema()
    if name == "decision":
        return DecisionModel.model_json_schema(mode="serialization")
    if name == "ruleset":
        from ..rulesets.schema import RulesetFile

        return RulesetFile.model_json_schema()
    if name == "profile":
        from ..rulesets.schema import ProfileMeta

        return ProfileMeta.model_json_schema()
    if name == "scenarios":
        from .scenarios import ScenarioFile

        return ScenarioFile.model_json_schema()
    if name == "events":
        from ..timeline import event_schema

        return event_schema()
    if name == "timeline":
        from ..timeline import CaseStatus

        return CaseStatus.model_json_schema(mode="serialization")
    raise ValueError(f"unknown schema {name!r}")
