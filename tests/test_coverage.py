"""Every seed system routes real cases today, and every rule is reached by a
scenario (issue 17's "done when").

* A case dated today for each profile's most common violations, in every
  county of the profile, gets a level, an authority and its departments (and
  an office where the profile has office tables).
* Every rule of every profile — decision tables, procedure tables,
  adjustments — fires in at least one scenario; the test lists those no
  scenario reaches."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import envrules
from envrules.rulesets import DirectorySource, selectable_profiles
from envrules.tools.scenarios.model import load_file

from .conftest import RULESETS

TODAY = date(2026, 12, 2)
COMMON = (
    "air.excess_emission",
    "water.excess_emission",
    "eia.unapproved_construction",
    "eia.operation_before_acceptance",
    "permit.no_permit",
)
"""The violations published decisions cite most (docs/research: the 30 decisions checked)."""
OWN_KINDS = {"hebei/commerce": "commerce."}
"""Profiles whose cases are of their own kinds (a commerce bureau decides no emissions case)."""
PROFILES = [p for p, _ in selectable_profiles(DirectorySource(RULESETS)) if p != "national"]


def _counties(plan: Any) -> list[str]:
    return sorted(
        r
        for r, info in plan.regions.items()
        if info.level == "county" and (info.period.end is None or info.period.end >= TODAY)
    )


def _in_force(plan: Any, kind: str) -> bool:
    return any(v.period.contains(TODAY) and not v.not_illegal for v in plan.kinds[kind].versions)


@pytest.mark.parametrize("profile", PROFILES)
def test_a_case_dated_today_is_routed(profile: str) -> None:
    engine = envrules.load(profile, RULESETS)
    plan = engine.plan
    prefix = OWN_KINDS.get(profile)
    kinds = (
        [k for k in sorted(plan.kinds) if k.startswith(prefix) and _in_force(plan, k)]
        if prefix
        else [k for k in COMMON if k in plan.kinds]
    )
    offices = bool(plan.tables_deciding("office"))
    counties = _counties(plan)
    assert kinds and counties
    unrouted = []
    for kind in kinds:
        for county in counties:
            case = {
                "decided_on": TODAY.isoformat(),
                "region": {"county": county},
                "violation": {"kind": kind, "occurred_on": "2026-09-01"},
                # a prepaid-card issuer the measures bind (art. 29: brand, group, scale)
                "enterprise": {"card_issuer_class": "brand"} if prefix else {},
            }
            d = engine.decide(case)
            j = d.jurisdiction
            ok = (
                j is not None
                and j.level.value in ("province", "city", "county", "township")
                and j.authority is not None
                and bool(d.departments)
                and (not offices or d.office is not None)
            )
            if not ok:
                unrouted.append(
                    f"{kind} in {county}: {j.level.value if j else None}, "
                    f"authority {j.authority if j else None}, "
                    f"{len(d.departments)} departments, office {d.office}"
                )
    assert not unrouted, f"{profile}: cases dated today not routed:\n" + "\n".join(unrouted)


def _rules(plan: Any) -> dict[str, str]:
    """Every rule id of a plan and where it is defined."""
    out = {}
    for table in (*plan.tables, *plan.procedure.values()):
        for rule in table.rules:
            out[rule.id] = f"table {table.id}"
    for adj in plan.adjustments:
        out[adj.id] = "adjustment"
    return out


def _fired(engine: envrules.Engine, case: dict[str, Any]) -> set[str]:
    try:
        data = engine.decide(case).data()
    except envrules.EnvrulesError:
        return set()
    fired = {step["rule"] for step in data.get("trace", []) if step.get("rule")}
    fired |= {(data.get("jurisdiction") or {}).get("rule")} - {None}
    penalty = data.get("penalty") or {}
    fired |= {a["rule"] for a in penalty.get("adjustments", [])}
    for key in ("hearing_right", "legal_review", "collective_deliberation", "limitation", "daily_penalty"):
        rule = (penalty.get(key) or {}).get("rule")
        if rule:
            fired.add(rule)
    return fired


def test_every_rule_is_reached_by_a_scenario() -> None:
    files = sorted(Path(RULESETS).rglob("*.scenarios.yaml"))
    by_profile: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in files:
        declared, scenarios = load_file(path)
        for s in scenarios:
            profile = s.profile or declared
            if profile and s.case:
                by_profile[profile].append(s.case)
    defined: dict[str, str] = {}
    fired: set[str] = set()
    for profile, cases in sorted(by_profile.items()):
        engine = envrules.load(profile, RULESETS)
        defined |= _rules(engine.plan)
        for case in cases:
            fired |= _fired(engine, case)
    unreached = sorted(f"{rule} ({where})" for rule, where in defined.items() if rule not in fired)
    assert not unreached, f"{len(unreached)} of {len(defined)} rules no scenario reaches:\n" + "\n".join(
        unreached
    )
