"""The same case and rulesets give the same bytes: under any PYTHONHASHSEED
and under 16 threads, for the shipped profiles and for a two-city profile
(where an answer taken from a set would depend on the hash seed)."""

from __future__ import annotations

import decimal
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings

import envrules
from envrules.testing import strategies as ers

from .conftest import RULESETS

TWO_CITIES = {
    "profile.yaml": """\
title: {zh: 两市测试, en: two cities}
extends: [national]
selectable: true
authorities:
  - {id: "{city}/eeb", name: "{name}生态环境局", name_en: city bureau, level: city}
  - {id: "{county}/eeb", name: "{name}分局", name_en: county branch, level: county}
""",
    "regions.yaml": """\
regions:
  - {id: alpha, name: 甲市, level: city}
  - {id: alpha.a1, name: 甲一区, level: county, parent: alpha}
  - {id: alpha.a2, name: 甲二区, level: county, parent: alpha}
  - {id: alpha.a1.t1, name: 甲一镇, level: township, parent: alpha.a1}
  - {id: beta, name: 乙市, level: city}
  - {id: beta.b1, name: 乙一县, level: county, parent: beta}
  - {id: beta.b2, name: 乙二县, level: county, parent: beta}
""",
    # the city named by region.city (derived when all counties lie in one
    # city); a case across cities has no single city and needs designation
    "jurisdiction.yaml": """extend:
  - extend: national.jurisdiction
    position: after
    rules:
      - id: twocity.across_cities
        title: {zh: 跨市案件, en: across cities}
        when: {region.spans_counties: true, not: {region.city: {exists: true}}}
        then: {level: needs_designation}
        basis: {law: 测试规则, article: 第一条}
        effective_from: 2020-01-01
      - id: twocity.across_counties
        title: {zh: 跨县案件由市级管辖, en: across counties}
        when: {region.spans_counties: true}
        then: {level: city, authority: "{city}/eeb"}
        basis: {law: 测试规则, article: 第二条}
        effective_from: 2020-01-01
      - id: twocity.county
        title: {zh: 县级管辖, en: county}
        when: {region.county: {exists: true}}
        then: {level: county, authority: "{county}/eeb"}
        basis: {law: 测试规则, article: 第三条}
        effective_from: 2020-01-01
      - id: twocity.city
        title: {zh: 市级管辖, en: city}
        when: {region.city: {exists: true}}
        then: {level: city, authority: "{city}/eeb"}
        basis: {law: 测试规则, article: 第四条}
        effective_from: 2020-01-01
""",
}

SHIPPED = ["hebei/langfang", "guangdong/shenzhen", "hebei/baoding"]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rulesets")
    shutil.copytree(RULESETS / "national", root / "national")
    (root / "twocity").mkdir()
    for name, text in TWO_CITIES.items():
        (root / "twocity" / name).write_text(text, encoding="utf-8")
    return root


def _two_city_cases() -> list[dict[str, Any]]:
    places = [
        {"county": "alpha.a1"},
        {"county": "beta.b2"},
        {"counties": ["alpha.a1", "beta.b1"]},
        {"counties": ["beta.b2", "alpha.a2", "beta.b1", "alpha.a1"]},
        {"townships": ["alpha.a1.t1"], "counties": ["beta.b1"]},
        {"city": "beta", "counties": ["alpha.a2"]},
        {"city": "alpha"},
    ]
    kinds = ["air.excess_emission", "water.excess_emission", "eia.unapproved_construction"]
    return [
        {
            "id": f"two-{i}-{k}",
            "decided_on": "2026-11-25",
            "region": place,
            "violation": {"kind": kind, "occurred_on": "2026-09-01", "investment": "2000000"},
        }
        for i, place in enumerate(places)
        for k, kind in enumerate(kinds)
    ]


def _generated(profile: str, n: int) -> list[dict[str, Any]]:
    engine = envrules.load(profile, RULESETS)
    out: list[dict[str, Any]] = []

    @seed(16)
    @settings(max_examples=n, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(ers.case_dicts(engine))
    def collect(case: dict[str, Any]) -> None:
        out.append(case)

    collect()
    return out


def _decide_all(engine: envrules.Engine, cases: list[dict[str, Any]]) -> list[str]:
    out = []
    for case in cases:
        try:
            out.append(engine.decide(case).to_json())
        except envrules.EnvrulesError as exc:
            out.append("error: " + exc.text("en"))
    return out


SCRIPT = """\
import json, sys
import envrules
work = json.load(sys.stdin)
for profile, rulesets, cases in work:
    engine = envrules.load(profile, rulesets, cache=False)
    for case in cases:
        try:
            print(engine.decide(case).to_json(indent=None))
        except envrules.EnvrulesError as exc:
            print("error:", exc.text("en").replace("\\n", " "))
"""


def test_three_hash_seeds_give_the_same_bytes(tree: Path) -> None:
    work = [("twocity", str(tree), _two_city_cases())]
    work += [(p, str(RULESETS), _generated(p, 60)) for p in SHIPPED]
    outputs = set()
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        r = subprocess.run(
            [sys.executable, "-c", SCRIPT],
            input=json.dumps(work),
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        outputs.add(r.stdout)
    assert len(outputs) == 1
    lines = outputs.pop().splitlines()
    assert len(lines) == sum(len(cases) for _, _, cases in work)
    # the two-city cases decide (this is not a comparison of identical errors)
    two = [json.loads(line) for line in lines[: len(work[0][2])]]
    assert all("jurisdiction" in d for d in two)
    assert {d["jurisdiction"]["level"] for d in two} == {"county", "city", "needs_designation"}


def test_sixteen_threads_give_the_same_bytes(tree: Path) -> None:
    engines = [envrules.load("twocity", tree, cache=False)]
    cases = [_two_city_cases()]
    for profile in SHIPPED:
        engines.append(envrules.load(profile, RULESETS))
        cases.append(_generated(profile, 80))
    work = [(i, c) for i, batch in enumerate(cases) for c in batch]

    def one(item: tuple[int, dict[str, Any]]) -> str:
        return _decide_all(engines[item[0]], [item[1]])[0]

    sequential = [one(w) for w in work]
    with ThreadPoolExecutor(max_workers=16) as pool:
        for _ in range(3):
            assert list(pool.map(one, work)) == sequential


def test_the_callers_decimal_context_changes_nothing() -> None:
    """Decisions are made, rendered and explained under envrules' own decimal
    settings: a caller's low precision or traps change no byte."""
    engine = envrules.load("hebei/langfang", RULESETS)
    cases = _generated("hebei/langfang", 120)

    def everything() -> list[str]:
        out = _decide_all(engine, cases)
        for case in cases:
            try:
                decision = engine.decide(case)
            except envrules.EnvrulesError:
                continue
            out.append(decision.explain("zh") + decision.explain("en"))
        return out

    expected = everything()
    with decimal.localcontext() as hostile:
        hostile.prec = 3
        for signal in (decimal.Inexact, decimal.Rounded, decimal.FloatOperation):
            hostile.traps[signal] = True
        assert everything() == expected
