"""Valid rulesets and cases generated from scratch: a profile with regions,
violation kinds (dated versions, tiers, every fine formula), decision tables
(jurisdiction, department, office) and adjustments with their ranges — and
cases for them. Valid by construction, so every one must load, decide within
its caps, and decide the same with either evaluator."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import yaml

from ...case import Circumstance, Harm, Severity
from .choices import Choices

_EPOCH = date.fromordinal(734138)  # an arbitrary day early in the 2010s: no law's date
DAYS = tuple(_EPOCH + timedelta(days=d) for d in (0, 400, 1461, 1521, 2200, 3000, 5000))
"""Days generated versions and rules start on: arbitrary, none a law's date."""
AMOUNTS = ("0", "0.01", "500", "10000", "50000", "100000", "200000", "1000000", "5000000")
PERCENTS = ("0", "1", "2", "5", "10", "20", "50", "100")
SEVERITIES = tuple(s.value for s in Severity)
HARMS = tuple(h.value for h in Harm)
CIRCUMSTANCES = tuple(c.value for c in Circumstance)[:16]
BASES = ("investment", "illegal_gain", "cost", "direct_loss")
COUNTS = ("units", "continuing_days")
MEASURES = ("order_to_correct", "confiscate_illegal_gains", "suspension_or_closure")
_BASIS = {"law": "生成的测试规则", "article": "1"}


def _ordered_amounts(ch: Choices) -> tuple[str, str]:
    a, b = ch.choice(AMOUNTS), ch.choice(AMOUNTS)
    return (a, b) if Decimal(a) <= Decimal(b) else (b, a)


def fine(ch: Choices) -> dict[str, Any]:
    """A fine of any formula, valid."""
    formula = ch.choice(("fixed", "up_to", "percent_of", "multiple_of", "per_unit", "none"))
    out: dict[str, Any] = {"formula": formula}
    if formula in ("fixed", "per_unit"):
        out["min"], out["max"] = _ordered_amounts(ch)
        if formula == "per_unit":
            out["base"] = ch.choice(COUNTS)
    elif formula == "up_to":
        out["max"] = ch.choice(AMOUNTS[1:])
    elif formula == "percent_of":
        lo, hi = sorted((ch.choice(PERCENTS), ch.choice(PERCENTS)), key=float)
        out.update(base=ch.choice(BASES), min_percent=lo, max_percent=hi)
        if ch.boolean():
            out["cap"] = ch.choice(AMOUNTS[3:])
    elif formula == "multiple_of":
        lo, hi = sorted((ch.choice(("0", "1", "2")), ch.choice(("1", "3", "5", "10"))), key=float)
        out.update(base=ch.choice(BASES), min_multiple=lo, max_multiple=hi)
        if ch.boolean():
            out["floor"], out["cap"] = _ordered_amounts(ch)
    if formula != "none" and ch.integer(0, 4) == 0:
        out["optional"] = True
    return out


def condition(ch: Choices, counties: list[str], depth: int = 0) -> dict[str, Any]:
    """A condition over facts every case can have."""
    shape = ch.integer(0, 7 if depth < 2 else 5)
    if shape == 0:
        return {}
    if shape == 1:
        return {"violation.severity": ch.choice(SEVERITIES)}
    if shape == 2:
        return {"violation.harm": {"in": sorted({ch.choice(HARMS), ch.choice(HARMS)})}}
    if shape == 3:
        return {"violation.circumstances": {"contains": ch.choice(CIRCUMSTANCES)}}
    if shape == 4:
        return {"region.county": ch.choice(counties)}
    if shape == 5:
        return {"violation.occurred_on": {ch.choice(("gte", "lt")): ch.choice(DAYS).isoformat()}}
    parts = [condition(ch, counties, depth + 1) for _ in range(ch.integer(2, 3))]
    return {"any": parts} if shape == 6 else {"not": parts[0] or {"violation.severity": "serious"}}


def _kind(ch: Choices, k: int, counties: list[str]) -> dict[str, Any]:
    starts = sorted({ch.choice(DAYS) for _ in range(ch.integer(1, 3))})
    versions = []
    for j, start in enumerate(starts):
        tiers = [
            {"id": f"t{t}", "when": {"violation.severity": SEVERITIES[t % 3]}, "fine": fine(ch)}
            for t in range(ch.integer(0, 2))
        ]
        tiers.append({"id": "base", "when": {}, "fine": fine(ch), "measures": [ch.choice(MEASURES)]})
        version: dict[str, Any] = {
            "id": f"g.k{k}.v{j}",
            "effective_from": start.isoformat(),
            "basis": {"law": f"生成的规则{j}", "article": str(k + 1)},
            "tiers": tiers,
        }
        if j + 1 < len(starts):
            version["effective_to"] = (starts[j + 1] - timedelta(days=1)).isoformat()
        if ch.integer(0, 3) == 0:
            version["limitation_years"] = ch.choice((2, 5))
        versions.append(version)
    return {
        "id": f"g.k{k}",
        "title": {"zh": f"生成的违法行为{k}", "en": f"generated kind {k}"},
        "continuing": ch.integer(0, 4) == 0,
        "versions": versions,
    }


