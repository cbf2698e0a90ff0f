"""Every rule of every shipped profile renders as a table for legal staff."""

from __future__ import annotations

import pytest

import envrules
from envrules.rulesets import DirectorySource, selectable_profiles
from envrules.tools.tables import render_plan

from .conftest import RULESETS

PROFILES = sorted(n for n, _ in selectable_profiles(DirectorySource(RULESETS)))


@pytest.mark.parametrize("profile", PROFILES)
def test_every_rule_kind_and_adjustment_appears(profile: str) -> None:
    plan = envrules.load(profile, RULESETS).plan
    page = render_plan(plan)
    for table in plan.tables:
        for rule in table.rules:
            assert f"`{rule.id}`" in page
    for kind in plan.kinds.values():
        for version in kind.versions:
            assert f"`{version.id}`" in page
    for adj in plan.adjustments:
        assert f"`{adj.id}`" in page
