"""The property kit finds a cap-breaking adjustment planted in a copy of the
shipped national rulesets, and hypothesis shrinks it to a minimal case."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, find, settings

import envrules
from envrules.testing import invariants
from envrules.testing import strategies as ers

from .conftest import RULESETS

PLANTED = """\
adjustments:
  - id: planted.heavier.beyond_cap
    title: {zh: 敏感区域从重（错误地超过上限）, en: Sensitive area heavier (wrongly past the cap)}
    kind: heavier
    kinds: [air.excess_emission]
    when: {violation.circumstances: {contains: sensitive_area}}
    range: {lower: "0.8", upper: "1.2"}
    basis: {law: 植入的错误基准, article: 第一条}
    effective_from: 2010-01-01
"""


def test_kit_finds_and_shrinks_the_planted_cap_breaker(tmp_path: Path) -> None:
    copy = tmp_path / "rulesets"
    shutil.copytree(RULESETS / "national", copy / "national")
    (copy / "national" / "planted.yaml").write_text(PLANTED, encoding="utf-8")
    engine = envrules.load("national", copy)

    def breaks_cap(case: envrules.Case) -> bool:
        try:
            invariants.assert_within_caps(invariants.decide_or_fail(engine, case))
        except AssertionError:
            return True
        return False

    minimal = find(
        ers.cases(engine, kinds=["air.excess_emission"]),
        breaks_cap,
        settings=settings(
            max_examples=5000,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )
    v = minimal.violation
    assert v is not None
    assert v.kind == "air.excess_emission"
    assert v.circumstances == frozenset({"sensitive_area"})  # nothing else was needed
    # the shrunk case carries no optional fact beyond those the failure needs
    assert v.investment is None and v.illegal_gain is None and v.harm is None
    assert minimal.procedure.discovered_through is None
    # and the engine itself refuses to decide it
    try:
        engine.decide(minimal)
    except envrules.CapExceeded as exc:
        assert exc.rule == "planted.heavier.beyond_cap"
    else:  # pragma: no cover
        raise AssertionError("the planted adjustment was not refused")
