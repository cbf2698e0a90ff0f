"""The condition language of rulesets: parsed into a small AST and checked
against the fact vocabulary (evaluators compile it; nothing a ruleset says is
ever ``eval``'d).

Semantics of an unset fact (``None``): ``exists: false`` holds, and every other
comparison is false, ``ne`` and ``not_in`` included; ``not`` is plain boolean
negation of its operand. A set-valued fact is never unset, only empty."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from ..case import FACTS, FactType
from ..core.dates import parse_date
from ..core.errors import Problem, SourceLocation, problem
from ..core.money import parse_money
from .located import place

SCALAR_OPS = frozenset({"eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "exists"})
SET_OPS = frozenset({"contains", "contains_any", "contains_all", "exists"})
ORDER_OPS = frozenset({"lt", "lte", "gt", "gte"})
LIST_OPS = frozenset({"in", "not_in", "contains_any", "contains_all"})
ALL_OPS = SCALAR_OPS | SET_OPS


@attrs.frozen
class Compare:
    path: str
    op: str
    value: Any
    at: SourceLocation | None = attrs.field(default=None, eq=False)


@attrs.frozen
class All:
    items: tuple[Condition, ...]
    at: SourceLocation | None = attrs.field(default=None, eq=False)


@attrs.frozen
class AnyOf:
    items: tuple[Condition, ...]
    at: SourceLocation | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Not:
    item: Condition
    at: SourceLocation | None = attrs.field(default=None, eq=False)


Condition: TypeAlias = Compare | All | AnyOf | Not
ALWAYS = All(())


# --------------------------------------------------------------------------- parsing


def _loc(node: Any, key: Any, file: str | None) -> SourceLocation | None:
    return place(node, file, key)


def parse_condition(raw: Any, file: str | None = None) -> Condition:
    """Parse the YAML form of a condition (see docs/ruleset-format.md).

    Raises ValueError for a malformed structure; fact names and values are
    checked later by :func:`check_condition`."""
    if raw is None:
        return ALWAYS
    if not isinstance(raw, Mapping):
        raise ValueError("a condition is a mapping of fact paths (or all/any/not) to values")
    items: list[Condition] = []
    for key, value in raw.items():
        at = _loc(raw, key, file)
        if not isinstance(key, str):
            raise ValueError(f"condition key {key!r} is not a fact path")
        if key in ("all", "any"):
            if not isinstance(value, Sequence) or isinstance(value, str):
                raise ValueError(f"'{key}' takes a list of conditions")
            parts = tuple(parse_condition(v, file) for v in value)
            items.append(All(parts, at) if key == "all" else AnyOf(parts, at))
        elif key == "not":
            items.append(Not(parse_condition(value, file), at))
        elif isinstance(value, Mapping):
            if not value:
                raise ValueError(f"{key}: an empty operator mapping")
            for op, operand in value.items():
                if op not in ALL_OPS:
                    raise ValueError(
                        f"{key}: unknown operator {op!r} (use one of {', '.join(sorted(ALL_OPS))})"
                    )
                items.append(Compare(key, str(op), operand, _loc(value, op, file) or at))
        else:
            items.append(Compare(key, "eq", value, at))
    return items[0] if len(items) == 1 else All(tuple(items), _loc(raw, None, file))


# --------------------------------------------------------------------------- checking


def _coerce(fact_type: FactType, values: frozenset[str] | None, raw: Any, path: str) -> Any:
    """Coerce one constant to the fact's type, or raise ValueError."""
    if fact_type in (FactType.ENUM, FactType.ENUM_SET):
        if not isinstance(raw, str) or (values is not None and raw not in values):
            raise ValueError(f"{path} cannot be {raw!r}; allowed: {', '.join(sorted(values or ()))}")
        return raw
    if fact_type in (FactType.ID, FactType.ID_SET):
        if not isinstance(raw, str) or not raw:
            raise ValueError(f"{path} takes an id (a string), not {raw!r}")
        return raw
    if fact_type is FactType.BOOL:
        if not isinstance(raw, bool):
            raise ValueError(f"{path} is true or false, not {raw!r}")
        return raw
    if fact_type is FactType.DATE:
        return parse_date(raw, path)
    if fact_type is FactType.INT:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise ValueError(f"{path} is a whole number, not {raw!r}")
        return raw
    if fact_type is FactType.MONEY:
        return parse_money(raw)
    if fact_type is FactType.DECIMAL:
        if isinstance(raw, float):
            raw = repr(raw)
        return parse_money(raw, places=6, what="number")
    raise AssertionError(fact_type)  # pragma: no cover


def check_condition(cond: Condition) -> tuple[Condition, list[Problem]]:
    """Check fact paths, operators and values; return the condition with
    constants coerced to the facts' types, and the problems found."""
    problems: list[Problem] = []

    def walk(node: Condition) -> Condition:
        if isinstance(node, All):
            return All(tuple(walk(i) for i in node.items), node.at)
        if isinstance(node, AnyOf):
            return AnyOf(tuple(walk(i) for i in node.items), node.at)
        if isinstance(node, Not):
            return Not(walk(node.item), node.at)
        return _check_leaf(node, problems)

    return walk(cond), problems


