"""Rows of a workbook → the YAML data of each ruleset file, with every cell
that cannot be read reported at its ``sheet!cell``."""

from __future__ import annotations

from typing import Any

import attrs

from ...core.errors import CellLocation, Problem, problem
from .book import TOP_KEYS
from .cells import MISSING, CellProblem, from_cell
from .layout import (
    CATALOGUE,
    FILE,
    PARENT_KEYS,
    RULE_HEAD,
    RULE_TAIL,
    TREES,
    Column,
    Sheet,
    condition_column,
    outcome_column,
    rule_sheet,
)
from .rows import element_of
from .workbook import RawBook, RawRow

Path_ = tuple[Any, ...]


@attrs.define
class Row:
    raw: RawRow
    file: str
    values: dict[str, Any]


@attrs.define
class Assembly:
    data: dict[str, dict[str, Any]]
    problems: list[Problem]
    places: dict[str, list[tuple[Path_, Row, tuple[Column, ...]]]]


def _at(row: RawRow, key: str) -> CellLocation:
    return CellLocation(row.sheet, row.cells.get(key) or f"A{row.number}")


def _columns(
    sheet: Sheet | None, name: str, keys: list[tuple[str, str]], problems: list[Problem]
) -> tuple[Column, ...]:
    known = {c.key: c for c in (sheet.columns if sheet else (*RULE_HEAD, *RULE_TAIL))}
    out = []
    for key, cell in keys:
        if not key:
            continue
        if key in known:
            out.append(known[key])
        elif sheet is None and key.startswith("when/"):
            out.append(condition_column(key[5:]))
        elif sheet is None and key.startswith("then/"):
            out.append(outcome_column(key[5:]))
        else:
            problems.append(
                problem(
                    f"unknown column key {key!r} in header row 2",
                    f"第2行表头中的字段键{key!r}无法识别",
                    where=CellLocation(name, cell),
                    code="xlsx.column",
                )
            )
    for need in ("id", FILE):
        if keys and need in known and need not in {c.key for c in out}:
            problems.append(
                problem(
                    f"the column {need!r} is missing",
                    f"缺少{need!r}列",
                    where=CellLocation(name, "A2"),
                    code="xlsx.column",
                )
            )
    return tuple(out)


def _rows(raw: RawBook, name: str, cols: tuple[Column, ...], problems: list[Problem]) -> list[Row]:
    out: list[Row] = []
    last_file = ""
    for r in raw.rows.get(name, []):
        values: dict[str, Any] = {}
        for col in cols:
            try:
                values[col.key] = from_cell(col, r.values.get(col.key))
            except CellProblem as exc:
                problems.append(problem(exc.en, exc.zh, where=_at(r, col.key), code="xlsx.cell"))
                values[col.key] = MISSING
        file = values.get(FILE)
        file = last_file if file is MISSING or file is None else str(file)
        if file not in raw.files:
            problems.append(
                problem(
                    f"file {file!r} is not one of the workbook's files (sheet {raw.profile!r})",
                    f"文件{file!r}不在本工作簿的文件清单中",
                    where=_at(r, FILE),
                    code="xlsx.file",
                )
            )
            continue
        last_file = file
        if values.get("id") is MISSING and any(c.key == "id" for c in cols):
            problems.append(problem("the row has no id", "该行缺少编号", where=_at(r, "id"), code="xlsx.id"))
            continue
        out.append(Row(r, file, values))
    return out


def _old_index(old: dict[str, dict[str, Any]]) -> dict[Any, Any]:
    """Old elements by (file, container path of ids…, id)."""
    index: dict[Any, Any] = {}
    for file, content in old.items():
        for table in content.get("tables") or []:
            index[(file, "表", table.get("id"))] = table
            for rule in table.get("rules") or []:
                index[(file, "rule", table.get("id"), rule.get("id"))] = rule
        for ext in content.get("extend") or []:
            index[(file, "扩展", ext.get("extend"))] = ext
            for rule in ext.get("rules") or []:
                index[(file, "rule", ext.get("extend"), rule.get("id"))] = rule
        for tree, key in zip(TREES, ("kinds", "benchmarks"), strict=True):
            _index_tree(index, file, tree, content.get(key) or [], ())
    return index


