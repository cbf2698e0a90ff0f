"""`envrules lint` finds each planted problem at its file and line, and the
shipped rulesets lint clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from envrules.rulesets import DirectorySource
from envrules.tools.lint import lint_profile

BROKEN = Path(__file__).parent / "broken"

# (fixture directory, profile, expected code, file (relative to the fixture), line)
CASES = [
    ("E001-schema", "national", "E001", "national/kinds.yaml", 10),
    ("E001-unknown-fact", "national", "E001", "national/tables.yaml", 9),
    ("E001-unknown-value", "national", "E001", "national/tables.yaml", 9),
    ("E001-no-basis", "national", "E001", "national/tables.yaml", 7),
    ("E001-overlapping-versions", "national", "E001", "national/kinds.yaml", 12),
    ("E002-unique-overlap", "national", "E002", "national/tables.yaml", 13),
    ("E003-shadowed", "national", "E003", "national/tables.yaml", 13),
    ("E004-contradictory", "national", "E004", "national/tables.yaml", 7),
    ("E005-dates-outside-version", "national", "E005", "national/kinds.yaml", 5),
    ("E006-version-gap", "national", "E006", "national/kinds.yaml", 12),
    ("E007-uncovered-tiers", "national", "E007", "national/kinds.yaml", 5),
    ("E008-region-unreached", "city", "E008", "city/profile.yaml", 5),
    ("E009-kind-without-office", "national", "E009", "national/registry.yaml", 2),
    ("E010-basis-without-article", "national", "E010", "national/tables.yaml", 7),
    ("E011-cap-breaking-adjustment", "national", "E011", "national/adjustments.yaml", 2),
    ("E012-negative-ground", "national", "E012", "national/kinds.yaml", 9),
    ("E013-duplicate-id", "national", "E013", "national/kinds.yaml", 12),
]


@pytest.mark.parametrize(("fixture", "profile", "code", "file", "line"), CASES, ids=[c[0] for c in CASES])
def test_each_planted_problem_is_found_at_its_place(
    fixture: str, profile: str, code: str, file: str, line: int
) -> None:
    source = DirectorySource(BROKEN / fixture)
    findings = lint_profile(source, profile)
    found = [(f.code, Path(f.where.file).as_posix(), f.where.line) for f in findings if f.where]
    assert any(c == code and path.endswith(file) and ln == line for c, path, ln in found), found


def test_every_lint_code_has_a_broken_fixture() -> None:
    codes = {c[2] for c in CASES}
    assert codes == {f"E{n:03d}" for n in range(1, 14)}


def test_the_cap_breaking_adjustment_is_refused_at_decision_time() -> None:
    import envrules

    engine = envrules.load("national", BROKEN / "E011-cap-breaking-adjustment")
    with pytest.raises(envrules.CapExceeded) as info:
        engine.decide(
            {
                "decided_on": "2020-01-01",
                "violation": {
                    "kind": "test.kind",
                    "occurred_on": "2019-06-01",
                    "circumstances": ["refused_correction"],
                },
            }
        )
    assert info.value.rule == "test.heavier.too_far"


def test_the_shipped_rulesets_lint_clean() -> None:
    from envrules.rulesets import selectable_profiles

    from .conftest import RULESETS

    source = DirectorySource(RULESETS)
    findings = [str(f) for name, _ in selectable_profiles(source) for f in lint_profile(source, name)]
    assert findings == []
