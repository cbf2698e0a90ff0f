"""A decision names the body that exists on the decision date: a rule that
names a body renamed in the 2018 reform reports its successor too."""

from __future__ import annotations

import envrules
from envrules.rulesets import InMemorySource

FILES = {
    "national/profile.yaml": "title: {zh: 国家, en: national}\n",
    "national/kinds.yaml": """\
kinds:
  - id: test.kind
    title: {zh: 测试违法行为, en: Test violation}
    versions:
      - id: test.kind.v1
        effective_from: 2010-01-01
        basis: {law: 测试法, article: 第一条}
        tiers:
          - {id: base, fine: {formula: up_to, max: "10000"}}
""",
    "city/profile.yaml": """\
title: {zh: 测试市, en: Test city}
regions:
  - {id: c, name: 测试市, level: city}
  - {id: c.a, name: 甲县, level: county, parent: c}
authorities:
  - {id: c.epb, name: 测试市环境保护局, effective_to: 2018-12-31, successor: c.eeb}
  - {id: c.eeb, name: 测试市生态环境局, effective_from: 2019-01-01}
""",
    "city/tables.yaml": """\
tables:
  - id: c.departments
    title: {zh: 职责边界, en: Boundary}
    decides: department
    hit_policy: collect
    rules:
      - id: c.departments.env
        title: {zh: 环保部门负责, en: Environment department}
        then: {department: c.epb, role: lead}
        basis: {law: 测试市职责边界清单（2015年）, article: 二（一）}
        effective_from: 2015-01-01
""",
}


def test_a_renamed_body_reports_its_successor_on_later_dates() -> None:
    engine = envrules.load("city", InMemorySource(FILES))
    old = engine.decide(
        {
            "decided_on": "2017-05-01",
            "region": {"county": "c.a"},
            "violation": {"kind": "test.kind", "occurred_on": "2017-01-01"},
        }
    )
    new = engine.decide(
        {
            "decided_on": "2026-11-25",
            "region": {"county": "c.a"},
            "violation": {"kind": "test.kind", "occurred_on": "2026-09-01"},
        }
    )
    (before,) = old.departments
    (after,) = new.departments
    assert before.department_name == "测试市环境保护局" and before.successor is None
    assert after.department == "c.epb"  # the seed's own name is kept …
    assert (after.successor, after.successor_name) == ("c.eeb", "测试市生态环境局")  # … and today's
    assert "现为 测试市生态环境局" in new.explain("zh")
