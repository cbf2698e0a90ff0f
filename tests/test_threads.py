"""Engines are immutable and thread-safe: concurrent use gives the same
decisions as sequential use, and engines never see each other's facts."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import envrules
from envrules.testing import strategies as ers

from .conftest import RULESETS


def _cases(engine: envrules.Engine, n: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    @settings(max_examples=n, database=None, suppress_health_check=list(HealthCheck))
    @given(ers.case_dicts(engine))
    def collect(case: dict[str, Any]) -> None:
        out.append(case)

    collect()
    return out


@pytest.mark.parametrize("evaluator", ["compiled", "durable"])
def test_two_profiles_eight_threads_match_sequential(evaluator: str) -> None:
    engines = [
        envrules.load("hebei/langfang", RULESETS, evaluator=evaluator),
        envrules.load("national", RULESETS, evaluator=evaluator),
    ]
    work = [(i % 2, c) for i in range(2) for c in _cases(engines[i % 2], 150)]

    def run(item: tuple[int, dict[str, Any]]) -> str:
        which, case = item
        try:
            return engines[which].decide(case).to_json()
        except envrules.CaseError as exc:
            return f"error: {exc}"

    sequential = [run(w) for w in work]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(run, work)) == sequential


def test_an_engine_is_unaffected_by_another_profile_deciding() -> None:
    a = envrules.load("hebei/langfang", RULESETS, evaluator="durable")
    b = envrules.load("national", RULESETS, evaluator="durable")
    case = {
        "decided_on": "2026-11-25",
        "region": {"county": "langfang.gu_an"},
        "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
    }
    before = a.decide(case)
    b.decide(
        {
            "decided_on": "2026-11-25",
            "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
        }
    )
    assert a.decide(case) == before


def test_durable_state_does_not_accumulate() -> None:
    from envrules.evaluate import durable as _durable
    from envrules.evaluate import durable_host

    engine = envrules.load("national", RULESETS, evaluator="durable")
    host = durable_host.host()
    name = engine._evaluator._ruleset
    # control: a session that is not deleted keeps its state, so the check below can fail
    host.assert_fact(name, {"sid": "control", "_t": 1})
    assert host.get_state(name, "control")["sid"] == "control"
    host.delete_state(name, "control")
    for _ in range(300):
        engine.decide(
            {
                "decided_on": "2026-11-25",
                "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
            }
        )
    # the decisions' fixed session was deleted after each one: nothing is stored
    with pytest.raises(Exception, match="Could not get state"):  # durable raises a bare Exception
        host.get_state(name, _durable._SESSION)
