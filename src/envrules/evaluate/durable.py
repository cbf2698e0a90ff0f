"""The durable-rules (Rete) evaluator: each condition of the plan is one
durable rule; one asserted fact fires every rule whose condition holds.

Facts are flattened to JSON scalars the C engine compares exactly: dates as
day ordinals, money as integer fen, decimals as integer millionths, set
members as 0/1 flags, and a companion ``…s`` flag telling whether a scalar is
set, which reproduces the compiled evaluator's semantics for unset facts.

The C engine cannot take every condition as written: each ``$and`` and
``$or`` of a rule takes two of its 31 expression slots (MAX_SEQUENCE_EXPRESSIONS
in rete.h; one more fails with error 113), so a rule holds at most 15 of them
whatever their nesting. The adapter keeps rules small (no set-check where the
unset encoding cannot match, nested ``and``/``or`` flattened), splits a
condition that is still too large into one rule per alternative (all firing
the same condition), and only an alternative that is itself too large — or a
membership test too long for the network — becomes a 0/1 field the
flattening computes in Python, which the rule then tests."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from ..case import FACTS, Context, FactType, reader
from ..core.errors import EnvrulesError, problem
from ..plan import Plan
from ..rulesets.conditions import All, AnyOf, Compare, Condition, Not, members_of
from . import durable_host
from .durable_limits import MAX_CHILDREN, MAX_OPS, fits, ops
from .protocol import Matcher

_MAX_IN = (32, 8, 2, 0)
"""Longest membership list tested by the network itself: the first that lets
the whole plan fit the engine (durable_limits) is used."""
_SESSION = "envrules"

_NEGATE = {
    "eq": "ne",
    "ne": "eq",
    "lt": "gte",
    "gte": "lt",
    "lte": "gt",
    "gt": "lte",
    "in": "not_in",
    "not_in": "in",
}
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


def _join(op: str, parts: list[dict[str, Any]], empty: dict[str, Any]) -> dict[str, Any]:
    flat: list[dict[str, Any]] = []
    for part in parts:  # (a and (b and c)) is (a and b and c): fewer expression slots
        flat.extend(part[op] if op in part and len(part) == 1 else [part])
    if not flat:
        return empty
    return flat[0] if len(flat) == 1 else {op: flat}


def _and(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return _join("$and", parts, _TRUE)


def _or(parts: list[dict[str, Any]]) -> dict[str, Any]:
    return _join("$or", parts, _FALSE)


def _alternatives(cond: Condition) -> list[Condition]:
    """The top-level disjuncts of a condition (itself if it has none)."""
    if isinstance(cond, AnyOf):
        return list(cond.items)
    if isinstance(cond, Not) and isinstance(cond.item, All):
        return [Not(i, cond.at) for i in cond.item.items]
    if isinstance(cond, Not) and isinstance(cond.item, Not):
        return _alternatives(cond.item.item)
    return [cond]


class _Encoding:
    """Field names of the flattened fact for a plan."""

    def __init__(self, plan: Plan, max_in: int, groups: int) -> None:
        self.max_in = max_in
        self.guards = {f"_g{k}": 1 for k in range(groups)} if groups > 1 else {}
        self.fields = {path: f"f{i}" for i, path in enumerate(plan.fact_paths)}
        members: set[tuple[str, str]] = set()
        for cond in plan.conditions:
            members |= members_of(cond)
        self.members = {
            pm: f"{self.fields[pm[0]]}m{i}"
            for i, pm in enumerate(sorted(members, key=lambda pm: (pm[0], str(pm[1]))))
        }
        self.readers = {path: reader(path) for path in plan.fact_paths}
        self.big_sets: dict[tuple[str, frozenset[Any]], str] = {}
        self.computed: dict[Condition, tuple[str, Callable[..., bool]]] = {}

    def flatten(self, ctx: Context) -> dict[str, Any]:
        args = ctx.c, ctx.v, ctx.e, ctx.r, ctx.p, ctx.x
        values = {path: read(*args) for path, read in self.readers.items()}
        out: dict[str, Any] = {"_t": 1, **self.guards}
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
        for name, predicate in self.computed.values():
            out[name] = 1 if predicate(*args) else 0
        return out

    def rules_for(self, cond: Condition) -> list[dict[str, Any]]:
        """The durable conditions, one per rule, whose disjunction is ``cond``."""
        expr = self.translate(cond)
        if ops(expr) <= MAX_OPS:
            return [expr]
        alternatives = _alternatives(cond)
        if len(alternatives) > 1:
            return [e for alternative in alternatives for e in self.rules_for(alternative)]
        return [self._computed(cond)]

    def _computed(self, cond: Condition) -> dict[str, Any]:
        from .compiled import compile_conditions

        if cond not in self.computed:
            self.computed[cond] = (f"k{len(self.computed)}", compile_conditions([cond])[0])
        return {self.computed[cond][0]: 1}

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
        unset = _encode(fact.type, None)
        if cmp.op in ("in", "not_in") and len(cmp.value) > self.max_in:
            flag = self.big_sets.setdefault((cmp.path, cmp.value), f"{name}b{len(self.big_sets)}")
            return {flag: 1 if cmp.op == "in" else 0}
        if cmp.op in ("in", "not_in"):
            values = sorted(_encode(fact.type, v) for v in cmp.value)
            if cmp.op == "in":
                # an unset fact (encoded as `unset`) cannot match unless a value is `unset`
                test = _or([{name: v} for v in values])
                return test if unset not in values else _and([is_set, test])
            return _and([is_set, *({"$neq": {name: v}} for v in values)])
        value = _encode(fact.type, cmp.value)
        if cmp.op == "eq":
            return {name: value} if value != unset else _and([is_set, {name: value}])
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


def _fitting(plan: Plan) -> tuple[_Encoding, list[tuple[int, dict[str, Any]]]]:
    """The encoding and the (condition index, durable condition) pairs of a
    plan that the engine can hold: the longest membership lists tested by the
    network, and the fewest guard groups. A guard group is a flag every fact
    carries (always 1): a rule of group k starts by testing it, so the
    first tests of the rules spread over the groups' nodes instead of all
    sitting under the root (whose hash set holds 511)."""
    for max_in in _MAX_IN:
        for groups in (1, 4, 16, 64):
            encoding = _Encoding(plan, max_in, groups)
            conditions = []
            for i, cond in enumerate(plan.conditions):
                for expr in encoding.rules_for(cond):
                    if groups > 1:
                        expr = _and([{f"_g{i % groups}": 1}, expr])
                    conditions.append((i, expr))
            if fits([expr for _, expr in conditions]):
                return encoding, conditions
    raise EnvrulesError(
        [
            problem(
                f"profile {plan.profile}: the durable-rules network cannot hold this plan (more than "
                f"{MAX_CHILDREN} tests under one node); use the compiled evaluator",
                f"规则集{plan.profile}：durable-rules 网络无法容纳该规则集"
                f"（同一节点下超过{MAX_CHILDREN}项测试），请使用 compiled 求值器",
                code="durable.capacity",
            )
        ]
    )


class DurableEvaluator:
    """Evaluates a plan's conditions with durable-rules' Rete network: each
    condition is one rule; one asserted fact fires every rule that holds."""

    name = "durable"

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._encoding, conditions = _fitting(plan)
        self._ruleset = durable_host.unique_name(plan.profile)
        self._fired: list[int] = []
        rules: dict[str, Any] = {}
        seen: dict[int, int] = {}
        for i, expr in conditions:
            j = seen[i] = seen.get(i, -1) + 1
            rules[f"c{i}" if j == 0 else f"c{i}_{j}"] = {"all": [{"m": expr}], "run": self._action(i)}
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
