"""Published lists of minor violations (轻微违法行为不予处罚清单): the rows that
hold are named in the trace, a discretion standard's ground is taken at the
decision date (``as_of: decided_on``), the first-violation windows count back
from the act, and the facts the lists test are validated."""

from __future__ import annotations

from decimal import Decimal

import pytest

import envrules
from envrules.case import DERIVED
from envrules.rulesets import InMemorySource

NATIONAL = "title: {zh: 测试, en: test}\nselectable: true\n"
KIND = """\
kinds:
  - id: test.kind
    title: {zh: 测试违法行为, en: Test violation}
    versions:
      - id: test.kind.v1
        effective_from: 2015-01-01
        basis: {law: 测试法, article: 第一条}
        tiers:
          - id: base
            fine: {formula: fixed, min: "10000", max: "100000"}
"""
LIST = """\
tables:
  - id: test.minor
    title: {zh: 轻微违法行为清单, en: List of minor violations}
    decides: minor_violation
    hit_policy: collect
    rules:
      - id: test.minor.item_1
        title: {zh: 第1项, en: Item 1}
        when: {violation.circumstances: {contains: corrected_within_order_deadline}}
        then: {}
        basis: {law: 测试清单, article: 第1项}
        effective_from: 2022-01-01
        effective_to: 2022-12-31
      - id: test.minor.item_2
        title: {zh: 第2项, en: Item 2}
        when: {violation.exceeding_factor_count: {lte: 1}}
        then: {}
        basis: {law: 测试清单, article: 第2项}
        effective_from: 2022-01-01
        effective_to: 2022-12-31
adjustments:
  - id: test.no_penalty.listed
    title: {zh: 列入清单的不予处罚, en: Listed - no penalty}
    kind: no_penalty
    when: {violation.listed_minor: true}
    basis: {law: 测试, article: 第一条}
    effective_from: 2022-01-01
"""


def _adjustment(as_of: str) -> str:
    return f"""\
adjustments:
  - id: test.may_waive
    title: {{zh: 可以不予处罚, en: May waive}}
    kind: no_penalty
    mandatory: false
    {as_of}
    when: {{violation.circumstances: {{contains: daily_mean_compliant}}}}
    basis: {{law: 测试裁量基准, article: 第一条}}
    effective_from: 2022-01-01
    effective_to: 2022-12-31
"""


def _engine(**files: str) -> envrules.Engine:
    source = InMemorySource(
        {
            "national/profile.yaml": NATIONAL,
            "national/kinds.yaml": KIND,
            **{f"national/{k}.yaml": v for k, v in files.items()},
        }
    )
    return envrules.load("national", source)


def _case(decided_on: str, **violation: object) -> dict[str, object]:
    return {
        "decided_on": decided_on,
        "violation": {"kind": "test.kind", "occurred_on": "2022-06-01", **violation},
    }


def test_every_listed_row_that_holds_is_in_the_trace_with_its_basis() -> None:
    engine = _engine(list=LIST)
    decision = engine.decide(
        _case("2022-09-01", exceeding_factor_count=0, circumstances=["corrected_within_order_deadline"])
    )
    assert decision.penalty is not None and decision.penalty.outcome == "no_penalty"
    listed = [e for e in decision.data()["trace"] if e["step"] == "penalty.minor_violation"]
    assert [e["rule"] for e in listed] == ["test.minor.item_1", "test.minor.item_2"]
    assert listed[0]["basis"]["article"] == "第1项"
    only_one = engine.decide(
        _case("2022-09-01", exceeding_factor_count=2, circumstances=["corrected_within_order_deadline"])
    )
    assert [e["rule"] for e in only_one.data()["trace"] if e["step"] == "penalty.minor_violation"] == [
        "test.minor.item_1"
    ]


def test_a_list_out_of_force_at_the_decision_lists_nothing() -> None:
    engine = _engine(list=LIST)
    decision = engine.decide(_case("2023-01-02", exceeding_factor_count=0))
    assert decision.penalty is not None and decision.penalty.outcome == "fine"
    assert not [e for e in decision.data()["trace"] if e["step"] == "penalty.minor_violation"]


@pytest.mark.parametrize(
    ("as_of", "decided_on", "offered"),
    [
        ("as_of: decided_on", "2022-12-31", True),
        ("as_of: decided_on", "2023-01-01", False),  # in force at the act only: not offered
        ("", "2023-01-01", True),  # control: a general-law ground counts at the act (从旧兼从轻)
    ],
)
def test_a_discretion_standards_ground_is_taken_at_the_decision_date(
    as_of: str, decided_on: str, offered: bool
) -> None:
    engine = _engine(adj=_adjustment(as_of))
    p = engine.decide(_case(decided_on, circumstances=["daily_mean_compliant"])).penalty
    assert p is not None
    assert (p.outcome == "may_waive") is offered
    assert [a.rule for a in p.adjustments] == (["test.may_waive"] if offered else [])