def _table(ch: Choices, name: str, decides: str, counties: list[str]) -> dict[str, Any]:
    rules = []
    for i in range(ch.integer(1, 5)):
        then: dict[str, Any]
        if decides == "jurisdiction":
            county = ch.integer(0, 1) == 0
            then = (
                {"level": "county", "authority": "{county}/eeb"}
                if county
                else {"level": "city", "authority": "g.eeb"}
            )
        else:
            then = {decides: f"g.{decides}{i}"}
        rules.append(
            {
                "id": f"g.{name}.r{i}",
                "title": {"zh": f"规则{i}", "en": f"rule {i}"},
                "when": condition(ch, counties),
                "then": then,
                "basis": _BASIS,
                "effective_from": ch.choice(DAYS[:3]).isoformat(),
            }
        )
    return {
        "id": f"g.{name}",
        "title": {"zh": name, "en": name},
        "decides": decides,
        "hit_policy": ch.choice(("first", "collect")) if decides == "department" else "first",
        "rules": rules,
    }


def _adjustment(ch: Choices, i: int, counties: list[str]) -> dict[str, Any]:
    kind = ch.choice(("lighter", "heavier", "lighter_or_reduced", "reduced", "no_penalty"))
    out: dict[str, Any] = {
        "id": f"g.adj{i}",
        "title": {"zh": f"情节{i}", "en": f"adjustment {i}"},
        "kind": kind,
        "mandatory": ch.boolean(),
        "when": condition(ch, counties)
        or {"violation.circumstances": {"contains": ch.choice(CIRCUMSTANCES)}},
        "basis": _BASIS,
        "effective_from": DAYS[0].isoformat(),
    }
    if kind in ("lighter", "lighter_or_reduced") and ch.boolean():
        out["range"] = {"lower": "0", "upper": ch.choice(("0.1", "0.3", "0.5", "1"))}
    if kind == "heavier" and ch.boolean():
        out["range"] = {"lower": ch.choice(("0", "0.5", "0.7", "1")), "upper": "1"}
    return out


def ruleset_files(ch: Choices) -> dict[str, str]:
    """A whole valid profile ``national`` as path → YAML text."""
    counties = [f"g.c{i}" for i in range(ch.integer(1, 4))]
    regions = [{"id": "g", "name": "生成市", "level": "city"}] + [
        {"id": c, "name": f"生成县{i}", "level": "county", "parent": "g"} for i, c in enumerate(counties)
    ]
    profile = {
        "title": {"zh": "生成的规则集", "en": "generated"},
        "selectable": True,
        "authorities": [
            {"id": "g.eeb", "name": "生成市生态环境局", "level": "city", "region": "g"},
            {"id": "{county}/eeb", "name": "生成市生态环境局{name}分局", "level": "county"},
        ],
    }
    kinds = [_kind(ch, k, counties) for k in range(ch.integer(1, 4))]
    tables = [
        _table(ch, "jurisdiction", "jurisdiction", counties),
        _table(ch, "departments", "department", counties),
        _table(ch, "offices", "office", counties),
    ]
    files = {
        "national/profile.yaml": profile,
        "national/regions.yaml": {"regions": regions},
        "national/kinds.yaml": {"kinds": kinds},
        "national/tables.yaml": {"tables": tables},
        "national/adjustments.yaml": {
            "adjustments": [_adjustment(ch, i, counties) for i in range(ch.integer(0, 4))],
            "discretion_standards": [
                {
                    "id": "g.standard",
                    "title": {"zh": "裁量标准", "en": "standard"},
                    "effective_from": DAYS[0].isoformat(),
                    "basis": _BASIS,
                    "lighter_upper": ch.choice(("0.3", "0.5")),
                    "heavier_lower": ch.choice(("0.5", "0.7")),
                }
            ],
        },
    }
    return {path: yaml.safe_dump(data, allow_unicode=True, sort_keys=False) for path, data in files.items()}


def case_for(ch: Choices, kinds: list[str], counties: list[str]) -> dict[str, Any]:
    """A valid case for a generated (or any) profile."""
    occurred = ch.choice(DAYS) + timedelta(days=ch.integer(-3, 900))
    decided = occurred + timedelta(days=ch.integer(0, 1500))
    violation: dict[str, Any] = {
        "kind": ch.choice(kinds),
        "occurred_on": occurred.isoformat(),
        "severity": ch.choice(SEVERITIES),
        "harm": ch.choice(HARMS),
        "circumstances": sorted({ch.choice(CIRCUMSTANCES) for _ in range(ch.integer(0, 3))}),
    }
    for base in BASES:
        if ch.boolean():
            violation[base] = ch.choice(AMOUNTS)
    if ch.boolean():
        violation["units"] = ch.integer(0, 500)
    case: dict[str, Any] = {"decided_on": decided.isoformat(), "violation": violation}
    if counties and ch.integer(0, 3):
        case["region"] = {"counties": sorted({ch.choice(counties) for _ in range(ch.integer(1, 2))})}
    return case
