"""The compiled evaluator and the durable-rules (Rete) evaluator execute the
same plan and must give identical decisions."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

import envrules
from envrules.testing import strategies as ers

from .conftest import RULESETS

ENGINES = {p: envrules.load(p, RULESETS) for p in ("hebei/langfang", "national")}
DURABLE = {p: e.with_evaluator("durable") for p, e in ENGINES.items()}


def _both(profile: str, case: dict[str, Any]) -> tuple[Any, Any]:
    compiled, durable = ENGINES[profile], DURABLE[profile]
    try:
        a = compiled.decide(case).model_dump(exclude={"evaluator"})
    except envrules.CaseError as exc:
        a = ("error", str(exc))
    try:
        b = durable.decide(case).model_dump(exclude={"evaluator"})
    except envrules.CaseError as exc:
        b = ("error", str(exc))
    return a, b


@settings(max_examples=500)
@given(ers.case_dicts(ENGINES["hebei/langfang"]))
def test_agree_on_generated_langfang_cases(case: dict[str, Any]) -> None:
    a, b = _both("hebei/langfang", case)
    assert a == b


@settings(max_examples=300)
@given(ers.case_dicts(ENGINES["national"]))
def test_agree_on_generated_national_cases(case: dict[str, Any]) -> None:
    a, b = _both("national", case)
    assert a == b


def test_durable_evaluator_is_really_used() -> None:
    d = DURABLE["hebei/langfang"].decide(
        {
            "decided_on": "2026-11-25",
            "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
            "region": {"county": "langfang.gu_an"},
            "procedure": {"discovered_through": "city_audit"},
        }
    )
    assert d.evaluator == "durable"
    assert d.jurisdiction.rule == "langfang.jurisdiction.city_actions"


@pytest.mark.parametrize("profile", sorted(ENGINES))
def test_every_condition_translates_for_durable(profile: str) -> None:
    # one durable rule per condition of the plan
    evaluator = DURABLE[profile]._evaluator
    assert len(evaluator.definition) == len(ENGINES[profile].plan.conditions)
