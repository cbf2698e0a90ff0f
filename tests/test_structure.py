"""Defects of the structure found on review (issue 15), each pinned: merging
refuses a second replacement and a replacement of nothing; an engine's plan
cannot be mutated; procedure rows are chosen by date, not file order; the two
percentage scales are two types; a ``{county}`` authority is never filled
with nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

import envrules
from envrules.rulesets import InMemorySource
from envrules.rulesets.schema import Fraction, Percent

NATIONAL = "title: {zh: 测试, en: test}\nselectable: true\n"
KIND = """\
kinds:
  - id: t.kind
    title: {zh: 测试违法行为, en: Test violation}
    versions:
      - id: t.kind.v1
        effective_from: 2015-01-01
        basis: {law: 测试规则, article: "1"}
        tiers:
          - id: base
            fine: {formula: fixed, min: "10000", max: "100000"}
"""


def _load(files: dict[str, str], profile: str = "national") -> envrules.Engine:
    return envrules.load(
        profile,
        InMemorySource({"national/profile.yaml": NATIONAL, "national/kinds.yaml": KIND, **files}),
        cache=False,
    )


def _refused(files: dict[str, str], needle: str, profile: str = "national") -> str:
    with pytest.raises(envrules.RulesetError) as info:
        _load(files, profile)
    text = info.value.text("en")
    assert needle in text, text
    return text


CHILD = "title: {zh: 子, en: child}\nextends: [national]\nselectable: true\n"


def _replacement(new_id: str, replaces: str) -> str:
    return KIND.replace("id: t.kind\n", f"id: {new_id}\n    replaces: {replaces}\n").replace(
        "t.kind.v1", f"{new_id}.v1"
    )


def test_a_kind_replaced_twice_is_refused() -> None:
    text = _refused(
        {
            "c/profile.yaml": CHILD,
            "c/a.yaml": _replacement("t.kind_a", "t.kind"),
            "c/b.yaml": _replacement("t.kind_b", "t.kind"),
        },
        "t.kind",
        "c",
    )
    assert "replaced" in text or "replaces" in text


def test_a_replacement_of_a_missing_kind_is_refused() -> None:
    _refused(
        {"c/profile.yaml": CHILD, "c/a.yaml": _replacement("t.kind_a", "t.nowhere")}, "does not exist", "c"
    )


TABLE = """\
tables:
  - id: t.offices
    title: {zh: 科室, en: offices}
    decides: office
    hit_policy: first
    rules:
      - id: t.offices.a
        title: {zh: 甲, en: a}
        when: {}
        then: {office: t.a}
        basis: {law: 测试规则, article: "1"}
        effective_from: 2015-01-01
"""


def _rule_replacing(rule_id: str, replaces: str) -> str:
    return f"""\
extend:
  - extend: t.offices
    position: before
    rules:
      - id: {rule_id}
        replaces: {replaces}
        title: {{zh: 乙, en: b}}
        when: {{}}
        then: {{office: t.b}}
        basis: {{law: 测试规则, article: "2"}}
        effective_from: 2015-01-01
"""


def test_a_rule_replaced_twice_is_refused() -> None:
    _refused(
        {
            "national/table.yaml": TABLE,
            "c/profile.yaml": CHILD,
            "c/a.yaml": _rule_replacing("c.b1", "t.offices.a"),
            "c/b.yaml": _rule_replacing("c.b2", "t.offices.a"),
        },
        "replaced twice",
        "c",
    )


def test_a_rule_replacing_nothing_is_refused() -> None:
    _refused(
        {
            "national/table.yaml": TABLE,
            "c/profile.yaml": CHILD,
            "c/a.yaml": _rule_replacing("c.b1", "t.offices.nowhere"),
        },
        "t.offices.nowhere",
        "c",
    )


def test_the_engine_and_its_plan_cannot_be_mutated() -> None:
    engine = _load({"national/table.yaml": TABLE})
    plan = engine.plan
    for view in (plan.kinds, plan.regions, plan.procedure, plan.authorities, plan.matters):
        with pytest.raises((AttributeError, TypeError)):
            view.clear()  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            view["x"] = None  # type: ignore[index]
    with pytest.raises((AttributeError, TypeError)):
        plan.kinds = {}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        engine._plan = plan  # type: ignore[misc]
    assert isinstance(plan.tables, tuple) and isinstance(plan.adjustments, tuple)


HEARING = """\
tables:
  - id: t.hearing
    title: {{zh: 听证, en: hearing}}
    decides: hearing
    hit_policy: collect
    rules:
{rows}
"""
ROWS = {
    "old": """\
      - id: t.hearing.old
        title: {zh: 旧, en: old}
        when: {}
        then: {threshold: "50000"}
        basis: {law: 测试规则, article: "1"}
        effective_from: 2015-01-01
        effective_to: 2022-12-31
