"""Spreadsheets: every shipped profile exported and imported again gives the
same YAML text byte for byte and the same decisions; a workbook written
from scratch (no YAML to patch) gives the same rules and decisions; edits
change only the lines they touch; a bad cell is reported at sheet!cell and
nothing is written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

import envrules  # noqa: E402
from envrules.core.errors import CellLocation  # noqa: E402
from envrules.rulesets import selectable_profiles, source_for  # noqa: E402
from envrules.rulesets.schema import RulesetFile  # noqa: E402
from envrules.rulesets.yaml import parse_yaml, plain  # noqa: E402
from envrules.tools.scenarios.model import load_file  # noqa: E402
from envrules.tools.xlsx import ImportProblems, export_workbook, import_workbook  # noqa: E402
from envrules.tools.xlsx.book import TOP_KEYS  # noqa: E402
from envrules.tools.xlsx.emit import document  # noqa: E402

ROOT = Path(__file__).resolve().parents[1] / "rulesets"
PROFILES = [name for name, _ in selectable_profiles(source_for(ROOT))]


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    copy = tmp_path / "rulesets"
    shutil.copytree(ROOT, copy)
    return copy


def _texts(root: Path, files: list[str]) -> dict[str, str]:
    return {f: (root / f).read_text(encoding="utf-8") for f in files}


def _column(ws: Any, key: str) -> str:
    return next(c.column_letter for c in ws[2] if c.value == key)


def _norm(value: Any) -> Any:
    """Rules as data, the terms of an all/any condition in a fixed order (a
    workbook written from scratch lists condition columns first)."""
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    items = getattr(value, "items", None)
    if isinstance(items, tuple):
        return (type(value).__name__, sorted((_norm(i) for i in items), key=repr))
    return value


def _decisions(profile: str, rulesets: Path) -> dict[str, Any]:
    """Every scenario case of the profile decided on ``rulesets`` (JSON without the digest)."""
    engine = envrules.load(profile, rulesets, cache=False)
    out: dict[str, Any] = {}
    for path in sorted(rulesets.rglob("*.scenarios.yaml")):
        default, scenarios = load_file(path)
        for sc in scenarios:
            if (sc.profile or default) != profile:
                continue
            try:
                data = json.loads(engine.decide(sc.case).to_json())
                data.pop("ruleset_digest", None)
            except envrules.EnvrulesError as exc:
                data = {"error": [p.place() for p in exc.problems]}
            out[f"{path.name}::{sc.id}"] = data
    return out


@pytest.mark.parametrize("profile", PROFILES)
def test_export_then_import_keeps_every_byte(profile: str, tree: Path, tmp_path: Path) -> None:
    book = export_workbook(source_for(ROOT), profile, tmp_path / "book.xlsx")
    assert book.files and book.sheets
    before = _texts(tree, book.files)
    result = import_workbook(tmp_path / "book.xlsx", tree)
    assert result.changed == ()
    assert _texts(tree, book.files) == before
    assert before == _texts(ROOT, book.files)


@pytest.mark.parametrize("profile", PROFILES)
def test_import_from_scratch_gives_the_same_rules_and_decisions(
    profile: str, tree: Path, tmp_path: Path
) -> None:
    """The covered keys removed from every file, the workbook writes them anew
    (canonical YAML): the validated rules and every scenario's decision are
    the same as from the shipped files."""
    book = export_workbook(source_for(ROOT), profile, tmp_path / "book.xlsx")
    for f in book.files:
        data = plain(parse_yaml((tree / f).read_text(encoding="utf-8"), f))
        rest = {k: v for k, v in data.items() if k not in TOP_KEYS}
        (tree / f).write_text(document(rest) if rest else "", encoding="utf-8")
    result = import_workbook(tmp_path / "book.xlsx", tree)
    assert set(result.changed) == set(book.files)
    for f in book.files:
        new = RulesetFile.model_validate(plain(parse_yaml((tree / f).read_text("utf-8"), f)))
        old = RulesetFile.model_validate(plain(parse_yaml((ROOT / f).read_text("utf-8"), f)))
        assert _norm(new.model_dump()) == _norm(old.model_dump()), f
    assert _decisions(profile, tree) == _decisions(profile, ROOT)


@pytest.fixture(scope="module")
def handan_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "handan.xlsx"
    export_workbook(source_for(ROOT), "hebei/handan", path)
    return path


def _edited(book: Path, tmp_path: Path, sheet: str, row: int, key: str, value: Any) -> Path:
    wb = openpyxl.load_workbook(book)
    ws = wb[sheet]
    ws[f"{_column(ws, key)}{row}"] = value
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


def _row_of(book: Path, sheet: str, ident: str) -> int:
    ws = openpyxl.load_workbook(book)[sheet]
    col = _column(ws, "id")
    return next(r for r in range(3, ws.max_row + 1) if ws[f"{col}{r}"].value == ident)


def test_a_typo_is_reported_at_its_cell_and_nothing_is_written(
    handan_book: Path, tree: Path, tmp_path: Path
) -> None:
    row = _row_of(handan_book, "裁量档次", "outside_corridor")
    edited = _edited(handan_book, tmp_path, "裁量档次", row, "percent_max", "6O")
    before = (tree / "hebei/handan/benchmark.yaml").read_text("utf-8")
    with pytest.raises(ImportProblems) as caught:
        import_workbook(edited, tree)
    wb = openpyxl.load_workbook(edited)
    cell = f"{_column(wb['裁量档次'], 'percent_max')}{row}"
    assert [p.where for p in caught.value.problems] == [CellLocation("裁量档次", cell)]
    assert f"裁量档次!{cell}" in caught.value.text("zh")
    assert (tree / "hebei/handan/benchmark.yaml").read_text("utf-8") == before


def test_a_lint_problem_is_reported_at_its_cell(handan_book: Path, tree: Path, tmp_path: Path) -> None:
    row = _row_of(handan_book, "裁量事项", "handan.benchmark_trial.air_dust_24")
    edited = _edited(handan_book, tmp_path, "裁量事项", row, "kinds", "air.voc_dust_contrl")
    with pytest.raises(ImportProblems) as caught:
        import_workbook(edited, tree)
    places = {str(p.where) for p in caught.value.problems}
    wb = openpyxl.load_workbook(edited)
    assert (
        f"裁量事项!{_column(wb['裁量事项'], 'id')}{row}" in places
        or f"裁量事项!{_column(wb['裁量事项'], 'kinds')}{row}" in places
    )
    assert any("air.voc_dust_contrl" in p.message for p in caught.value.problems)


def test_an_edit_changes_only_its_line_and_keeps_comments(
    handan_book: Path, tree: Path, tmp_path: Path
) -> None:
    row = _row_of(handan_book, "裁量档次", "outside_corridor")
    edited = _edited(handan_book, tmp_path, "裁量档次", row, "percent_max", 50)
    path = tree / "hebei/handan/benchmark.yaml"
    before = path.read_text("utf-8").splitlines()
    result = import_workbook(edited, tree)
    assert result.changed == ("hebei/handan/benchmark.yaml",)
    after = path.read_text("utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert "percent_max: 60" in changed[0][0] and "percent_max: 50" in changed[0][1]
    assert after[0].startswith("# 邯郸市生态环境局")  # the comments stay


def test_a_new_row_is_inserted_after_its_sibling(handan_book: Path, tree: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(handan_book)
    ws = wb["裁量档次"]
    r = ws.max_row + 1
    new = {
        "@benchmark": "handan.benchmark_trial",
        "@item": "handan.benchmark_trial.air_dust_24",
        "@factor": "first_offence_in_year",
        "id": "repeat_in_year",
        "title": "年度再犯（示例）",
        "percent_min": 10,
        "percent_max": 30,
        "prior_count": "{min: 1}",
        "@file": "hebei/handan/benchmark.yaml",
    }
    for key, value in new.items():
        ws[f"{_column(ws, key)}{r}"] = value
    wb.save(tmp_path / "added.xlsx")
    import_workbook(tmp_path / "added.xlsx", tree)
    text = (tree / "hebei/handan/benchmark.yaml").read_text("utf-8")
    first = text.index("id: first_in_year")
    added = text.index("id: repeat_in_year")
    assert first < added < text.index("id: social_impact")
    engine = envrules.load("hebei/handan", tree, cache=False)
    decision = engine.decide(
        {
            "decided_on": "2022-07-15",
            "region": {"county": "handan.wu_an"},
            "enterprise": {"prior_violations": [{"decided_on": "2022-02-10"}]},
            "violation": {
                "kind": "air.voc_dust_control",
                "item": 5,
                "occurred_on": "2022-05-17",
                "benchmark_choices": {"location": "10", "first_offence_in_year": "20"},
            },
        }
    )
    assert decision.penalty.benchmark.total_percent == 30
    assert decision.penalty.benchmark.amount == 60000


def test_import_refuses_a_workbook_it_did_not_write(tmp_path: Path, tree: Path) -> None:
    wb = openpyxl.Workbook()
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(envrules.EnvrulesError):
        import_workbook(tmp_path / "other.xlsx", tree)


def _cli(*args: str) -> Any:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-c", "from envrules.tools.cli import main; main()", *args, "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_commands(tree: Path, tmp_path: Path) -> None:
    book = tmp_path / "handan.xlsx"
    done = _cli("export", "hebei/handan", "--xlsx", str(book), "--rulesets", str(ROOT))
    assert done.returncode == 0, done.stderr
    assert "sheets" in done.stdout and book.is_file()
    done = _cli("import", str(book), "--into", str(tree / "hebei" / "handan"), "--check")
    assert done.returncode == 0, done.stderr
    assert "no change" in done.stdout
    edited = _edited(book, tmp_path, "罚款档次", 3, "fine/formula", "fixd")
    done = _cli("import", str(edited), "--into", str(tree))
    assert done.returncode == 2
    assert "罚款档次!" in done.stderr and "fixd" in done.stderr


def test_a_change_outside_the_into_folder_is_refused(handan_book: Path, tree: Path, tmp_path: Path) -> None:
    row = _row_of(handan_book, "裁量档次", "outside_corridor")
    edited = _edited(handan_book, tmp_path, "裁量档次", row, "percent_max", 50)
    before = (tree / "hebei/handan/benchmark.yaml").read_text("utf-8")
    with pytest.raises(ImportProblems) as caught:
        import_workbook(edited, tree / "national")
    assert "outside" in caught.value.text("en")
    assert (tree / "hebei/handan/benchmark.yaml").read_text("utf-8") == before
