"""Partial matching of an expectation against decision data
(docs/scenarios.md). Lists are matched item to distinct item by bipartite
matching (augmenting paths): polynomial, whatever the list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

MISSING = object()


@attrs.frozen
class Mismatch:
    path: str
    expected: Any
    actual: Any
    message: str = ""


def show(value: Any) -> str:
    if value is MISSING:
        return "(absent)"
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(_trim(value), ensure_ascii=False, default=str)
    return repr(value)


def _trim(value: Any) -> Any:
    """Drop bulky citation texts from shown values; keep what identifies a rule."""
    if isinstance(value, dict):
        return {
            k: _trim(v) for k, v in value.items() if k not in ("basis", "reason", "duty") and v is not None
        }
    if isinstance(value, list):
        return [_trim(v) for v in value]
    return value


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool | float):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str):
        try:
            d = Decimal(value.replace(",", ""))
        except InvalidOperation:
            return None
        return d if d.is_finite() else None
    return None


def _scalar_equal(expected: Any, actual: Any) -> tuple[bool, str]:
    if isinstance(expected, float):
        return False, "write amounts and numbers as strings or integers, not floats"
    if isinstance(expected, date):
        expected = expected.isoformat()
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual, ""
    if expected == actual:
        return True, ""
    e, a = _as_decimal(expected), _as_decimal(actual)
    if e is not None and a is not None:
        return e == a, ""
    return False, ""


def compare(expected: Any, actual: Any, path: str = "") -> list[Mismatch]:
    """Mismatches of an expectation against decision data (empty: it matches)."""
    if isinstance(expected, dict) and set(expected) in ({"contains"}, {"ordered"}):
        ((how, items),) = expected.items()
        if not isinstance(items, list):
            return [Mismatch(path, expected, actual, f"{how} takes a list")]
        if how == "contains":
            return _match_list(items, actual, path, exact_length=False)
        if not isinstance(actual, list) or len(actual) != len(items):
            return [Mismatch(path, items, actual, "different length")]
        out: list[Mismatch] = []
        for i, (e, a) in enumerate(zip(items, actual, strict=True)):
            out.extend(compare(e, a, f"{path}[{i}]"))
        return out
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [Mismatch(path, expected, actual if actual is not None else MISSING)]
        out = []
        for key, value in expected.items():
            sub = f"{path}.{key}" if path else str(key)
            if key not in actual:
                if value is None:
                    continue
                out.append(Mismatch(sub, value, MISSING))
                continue
            out.extend(compare(value, actual[key], sub))
        return out
    if isinstance(expected, list):
        return _match_list(expected, actual, path, exact_length=True)
    if expected is None:
        return [] if actual is None else [Mismatch(path, None, actual)]
    ok, why = _scalar_equal(expected, actual)
    return [] if ok else [Mismatch(path, expected, actual, why)]


def _assign(candidates: list[list[int]]) -> bool:
    """Whether every expected item gets a distinct actual item (Kuhn's algorithm)."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return all(augment(i, set()) for i in range(len(candidates)))


def _match_list(expected: Sequence[Any], actual: Any, path: str, exact_length: bool) -> list[Mismatch]:
    if not isinstance(actual, list):
        return [Mismatch(path, list(expected), actual if actual is not None else MISSING)]
    if exact_length and len(expected) != len(actual):
        return [Mismatch(path, list(expected), actual, f"{len(expected)} expected, {len(actual)} found")]
    candidates = [[j for j, a in enumerate(actual) if not compare(e, a)] for e in expected]
    if _assign(candidates):
        return []
    unmatched = [e for e, c in zip(expected, candidates, strict=True) if not c]
    return [Mismatch(path, unmatched or list(expected), actual, "no matching item")]
