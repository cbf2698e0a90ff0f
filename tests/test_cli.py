"""The command line: results on stdout, one readable error line and exit 2 for
bad input, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, RULESETS

CASE = {
    "id": "T-1",
    "decided_on": "2026-11-25",
    "region": {"county": "langfang.gu_an"},
    "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
}


def run(*args: str, stdin: str | None = None, lang: str = "C") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-c", "from envrules.tools.cli import main; main()", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env=env,
    )


def test_decide_prints_deterministic_json() -> None:
    r = run("decide", "-", "-p", "hebei/langfang", "--rulesets", str(RULESETS), stdin=json.dumps(CASE))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["jurisdiction"]["level"] == "county"
    assert data["penalty"]["statutory_range"] == {"min": "100000", "max": "1000000"}


def test_explain_in_chinese_where_the_locale_is_chinese() -> None:
    r = run(
        "explain",
        "-",
        "-p",
        "hebei/langfang",
        "--rulesets",
        str(RULESETS),
        stdin=json.dumps(CASE),
        lang="zh_CN.UTF-8",
    )
    assert r.returncode == 0
    assert "一、管辖" in r.stdout and "法定幅度" in r.stdout
    english = run("explain", "-", "-p", "hebei/langfang", "--rulesets", str(RULESETS), stdin=json.dumps(CASE))
    assert "1. Jurisdiction" in english.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (("decide", "-", "-p", "hebei/langfang"), '{"violation": {"kind": "x"}', "invalid JSON"),
        (
            ("decide", "-", "-p", "hebei/langfang"),
            json.dumps({**CASE, "violation": {**CASE["violation"], "investment": 1.5}}),
            "violation.investment",
        ),
        (
            ("decide", "-", "-p", "hebei/langfang"),
            json.dumps({**CASE, "region": {"county": "langfang.nowhere"}}),
            "region.counties",
        ),
        (("decide", "-", "-p", "hebei/langfan"), json.dumps(CASE), "did you mean 'hebei/langfang'"),
        (("decide", "/no/such/case.json", "-p", "hebei/langfang"), None, "cannot read"),
        (("profiles", "--rulesets", "/no/such/dir"), None, "rulesets directory not found"),
        (("kinds", "waste.industrial_sw"), None, "did you mean 'waste.industrial_sw_management'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], stdin: str | None, needle: str) -> None:
    r = run(*args, stdin=stdin)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert needle in r.stderr
    assert "Traceback" not in r.stderr


def test_test_command_exit_codes(tmp_path: Path) -> None:
    good = RULESETS / "hebei" / "langfang" / "jurisdiction.scenarios.yaml"
    assert run("test", "-q", str(good)).returncode == 0
    bad = tmp_path / "x.scenarios.yaml"
    bad.write_text(
        "profile: hebei/langfang\nscenarios:\n  - id: wrong\n    case:\n"
        "      decided_on: 2026-11-25\n      region: {county: langfang.gu_an}\n"
        "      violation: {kind: air.excess_emission, occurred_on: 2026-09-01}\n"
        "    expect:\n      jurisdiction: {level: city}\n",
        encoding="utf-8",
    )
    r = run("test", str(bad), "--junit-xml", str(tmp_path / "j.xml"))
    assert r.returncode == 1
    assert "expected: city" in r.stdout and "actual:   county" in r.stdout
    assert (tmp_path / "j.xml").read_text(encoding="utf-8").count("<failure") == 1
    (tmp_path / "y.scenarios.yaml").write_text("scenarios: [\n", encoding="utf-8")
    assert run("test", str(tmp_path / "y.scenarios.yaml")).returncode == 2


def test_schema_and_lint_and_profiles() -> None:
    r = run("schema", "case")
    assert r.returncode == 0 and json.loads(r.stdout)["title"] == "Case"
    r = run("profiles")
    assert r.returncode == 0 and "hebei/langfang" in r.stdout
    r = run("lint", "--format", "json", str(ROOT / "tests" / "broken" / "E004-contradictory"))
    assert r.returncode == 1 and json.loads(r.stdout)[0]["code"] == "E004"


def test_kinds_shows_one_kind_with_the_numbering_its_note_names() -> None:
    """An item number is in the numbering the kind's note names: ``envrules kinds
    KIND`` shows that note (the listing of all kinds stays one line per version)."""
    one = run("kinds", "waste.industrial_sw_management", "-p", "national", "--rulesets", str(RULESETS))
    assert one.returncode == 0, one.stderr
    assert "violation.item is the item of the Solid Waste Law 2004 art 68" in one.stdout
    assert "waste.industrial_sw_management.sw2020" in one.stdout
    assert "waste.medical_waste" not in one.stdout
    every = run("kinds", "-p", "national", "--rulesets", str(RULESETS))
    assert "waste.medical_waste" in every.stdout
    assert "violation.item is the item of the Solid Waste Law 2004" not in every.stdout
