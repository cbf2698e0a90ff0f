"""Penalty rules that a review found easy to get wrong."""

from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path

import pytest

import envrules
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
        limitation_years: 5
        tiers:
          - id: base
            fine: {formula: percent_of, base: investment, min_percent: "1", max_percent: "5"}
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


def test_a_versions_own_limitation_period_prevails() -> None:
    engine = _engine()
    case = {
        "decided_on": "2020-03-01",
        "violation": {
            "kind": "test.kind",
            "occurred_on": "2015-06-01",
            "ended_on": "2015-06-01",
            "discovered_on": "2019-01-01",
            "investment": "1000000",
        },
    }
    p = engine.decide(case).penalty
    assert p is not None
    assert p.limitation.years == 5 and not p.limitation.expired
    assert p.outcome == "fine"


def test_money_ignores_the_callers_decimal_context() -> None:
    engine = _engine()
    case = {
        "decided_on": "2016-01-01",
        "violation": {"kind": "test.kind", "occurred_on": "2015-06-01", "investment": "123456700.01"},
    }
    with decimal.localcontext() as ctx:
        ctx.prec = 8
        p = engine.decide(case).penalty
    assert p is not None and p.statutory_range is not None
    # 1% of 123,456,700.01 = 1,234,567.0001, rounded inward (up) for a minimum
    assert p.statutory_range.min == Decimal("1234568")


def test_absurd_amounts_are_refused_with_the_field_named() -> None:
    engine = _engine()
    with pytest.raises(envrules.CaseError) as info:
        engine.decide({"violation": {"kind": "test.kind", "occurred_on": "2015-06-01", "investment": "1e31"}})
    assert info.value.problems[0].field == "violation.investment"


def test_a_date_time_in_a_date_condition_is_a_ruleset_error() -> None:
    adj = """\
adjustments:
  - id: test.heavier
    title: {zh: 从重, en: Heavier}
    kind: heavier
    when: {violation.occurred_on: {gte: 2016-08-15T10:00:00}}
    basis: {law: 测试, article: 第一条}
    effective_from: 2015-01-01
"""
    with pytest.raises(envrules.RulesetError) as info:
        _engine(adj=adj)
    assert "date and time" in str(info.value)
    assert "national/adj.yaml:5" in str(info.value)


@pytest.mark.parametrize(
    ("kind", "rng"), [("lighter", "{lower: '0.6', upper: '0.9'}"), ("heavier", "{lower: '0', upper: '0.3'}")]
)
def test_an_adjustment_range_cannot_point_the_wrong_way(kind: str, rng: str) -> None:
    adj = f"""\
adjustments:
  - id: test.adj
    title: {{zh: 调整, en: Adjustment}}
    kind: {kind}
    range: {rng}
    basis: {{law: 测试, article: 第一条}}
    effective_from: 2015-01-01
"""
    with pytest.raises(envrules.RulesetError):
        _engine(adj=adj)


def test_a_repealed_aggravating_ground_no_longer_counts() -> None:
    adj = """\
adjustments:
  - id: test.heavier.repealed
    title: {zh: 已废止的从重情形, en: A repealed aggravating ground}
    kind: heavier
    when: {violation.circumstances: {contains: sensitive_area}}
    basis: {law: 测试, article: 第一条}
    effective_from: 2015-01-01
    effective_to: 2016-12-31
"""
    engine = _engine(adj=adj)
    violation = {
        "kind": "test.kind",
        "occurred_on": "2016-06-01",
        "investment": "1000000",
        "circumstances": ["sensitive_area"],
    }
    before = engine.decide({"decided_on": "2016-10-01", "violation": violation}).penalty
    after = engine.decide({"decided_on": "2017-03-01", "violation": violation}).penalty
    assert before is not None and after is not None
    assert [a.applied for a in before.adjustments] == [True]
    assert after.adjustments == ()


def test_unknown_rulesets_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(envrules.RulesetError) as info:
        envrules.load("national", tmp_path / "missing")
    assert "not found" in str(info.value)


def test_a_range_narrower_than_a_yuan_is_never_left_by_rounding() -> None:
    """Found by the fuzz run: a statutory range of 0.01–0.01 with 从轻 gave a
    permitted range of 0–0 (the lighter part rounded down to whole yuan) and a
    recommended 0 or 1 outside the range."""
    kind = KIND.replace(
        'fine: {formula: percent_of, base: investment, min_percent: "1", max_percent: "5"}',
        'fine: {formula: fixed, min: "0.01", max: "0.87"}',
    )
    adj = """\
adjustments:
  - id: test.lighter
    title: {zh: 从轻, en: Lighter}
    kind: lighter
    when: {violation.circumstances: {contains: harm_eliminated}}
    basis: {law: 测试, article: "1"}
    effective_from: 2015-01-01
discretion_standards:
  - id: test.standard
    title: {zh: 标准, en: standard}
    effective_from: 2015-01-01
    basis: {law: 测试, article: "2"}
"""
    engine = envrules.load(
        "national",
        InMemorySource(
            {"national/profile.yaml": NATIONAL, "national/kinds.yaml": kind, "national/adj.yaml": adj}
        ),
        cache=False,
    )
    for circumstances in ([], ["harm_eliminated"]):
        p = engine.decide(
            {
                "decided_on": "2016-01-01",
                "violation": {
                    "kind": "test.kind",
                    "occurred_on": "2015-06-01",
                    "circumstances": circumstances,
                },
            }
        ).penalty
        assert p is not None and p.permitted_range is not None and p.recommended is not None
        r = p.permitted_range
        assert Decimal("0.01") <= r.min <= r.max <= Decimal("0.87")
        assert r.min <= p.recommended <= r.max


ITEMS = """\
kinds:
  - id: test.items
    title: {zh: 按项处罚, en: by item}
    note: violation.item is the item of art. 1 of the test law, for every version.
    versions:
      - id: test.items.v1
        effective_from: 2015-01-01
        basis: {law: 测试法, article: 第一条}
        tiers:
          - id: item_1
            when: {violation.item: 1}
            fine: {formula: fixed, min: "10000", max: "50000"}
"""


def test_an_item_no_tier_names_is_undetermined_and_says_what_the_tiers_test() -> None:
    """An item number outside the kind's numbering selects no tier: no range is
    invented, and the reason names the facts the tiers test and where the
    numbering is given (a decision citing a later text's item number)."""
    engine = envrules.load(
        "national",
        InMemorySource({"national/profile.yaml": NATIONAL, "national/kinds.yaml": ITEMS}),
    )
    case = {"decided_on": "2016-01-01", "violation": {"kind": "test.items", "occurred_on": "2015-06-01"}}
    fits = engine.decide({**case, "violation": {**case["violation"], "item": 1}}).penalty
    assert fits is not None and fits.statutory_range is not None
    p = engine.decide({**case, "violation": {**case["violation"], "item": 10}}).penalty
    assert p is not None and p.outcome.value == "undetermined" and p.statutory_range is None
    assert "violation.item" in p.outcome_reason.en and "envrules kinds test.items" in p.outcome_reason.en
    assert "envrules kinds test.items" in p.outcome_reason.zh
