"""The OpenAPI 3.1 document: paths and parameters from the routes, every body
schema from the library's pydantic models (the case as validated, the decision
as serialised; the same schemas as ``envrules schema case|decision``)."""

from __future__ import annotations

import warnings
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, PydanticJsonSchemaWarning, models_json_schema

from ... import __version__
from ...case import Case
from ...decision import DecisionModel
from .models import BatchResponse, Health, KindInfo, MatterInfo, Problem, ProfileInfo, RegionInfo
from .problems import PROBLEM_JSON

_MODELS: list[tuple[type[BaseModel], JsonSchemaMode]] = [
    (Case, "validation"),
    (DecisionModel, "serialization"),
    (Problem, "serialization"),
    (BatchResponse, "serialization"),
    (ProfileInfo, "serialization"),
    (KindInfo, "serialization"),
    (RegionInfo, "serialization"),
    (MatterInfo, "serialization"),
    (Health, "serialization"),
]

_DESCRIPTION = """Decide Chinese environmental enforcement questions — jurisdiction, departments,
office and the permitted fine — from cited, dated rulesets. Every error is
`application/problem+json` (RFC 9457) naming each field, in English and Chinese."""


def _body(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _problems(*statuses: int) -> dict[str, Any]:
    words = {
        400: "the request is not usable (not JSON, a bad parameter)",
        404: "no such profile or path",
        405: "method not allowed",
        413: "body or batch larger than the service's limits",
        422: "the case is invalid: each problem names its field",
        500: "internal error (never a traceback)",
        503: "not ready",
    }
    ref = {"$ref": "#/components/schemas/Problem"}
    return {
        str(s): {"description": words[s], "content": {PROBLEM_JSON: {"schema": ref}}}
        for s in (*statuses, 405, 500)
    }


def _batch_operation(refs: dict[str, dict[str, Any]], batch_cases: int) -> dict[str, Any]:
    case = refs["Case"]
    cases = {
        "type": "array",
        "items": case,
        "maxItems": batch_cases,
        "description": "cases; an item that is not a valid case gets a problem in its "
        "place, the others their decisions",
    }
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": cases},
                "application/x-ndjson": {"schema": case, "description": "one case per line"},
            },
        },
        "responses": {
            "200": {
                "description": "one outcome per case, in order",
                "content": {
                    "application/json": {"schema": refs["BatchResponse"]},
                    "application/x-ndjson": {"schema": refs["BatchItem"]},
                },
            },
            **_problems(400, 413, 422),
        },
    }


def _listing(item: dict[str, Any], what: str) -> dict[str, Any]:
    return {"responses": {"200": _body({"type": "array", "items": item}, what), **_problems(400, 404)}}


def _operations(refs: dict[str, dict[str, Any]], batch_cases: int) -> dict[str, dict[str, Any]]:
    case, decision = refs["Case"], refs["DecisionModel"]
    one_case = {"required": True, "content": {"application/json": {"schema": case}}}
    text = {"description": "the explanation", "content": {"text/plain": {"schema": {"type": "string"}}}}
    return {
        "decide": {
            "requestBody": one_case,
            "responses": {
                "200": _body(decision, "the decision (the same JSON as `envrules decide`)"),
                **_problems(400, 413, 422),
            },
        },
        "explain": {"requestBody": one_case, "responses": {"200": text, **_problems(400, 413, 422)}},
        "decideBatch": _batch_operation(refs, batch_cases),
        "listProfiles": {
            "responses": {"200": _body({"type": "array", "items": refs["ProfileInfo"]}, "profiles")}
        },
        "listKinds": _listing(refs["KindInfo"], "violation kinds"),
        "listRegions": _listing(refs["RegionInfo"], "regions"),
        "listMatters": _listing(refs["MatterInfo"], "matters"),
        "health": {"responses": {"200": _body(refs["Health"], "alive")}},
        "ready": {"responses": {"200": _body(refs["Health"], "ready"), **_problems(503)}},
    }


def components() -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """References by model name, and the schemas they point to."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PydanticJsonSchemaWarning)
        keys, defs = models_json_schema(_MODELS, ref_template="#/components/schemas/{model}")
    refs = {model.__name__: ref for (model, _), ref in keys.items()}
    refs["BatchItem"] = {"$ref": "#/components/schemas/BatchItem"}
    return refs, defs["$defs"]


def build(app: FastAPI) -> dict[str, Any]:
    doc = get_openapi(title="envrules", version=__version__, description=_DESCRIPTION, routes=app.routes)
    refs, schemas = components()
    operations = _operations(refs, app.state.config.limits.batch_cases)
    profiles = sorted(app.state.engines.profiles())
    for methods in doc["paths"].values():
        for op in methods.values():
            spec = operations[op["operationId"]]
            op.pop("requestBody", None)
            op.update(spec)
            for param in op.get("parameters", ()):
                if param["name"] == "profile":  # the profiles this service can load
                    param["schema"] = {"type": "string", "enum": profiles}
    doc["components"] = {"schemas": schemas}
    return doc