def _check_leaf(node: Compare, problems: list[Problem]) -> Compare:
    """One comparison checked against the fact vocabulary: the node as written
    (a problem appended) or with its constant coerced to the fact's type."""
    fact = FACTS.get(node.path)
    if fact is None:
        near = [p for p in FACTS if p.rsplit(".", 1)[-1] == node.path.rsplit(".", 1)[-1]]
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        problems.append(
            problem(
                f"unknown fact {node.path!r}{hint}",
                f"不认识的事实{node.path!r}" + (f"（是否指{', '.join(near)}？）" if near else ""),
                where=node.at,
                code="unknown_fact",
            )
        )
        return node
    allowed = SET_OPS if fact.type.is_set else SCALAR_OPS
    if node.op not in allowed:
        problems.append(
            problem(
                f"{node.path} ({fact.type.value}) does not take {node.op!r}",
                f"{node.path}（{fact.type.value}）不能使用运算符{node.op!r}",
                where=node.at,
                code="bad_operator",
            )
        )
        return node
    if node.op in ORDER_OPS and not fact.type.is_ordered:
        problems.append(
            problem(
                f"{node.path} is not ordered; {node.op!r} needs a date, amount or number",
                f"{node.path}不能比较大小；{node.op!r}只用于日期、金额或数字",
                where=node.at,
                code="bad_operator",
            )
        )
        return node
    try:
        value = _leaf_value(node, fact.type, fact.values)
    except ValueError as exc:
        problems.append(problem(str(exc), f"取值无效：{exc}", where=node.at, code="bad_value"))
        return node
    return Compare(node.path, node.op, value, node.at)


def _leaf_value(node: Compare, fact_type: FactType, values: frozenset[str] | None) -> Any:
    """The comparison's constant as the fact's type; ValueError when it is not one."""
    if node.op == "exists":
        if not isinstance(node.value, bool):
            raise ValueError(f"{node.path}: exists takes true or false")
        return node.value
    if node.op in LIST_OPS:
        if isinstance(node.value, str | bytes) or not isinstance(node.value, Sequence):
            raise ValueError(f"{node.path}: {node.op} takes a list")
        return frozenset(_coerce(fact_type, values, v, node.path) for v in node.value)
    return _coerce(fact_type, values, node.value, node.path)


def leaves(cond: Condition) -> Iterator[Compare]:
    """Every comparison in a condition, whatever its nesting."""
    if isinstance(cond, Compare):
        yield cond
    elif isinstance(cond, Not):
        yield from leaves(cond.item)
    else:
        for item in cond.items:
            yield from leaves(item)


def paths_of(cond: Condition) -> set[str]:
    return {c.path for c in leaves(cond)}


def members_of(cond: Condition) -> set[tuple[str, str]]:
    """(path, member) pairs tested on set-valued facts."""
    out: set[tuple[str, str]] = set()
    for c in leaves(cond):
        fact = FACTS.get(c.path)
        if fact is None or not fact.type.is_set or c.op == "exists":
            continue
        vals = c.value if isinstance(c.value, frozenset) else {c.value}
        out |= {(c.path, v) for v in vals}
    return out


def describe(cond: Condition) -> str:
    """A compact, readable rendering of a condition (for traces and docs)."""
    if isinstance(cond, Compare):
        val = cond.value
        if isinstance(val, frozenset):
            val = "[" + ", ".join(sorted(str(v) for v in val)) + "]"
        sym = {"eq": "=", "ne": "≠", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥"}.get(cond.op)
        if sym:
            return f"{cond.path} {sym} {val}"
        if cond.op == "exists":
            return f"{cond.path} {'is set' if cond.value else 'is not set'}"
        return f"{cond.path} {cond.op} {val}"
    if isinstance(cond, Not):
        return f"not ({describe(cond.item)})"
    if not cond.items:
        return "always" if isinstance(cond, All) else "never"
    joiner = " and " if isinstance(cond, All) else " or "
    return joiner.join(
        f"({describe(i)})" if isinstance(i, All | AnyOf) and i.items else describe(i) for i in cond.items
    )


def _json_value(v: Any) -> Any:
    if isinstance(v, Decimal | date):
        return str(v)
    if isinstance(v, frozenset):
        return sorted(_json_value(x) for x in v)
    return v


def to_data(cond: Condition) -> Any:
    """The condition as plain data (for JSON output and docs tables)."""
    if isinstance(cond, Compare):
        return {cond.path: {cond.op: _json_value(cond.value)}}
    if isinstance(cond, Not):
        return {"not": to_data(cond.item)}
    key = "all" if isinstance(cond, All) else "any"
    return {key: [to_data(i) for i in cond.items]}
