"""enterprise.violations_3y_incl_current: 三年内存在环境违法行为, the violation being decided included."""

from __future__ import annotations

from typing import Any

import pytest

import envrules
from envrules.case import DERIVED

PATH = "enterprise.violations_3y_incl_current"


def _count(data: dict[str, Any]) -> int:
    return int(DERIVED[PATH][1](envrules.Case.model_validate(data)))


def test_the_violation_being_decided_counts() -> None:
    case = {"decided_on": "2025-09-01", "violation": {"kind": "x", "occurred_on": "2025-06-01"}}
    assert _count(case) == 1


@pytest.mark.parametrize(
    ("prior", "expected"),
    [
        ("2022-06-01", 2),  # exactly three years before the act: within
        ("2022-05-31", 1),  # three years and a day: outside
        ("2025-06-01", 2),  # the day of the act
    ],
)
def test_priors_within_three_years_of_the_act(prior: str, expected: int) -> None:
    case = {
        "decided_on": "2025-09-01",
        "violation": {"kind": "x", "occurred_on": "2025-06-01"},
        "enterprise": {"prior_violations": [{"decided_on": prior}]},
    }
    assert _count(case) == expected


def test_a_prior_not_penalised_does_not_count() -> None:
    case = {
        "decided_on": "2025-09-01",
        "violation": {"kind": "x", "occurred_on": "2025-06-01"},
        "enterprise": {"prior_violations": [{"decided_on": "2024-01-10", "penalized": False}]},
    }
    assert _count(case) == 1


@pytest.mark.parametrize(
    ("decided", "prior", "expected"),
    [
        ("2023-03-01", "2020-02-29", 0),  # three years and a day (leap day)
        ("2024-02-29", "2021-02-28", 1),  # 29 February counts back to 28 February
        ("2025-09-01", "2024-01-10", 1),
    ],
)
def test_a_matter_question_counts_back_from_decided_on(decided: str, prior: str, expected: int) -> None:
    case = {"decided_on": decided, "matter": "m", "enterprise": {"prior_violations": [{"decided_on": prior}]}}
    assert _count(case) == expected
