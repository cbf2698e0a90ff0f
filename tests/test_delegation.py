"""Delegated township penalty items are dated data: a list's versions apply by
the decision date."""

from __future__ import annotations

import envrules
from envrules.rulesets import InMemorySource

FILES = {
    "national/profile.yaml": "title: {zh: 国家, en: national}\n",
    "national/kinds.yaml": """\
kinds:
  - id: test.burning
    title: {zh: 露天焚烧, en: Open burning}
    versions:
      - id: test.burning.v1
        effective_from: 2010-01-01
        basis: {law: 测试法, article: 第一条}
        tiers:
          - {id: base, fine: {formula: fixed, min: "500", max: "2000"}}
""",
    "city/profile.yaml": """\
title: {zh: 测试市, en: Test city}
regions:
  - {id: c, name: 测试市, level: city}
  - {id: c.a, name: 甲县, level: county, parent: c}
  - {id: c.a.t, name: 乙镇, level: township, parent: c.a}
delegated_to_township:
  - kinds: [test.burning]
    effective_from: 2022-01-01
    basis: {law: 测试省下放乡镇行政处罚事项指导清单, article: 第3项}
""",
    "city/jurisdiction.yaml": """\
tables:
  - id: c.jurisdiction
    title: {zh: 管辖, en: Jurisdiction}
    decides: jurisdiction
    hit_policy: first
    rules:
      - id: c.jurisdiction.township
        title: {zh: 下放事项由乡镇查处, en: Delegated items to the township}
        when: {violation.delegated_to_township: true, region.township: {exists: true}}
        then: {level: township, authority: c.a.t.gov}
        basis: {law: 测试办法, article: 第一条}
        effective_from: 2010-01-01
      - id: c.jurisdiction.county
        title: {zh: 县级, en: County}
        when: {region.county: {exists: true}}
        then: {level: county, authority: c.a.eeb}
        basis: {law: 测试办法, article: 第二条}
        effective_from: 2010-01-01
""",
}


def test_a_delegation_applies_from_its_date() -> None:
    engine = envrules.load("city", InMemorySource(FILES))
    case = {
        "region": {"township": "c.a.t"},
        "violation": {"kind": "test.burning", "occurred_on": "2021-06-01"},
    }
    before = engine.decide({**case, "decided_on": "2021-12-31"})
    after = engine.decide({**case, "decided_on": "2022-01-01"})
    assert before.jurisdiction is not None and before.jurisdiction.level.value == "county"
    assert after.jurisdiction is not None and after.jurisdiction.level.value == "township"
