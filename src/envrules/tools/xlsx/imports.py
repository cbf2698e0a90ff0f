"""``envrules import``: a workbook back into the YAML rulesets. The rows are
assembled into each file's data, each changed file is patched in place
(unchanged text kept byte for byte), the result is checked like ``envrules
lint`` on a copy of the tree, every problem is reported at its
``sheet!cell``, and only then are the files written (all or none)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import attrs

from ...core.errors import (
    CellLocation,
    EnvrulesError,
    Location,
    Problem,
    RulesetError,
    SourceLocation,
    problem,
)
from ...rulesets import DirectorySource
from ...rulesets.yaml import locate, parse_yaml, plain
from ..lint.run import lint_profile
from .assemble import Assembly, assemble
from .layout import FILE, PARENT_KEYS, TREES
from .patch import Unpatchable, patch
from .workbook import read


class ImportProblems(EnvrulesError):
    """The workbook cannot be imported; each problem names its sheet!cell."""

    head_en = "the workbook was not imported"
    head_zh = "工作簿未导入"


@attrs.frozen
class ImportResult:
    profile: str
    changed: tuple[str, ...]  # files written (relative to the rulesets root)
    unchanged: int


def find_root(into: Path) -> Path:
    """The rulesets root that ``into`` is or lies in."""
    here = into.resolve()
    for folder in [here, *here.parents]:
        if (folder / "national" / "profile.yaml").is_file():
            return folder
    raise ImportProblems(
        [
            problem(
                f"{into} is not in a rulesets tree (no national/profile.yaml)",
                f"{into}不在规则集目录中（找不到 national/profile.yaml）",
                where=SourceLocation(str(into)),
                code="xlsx.into",
            )
        ]
    )


def _old(root: Path, files: tuple[str, ...]) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    texts: dict[str, str] = {}
    data: dict[str, dict[str, Any]] = {}
    for f in files:
        path = root / f
        texts[f] = path.read_text(encoding="utf-8") if path.is_file() else ""
        parsed = plain(parse_yaml(texts[f], str(path))) if texts[f].strip() else {}
        data[f] = parsed if isinstance(parsed, dict) else {}
    return texts, data


def _first_cell(asm: Assembly, file: str) -> Location:
    for _, row, _ in asm.places.get(file, []):
        return CellLocation(row.raw.sheet, row.raw.cells.get("id") or f"A{row.raw.number}")
    return SourceLocation(file)


def _patch_all(asm: Assembly, texts: dict[str, str], old: dict[str, dict[str, Any]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for file, new in asm.data.items():
        if new == old.get(file):
            continue
        try:
            text = patch(texts[file], old.get(file), new)
            again = plain(parse_yaml(text, file)) if text.strip() else {}
            if again != new:
                raise Unpatchable("the patched text does not read back as the sheet says")
        except (Unpatchable, RulesetError) as exc:
            asm.problems.append(
                problem(
                    f"{file}: the change cannot be written in place ({exc}); a value shared through a "
                    "YAML anchor (&name / *name) must be edited in the YAML file",
                    f"{file}：无法就地写入修改（{exc}）；通过 YAML 锚点共用的值请直接在 YAML 文件中修改",
                    where=_first_cell(asm, file),
                    code="xlsx.patch",
                )
            )
            continue
        out[file] = text
    return out


def _resolve(data: Any, where: tuple[Any, ...]) -> list[Any] | None:
    """The index path (for ``locate``) of an element named by ids."""
    head = where[0]
    if head in ("tables", "extend"):
        key = "id" if head == "tables" else "extend"
        tables = data.get(head) or []
        t = next((i for i, x in enumerate(tables) if x.get(key) == where[1]), None)
        if t is None:
            return None
        rules = tables[t].get("rules") or []
        r = next((i for i, x in enumerate(rules) if x.get("id") == where[2]), None)
        return None if r is None else [head, t, "rules", r]
    tree = next(tr for tr, k in zip(TREES, ("kinds", "benchmarks"), strict=True) if k == head)
    path: list[Any] = [head]
    node: Any = data.get(head) or []
    for depth, ident in enumerate(where[1:]):
        i = next((j for j, x in enumerate(node) if str(x.get("id")) == str(ident)), None)
        if i is None:
            return None
        path.append(i)
        if depth + 1 < len(where) - 1:
            path.append(tree[depth + 1].list_key)
            node = node[i].get(tree[depth + 1].list_key) or []
    return path


def _cell_map(asm: Assembly, texts: dict[str, str]) -> dict[tuple[str, int, int], CellLocation]:
    """(file, line, column) of every element and key the rows wrote → its cell."""
    out: dict[tuple[str, int, int], CellLocation] = {}
    for file, places in asm.places.items():
        if file not in texts or not texts[file].strip():
            continue
        data = parse_yaml(texts[file], file)
        for where, row, cols in places:
            path = _resolve(data, where)
            if path is None:
                continue
            start = locate(data, path, file)
            first = CellLocation(row.raw.sheet, row.raw.cells.get("id") or f"A{row.raw.number}")
            out[(file, start.line or 0, -1)] = first
            for col in cols:
                if col.kind in ("parent", "file") or col.key.endswith("*"):
                    continue
                at = locate(data, [*path, *col.path], file)
                if at != start:
                    out.setdefault(
                        (file, at.line or 0, at.column or 0),
                        CellLocation(row.raw.sheet, row.raw.cells.get(col.key, first.cell)),
                    )
    return out


def _to_cell(
    where: Location | None, root: str, cells: dict[tuple[str, int, int], CellLocation]
) -> Location | None:
    if not isinstance(where, SourceLocation):
        return where
    file = where.file
    if file.startswith(root):
        file = file[len(root) :].lstrip("/")
    line, col = where.line or 0, where.column or 0
    exact = cells.get((file, line, col))
    if exact is not None:
        return exact
    rows = [(ln, c) for (f, ln, k), c in cells.items() if f == file and k == -1 and ln <= line]
    if rows:
        return max(rows, key=lambda x: x[0])[1]
    return SourceLocation(file, where.line, where.column)


def _lint(root: Path, profile: str, patched: dict[str, str], asm: Assembly) -> None:
    with tempfile.TemporaryDirectory(prefix="envrules-import-") as tmp:
        copy = Path(tmp) / "rulesets"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns("*.scenarios.yaml"))
        for file, text in patched.items():
            (copy / file).write_text(text, encoding="utf-8")
        findings = lint_profile(DirectorySource(copy), profile)
        texts = {f: (copy / f).read_text(encoding="utf-8") for f in asm.data if (copy / f).is_file()}
        cells = _cell_map(asm, texts)
        for f in findings:
            asm.problems.append(
                Problem(
                    f"{f.code} {f.message}",
                    _to_cell(f.where, str(copy), cells),
                    message_zh=f"{f.code} {f.message_zh or f.message}",
                    code=f.code,
                )
            )


def _write(root: Path, into: Path, patched: dict[str, str]) -> None:
    limit = into.resolve()
    for file in patched:
        target = (root / file).resolve()
        if not (target == limit or target.is_relative_to(limit)):
            raise ImportProblems(
                [
                    problem(
                        f"{file} changed but lies outside {into}: import into a folder that holds it",
                        f"{file}有修改，但不在{into}之内：请导入到包含该文件的目录",
                        code="xlsx.into",
                    )
                ]
            )
    for file, text in patched.items():
        target = root / file
        fd, tmp = tempfile.mkstemp(prefix=".envrules-", suffix=".yaml", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)


def import_workbook(path: Path, into: Path, *, check_only: bool = False) -> ImportResult:
    """Import ``path`` into the rulesets tree ``into`` (or a folder of it)."""
    raw = read(path)
    root = find_root(into)
    texts, old = _old(root, raw.files)
    asm = assemble(raw, old)
    patched = _patch_all(asm, texts, old) if not asm.problems else {}
    if not asm.problems:
        _lint(root, raw.profile, patched, asm)
    if asm.problems:
        unique = {(p.place(), p.message): p for p in asm.problems}
        raise ImportProblems(list(unique.values()))
    if not check_only:
        _write(root, into, patched)
    return ImportResult(raw.profile, tuple(sorted(patched)), len(raw.files) - len(patched))


__all__ = ["FILE", "PARENT_KEYS", "ImportProblems", "ImportResult", "find_root", "import_workbook"]
