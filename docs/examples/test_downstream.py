"""A downstream user's property tests: a case-management system that embeds
envrules proves, for its profile, that no decision exceeds a statutory cap,
that circumstances move ranges the right way, and that decisions are stable.

Run with:  pytest docs/examples/test_downstream.py --hypothesis-profile=envrules-ci
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import envrules
from envrules.testing import invariants
from envrules.testing import strategies as ers

ENGINE = envrules.load("hebei/langfang")  # the profile this system uses


@given(ers.cases(ENGINE))
def test_no_fine_above_the_statutory_cap(case: envrules.Case) -> None:
    decision = invariants.decide_or_fail(ENGINE, case)
    invariants.assert_within_caps(decision)
    invariants.assert_not_heavier_than_old_law(decision)
    invariants.assert_single_jurisdiction(decision)


@settings(max_examples=100)
@given(ers.cases(ENGINE, kinds=["eia.unapproved_construction", "air.excess_emission"]))
def test_aggravating_never_lowers_mitigating_never_raises(case: envrules.Case) -> None:
    invariants.assert_monotonic(ENGINE, case)


@pytest.mark.parametrize("envrules_engine", ["hebei/langfang"], indirect=True)
def test_our_integration_case_is_deterministic(envrules_engine: envrules.Engine) -> None:
    case = {"decided_on": "2026-11-25", "region": {"county": "langfang.gu_an"},
            "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"}}
    invariants.assert_deterministic(envrules_engine, case)
    invariants.assert_evaluators_agree(envrules_engine, case)
