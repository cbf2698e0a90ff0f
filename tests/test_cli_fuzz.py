"""Every command of the command line, fed hostile arguments and files: it
exits 0, 1 (a check failed) or 2 (bad input, one message) — never 70 (an
internal error) and never a traceback. In-process, through the same `main()`
the console script runs, so a few hundred runs fit in the suite."""

from __future__ import annotations

import contextlib
import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from envrules.tools.cli import main

from .conftest import RULESETS

CONTENTS = [
    "",
    "{",
    "[]",
    "null",
    '{"violation": {"kind": "air.excess_emission"}}',
    "\x00\x01",
    '{"id": ' + "9" * 4300 + "}",
    "[" * 1000 + "]" * 1000,
    "profile: hebei/langfang\nscenarios: [\n",
    "a,b\n1,2\n",
    "violation.kind,violation.occurred_on\nair.excess_emission,2023-02-30\n",
    '[{"type": "act", "date": "2026-13-01"}]',
    "x: &a [*a]\n",
    "\ufeff{}",
    "PK\x03\x04not a zip",
]
SUFFIXES = [".json", ".jsonl", ".csv", ".parquet", ".xlsx", ".yaml", ".scenarios.yaml", ""]
PROFILES = ["hebei/langfang", "national", "nowhere", "hebei/langfan", "", "../etc", "a\x1bb"]
COMMANDS = {
    "decide": ["{file}", "-p", "{profile}"],
    "explain": ["{file}", "-p", "{profile}", "--lang", "zh"],
    "batch": ["{file}", "-p", "{profile}", "-o", "{out}"],
    "timeline": ["{file}", "--as-of", "{day}"],
    "test": ["{file}"],
    "lint": ["{profile}"],
    "schema": ["{word}"],
    "profiles": [],
    "kinds": ["-p", "{profile}"],
    "regions": ["-p", "{profile}"],
    "matters": ["-p", "{profile}"],
    "tables": ["{profile}"],
    "export": ["{profile}", "--xlsx", "{out}"],
    "import": ["{file}", "--into", "{dir}", "--check"],
}


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.argv
    sys.argv = ["envrules", *argv]
    code = 0
    try:
        with redirect_stdout(out), redirect_stderr(err):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        sys.argv = old
    return code, out.getvalue() + err.getvalue()


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    command=st.sampled_from(sorted(COMMANDS)),
    content=st.sampled_from(CONTENTS),
    suffix=st.sampled_from(SUFFIXES),
    profile=st.sampled_from(PROFILES),
    day=st.sampled_from(["2026-11-25", "2026-02-30", "x", ""]),
    word=st.sampled_from(["case", "decision", "ruleset", "nothing", ""]),
    extra=st.lists(
        st.sampled_from(
            [
                "--format",
                "text",
                "json",
                "--lang",
                "xx",
                "--rulesets",
                str(RULESETS),
                "/no/such",
                "-q",
                "--junit-xml",
                "/no/such/dir/j.xml",
                "--jobs",
                "0",
                "--full",
            ]
        ),
        max_size=3,
    ),
)
def test_every_command_refuses_hostile_input_cleanly(
    tmp_path_factory: pytest.TempPathFactory,
    command: str,
    content: str,
    suffix: str,
    profile: str,
    day: str,
    word: str,
    extra: list[str],
) -> None:
    where = tmp_path_factory.mktemp("cli")
    path = where / f"input{suffix}"
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    values = {
        "file": str(path),
        "profile": profile,
        "day": day,
        "word": word,
        "out": str(where / f"out{suffix or '.json'}"),
        "dir": str(where / "into"),
    }
    argv = [command, *(a.format(**values) for a in COMMANDS[command]), *extra]
    with contextlib.chdir(where):  # a file an option names (``--junit-xml json``) lands here
        code, shown = _run(argv)
    assert code in (0, 1, 2), (argv, code, shown[-2000:])
    assert "Traceback" not in shown, (argv, shown[-2000:])
    if code == 2:
        assert shown.strip(), (argv, "exit 2 without a message")


def test_control_an_internal_error_exits_70(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: an unexpected exception is exit 70, not 2."""
    import envrules.tools.cli.info as info

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(info, "selectable_profiles", broken)
    code, shown = _run(["profiles", "--rulesets", str(RULESETS)])
    assert code == 70 and "internal error" in shown and "Traceback" not in shown


def test_the_inputs_reach_the_commands(tmp_path: Path) -> None:
    """Not every run is refused at the door: a good case decides (exit 0)."""
    case = tmp_path / "case.json"
    case.write_text(
        '{"decided_on": "2026-11-25", "region": {"county": "langfang.gu_an"}, '
        '"violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"}}',
        encoding="utf-8",
    )
    code, shown = _run(["decide", str(case), "-p", "hebei/langfang"])
    assert code == 0 and '"jurisdiction"' in shown
