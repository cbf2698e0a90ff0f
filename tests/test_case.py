"""The case model: every fact of FACTS.md, validated with errors that name the field."""

from __future__ import annotations

from decimal import Decimal

import pytest

import envrules
from envrules.case import FACTS


def _problems(engine: envrules.Engine, case: dict[str, object]) -> dict[str, str]:
    with pytest.raises(envrules.CaseError) as info:
        engine.decide(case)
    return {p.field or "": p.message for p in info.value.problems}


def test_money_is_decimal_and_never_float(langfang: envrules.Engine) -> None:
    case = envrules.Case.model_validate(
        {
            "violation": {
                "kind": "eia.unapproved_construction",
                "occurred_on": "2022-03-15",
                "investment": "80,000,000",
                "illegal_gain": 1200,
            }
        }
    )
    assert case.violation is not None
    assert case.violation.investment == Decimal("80000000")
    assert isinstance(case.violation.illegal_gain, Decimal)
    problems = _problems(
        langfang, {"violation": {"kind": "air.excess_emission", "occurred_on": "2022-03-15", "cost": 0.1}}
    )
    assert "not a float" in problems["violation.cost"]


def test_dates_in_order_name_the_field(langfang: envrules.Engine) -> None:
    problems = _problems(
        langfang,
        {
            "decided_on": "2020-01-01",
            "violation": {"kind": "air.excess_emission", "occurred_on": "2022-03-15"},
        },
    )
    assert any("decided_on" in m for m in problems.values())
    problems = _problems(
        langfang,
        {"violation": {"kind": "air.excess_emission", "occurred_on": "2022-03-15", "ended_on": "2021-01-01"}},
    )
    assert any("ended_on" in m for m in problems.values())


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("91110000600037341L", True),  # a well-formed code (check character L)
        ("91110000600037341X", False),
        ("9111000060003734", False),
    ],
)
def test_credit_code_check_character(code: str, ok: bool) -> None:
    data = {"violation": {"kind": "x", "occurred_on": "2022-01-01"}, "enterprise": {"credit_code": code}}
    if ok:
        assert envrules.Case.model_validate(data).enterprise.credit_code == code
    else:
        with pytest.raises(ValueError):
            envrules.Case.model_validate(data)


def test_every_fact_of_the_vocabulary_is_reachable() -> None:
    for path in (
        "violation.kind",
        "violation.eia_document",
        "violation.severity",
        "violation.accident_grade",
        "violation.harm",
        "violation.circumstances",
        "violation.investment",
        "violation.illegal_gain",
        "violation.exceedance_multiple",
        "violation.continuing_days",
        "enterprise.kind",
        "enterprise.size",
        "enterprise.key_discharger",
        "enterprise.monitored_level",
        "enterprise.violations_past_3y",
        "region.counties",
        "region.townships",
        "region.central_urban_area",
        "region.special_zone",
        "procedure.discovered_through",
        "procedure.designation",
        "matter",
    ):
        assert path in FACTS, path


def test_a_question_about_a_matter_needs_no_violation() -> None:
    case = envrules.Case.model_validate({"matter": "x", "decided_on": "2026-01-01"})
    assert case.violation is None
    with pytest.raises(ValueError):
        envrules.Case.model_validate({"matter": "x"})  # but a decision date
