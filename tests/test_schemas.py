"""The published JSON Schemas hold: every documented case and every scenario
case the library accepts validates against ``envrules schema case``; every
decision the CLI, the library and the service emit validates against
``envrules schema decision``."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from pydantic import ValidationError

import envrules
from envrules import Case
from envrules.testing import strategies as ers
from envrules.tools.scenarios import load_file
from envrules.tools.schemas import json_schema

from .conftest import ROOT, RULESETS

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.S | re.M)


def as_json(value: Any) -> Any:
    """YAML values (dates) as the JSON a caller would send."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, date) else str(v)))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


CASES = validator("case")
DECISIONS = validator("decision")


def scenario_cases() -> Iterator[tuple[str, str | None, dict[str, Any], bool]]:
    """(id, profile, case as JSON, the scenario expects an error)."""
    for path in sorted(RULESETS.rglob("*.scenarios.yaml")):
        default, scenarios = load_file(path)
        for sc in scenarios:
            yield (
                f"{path.relative_to(RULESETS)}::{sc.id}",
                sc.profile or default,
                as_json(sc.case),
                "error" in sc.expect,
            )


@cache
def scenarios() -> list[tuple[str, str | None, dict[str, Any], bool]]:
    return list(scenario_cases())


def _dict_after(text: str, start: int) -> str:
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start : i + 1]
    raise ValueError("unbalanced")


def _yaml_cases(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("case"), dict):
            yield node["case"]
        for v in node.values():
            yield from _yaml_cases(v)
    elif isinstance(node, list):
        for v in node:
            yield from _yaml_cases(v)


def documented_cases() -> Iterator[tuple[str, dict[str, Any]]]:
    """Cases written in README.md, docs/*.md (python, YAML and JSON blocks) and examples/."""
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for lang, body in FENCE.findall(path.read_text(encoding="utf-8")):
            if lang == "python":
                for m in re.finditer(r"\.(?:decide|validate)\(\s*\{", body):
                    yield path.name, ast.literal_eval(_dict_after(body, m.end() - 1))
            elif lang in ("yaml", "yml"):
                for case in _yaml_cases(yaml.safe_load(body)):
                    yield path.name, as_json(case)
            elif lang == "json":
                data = json.loads(body)
                if isinstance(data, dict) and ("violation" in data or "matter" in data):
                    yield path.name, data
    for path in sorted((ROOT / "examples").glob("*.json")):
        yield path.name, json.loads(path.read_text(encoding="utf-8"))


def _accepted(case: Any) -> bool:
    try:
        Case.model_validate(case)
    except ValidationError:
        return False
    return True


def test_every_documented_case_validates() -> None:
    cases = list(documented_cases())
    assert len(cases) >= 5  # README, quickstart, scenarios, tutorial, examples/
    for where, case in cases:
        assert _accepted(case), where
        errors = [e.message for e in CASES.iter_errors(case)]
        assert not errors, (where, errors)


def test_every_scenario_case_the_library_accepts_validates() -> None:
    checked = 0
    for sid, _, case, _ in scenarios():
        if _accepted(case):
            errors = [f"{e.json_path}: {e.message}" for e in CASES.iter_errors(case)]
            assert not errors, (sid, errors)
            checked += 1
    assert checked > 1000


def test_scenario_cases_the_schema_refuses_are_refused_by_the_library() -> None:
    refused = [(sid, case) for sid, _, case, _ in scenarios() if not CASES.is_valid(case)]
    assert refused  # the error scenarios include malformed cases
    for sid, case in refused:
        assert not _accepted(case), sid


@cache
def engine(profile: str) -> envrules.Engine:
    return envrules.load(profile, RULESETS)


def test_every_scenario_decision_validates() -> None:
    decided = 0
    for sid, profile, case, _ in scenarios():
        name = profile or case.get("profile")
        try:
            decision = engine(name).decide(case)
        except envrules.EnvrulesError:
            continue
        errors = [f"{e.json_path}: {e.message}" for e in DECISIONS.iter_errors(decision.data())]
        assert not errors, (sid, errors)
        decided += 1
    assert decided > 1000


@settings(max_examples=150, deadline=None)
@given(data=ers.case_dicts(envrules.load("hebei/langfang", RULESETS)))
def test_generated_cases_and_their_decisions_validate(data: dict[str, Any]) -> None:
    case = as_json(data)
    try:
        decision = engine("hebei/langfang").decide(case)
    except envrules.CaseError:
        return
    assert CASES.is_valid(case), [e.message for e in CASES.iter_errors(case)]
    assert DECISIONS.is_valid(decision.data())


@pytest.mark.parametrize("name", ["case", "decision"])
def test_the_cli_prints_the_same_schema(name: str) -> None:
    r = subprocess.run(
        [sys.executable, "-c", "from envrules.tools.cli import main; main()", "schema", name],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert r.returncode == 0 and json.loads(r.stdout) == json_schema(name)


def test_money_is_described_as_a_decimal_string() -> None:
    investment = json_schema("case")["$defs"]["Violation"]["properties"]["investment"]

    def forms_of(node: dict[str, Any]) -> list[dict[str, Any]]:
        return [f for sub in node.get("anyOf", [node]) for f in (forms_of(sub) if "anyOf" in sub else [sub])]

    forms = forms_of(investment)
    text = next(f for f in forms if f.get("type") == "string")
    assert re.fullmatch(text["pattern"], "80000000") and re.fullmatch(text["pattern"], "1250.50")
    assert not any(f.get("type") == "number" for f in forms)
    assert not CASES.is_valid(
        {
            "violation": {"kind": "x", "occurred_on": "2026-01-01", "investment": 1.5},
            "decided_on": "2026-01-02",
        }
    )
