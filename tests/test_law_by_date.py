"""Statutory ranges are selected by the date of the act, each citing its text."""

from __future__ import annotations

from decimal import Decimal

import pytest

import envrules


def _eia(
    engine: envrules.Engine, occurred: str, decided: str | None = None, **extra: object
) -> envrules.Decision:
    # a continuing kind: construction is taken to have ended the day it began
    violation = {
        "kind": "eia.unapproved_construction",
        "occurred_on": occurred,
        "ended_on": occurred,
        "eia_document": "report_book",
        **extra,
    }
    case: dict[str, object] = {"violation": violation, "region": {"county": "langfang.gu_an"}}
    if decided:
        case["decided_on"] = decided
    return engine.decide(case)


def test_2015_act_gets_the_fixed_50k_to_200k_range(langfang: envrules.Engine) -> None:
    p = _eia(langfang, "2015-06-01", "2016-03-01").penalty
    assert p is not None
    assert (p.statutory_range.min, p.statutory_range.max) == (Decimal(50000), Decimal(200000))
    assert p.applied_version.startswith("eia.unapproved_construction.")
    assert p.statutory_basis.article  # cites its text


def test_2022_act_gets_1_to_5_percent_of_investment(langfang: envrules.Engine) -> None:
    p = _eia(langfang, "2022-03-15", "2023-01-10", investment="3000000").penalty
    assert p is not None
    assert p.applied_version == "eia.unapproved_construction.eia_law_2018"
    assert (p.statutory_range.min, p.statutory_range.max) == (Decimal(30000), Decimal(150000))
    assert "环境影响评价法" in p.statutory_basis.law
    assert "第三十一条" in (p.statutory_basis.article or "")


def test_percentage_range_without_investment_asks_for_it(langfang: envrules.Engine) -> None:
    p = _eia(langfang, "2022-03-15", "2023-01-10").penalty
    assert p is not None and p.outcome == "undetermined"
    assert p.missing_facts == ("violation.investment",)


@pytest.mark.parametrize(
    ("investment", "applied"),
    [
        ("80000000", "eia.unapproved_construction.code_2026"),  # 1%–5% = 80万–400万: Code lighter
        ("3000000", "eia.unapproved_construction.eia_law_2018"),  # 3万–15万: old law lighter
    ],
)
def test_lighter_law_between_old_percentage_and_code_fixed_range(
    langfang: envrules.Engine, investment: str, applied: str
) -> None:
    p = _eia(langfang, "2025-05-01", "2026-11-20", investment=investment).penalty
    assert p is not None
    assert p.applied_version == applied
    roles = {c.role for c in p.candidates}
    assert roles == {"in_force_when_act_occurred", "in_force_on_decision_date"}
    assert "从旧兼从轻" in p.lighter_law.zh


def test_without_decided_on_the_decision_says_which_date_it_used(
    langfang: envrules.Engine,
) -> None:
    d = _eia(langfang, "2022-03-15", None, investment="3000000", discovered_on="2022-06-01")
    assert d.dates.as_of_source == "discovered_on"
    assert d.trace[0].rule == "dates.as_of"


def test_act_before_any_version_is_a_case_error(langfang: envrules.Engine) -> None:
    with pytest.raises(envrules.CaseError) as info:
        _eia(langfang, "2001-01-01", "2002-01-01")
    assert info.value.problems[0].field == "violation.occurred_on"
