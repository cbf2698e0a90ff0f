"""Values between YAML and cells. A cell is written in the form a legal
officer edits (numbers as numbers, dates as dates, conditions as one line of
YAML) and read back strictly: a cell that cannot be read is a problem at
its ``sheet!cell``."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ...core.dates import parse_date
from ...core.errors import EnvrulesError
from ...core.money import parse_money
from ...rulesets.yaml import parse_yaml, plain
from .emit import flow, scalar
from .layout import Column

NULL = "无"
"""A cell for an explicit ``null`` (e.g. ``cap_percent: null``: no cap)."""


class Missing:
    """An empty cell: the key is absent."""


MISSING = Missing()


class CellProblem(ValueError):
    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh


def _number(value: Any) -> Any:
    """A Decimal as an int when whole, else a float for the cell."""
    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def to_cell(col: Column, value: Any) -> Any:
    """The cell value for a YAML value."""
    if col.kind in ("yaml", "rest"):
        return flow(value) if not isinstance(value, str) else scalar(value)
    if value is None:
        return NULL
    if col.kind in ("percent", "money"):
        return _number(value)
    if col.kind == "list":
        return ", ".join(str(v) for v in value)
    if col.kind in ("date", "bool", "int"):
        return value
    return str(value)


_SPLIT = re.compile(r"[,，、;；\n]")


def _text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


def _yaml(raw: Any) -> Any:
    if isinstance(raw, bool | int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else str(Decimal(repr(raw)))
    if isinstance(raw, datetime):
        return raw.date()
    text = str(raw)
    multi = "\n" in text
    try:
        data = plain(parse_yaml(text if multi else f"v: {text}", "<cell>"))
    except EnvrulesError as exc:
        msg = exc.problems[0].message if exc.problems else str(exc)
        raise CellProblem(f"not YAML: {msg}", f"不是有效的 YAML：{msg}") from None
    return data if multi else data["v"]


def _decimal(raw: Any, places: int, what: str) -> Decimal:
    value = repr(raw) if isinstance(raw, float) else raw
    try:
        return parse_money(value, places=places, what=what)
    except ValueError:
        raise CellProblem(
            f"{raw!r} is not a number ({what}: digits, at most {places} decimals, not negative)",
            f"{raw!r}不是有效的数值（{'百分值' if what == 'percentage' else '金额'}：数字，"
            f"最多{places}位小数，不为负）",
        ) from None


def from_cell(col: Column, raw: Any) -> Any:
    """The YAML value of a cell (MISSING when empty)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return MISSING
    kind = col.kind
    if isinstance(raw, str) and kind != "text":
        raw = raw.strip()
    if kind in ("yaml", "rest"):
        return _yaml(raw)
    if raw == NULL and kind not in ("text",):
        return None
    if kind == "date":
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        try:
            return parse_date(_text(raw))
        except ValueError as exc:
            raise CellProblem(f"not a date (YYYY-MM-DD): {exc}", f"不是日期（YYYY-MM-DD）：{raw}") from None
    if kind == "percent":
        d = _decimal(raw, 4, "percentage")
        return int(d) if d == d.to_integral_value() else format(d, "f")
    if kind == "money":
        return format(_decimal(raw, 2, "amount of yuan"), "f")
    if kind == "int":
        if isinstance(raw, bool) or not (
            isinstance(raw, int)
            or (isinstance(raw, float) and raw.is_integer())
            or re.fullmatch(r"[0-9]+", str(raw))
        ):
            raise CellProblem(f"not a whole number: {raw!r}", f"不是整数：{raw!r}")
        return int(raw)
    if kind == "bool":
        return _bool(raw)
    if kind == "list":
        return [p.strip() for p in _SPLIT.split(_text(raw)) if p.strip()]
    text = _text(raw)
    if kind == "enum" and col.options and text not in col.options:
        raise CellProblem(
            f"{text!r} is not one of: {', '.join(col.options)}",
            f"{text!r}不是可选值之一：{'、'.join(col.options)}",
        )
    return text


def _bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "是", "1", "yes"):
        return True
    if text in ("false", "否", "0", "no"):
        return False
    raise CellProblem(f"not TRUE or FALSE: {raw!r}", f"应为 TRUE（是）或 FALSE（否）：{raw!r}")


def same(col: Column, old: Any, new: Any) -> bool:
    """Does the cell say the same as the YAML (so the YAML text is kept)?"""
    if col.kind in ("percent", "money") and old is not None and new is not None:
        try:
            return bool(Decimal(str(old)) == Decimal(str(new)))
        except ArithmeticError:
            return False
    if col.kind == "list" and isinstance(old, list | tuple):
        return bool([str(x) for x in old] == new)
    if col.kind == "text" and isinstance(old, str) and isinstance(new, str):
        return bool(old.strip() == new.strip())
    if col.kind in ("text", "id", "enum") and old is not None and not isinstance(old, str):
        return bool(_text(old) == new)
    return bool(old == new and type(old) is type(new))