def _index_tree(
    index: dict[Any, Any], file: str, tree: tuple[Sheet, ...], items: list[Any], parents: tuple[str, ...]
) -> None:
    for el in items:
        index[(file, tree[0].name, *parents, el.get("id"))] = el
        if len(tree) > 1:
            _index_tree(index, file, tree[1:], el.get(tree[1].list_key) or [], (*parents, str(el.get("id"))))


def _duplicate(rows: list[Row], problems: list[Problem]) -> None:
    seen: set[Any] = set()
    for row in rows:
        key = (
            row.file,
            *(v for k, v in row.values.items() if k.startswith("@") and k != FILE),
            row.values.get("id"),
        )
        if key in seen:
            problems.append(
                problem(
                    f"duplicate id {row.values.get('id')!r}",
                    f"编号{row.values.get('id')!r}重复",
                    where=_at(row.raw, "id"),
                    code="xlsx.duplicate",
                )
            )
        seen.add(key)


def assemble(raw: RawBook, old: dict[str, dict[str, Any]]) -> Assembly:
    """The new data of every file the workbook covers."""
    problems: list[Problem] = []
    index = _old_index(old)
    out = Assembly({f: {} for f in raw.files}, problems, {f: [] for f in raw.files})
    lists: dict[str, dict[str, list[Any]]] = {f: {k: [] for k in TOP_KEYS} for f in raw.files}
    _tables(raw, index, lists, out)
    for tree, key in zip(TREES, ("kinds", "benchmarks"), strict=True):
        _tree(raw, index, tree, key, lists, out)
    for file in raw.files:
        before = old.get(file, {})
        merged: dict[str, Any] = {}
        for k, v in before.items():
            if k not in TOP_KEYS:
                merged[k] = v
            elif lists[file][k] or k in before:
                merged[k] = lists[file][k]
        for k in TOP_KEYS:
            if lists[file][k] and k not in merged:
                merged[k] = lists[file][k]
        out.data[file] = merged
    return out


def _tables(
    raw: RawBook, index: dict[Any, Any], lists: dict[str, dict[str, list[Any]]], out: Assembly
) -> None:
    problems = out.problems
    cat_cols = _columns(CATALOGUE, CATALOGUE.name, raw.headers.get(CATALOGUE.name, []), problems)
    cat_rows = _rows(raw, CATALOGUE.name, cat_cols, problems)
    _duplicate(cat_rows, problems)
    covered: dict[str, set[str]] = {}
    for row in cat_rows:
        ident, kind = row.values["id"], row.values.get("@type")
        sheet = str(row.values.get("@sheet"))
        table = _table_of(row, cat_cols, index, ident, kind)
        lists[row.file]["tables" if kind == "表" else "extend"].append(table)
        covered.setdefault(sheet, set()).add(row.file)
        _rules(raw, index, sheet, ident, row.file, table, out)
    for sheet, files in covered.items():
        cols = _columns(None, sheet, raw.headers.get(sheet, []), [])
        for row in _rows(raw, sheet, cols, []):
            if row.file not in files:
                out.problems.append(
                    problem(
                        f"no row in {CATALOGUE.name} says which table of {row.file} this rule "
                        f"belongs to (add a row of type 扩展 for {row.file})",
                        f"“{CATALOGUE.name}”中没有{row.file}对应此工作表的行（请增加类型为“扩展”的一行）",
                        where=_at(row.raw, FILE),
                        code="xlsx.file",
                    )
                )


