"""Arbitrary input never escapes as anything but a Decision or a CaseError."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import envrules

from .conftest import RULESETS

ENGINE = envrules.load("hebei/langfang", RULESETS)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "2026-09-01",
            "2015-02-30",
            "1e31",
            "-5",
            "eia.unapproved_construction",
            "air.excess_emission",
            "langfang.gu_an",
            "report_book",
            "refused_correction",
            "NaN",
            "Infinity",
            "",
        ]
    ),
)
json_like = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)

VIOLATION_KEYS = [
    "kind",
    "occurred_on",
    "ended_on",
    "discovered_on",
    "eia_document",
    "severity",
    "investment",
    "illegal_gain",
    "cost",
    "units",
    "continuing_days",
    "exceedance_multiple",
    "circumstances",
    "harm",
]


@st.composite
def near_valid_cases(draw: st.DrawFn) -> dict[str, Any]:
    violation = {"kind": "air.excess_emission", "occurred_on": "2024-05-01"}
    for key in draw(st.lists(st.sampled_from(VIOLATION_KEYS), max_size=4, unique=True)):
        violation[key] = draw(json_like)
    case: dict[str, Any] = {
        "violation": violation,
        "region": draw(st.one_of(st.just({"county": "langfang.gu_an"}), json_like)),
    }
    if draw(st.booleans()):
        case["decided_on"] = draw(st.one_of(st.just("2026-11-25"), json_like))
    if draw(st.booleans()):
        case[draw(st.sampled_from(["enterprise", "procedure", "matter", "id"]))] = draw(json_like)
    return case


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(near_valid_cases(), json_like))
def test_any_input_gives_a_decision_or_a_case_error(data: Any) -> None:
    try:
        decision = ENGINE.decide(data)
    except envrules.CaseError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return
    assert isinstance(decision, envrules.Decision)
    decision.to_json()
    decision.explain("zh")
