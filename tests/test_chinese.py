"""Chinese for legal staff: a case's problems are Chinese throughout (not an
English message behind a Chinese word), and ``explain("zh")`` names steps,
keys and sources in Chinese (sources by title, never a file path)."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest

import envrules
from envrules.tools.scenarios import load_file

from .conftest import RULESETS

BASE = {
    "decided_on": "2026-11-25",
    "region": {"county": "langfang.gu_an"},
    "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
}
V = BASE["violation"]

BAD = [
    {"violation": {**V, "occurred_on": "2022-02-30"}},
    {"violation": {**V, "occurred_on": "2022/02/03"}},
    {"violation": {**V, "occurred_on": 20220203}},
    {"violation": {**V, "occurred_on": "2022-02-03T10:00:00"}},
    {"violation": {**V, "occurred_on": "1800-01-01"}},
    {"violation": {**V, "investment": 1.5}},
    {"violation": {**V, "investment": "-5"}},
    {"violation": {**V, "investment": "1.234"}},
    {"violation": {**V, "investment": "abc"}},
    {"violation": {**V, "investment": True}},
    {"violation": {**V, "investment": "9" * 30}},
    {"violation": {**V, "severity": "huge"}},
    {"violation": {**V, "item": 0}},
    {"violation": {**V, "item": "3"}},
    {"violation": {**V, "ended_on": "2026-01-01"}},
    {"violation": {**V, "circumstances": "harm_eliminated"}},
    {"decided_on": "2026-01-01"},
    {"enterprise": {"credit_code": "91110000000000000X"}},
    {"enterprise": {"credit_code": "123"}},
    {"enterprise": {"name": "a\x1b[31m"}},
    {"enterprise": {"key_discharger": "yes"}},
    {"region": {"county": 5}},
    {"violation": None},
    {"id": "x" * 300},
    {"matter": ""},
]


@pytest.fixture(scope="module")
def engine() -> envrules.Engine:
    return envrules.load("hebei/langfang", RULESETS)


@pytest.mark.parametrize("change", BAD)
def test_problems_are_chinese_throughout(engine: envrules.Engine, change: dict[str, Any]) -> None:
    with pytest.raises(envrules.CaseError) as info:
        engine.decide({**BASE, **change})
    for p in info.value.problems:
        assert p.message_zh and re.search(r"[\u4e00-\u9fff]", p.message_zh), p
        assert p.message not in p.message_zh, p  # not the English behind a Chinese word


def _scenario_decisions() -> list[tuple[str, envrules.Decision]]:
    out, engines = [], {}
    for path in sorted(RULESETS.rglob("*.scenarios.yaml"))[::3]:  # a third of the files
        default, scenarios = load_file(path)
        for sc in scenarios:
            name = sc.profile or default or sc.case.get("profile")
            engine = engines.get(name) or engines.setdefault(name, envrules.load(name, RULESETS))
            case = json.loads(
                json.dumps(sc.case, default=lambda d: d.isoformat() if isinstance(d, date) else str(d))
            )
            try:
                out.append((sc.id, engine.decide(case)))
            except envrules.EnvrulesError:
                continue
    return out


def test_explain_in_chinese_names_steps_keys_and_sources_in_chinese() -> None:
    decisions = _scenario_decisions()
    assert len(decisions) > 200
    for sid, decision in decisions:
        text = decision.explain("zh")
        trace = text.split("四、规则适用记录", 1)[1]
        for step in re.findall(r"^\s+\d+\. \[([^\]]+)\]", trace, re.M):
            assert re.search(r"[\u4e00-\u9fff]", step), (sid, step)
        assert not re.search(r"(?:^|, )(level|role|department|authority)=", trace, re.M), sid
        for source in re.findall(r"\[([^\]]+)\]", text):
            assert not re.search(r"\.(md|txt)\b|seed:|shared/|LawRefBook", source), (sid, source)


def test_a_matter_only_case_is_explained_without_act_dates() -> None:
    engine = envrules.load("hebei/baoding", RULESETS)
    text = engine.decide({"decided_on": "2016-06-01", "matter": "mine.closure"}).explain("zh")
    assert "作出决定 2016-06-01" in text and "违法行为发生" not in text
    english = engine.decide({"decided_on": "2016-06-01", "matter": "mine.closure"}).explain("en")
    assert "act occurred" not in english
