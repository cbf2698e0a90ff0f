"""Mutators: a case as a hostile case-management feed would send it, and a
ruleset file as a careless edit would leave it. Each takes its choices from
:class:`Choices`, so the long run (random) and property tests (hypothesis)
share them."""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from typing import Any

from .choices import Choices

_Y = 2023  # any year: the impossible days below are impossible in every year
IMPOSSIBLE_DAYS = (f"{_Y}-02-30", f"{_Y}-13-01", "0000-01-01", f"{_Y}-00-10", f"{_Y}-04-31")
DATE_TIMES = (f"{_Y}-09-01T10:00:00", f"{_Y}-09-01 10:00", f"{_Y}0901")

HOSTILE: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1,
    10**40,
    -(10**40),
    1.5,
    0.1,
    "",
    " ",
    "x",
    "-0",
    "-0.00",
    "0",
    "1e31",
    "1E-9",
    "NaN",
    "Infinity",
    "-Infinity",
    "１００",
    "١٠٠",
    "۱۲",
    "1_000",
    "+5",
    " 5 ",
    "0x10",
    *IMPOSSIBLE_DAYS,
    *DATE_TIMES,
    "9999-12-31",
    1725148800,
    "\x1b[31mred\x1b[0m",
    "\u202eevil",
    "\x00",
    "x" * 5000,
    [],
    {},
    [[[]]],
    {"a": {"b": {"c": {}}}},
    ["x"] * 300,
    "true",
    "null",
    "langfang.nowhere",
    "air.nowhere",
    "serious ",
    "SERIOUS",
    "report_book\n",
)
"""Values a hostile or careless feed sends: wrong types, near-miss strings,
impossible dates, numbers in other scripts, control characters, sizes."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONEY = re.compile(r"^\d+(\.\d+)?$")


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _places(node: Any) -> list[tuple[Any, ...]]:
    """Key paths into a JSON-like value (the value itself is ``()``), at most
    eight levels deep and twenty items into a list (iterative: a mutated case
    may already be nested hundreds deep)."""
    out: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(node, ())]
    while stack:
        value, path = stack.pop()
        out.append(path)
        if len(path) >= 8:
            continue
        if isinstance(value, dict):
            stack.extend((v, (*path, k)) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*path, i)) for i, v in enumerate(value[:20]))
    out.sort(key=len)
    return out


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


def _set(root: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _get(root, path[:-1])[path[-1]] = value
    return root


def _near(ch: Choices, value: Any, seen: dict[str, list[Any]], key: Any) -> Any:
    """A value close to the original: a date shifted, an amount scaled, a
    value seen under the same key elsewhere."""
    if isinstance(value, str) and _DATE.match(value):
        try:
            day = date.fromisoformat(value)
            return (day + timedelta(days=ch.choice((-1, 1, -365, 365, -3000, 3000)))).isoformat()
        except (ValueError, OverflowError):
            return value
    if isinstance(value, str) and _MONEY.match(value):
        return ch.choice(("0", "0.01", "1", value + "0", value + ".5", "999999999999999", "1000000000000001"))
    others = seen.get(str(key))
    return copy.deepcopy(ch.choice(others)) if others else value


def harvest(cases: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The values seen under each key in a corpus of cases (for near mutations)."""
    seen: dict[str, list[Any]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                bucket = seen.setdefault(str(key), [])
                if len(bucket) < 64 and value not in bucket:
                    bucket.append(copy.deepcopy(value))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for case in cases:
        walk(case)
    return seen


def mutate_case(
    ch: Choices, case: dict[str, Any], seen: dict[str, list[Any]], donors: list[dict[str, Any]]
) -> Any:
    """A copy of ``case`` with one to four mutations."""
    out: Any = copy.deepcopy(case)  # the corpus holds valid (shallow) cases only
    hostile = ch.integer(0, 2) == 0  # a third hostile; the rest near misses that often decide
    for _ in range(ch.integer(1, 3)):
        places = _places(out)
        path = ch.choice(places)
        how = ch.integer(0, 9) if hostile else ch.choice((3, 4, 5, 6, 8))
        try:
            target = _get(out, path)
        except (KeyError, IndexError, TypeError):
            continue
        if how <= 2:
            out = _set(out, path, copy.deepcopy(ch.choice(HOSTILE)))
        elif how <= 5:
            out = _set(out, path, _near(ch, target, seen, path[-1] if path else ""))
        elif how == 6 and path and isinstance(_get(out, path[:-1]), dict):
            del _get(out, path[:-1])[path[-1]]
        elif how == 7 and isinstance(target, dict):
            key = (
                ch.choice((*seen.keys(), "unknown_field", "violation", "kind", ""))
                if seen
                else "unknown_field"
            )
            target[key] = copy.deepcopy(ch.choice(seen.get(key) or list(HOSTILE)))
        elif how == 8 and donors:
            donor = ch.choice(donors)
            place = ch.choice(_places(donor))  # donors are corpus cases: shallow
            if place and path and isinstance(_get(out, path[:-1]), dict) and isinstance(place[-1], str):
                _get(out, path[:-1])[place[-1]] = copy.deepcopy(_get(donor, place))
        else:
            out = _set(out, path, _nested(ch.choice((3, 30, 70, 500))))
    return out


# ------------------------------------------------------------------ rulesets

_TOKENS = (
    ":",
    "{",
    "}",
    "[",
    "]",
    "'",
    '"',
    "-",
    "&a",
    "*a",
    "!!int",
    "!!python/object:os.system",
    *IMPOSSIBLE_DAYS,
    "9.5",
    "-1",
    "1e400",
    "null",
    "~",
    "x",
    "\t",
    "\x00",
    "\ufeff",
    "１",
    "<<: *a",
    "? ",
    "|",
    ">",
    "#",
)


def _line_mutation(ch: Choices, lines: list[str]) -> None:
    i = ch.integer(0, len(lines) - 1)
    how = ch.integer(0, 6)
    if how == 0:
        del lines[i]
    elif how == 1:
        lines.insert(i, lines[i])  # duplicate: a duplicated id, a repeated key
    elif how == 2:
        lines[i] = lines[i][2:]
    elif how == 3:
        lines[i] = "  " + lines[i]
    elif how == 4:
        j = ch.integer(0, len(lines[i]))
        lines[i] = lines[i][:j] + ch.choice(_TOKENS) + lines[i][j:]
    elif how == 5:
        j = ch.integer(0, len(lines) - 1)
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = _value_mutation(ch, lines[i])


def _value_mutation(ch: Choices, line: str) -> str:
    """Change the value on a ``key: value`` line the way an edit goes wrong."""
    if ": " not in line:
        return line
    key, _, value = line.partition(": ")
    if _DATE.match(value.strip()):
        new = ch.choice(
            (*IMPOSSIBLE_DAYS, *DATE_TIMES, "9999-12-31", "1900-01-01", "'" + value.strip() + "'")
        )
    elif key.strip() in ("min", "max", "min_percent", "max_percent", "cap", "floor"):
        new = ch.choice(('"-1"', '"0"', '"1e12"', '"-0"', "1.5", '"１００"', '"abc"', "[]"))
    elif key.strip().endswith("id"):
        new = ch.choice(("x", "national.jurisdiction", "", "a b", "-", "ID"))
    else:
        new = ch.choice(("", "null", "[]", "{}", "true", "0", "x", "*undefined"))
    return f"{key}: {new}"


def mutate_text(ch: Choices, text: str) -> str:
    """A ruleset file after one to five careless edits, or a hostile one."""
    if ch.integer(0, 19) == 0:
        return ch.choice(
            (
                _bomb(),
                "x: " + "[" * 300 + "]" * 300 + "\n",
                "--- !!set\n? a\n",
                "\x00",
                "\ufeff" + text,
                text.replace("\n", "\r\n"),
                "",
                "---\n---\n",
            )
        )
    lines = text.splitlines() or [""]
    for _ in range(ch.integer(1, 5)):
        _line_mutation(ch, lines)
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


def _bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"
