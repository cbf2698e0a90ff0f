"""A mangled ruleset file never escapes as anything but a RulesetError with a
place, or a working engine."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import envrules
from envrules.rulesets import InMemorySource

from .conftest import RULESETS

PROFILE = "title: {zh: 国家, en: national}\n"
JURISDICTION = (RULESETS / "national" / "jurisdiction.yaml").read_text(encoding="utf-8")
KINDS = (RULESETS / "national" / "catalogue" / "eia.yaml").read_text(encoding="utf-8")


@st.composite
def mangled(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "dedent", "indent", "garble", "swap"]))
        if how == "delete":
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, lines[i])
        elif how == "dedent":
            lines[i] = lines[i][2:]
        elif how == "indent":
            lines[i] = "  " + lines[i]
        elif how == "garble":
            line = lines[i]
            j = draw(st.integers(0, len(line)))
            lines[i] = (
                line[:j]
                + draw(st.sampled_from([":", "{", "]", "'", "-", "2026-13-40", "9.5", "null", "x"]))
                + line[j:]
            )
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(mangled(JURISDICTION), mangled(KINDS))
def test_a_mangled_ruleset_loads_or_says_where_it_is_wrong(tables: str, kinds: str) -> None:
    source = InMemorySource(
        {"national/profile.yaml": PROFILE, "national/jurisdiction.yaml": tables, "national/kinds.yaml": kinds}
    )
    try:
        engine = envrules.load("national", source)
    except envrules.RulesetError as exc:
        assert exc.problems
        assert all(p.where is not None and p.message for p in exc.problems), exc.problems
        return
    for kind in engine.plan.kinds:
        try:
            engine.decide(
                {"decided_on": "2026-11-25", "violation": {"kind": kind, "occurred_on": "2026-09-01"}}
            )
        except envrules.CaseError:
            pass  # e.g. no version in force on that day: named, not a crash
