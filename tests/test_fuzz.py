"""The bounded slice of the fuzz run (the long one: ``make fuzz``): generated
and mutated rulesets, hostile cases — every outcome a decision within its caps
or a typed error with its place; generated profiles decide the same with both
evaluators. With controls showing each check can fail."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import envrules
from envrules.rulesets import InMemorySource
from envrules.testing import strategies as ers
from envrules.testing._fuzz.check import Finding, cap_problems, check_case, check_ruleset
from envrules.testing.fuzz import fuzz_cases, fuzz_rulesets


def quick(n: int) -> settings:
    return settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def _no_findings(found: list[Finding]) -> None:
    assert not found, "\n".join(f"[{f.what}] {f.detail}\n  {str(f.input)[:400]}" for f in found)


def _without_evaluator(engine: envrules.Engine, case: dict[str, Any]) -> Any:
    try:
        data = dict(engine.decide(case).data())
    except envrules.EnvrulesError as exc:
        return type(exc).__name__, exc.text("en")
    data.pop("evaluator")
    return data


@quick(25)
@given(ers.ruleset_files(), ers.generated_cases(["g.k0", "g.k1"], ["g.c0", "g.c1"]))
def test_a_generated_profile_loads_decides_within_caps_and_evaluators_agree(
    files: dict[str, str], case: dict[str, Any]
) -> None:
    engine = envrules.load("national", InMemorySource(files), cache=False)
    _, finding = check_case(engine, case)
    assert finding is None, finding
    durable = engine.with_evaluator("durable")
    assert _without_evaluator(engine, case) == _without_evaluator(durable, case)


@quick(60)
@given(ers.ruleset_files().flatmap(ers.mutated_files))
def test_a_mutated_profile_loads_or_says_where_it_is_wrong(files: dict[str, str]) -> None:
    def cases(engine: envrules.Engine) -> list[dict[str, Any]]:
        kinds = sorted(engine.plan.kinds)
        return [
            {"decided_on": "2030-01-01", "violation": {"kind": k, "occurred_on": "2029-06-01"}}
            for k in kinds[:3]
        ]

    _, found = check_ruleset(files, "national", cases)
    _no_findings(found)


CORPUS = [
    {
        "decided_on": "2026-11-25",
        "region": {"county": "langfang.gu_an"},
        "violation": {
            "kind": "air.excess_emission",
            "occurred_on": "2026-09-01",
            "circumstances": ["harm_eliminated"],
        },
    },
    {
        "decided_on": "2024-06-01",
        "region": {"county": "langfang.sanhe"},
        "violation": {
            "kind": "eia.unapproved_construction",
            "occurred_on": "2023-03-01",
            "investment": "5000000",
            "eia_document": "report_book",
            "severity": "serious",
        },
        "enterprise": {"prior_violations": [{"decided_on": "2022-01-01", "kind": "air.excess_emission"}]},
    },
]
LANGFANG = envrules.load("hebei/langfang")


@quick(300)
@given(ers.hostile_cases(CORPUS))
def test_a_hostile_case_gets_a_decision_or_a_typed_error(case: Any) -> None:
    _, finding = check_case(LANGFANG, case)
    assert finding is None, finding


@pytest.mark.parametrize(
    "profile", ["national", "hebei/langfang", "guangdong/shenzhen", "hebei/handan", "liaoning/panjin"]
)
def test_the_fuzz_run_slice_for_a_profile(profile: str) -> None:
    report = fuzz_cases(profile, 1500, seed=11)
    _no_findings(report.findings)
    assert report.decided > 300 and report.refused > 300  # both sides are exercised


def test_the_fuzz_run_slice_for_rulesets() -> None:
    report = fuzz_rulesets(80, seed=11)
    _no_findings(report.findings)
    assert report.loaded > 10


# ------------------------------------------------------------------ controls


class _Broken:
    """An engine whose decide fails the way a bug would."""

    plan = LANGFANG.plan

    def decide(self, case: Any) -> Any:
        raise KeyError("violation")


def test_control_a_crash_is_a_finding() -> None:
    _, finding = check_case(_Broken(), CORPUS[0])  # type: ignore[arg-type]
    assert finding is not None and finding.what == "crash" and "KeyError" in finding.detail


def test_control_an_amount_above_the_cap_is_a_finding() -> None:
    data = LANGFANG.decide(CORPUS[1]).data()
    assert cap_problems(data) == []
    p = data["penalty"]
    doctored = {
        "penalty": {
            **p,
            "permitted_range": {
                "min": p["statutory_range"]["min"],
                "max": str(int(p["statutory_range"]["max"]) + 1),
            },
        }
    }
    assert cap_problems(doctored)


def test_control_an_error_without_its_place_is_a_finding() -> None:
    class _Unplaced:
        plan = LANGFANG.plan

        def decide(self, case: Any) -> Any:
            raise envrules.CaseError([envrules.core.errors.Problem("bad", message_zh="错")])

    _, finding = check_case(_Unplaced(), CORPUS[0])  # type: ignore[arg-type]
    assert finding is not None and finding.what == "untyped"
