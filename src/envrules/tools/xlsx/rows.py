"""Elements ↔ rows: what a row shows of a YAML element, and the element a
row describes (keeping the old element's values, and its key order, where
the cells say the same)."""

from __future__ import annotations

from typing import Any

from .cells import MISSING, same, to_cell
from .layout import REST, WHEN_REST, Column, Sheet

_LOGIC = frozenset({"any", "all", "not"})


def covered(sheet: Sheet) -> set[str]:
    """Top-level keys the sheet's columns (or its child sheets) hold."""
    keys = {
        c.path[0] for c in sheet.columns if c.kind not in ("parent", "file", "rest") and c.key != WHEN_REST
    }
    if any(c.key == WHEN_REST for c in sheet.columns):
        keys.add("when")
    return keys | set(sheet.children) | {"at"}


def fields_of(when: Any) -> list[str]:
    """Keys of a condition mapping that name facts (not any/all/not)."""
    return [k for k in when if k not in _LOGIC] if isinstance(when, dict) else []


def get(element: dict[str, Any], path: tuple[str, ...]) -> Any:
    node: Any = element
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return MISSING
        node = node[key]
    return node


def cells_of(sheet: Sheet, element: dict[str, Any], file: str, parents: dict[str, str]) -> dict[str, Any]:
    """The row for an element: column key → cell value (None: empty)."""
    out: dict[str, Any] = {}
    when_cols = {
        c.path[1] for c in sheet.columns if c.path[0] == "when" and len(c.path) == 2 and c.key != WHEN_REST
    }
    for col in sheet.columns:
        value: Any
        if col.kind == "parent" or col.key in parents:
            value = parents.get(col.key)
        elif col.kind == "file":
            value = file
        elif col.key == REST:
            rest = {k: v for k, v in element.items() if k not in covered(sheet)}
            value = to_cell(col, rest) if rest else None
        elif col.key == WHEN_REST:
            when = element.get("when", MISSING)
            if when is MISSING:
                value = None
            elif isinstance(when, dict):
                rest = {k: v for k, v in when.items() if k not in when_cols}
                value = to_cell(col, rest) if rest or not when else None
            else:
                value = to_cell(col, when)
        else:
            got = get(element, col.path)
            value = None if got is MISSING else to_cell(col, got)
        out[col.key] = value
    return out


def element_of(
    sheet: Sheet, cols: list[Column], values: dict[str, Any], old: dict[str, Any] | None
) -> dict[str, Any]:
    """The element a row describes (``values``: column key → YAML value or
    MISSING, already read from the cells)."""
    old = old or {}
    new: dict[str, Any] = {}
    for col in cols:
        if col.kind in ("parent", "file") or col.key in (REST, WHEN_REST) or col.key[0] == "@":
            continue
        value = values.get(col.key, MISSING)
        previous = get(old, col.path)
        if value is MISSING:
            if previous is not MISSING and previous in ([], {}, ""):
                _put(new, col.path, previous)  # an empty cell says the same as an empty list
            continue
        if previous is not MISSING and same(col, previous, value):
            value = previous
        _put(new, col.path, value)
    rest = values.get(REST, MISSING)
    if isinstance(rest, dict):
        for k, v in rest.items():
            new.setdefault(str(k), v)
    _when_rest(new, values.get(WHEN_REST, MISSING), old)
    for key, value in old.items():  # e.g. `then: {}` with every outcome cell empty
        if key not in new and value in ({}, []) and any(c.path[0] == key for c in cols):
            new[key] = value
    return _ordered(new, old)


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _when_rest(new: dict[str, Any], rest: Any, old: dict[str, Any]) -> None:
    if rest is MISSING:
        if "when" not in new and isinstance(old.get("when"), dict) and not old["when"]:
            new["when"] = old["when"]  # keep an explicit `when: {}`
        return
    if isinstance(rest, dict):
        when = new.setdefault("when", {})
        if isinstance(when, dict):
            for k, v in rest.items():
                when.setdefault(str(k), v)
    else:
        new["when"] = rest


def _ordered(new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """``new`` with the keys in the old element's order (new keys last), and
    the old value where the new one is equal to it."""
    out: dict[str, Any] = {}
    for key in old:
        if key in new:
            out[key] = _same_or_new(old[key], new[key])
    for key in new:
        if key not in out:
            out[key] = new[key]
    return out


def _same_or_new(old: Any, new: Any) -> Any:
    if isinstance(old, dict) and isinstance(new, dict):
        return _ordered(new, old)
    return old if old == new and type(old) is type(new) else new
