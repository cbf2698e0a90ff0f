"""The durable-rules (Rete) evaluator: each condition of the plan is one
durable rule; one asserted fact fires every rule whose condition holds.

Facts are flattened to JSON scalars the C engine compares exactly: dates as
day ordinals, money as integer fen, decimals as integer millionths, set
members as 0/1 flags, and a companion ``…s`` flag telling whether a scalar is
set, which reproduces the compiled evaluator's semantics for unset facts.

The C engine cannot take every condition as written: an ``or`` of more than a
dozen parts fails (error 113), so does an ``and`` nested in ``and``s around an
``or``, and a membership test of hundreds of values makes the network explode.
The adapter therefore nests long ``or``s in groups of at most eight, keeps
every ``and`` flat, and turns a membership test of more than eight values into
a 0/1 field the flattening computes (the test itself is then done here, in
Python, and the rule tests the flag)."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from ..case import FACTS, Context, FactType, reader
from ..plan import Plan
from ..rulesets.conditions import All, AnyOf, Compare, Condition, Not, members_of
from . import durable_host
from .protocol import Matcher

_GROUP = 8
_SESSION = "envrules"

_NEGATE = {"eq": "ne", "ne": "eq", "lt": "gte", "gte": "lt", "lte": "gt", "gt": "lte",
           "in": "not_in", "not_in": "in"}
_DURABLE_OP = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}
_TRUE: dict[str, Any] = {"_t": 1}
_FALSE: dict[str, Any] = {"_t": 0}


def _encode(fact_type: FactType, value: Any) -> Any:
    if value is None:
        return "" if fact_type in (FactType.ENUM, FactType.ID) else 0
    if fact_type is FactType.BOOL:
        return 1 if value else 0
    if fact_type is FactType.DATE:
        assert isinstance(value, date)
        return value.toordinal()
    if fact_type is FactType.MONEY:
        return int(Decimal(value) * 100)
    if fact_type is FactType.DECIMAL:
        return int(Decimal(value) * 1_000_000)
    if fact_type is FactType.INT:
        return int(value)
    return str(value)


def _and(parts: list[dict[str, Any]]) -> dict[str, Any]:
    if not parts:
        return _TRUE
    # one flat conjunction: the engine takes a long "and", but fails (error 113) on "and"s
    # nested three deep around an "or"
    flat = [q for p in parts for q in p.get("$and", [p])]
    return flat[0] if len(flat) == 1 else {"$and": flat}


def _or(parts: list[dict[str, Any]]) -> dict[str, Any]:
    if not parts:
        return _FALSE
    if len(parts) > _GROUP:  # the engine fails on long disjunctions: nest them
        size = -(-len(parts) // _GROUP)
        parts = [_or(parts[i:i + size]) for i in range(0, len(parts), size)]
    return parts[0] if len(parts) == 1 else {"$or": parts}


class _Encoding:
    """Field names of the flattened fact for a plan."""

    def __init__(self, plan: Plan) -> None:
        self.fields = {path: f"f{i}" for i, path in enumerate(plan.fact_paths)}
        members: set[tuple[str, str]] = set()
        for cond in plan.conditions:
            members |= members_of(cond)
        self.members = {pm: f"{self.fields[pm[0]]}m{i}" for i, pm in enumerate(sorted(
            members, key=lambda pm: (pm[0], str(pm[1]))))}
        self.readers = {path: reader(path) for path in plan.fact_paths}
        self.big_sets: dict[tuple[str, frozenset[Any]], str] = {}

    def flatten(self, ctx: Context) -> dict[str, Any]:
        args = ctx.c, ctx.v, ctx.e, ctx.r, ctx.p, ctx.x
        values = {path: read(*args) for path, read in self.readers.items()}
        out: dict[str, Any] = {"_t": 1}
        for path, name in self.fields.items():
            fact = FACTS[path]
            value = values[path]
            if fact.type.is_set:
                out[name + "n"] = len(value)
            else:
                out[name] = _encode(fact.type, value)
                out[name + "s"] = 0 if value is None else 1
        for (path, member), name in self.members.items():
            out[name] = 1 if member in values[path] else 0
        for (path, allowed), name in self.big_sets.items():
            out[name] = 1 if values[path] in allowed else 0
        return out

    def translate(self, cond: Condition, negate: bool = False) -> dict[str, Any]:
        if isinstance(cond, Not):
            return self.translate(cond.item, not negate)
        if isinstance(cond, All | AnyOf):
            parts = [self.translate(i, negate) for i in cond.items]
            conj = isinstance(cond, All) != negate
            return _and(parts) if conj else _or(parts)
        return self._leaf(cond, negate)

    def _leaf(self, cmp: Compare, negate: bool) -> dict[str, Any]:
        fact = FACTS[cmp.path]
        name = self.fields[cmp.path]
        if fact.type.is_set:
            return self._set_leaf(cmp, name, negate)
        if cmp.op == "exists":
            return {name + "s": 1 if cmp.value != negate else 0}
        if negate:
            positive = self._leaf(Compare(cmp.path, _NEGATE[cmp.op], cmp.value), False)
            return _or([{name + "s": 0}, positive])
        is_set = {name + "s": 1}
        if cmp.op in ("in", "not_in") and len(cmp.value) > _GROUP:
            flag = self.big_sets.setdefault((cmp.path, cmp.value), f"{name}b{len(self.big_sets)}")
            return {flag: 1 if cmp.op == "in" else 0}
        if cmp.op in ("in", "not_in"):
            values = sorted(_encode(fact.type, v) for v in cmp.value)
            if cmp.op == "in":
                return _and([is_set, _or([{name: v} for v in values])])
            return _and([is_set, *({"$neq": {name: v}} for v in values)])
        value = _encode(fact.type, cmp.value)
        if cmp.op == "eq":
            return _and([is_set, {name: value}])
        return _and([is_set, {_DURABLE_OP[cmp.op]: {name: value}}])

    def _set_leaf(self, cmp: Compare, name: str, negate: bool) -> dict[str, Any]:
        if cmp.op == "exists":
            return {"$gt": {name + "n": 0}} if cmp.value != negate else {name + "n": 0}
        values = cmp.value if isinstance(cmp.value, frozenset) else frozenset({cmp.value})
        flags = [self.members[(cmp.path, v)] for v in sorted(values)]
        want = 0 if negate else 1
        parts = [{f: want} for f in flags]
        if cmp.op == "contains":
            return parts[0]
        any_member = cmp.op == "contains_any"
        return _or(parts) if any_member != negate else _and(parts)


class DurableEvaluator:
    """Evaluates a plan's conditions with durable-rules' Rete network: each
    condition is one rule; one asserted fact fires every rule that holds."""

    name = "durable"

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._encoding = _Encoding(plan)
        self._ruleset = durable_host.unique_name(plan.profile)
        self._fired: list[int] = []
        rules: dict[str, Any] = {}
        for i, cond in enumerate(plan.conditions):
            rules[f"c{i}"] = {"all": [{"m": self._encoding.translate(cond)}],
                              "run": self._action(i)}
        self.definition = {k: {"all": v["all"]} for k, v in rules.items()}
        if not rules:  # durable-rules refuses an empty ruleset
            rules["never"] = {"all": [{"m": _FALSE}], "run": self._action(-1)}
        durable_host.register(self._ruleset, rules)
        self._finalizer = weakref.finalize(self, durable_host.unregister, self._ruleset)

    def close(self) -> None:
        """Free the ruleset in the durable engine now (also done when collected)."""
        self._finalizer()

    def _action(self, index: int) -> Callable[[Any], None]:
        fired = self._fired

        def action(_c: Any) -> None:
            fired.append(index)

        return action

    def bind(self, ctx: Context) -> Matcher:
        fact = self._encoding.flatten(ctx)
        with durable_host.LOCK:
            durable_host.assert_fact(self._ruleset, fact, _SESSION, before=self._fired.clear)
            matched = frozenset(self._fired)
            self._fired.clear()
        return matched.__contains__