def _table_of(
    row: Row, cols: tuple[Column, ...], index: dict[Any, Any], ident: str, kind: Any
) -> dict[str, Any]:
    old = index.get((row.file, kind, ident))
    if kind == "扩展":
        old_el = (
            None
            if old is None
            else {"id": old["extend"], **{k: v for k, v in old.items() if k not in ("extend", "rules")}}
        )
        el = element_of(CATALOGUE, list(cols), row.values, old_el)
        el.pop("id", None)
        return _reorder({"extend": ident, **el}, old)
    old_el = None if old is None else {k: v for k, v in old.items() if k != "rules"}
    return _reorder(element_of(CATALOGUE, list(cols), row.values, old_el), old)


def _reorder(el: dict[str, Any], old: dict[str, Any] | None) -> dict[str, Any]:
    el["rules"] = []
    if old is None:
        return el
    keys = [k for k in old if k in el] + [k for k in el if k not in old]
    return {k: el[k] for k in keys}


def _rules(
    raw: RawBook,
    index: dict[Any, Any],
    sheet: str,
    table_id: str,
    file: str,
    target: dict[str, Any],
    out: Assembly,
) -> None:
    if sheet not in raw.headers:
        out.problems.append(
            problem(
                f"no sheet {sheet!r} for table {table_id}",
                f"表{table_id}对应的工作表{sheet!r}不存在",
                where=CellLocation(CATALOGUE.name, "A3"),
                code="xlsx.sheet",
            )
        )
        return
    cols = _columns(None, sheet, raw.headers[sheet], out.problems)
    rows = [r for r in _rows(raw, sheet, cols, out.problems) if r.file == file]
    _duplicate(rows, out.problems)
    spec = rule_sheet(sheet, [], [])
    top = "tables" if "decides" in target else "extend"
    for row in rows:
        old = index.get((file, "rule", table_id, row.values["id"]))
        target["rules"].append(element_of(spec, list(cols), row.values, old))
        out.places[file].append(((top, table_id, row.values["id"]), row, cols))


def _tree(
    raw: RawBook,
    index: dict[Any, Any],
    tree: tuple[Sheet, ...],
    key: str,
    lists: dict[str, dict[str, list[Any]]],
    out: Assembly,
) -> None:
    parents: dict[tuple[Any, ...], dict[str, Any]] = {}
    for depth, sheet in enumerate(tree):
        cols = _columns(sheet, sheet.name, raw.headers.get(sheet.name, []), out.problems)
        rows = _rows(raw, sheet.name, cols, out.problems)
        _duplicate(rows, out.problems)
        pkeys = [PARENT_KEYS[p] for p in sheet.parents]
        for row in rows:
            ids = tuple(str(row.values.get(k)) for k in pkeys)
            el = element_of(
                sheet, list(cols), row.values, index.get((row.file, sheet.name, *ids, row.values["id"]))
            )
            if depth + 1 < len(tree):
                el[tree[depth + 1].list_key] = []
                el = _keep_child_position(
                    el, index.get((row.file, sheet.name, *ids, row.values["id"])), tree[depth + 1]
                )
            if depth == 0:
                lists[row.file][key].append(el)
                where: Path_ = (key, row.values["id"])
            else:
                parent = parents.get((row.file, *ids))
                if parent is None:
                    out.problems.append(
                        problem(
                            f"no {sheet.parents[-1]} {ids[-1]!r} in {row.file} for this row",
                            f"{row.file}中没有该行所属的{sheet.parents[-1]}{ids[-1]!r}",
                            where=_at(row.raw, pkeys[-1]),
                            code="xlsx.parent",
                        )
                    )
                    continue
                parent[sheet.list_key].append(el)
                where = (key, *ids, row.values["id"])
            parents[(row.file, *ids, str(row.values["id"]))] = el
            out.places[row.file].append((where, row, cols))


def _keep_child_position(el: dict[str, Any], old: dict[str, Any] | None, child: Sheet) -> dict[str, Any]:
    if old is None or child.list_key not in old:
        return el
    keys = [k for k in old if k in el] + [k for k in el if k not in old]
    return {k: el[k] for k in keys}
