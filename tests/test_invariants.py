"""envrules' own suite uses the property kit on every shipped profile:
caps, monotonicity, determinism, evaluator agreement, single jurisdiction, and
the penalty method's invariants — 减轻 above zero and below the minimum, no
ground counted twice, never heavier on any axis than the old law, no "no
penalty" without its ground."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import envrules
from envrules.rulesets import DirectorySource, selectable_profiles
from envrules.testing import invariants
from envrules.testing import strategies as ers

from .conftest import RULESETS

PROFILES = sorted(name for name, _ in selectable_profiles(DirectorySource(RULESETS)))
ENGINES = {p: envrules.load(p, RULESETS) for p in PROFILES}
DURABLE = {p: e.with_evaluator("durable") for p, e in ENGINES.items()}
# at least 500 examples per profile in CI; the nightly profile raises it to 20,000
EXAMPLES = max(500, settings.default.max_examples)
QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


@pytest.mark.parametrize("profile", PROFILES)
def test_caps_old_law_and_jurisdiction(profile: str) -> None:
    engine = ENGINES[profile]

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=QUIET)
    @given(ers.cases(engine))
    def check(case: envrules.Case) -> None:
        decision = invariants.decide_or_fail(engine, case)
        invariants.assert_within_caps(decision)
        invariants.assert_not_heavier_than_old_law(decision)
        invariants.assert_single_jurisdiction(decision)
        invariants.assert_reduced_above_zero(decision)
        invariants.assert_no_double_counting(decision)
        invariants.assert_no_penalty_has_ground(decision)

    check()


@pytest.mark.parametrize("profile", PROFILES)
def test_monotonic_adjustments(profile: str) -> None:
    engine = ENGINES[profile]

    @settings(max_examples=max(EXAMPLES // 5, 100), deadline=None, suppress_health_check=QUIET)
    @given(ers.cases(engine))
    def check(case: envrules.Case) -> None:
        invariants.assert_monotonic(engine, case)

    check()


@pytest.mark.parametrize("profile", PROFILES)
def test_deterministic_and_evaluators_agree(profile: str) -> None:
    engine, durable = ENGINES[profile], DURABLE[profile]

    @settings(max_examples=max(EXAMPLES // 5, 100), deadline=None, suppress_health_check=QUIET)
    @given(ers.case_dicts(engine))
    def check(case: dict[str, object]) -> None:
        try:
            invariants.assert_deterministic(engine, case, times=2)
        except envrules.CaseError:
            return
        invariants.assert_evaluators_agree(engine, case, durable)

    check()


@settings(max_examples=max(5000, settings.default.max_examples), deadline=None, suppress_health_check=QUIET)
@given(st.data())
def test_five_thousand_cases_within_caps_and_never_heavier(data: st.DataObject) -> None:
    engine = ENGINES["national"]
    decision = invariants.decide_or_fail(engine, data.draw(ers.cases(engine)))
    invariants.assert_within_caps(decision)
    invariants.assert_not_heavier_than_old_law(decision)
    invariants.assert_reduced_above_zero(decision)
    invariants.assert_no_double_counting(decision)
    invariants.assert_no_penalty_has_ground(decision)


def test_the_penalty_invariants_can_fail() -> None:
    """Controls: each new check rejects a decision that breaks it."""
    import json

    engine = ENGINES["national"]
    reduced = engine.decide(
        {
            "decided_on": "2024-06-01",
            "violation": {
                "kind": "air.excess_emission",
                "occurred_on": "2024-03-01",
                "ended_on": "2024-03-01",
                "circumstances": ["harm_eliminated"],
            },
        }
    )
    data = json.loads(reduced.to_json())
    data["penalty"]["permitted_range"]["min"] = "0"
    with pytest.raises(AssertionError, match="never reaches zero"):
        invariants.assert_reduced_above_zero(envrules.Decision.model_validate(data))
    fined = engine.decide(
        {
            "decided_on": "2024-06-01",
            "violation": {
                "kind": "air.excess_emission",
                "occurred_on": "2024-03-01",
                "ended_on": "2024-03-01",
            },
        }
    )
    data = json.loads(fined.to_json())
    data["penalty"]["outcome"] = "no_penalty"
    with pytest.raises(AssertionError, match="without a limitation"):
        invariants.assert_no_penalty_has_ground(envrules.Decision.model_validate(data))
    mixed = engine.decide(
        {
            "decided_on": "2026-12-01",
            "violation": {
                "kind": "air.evading_supervision",
                "occurred_on": "2025-06-01",
                "ended_on": "2025-06-01",
            },
        }
    )
    data = json.loads(mixed.to_json())
    data["penalty"]["applied_version"] = "air.evading_supervision.code_2026"
    with pytest.raises(AssertionError, match="restrictive measures"):
        invariants.assert_not_heavier_than_old_law(envrules.Decision.model_validate(data))
