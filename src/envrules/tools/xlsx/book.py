"""The workbook of a profile as sheets of rows (no spreadsheet library
needed): what ``export`` writes and what ``import`` compares against."""

from __future__ import annotations

from typing import Any

import attrs

from ...rulesets import LayerIndex, RulesetSource, profile_chain
from ...rulesets.yaml import parse_yaml, plain
from .layout import (
    CATALOGUE,
    PARENT_KEYS,
    TREES,
    Sheet,
    rule_sheet,
    sheet_name,
)
from .rows import cells_of, fields_of

TOP_KEYS = ("tables", "extend", "kinds", "benchmarks")
"""The top-level keys of a ruleset file the workbook holds."""


@attrs.define
class Book:
    profile: str
    files: list[str]  # paths relative to the rulesets root, in layer order
    sheets: list[Sheet] = attrs.Factory(list)
    rows: dict[str, list[dict[str, Any]]] = attrs.Factory(dict)

    def add(self, sheet: Sheet, row: dict[str, Any]) -> None:
        if sheet.name not in self.rows:
            self.sheets.append(sheet)
            self.rows[sheet.name] = []
        self.rows[sheet.name].append(row)


def profile_files(source: RulesetSource, profile: str) -> list[str]:
    """The ruleset files of a profile's layers (without profile.yaml), lowest layer first."""
    index = LayerIndex.of(source)
    return [f for layer in profile_chain(source, profile) for f in index.files[layer.name]]


def read_data(source: RulesetSource, path: str) -> dict[str, Any]:
    data = plain(parse_yaml(source.read(path), source.display(path)))
    return data if isinstance(data, dict) else {}


def _nested(
    book: Book, tree: tuple[Sheet, ...], file: str, elements: list[Any], parents: dict[str, str]
) -> None:
    sheet = tree[0]
    for el in elements:
        book.add(sheet, cells_of(sheet, el, file, parents))
        if len(tree) > 1:
            child = dict(parents)
            child[PARENT_KEYS[sheet.name]] = str(el.get("id"))
            _nested(book, tree[1:], file, el.get(tree[1].list_key) or [], child)


def _tables(book: Book, data: dict[str, dict[str, Any]]) -> None:
    rules: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    meta: dict[str, tuple[str, dict[str, Any]]] = {}
    for file, content in data.items():
        for table in content.get("tables") or []:
            meta[table["id"]] = (file, table)
            rules.setdefault(table["id"], []).extend((file, r) for r in table.get("rules") or [])
        for ext in content.get("extend") or []:
            rules.setdefault(ext["extend"], []).extend((file, r) for r in ext.get("rules") or [])
    names: dict[str, str] = {}
    for i, (table_id, found) in enumerate(rules.items(), 1):
        decides = meta[table_id][1].get("decides", "") if table_id in meta else "extend"
        names[table_id] = sheet_name(i, table_id, str(decides))
        whens = [r.get("when") for _, r in found]
        fields = list(dict.fromkeys(f for w in whens for f in fields_of(w)))
        outcomes = list(dict.fromkeys(k for _, r in found for k in (r.get("then") or {})))
        sheet = rule_sheet(names[table_id], fields, outcomes)
        book.sheets.append(sheet)
        book.rows[sheet.name] = [cells_of(sheet, r, f, {}) for f, r in found]
    for file, content in data.items():
        for table in content.get("tables") or []:
            el = {k: v for k, v in table.items() if k != "rules"}
            book.add(CATALOGUE, cells_of(CATALOGUE, el, file, {"@sheet": names[table["id"]], "@type": "表"}))
        for ext in content.get("extend") or []:
            el = {"id": ext["extend"], **{k: v for k, v in ext.items() if k not in ("extend", "rules")}}
            book.add(
                CATALOGUE, cells_of(CATALOGUE, el, file, {"@sheet": names[ext["extend"]], "@type": "扩展"})
            )


def build(source: RulesetSource, profile: str) -> Book:
    """Every decision table, violation kind and benchmark of a profile as rows."""
    files = profile_files(source, profile)
    data = {f: read_data(source, f) for f in files}
    book = Book(profile, [f for f in files if any(k in data[f] for k in TOP_KEYS)])
    _tables(book, data)
    for tree, key in zip(TREES, ("kinds", "benchmarks"), strict=True):
        for sheet in tree:  # every sheet, empty too, so rows can be added
            book.sheets.append(sheet)
            book.rows[sheet.name] = []
        for file, content in data.items():
            _nested(book, tree, file, content.get(key) or [], {})
    if CATALOGUE.name in book.rows:  # the catalogue first, before the rule sheets
        book.sheets.remove(CATALOGUE)
        book.sheets.insert(0, CATALOGUE)
    return book
