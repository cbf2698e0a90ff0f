"""Flat rows ↔ cases: the dotted column names of a case (``violation.kind``),
the type each column holds, and a CSV cell parsed to that type before the
case is validated (a bad cell is reported with its row and column)."""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from ... import Case
from ...core.errors import CaseError, InputError, Problem, SourceLocation, problem
from ...core.limits import DEFAULT_LIMITS, Limits
from ..jsonin import loads

_INT = re.compile(r"-?[0-9]+")
SHORTHANDS = {"region.county": "str", "region.township": "str"}


def _strip(annotation: Any) -> Any:
    """The type inside ``Annotated[...]`` and ``X | None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _kind(annotation: Any) -> str | type[BaseModel]:
    inner = _strip(annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return inner
    if typing.get_origin(inner) in (frozenset, tuple, list, set):
        item = _strip(typing.get_args(inner)[0])
        return "json" if isinstance(item, type) and issubclass(item, BaseModel) else "list"
    if inner is bool:
        return "bool"
    if inner is int:
        return "int"
    return "str"


@functools.cache
def column_kinds() -> dict[str, str]:
    """Every flat column of a case and the kind of value it holds: str, bool,
    int, list (``;``-separated) or json (a list of objects, as JSON text)."""
    out: dict[str, str] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            kind = _kind(field.annotation)
            if isinstance(kind, type):
                walk(kind, f"{prefix}{name}.")
            else:
                out[prefix + name] = kind

    walk(Case, "")
    out.update(SHORTHANDS)
    return out


@functools.cache
def _groups() -> frozenset[str]:
    return frozenset(p.rsplit(".", 1)[0] for p in column_kinds() if "." in p)


def check_columns(columns: list[str], where: str) -> None:
    """Refuse unknown or duplicate columns before reading a row (exit 2)."""
    known = column_kinds()
    problems: list[Problem] = []
    seen: set[str] = set()
    for col in columns:
        if col in seen:
            problems.append(
                problem(
                    f"column {col!r} appears twice", f"列{col!r}重复", where=SourceLocation(where), field=col
                )
            )
        seen.add(col)
        if col in known or col in _groups():
            continue
        near = difflib.get_close_matches(col, list(known), n=1)
        hint_en = f" (did you mean {near[0]!r}?)" if near else " (see `envrules schema case`)"
        hint_zh = f"（是否指{near[0]!r}？）" if near else "（见 envrules schema case）"
        problems.append(
            problem(
                f"column {col!r} is not a field of a case{hint_en}",
                f"列{col!r}不是案件的字段{hint_zh}",
                where=SourceLocation(where),
                field=col,
                code="unknown_column",
            )
        )
    if problems:
        raise InputError(problems)


def cell(kind: str, value: Any, column: str, where: SourceLocation, limits: Limits = DEFAULT_LIMITS) -> Any:
    """A cell's value as the case's type; a text cell is parsed (CSV, or a
    Parquet string column), a typed one is kept for the case to validate."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if kind == "bool":
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        raise _bad(
            column, where, f"{value!r} is not true or false", f"{value!r}应为 true 或 false", "bool_parsing"
        )
    if kind == "int":
        if _INT.fullmatch(text) and len(text.lstrip("-")) <= limits.json_int_digits:
            return int(text)
        raise _bad(column, where, f"{value!r} is not a whole number", f"{value!r}应为整数", "int_parsing")
    if kind == "list":
        return [part.strip() for part in text.split(";") if part.strip()]
    if kind == "json":
        try:
            return loads(text, str(where), limits)
        except InputError as exc:
            raise _bad(
                column,
                where,
                exc.problems[0].message,
                exc.problems[0].message_zh or exc.problems[0].message,
                "json",
            ) from None
    return value


def _without_none(value: Any) -> Any:
    """A nested struct (Parquet) without its null fields: null means absent."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def _bad(column: str, where: SourceLocation, en: str, zh: str, code: str) -> CaseError:
    return CaseError(
        [problem(f"column {column}: {en}", f"列{column}：{zh}", where=where, field=column, code=code)]
    )


def unflatten(row: dict[str, Any], where: SourceLocation, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """A nested case from a flat row; empty cells are left out."""
    kinds = column_kinds()
    case: dict[str, Any] = {}
    for column, value in row.items():
        if value is None or value == "":
            continue
        kind = kinds.get(column)
        if kind is not None:
            value = cell(kind, value, column, where, limits)
        elif isinstance(value, dict):
            value = _without_none(value)
        *parents, leaf = column.split(".")
        node = case
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise _bad(
                    column,
                    where,
                    f"{part} is given as a whole and by its fields",
                    f"{part}既整体给出又按字段给出",
                    "conflict",
                )
            node = child
        if leaf in node and isinstance(node[leaf], dict) and isinstance(value, dict):
            node[leaf] = {**value, **node[leaf]}
        else:
            node[leaf] = value
    return case