""",
    "new": """\
      - id: t.hearing.new
        title: {zh: 新, en: new}
        when: {}
        then: {threshold: "20000"}
        basis: {law: 测试规则, article: "2"}
        effective_from: 2023-01-01
""",
}


@pytest.mark.parametrize("order", [("old", "new"), ("new", "old")])
def test_the_hearing_threshold_is_chosen_by_date_not_file_order(order: tuple[str, str]) -> None:
    engine = _load({"national/hearing.yaml": HEARING.format(rows="".join(ROWS[k] for k in order))})
    case = {"violation": {"kind": "t.kind", "occurred_on": "2022-06-01"}}
    before = engine.decide({**case, "decided_on": "2022-12-30"}).penalty
    after = engine.decide({**case, "decided_on": "2023-01-02"}).penalty
    assert before is not None and after is not None
    b, a = before.hearing_right, after.hearing_right
    assert b is not None and a is not None
    assert b.rule == "t.hearing.old" and b.threshold == Decimal(50000)
    assert a.rule == "t.hearing.new" and a.threshold == Decimal(20000)


def test_percent_and_fraction_are_two_scales() -> None:
    """Percent: "1" is 1 % (rates of a base, benchmark weights); Fraction: 0.5
    is half (where an adjustment places the range within the statutory span)."""
    assert TypeAdapter(Percent).validate_python("1") == Decimal(1)
    assert TypeAdapter(Fraction).validate_python("0.5") == Decimal("0.5")
    with pytest.raises(ValidationError):
        TypeAdapter(Fraction).validate_python("50")  # a percentage where a fraction is due


AUTHORITY = """\
title: {zh: 两县, en: two counties}
extends: [national]
selectable: true
authorities:
  - {id: "{county}/eeb", name: "{name}分局", name_en: county branch, level: county}
"""
REGIONS = """\
regions:
  - {id: w, name: 市, level: city}
  - {id: w.a, name: 甲县, level: county, parent: w}
  - {id: w.b, name: 乙县, level: county, parent: w}
"""
JURISDICTION = """\
tables:
  - id: t.jurisdiction
    title: {zh: 管辖, en: jurisdiction}
    decides: jurisdiction
    hit_policy: first
    rules:
      - id: t.jurisdiction.county
        title: {zh: 县级, en: county}
        when: {}
        then: {level: county, authority: "{county}/eeb"}
        basis: {law: 测试规则, article: "1"}
        effective_from: 2015-01-01
"""


def test_a_county_template_is_never_filled_with_nothing() -> None:
    engine = _load(
        {"c/profile.yaml": AUTHORITY, "c/regions.yaml": REGIONS, "c/jurisdiction.yaml": JURISDICTION}, "c"
    )
    case = {"decided_on": "2026-11-25", "violation": {"kind": "t.kind", "occurred_on": "2026-09-01"}}
    one = engine.decide({**case, "region": {"county": "w.a"}}).jurisdiction
    assert one is not None and one.authority == "w.a/eeb" and one.authority_name == "甲县分局"
    two = engine.decide({**case, "region": {"counties": ["w.a", "w.b"]}}).jurisdiction
    assert two is not None and two.authority is None  # no "/eeb", no guess


def test_a_ground_link_naming_an_unknown_fact_is_reported() -> None:
    """It was checked after the plan's problems were raised, so never reported."""
    link = """\
ground_links:
  - id: t.link
    title: {zh: 关联, en: link}
    withheld: violation.severity
    also: [violation.nowhere]
    effective_from: 2015-01-01
    basis: {law: 测试规则, article: "1"}
"""
    _refused({"national/links.yaml": link}, "violation.nowhere")