def test_as_of_with_a_statute_is_a_ruleset_error_at_its_place() -> None:
    adj = _adjustment("as_of: decided_on\n    statute: eco_code")
    with pytest.raises(envrules.RulesetError) as info:
        _engine(adj=adj)
    assert "national/adj.yaml" in str(info.value) and "as_of" in str(info.value)


def _count(path: str, occurred_on: str, *priors: tuple[str, str, bool]) -> int:
    case = envrules.Case.model_validate(
        {
            "violation": {"kind": "test.kind", "occurred_on": occurred_on},
            "enterprise": {
                "prior_violations": [{"decided_on": d, "kind": k, "penalized": p} for d, k, p in priors]
            },
        }
    )
    value = DERIVED[path][1](case)
    assert isinstance(value, int)
    return value


def test_the_one_year_window_counts_back_from_the_act() -> None:
    path = "enterprise.same_kind_priors_1y"
    assert _count(path, "2024-03-01", ("2023-03-01", "test.kind", True)) == 1  # the first day
    assert _count(path, "2024-03-01", ("2023-02-28", "test.kind", True)) == 0
    assert _count(path, "2024-03-01", ("2023-06-01", "other.kind", True)) == 0
    assert _count(path, "2024-03-01", ("2023-06-01", "test.kind", False)) == 1  # 查处, not fined
    assert _count(path, "2024-03-01", ("2024-03-02", "test.kind", True)) == 0  # after the act


def test_the_calendar_year_window_starts_on_1_january() -> None:
    path = "enterprise.same_kind_priors_this_year"
    assert _count(path, "2024-03-01", ("2024-01-01", "test.kind", True)) == 1
    assert _count(path, "2024-03-01", ("2023-12-31", "test.kind", True)) == 0
    # a leap day's act: one year back is 2023-02-28, the calendar year starts 2024-01-01
    assert _count("enterprise.same_kind_priors_1y", "2024-02-29", ("2023-02-28", "test.kind", True)) == 1


def test_the_lists_facts_are_validated_and_named() -> None:
    engine = _engine()
    with pytest.raises(envrules.CaseError) as info:
        engine.decide(_case("2022-09-01", ph_value="15"))
    assert info.value.problems[0].field == "violation.ph_value"
    with pytest.raises(envrules.CaseError) as info:
        engine.decide(_case("2022-09-01", waste_tonnes=0.1))  # a float is refused
    assert info.value.problems[0].field == "violation.waste_tonnes"
    case = engine.validate(_case("2022-09-01", waste_tonnes="0.01", ph_value=7))
    assert case.violation is not None
    assert case.violation.waste_tonnes == Decimal("0.01") and case.violation.ph_value == 7


LONG = """\
tables:
  - id: test.minor
    title: {zh: 轻微违法行为清单, en: List of minor violations}
    decides: minor_violation
    hit_policy: collect
    rules:
      - id: test.minor.long
        title: {zh: 条件很多的一项, en: An item with many conditions}
        when:
          violation.kind: test.kind
          violation.first_violation: true
          violation.item: 4
          violation.hazardous_storage_defect: substandard
          violation.waste_tonnes: {lte: "0.1"}
          violation.special_hazardous_waste: false
          violation.circumstances: {contains: corrected_within_order_deadline}
          violation.harm: {in: [none, minor]}
          not: {any: [{violation.circumstances: {contains: sensitive_area}},
                      {violation.location_class: water_source_or_redline}]}
        then: {}
        basis: {law: 测试清单, article: 第1项}
        effective_from: 2022-01-01
"""


def test_both_evaluators_take_a_long_item_that_tests_the_first_violation() -> None:
    # nine conjuncts around two "or"s, and a fact (first_violation) supplied just before
    compiled = _engine(long=LONG)
    durable = compiled.with_evaluator("durable")
    violation = {
        "item": 4,
        "hazardous_storage_defect": "substandard",
        "waste_tonnes": "0.05",
        "special_hazardous_waste": False,
        "harm": "minor",
        "circumstances": ["first_offense", "corrected_within_order_deadline"],
    }
    for first in (True, False):
        priors = [] if first else [{"decided_on": "2021-01-01", "kind": "test.kind"}]
        case = {**_case("2022-09-01", **violation), "enterprise": {"prior_violations": priors}}
        a, b = compiled.decide(case), durable.decide(case)
        listed = [e["rule"] for e in b.data()["trace"] if e["step"] == "penalty.minor_violation"]
        assert listed == (["test.minor.long"] if first else [])
        assert a.model_dump(exclude={"evaluator"}) == b.model_dump(exclude={"evaluator"})
