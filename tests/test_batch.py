"""``envrules batch``: one output row per input row, bad rows as errors with
their field, exit 1 and a summary when any row failed, the same results from
JSONL, CSV and Parquet, and the same output with worker processes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

import envrules
from envrules.core.limits import Limits
from envrules.tools.batch import Job, column_kinds, run_batch
from envrules.tools.scenarios import load_file

from .conftest import ROOT, RULESETS

N = 2000
PROFILE = "hebei/langfang"


def _valid_cases(engine: envrules.Engine) -> list[dict[str, Any]]:
    out = []
    for path in sorted((RULESETS / "hebei" / "langfang").glob("*.scenarios.yaml")):
        default, scenarios = load_file(path)
        for sc in scenarios:
            if (sc.profile or default) == PROFILE and "error" not in sc.expect:
                case = json.loads(json.dumps(sc.case, default=str))
                try:
                    engine.decide(case)
                except envrules.EnvrulesError:
                    continue
                out.append(case)
    return out


def _flat(case: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in case.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            whole = any(isinstance(v, dict) for v in value)
            out[prefix + key] = json.dumps(value) if whole else ";".join(map(str, value))
        elif isinstance(value, bool):
            out[prefix + key] = "true" if value else "false"
        else:
            out[prefix + key] = str(value)
    return out


@pytest.fixture(scope="module")
def engine() -> envrules.Engine:
    return envrules.load(PROFILE, RULESETS)


@pytest.fixture(scope="module")
def cases(engine: envrules.Engine) -> list[Any]:
    """N rows: valid scenario cases, every 9th with an impossible date, every 13th
    not even a case."""
    valid = _valid_cases(engine)
    rows: list[Any] = []
    for i in range(N):
        case = json.loads(json.dumps(valid[i % len(valid)]))
        case["id"] = f"R{i + 1}"
        if i % 9 == 4:
            case["decided_on"] = "2026-02-30"
        if i % 13 == 6:
            case = None
        rows.append(case)
    return rows


@pytest.fixture(scope="module")
def inputs(cases: list[Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    folder = tmp_path_factory.mktemp("batch")
    jsonl = folder / "cases.jsonl"
    jsonl.write_text(
        "".join(("{broken" if c is None else json.dumps(c, ensure_ascii=False)) + "\n" for c in cases),
        encoding="utf-8",
    )
    flat = [{"violation.item": "one"} if c is None else _flat(c) for c in cases]
    columns = sorted({k for row in flat for k in row})
    with (folder / "cases.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        writer.writerows(flat)
    table = pa.table({c: [row.get(c) for row in flat] for c in columns})
    pq.write_table(table, folder / "cases.parquet")
    return {"jsonl": jsonl, "csv": folder / "cases.csv", "parquet": folder / "cases.parquet"}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C"}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from envrules.tools.cli import main; main()",
            *args,
            "--rulesets",
            str(RULESETS),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env=env,
    )


def read_out(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".jsonl":
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    import pyarrow.parquet as pq

    return list(pq.read_table(path).to_pylist())


def test_jsonl_one_row_per_row_bad_rows_as_errors(
    inputs: dict[str, Path], cases: list[Any], engine: envrules.Engine, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    r = cli("batch", str(inputs["jsonl"]), "--profile", PROFILE, "--out", str(out))
    assert r.returncode == 1, r.stderr
    rows = read_out(out)
    assert [x["row"] for x in rows] == list(range(1, N + 1))
    failed = [x for x in rows if x["status"] == "failed"]
    broken = sum(1 for c in cases if c is None)
    dates = sum(1 for i, c in enumerate(cases) if c is not None and i % 9 == 4)
    assert len(failed) == broken + dates
    assert f"{N} rows: {N - len(failed)} decided, {len(failed)} failed" in r.stderr
    for i, (row, case) in enumerate(zip(rows, cases, strict=True)):
        if case is None:
            assert row["error.code"] == "invalid_json" and row["case_id"] is None
        elif i % 9 == 4:
            assert row["error.field"] == "decided_on" and row["case_id"] == case["id"]
        elif i % 97 == 0:
            data = engine.decide(case).data()
            assert row["jurisdiction.level"] == data["jurisdiction"]["level"]
            assert row["penalty.applied_version"] == data.get("penalty", {}).get("applied_version")


def _comparable(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    keys = (
        "case_id",
        "status",
        "jurisdiction.authority",
        "penalty.applied_version",
        "penalty.permitted_range.max",
        "penalty.recommended",
        "error.field",
    )
    return [tuple(None if r.get(k) in ("", None) else str(r[k]) for k in keys) for r in rows]


@pytest.mark.parametrize(("src", "dst"), [("csv", "parquet"), ("parquet", "csv")])
def test_csv_and_parquet_give_the_same_results(
    inputs: dict[str, Path], tmp_path: Path, src: str, dst: str
) -> None:
    reference = tmp_path / "ref.jsonl"
    run_batch(inputs["jsonl"], reference, Job(PROFILE, str(RULESETS), "en", False))
    out = tmp_path / f"out.{dst}"
    r = cli("batch", str(inputs[src]), "-p", PROFILE, "-o", str(out))
    assert r.returncode == 1, r.stderr
    got, want = read_out(out), read_out(reference)
    assert len(got) == N
    bad_cell = [g for g, w in zip(got, want, strict=True) if w["error.code"] == "invalid_json"]
    assert {g["error.field"] for g in bad_cell} == {"violation.item"}
    assert all("violation.item" in g["error.message"] for g in bad_cell)
    same = [
        (g, w)
        for g, w in zip(_comparable(got), _comparable(want), strict=True)
        if w[-1] is None or w[-1] == "decided_on"
    ]
    assert same and all(g == w for g, w in same)


def test_worker_processes_preserve_order_and_output(inputs: dict[str, Path], tmp_path: Path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    job = Job(PROFILE, str(RULESETS), "zh", False)
    s1 = run_batch(inputs["jsonl"], one, job)
    s2 = run_batch(inputs["jsonl"], two, job, jobs=2)
    assert (s1.rows, s1.failed) == (s2.rows, s2.failed) == (N, s1.failed)
    assert one.read_bytes() == two.read_bytes()


def test_full_writes_whole_decisions(
    inputs: dict[str, Path], cases: list[Any], engine: envrules.Engine, tmp_path: Path
) -> None:
    out = tmp_path / "full.jsonl"
    run_batch(inputs["jsonl"], out, Job(PROFILE, str(RULESETS), "en", True))
    rows = read_out(out)
    assert rows[0]["decision"] == engine.decide(cases[0]).data()
    assert all((r["decision"] is None) == (r["status"] == "failed") for r in rows)


def test_a_bad_cell_names_its_row_and_column(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        "id,decided_on,violation.kind,violation.occurred_on,region.county,"
        "enterprise.key_discharger,violation.units\n"
        "A,2026-11-25,air.excess_emission,2026-09-01,langfang.gu_an,yes,3\n"
        "B,2026-11-25,air.excess_emission,2026-09-01,langfang.gu_an,true,3.5\n"
        "C,2026-11-25,air.excess_emission,2026-09-01,langfang.gu_an,false,12\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    summary = run_batch(src, out, Job(PROFILE, str(RULESETS), "en", False))
    assert (summary.rows, summary.failed) == (3, 2)
    rows = read_out(out)
    assert rows[0]["error.field"] == "enterprise.key_discharger"
    assert rows[0]["error.message"].startswith(f"{src}:2: column enterprise.key_discharger")
    assert rows[1]["error.field"] == "violation.units" and f"{src}:3:" in rows[1]["error.message"]
    assert rows[2]["status"] == "decided" and rows[2]["case_id"] == "C"


def test_columns_are_every_field_of_a_case() -> None:
    kinds = column_kinds()
    assert kinds["violation.kind"] == "str" and kinds["violation.circumstances"] == "list"
    assert kinds["enterprise.key_discharger"] == "bool" and kinds["violation.units"] == "int"
    assert kinds["enterprise.prior_violations"] == "json" and kinds["region.county"] == "str"


def test_an_unknown_column_fails_the_run_with_nothing_written(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("violation.kindd,violation.occurred_on\nx,2026-01-01\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    r = cli("batch", str(src), "-p", PROFILE, "-o", str(out))
    assert r.returncode == 2
    assert "violation.kindd" in r.stderr and "did you mean 'violation.kind'" in r.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.csv*"))


def test_a_too_long_line_is_one_bad_row(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    case = {
        "decided_on": "2026-11-25",
        "region": {"county": "langfang.gu_an"},
        "violation": {"kind": "air.excess_emission", "occurred_on": "2026-09-01"},
    }
    src.write_text(
        json.dumps(case) + "\n" + json.dumps({**case, "id": "x" * 500}) + "\n" + json.dumps(case) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    summary = run_batch(
        src, out, Job(PROFILE, str(RULESETS), "en", False), limits=Limits(batch_line_bytes=300)
    )
    rows = read_out(out)
    assert [r["status"] for r in rows] == ["decided", "failed", "decided"]
    assert rows[1]["error.code"] == "limit.batch_line_bytes" and summary.failed == 1


def test_a_progress_bar_on_a_terminal_only(
    inputs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from envrules.tools.cli import app
    from envrules.tools.cli import batch as batch_cmd

    for terminal in (True, False):
        screen = io.StringIO()
        console = Console(file=screen, force_terminal=terminal, width=100, highlight=False)
        monkeypatch.setattr(batch_cmd, "err", console)
        result = CliRunner().invoke(
            app,
            [
                "batch",
                str(inputs["jsonl"]),
                "-p",
                PROFILE,
                "-o",
                str(tmp_path / "o.jsonl"),
                "--rulesets",
                str(RULESETS),
                "--lang",
                "en",
            ],
        )
        assert result.exit_code == 1
        text = screen.getvalue()
        assert f"{N} rows:" in text
        assert ("━" in text) is terminal  # the bar's line


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_a_run_that_stops_early_lets_go_of_its_writer(tmp_path: Path, suffix: str) -> None:
    """A run refused mid-way leaves no output and no writer still holding its
    file: a Parquet writer left to the garbage collector wrote its footer into
    the closed file ("Exception ignored in ParquetWriter.__del__", seen in CI)."""
    if suffix == ".parquet":
        pytest.importorskip("pyarrow")
    import gc

    src = tmp_path / "in.csv"
    src.write_text("violation.kindd,violation.occurred_on\nx,2026-01-01\n", encoding="utf-8")
    out = tmp_path / f"out{suffix}"
    seen: list[object] = []
    hook = sys.unraisablehook
    sys.unraisablehook = seen.append
    try:
        with pytest.raises(envrules.EnvrulesError):
            run_batch(src, out, Job(PROFILE, str(RULESETS), "en", False))
        gc.collect()
    finally:
        sys.unraisablehook = hook
    assert seen == []
    assert not out.exists() and not list(tmp_path.glob(f".out{suffix}*"))
