"""Benchmark levels given as bands: the officer's chosen value is checked
against the band and reproduces the decision's arithmetic; repeat-offence
windows count the earlier violations the standard says."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import envrules
from envrules.core.errors import CaseError

from .conftest import RULESETS


@pytest.fixture(scope="module")
def handan() -> envrules.Engine:
    return envrules.load("hebei/handan", RULESETS)


def _dust(
    choices: dict[str, Any],
    priors: tuple[str, ...] = (),
    county: str = "handan.wu_an",
    occurred: str = "2022-05-17",
) -> dict[str, Any]:
    return {
        "decided_on": "2022-07-15",
        "region": {"county": county},
        "enterprise": {"prior_violations": [{"decided_on": d} for d in priors]},
        "violation": {
            "kind": "air.voc_dust_control",
            "item": 5,
            "occurred_on": occurred,
            "benchmark_choices": choices,
        },
    }


_PERCENT = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False)


@given(location=_PERCENT, first=_PERCENT)
def test_a_choice_inside_its_band_gives_sum_times_maximum(
    handan: envrules.Engine, location: Decimal, first: Decimal
) -> None:
    case = _dust({"location": str(location), "first_offence_in_year": str(first)})
    inside = 1 <= location <= 60 and 1 <= first <= 10
    if not inside:
        with pytest.raises(CaseError) as caught:
            handan.decide(case).penalty  # noqa: B018
        fields = {p.field for p in caught.value.problems}
        assert fields <= {
            "violation.benchmark_choices.location",
            "violation.benchmark_choices.first_offence_in_year",
        }
        return
    bench = handan.decide(case).penalty.benchmark
    total = location + first
    assert bench.total_percent == total
    raw = (Decimal(200000) * total / 100).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    assert bench.amount == min(max(raw, Decimal(20000)), Decimal(200000))
    assert [f.chosen for f in bench.factors] == [True, True, False]


def test_the_published_example_to_the_yuan(handan: envrules.Engine) -> None:
    bench = handan.decide(_dust({"location": "10", "first_offence_in_year": "5"})).penalty.benchmark
    assert (bench.total_percent, bench.amount) == (15, 30000)
    assert bench.formula == "15% × 200000 = 30000"


@pytest.mark.parametrize("value", [10.5, True, "-1", "101", "1e1", "ten"])
def test_choices_are_strict_decimals(handan: envrules.Engine, value: Any) -> None:
    with pytest.raises(envrules.EnvrulesError) as caught:
        handan.decide(_dust({"location": value}))
    assert any("benchmark_choices" in (p.field or p.place()) for p in caught.value.problems)


@pytest.mark.parametrize(
    ("priors", "holds"),
    [
        ((), True),  # nothing earlier
        (("2021-12-31",), True),  # the previous calendar year does not count (年度)
        (("2022-01-01",), False),  # the same calendar year, before the act: not 年度初犯
        (("2022-05-17",), False),  # decided on the day of the act
        (("2022-05-18",), True),  # decided after the act: not an earlier violation
    ],
)
def test_calendar_year_window(handan: envrules.Engine, priors: tuple[str, ...], holds: bool) -> None:
    bench = handan.decide(_dust({"location": "10", "first_offence_in_year": "5"}, priors)).penalty.benchmark
    assert (bench is not None) == holds


@pytest.mark.parametrize(
    ("prior", "counted"),
    [
        ("2023-06-15", True),  # exactly one year before the act: within 一年内
        ("2023-06-14", False),
    ],
)
def test_one_year_window(handan: envrules.Engine, prior: str, counted: bool) -> None:
    case = {
        "decided_on": "2024-08-30",
        "region": {"county": "handan.wu_an"},
        "enterprise": {"prior_violations": [{"decided_on": prior}]},
        "violation": {
            "kind": "water.self_monitoring",
            "item": 2,
            "occurred_on": "2024-06-15",
            "circumstances": ["obstructed_monitoring", "corrected_promptly"],
        },
    }
    bench = handan.decide(case).penalty.benchmark
    assert (bench is not None and bench.amount == 60000) == counted


def test_a_band_without_a_choice_counts_at_its_lower_end_with_a_warning(handan: envrules.Engine) -> None:
    decision = handan.decide(_dust({}))
    assert decision.penalty.benchmark.total_percent == 2
    codes = {(w.code, w.field) for w in decision.warnings}
    assert ("benchmark_band_lowest", "violation.benchmark_choices.location") in codes


def test_a_choice_for_a_factor_the_item_lacks_is_reported(handan: envrules.Engine) -> None:
    decision = handan.decide(_dust({"location": "10", "first_offence_in_year": "5", "duration": "3"}))
    assert ("benchmark_choice_unused", "violation.benchmark_choices.duration") in {
        (w.code, w.field) for w in decision.warnings
    }
