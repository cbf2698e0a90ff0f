"""The durable-rules (Rete) evaluator, and the one adapter that owns that
library's global state.

durable-rules keeps process-wide state: a host whose rulesets can never be
unregistered, two self re-arming timer threads that may take over pending
actions (a measured race, see docs/design.md), and sessions that leak unless
deleted. This module confines all of it:

* one private :class:`durable.engine.Host`, created lazily, that never starts
  its timer threads (envrules posts no events that need them); the library's own
  ``durable.lang.get_host()`` is never touched, so user code using
  durable-rules directly is unaffected;
* one lock around every call into it, so concurrent callers and several
  engines never see each other's facts (the C calls hold the GIL anyway, so
  the lock costs no parallelism);
* each plan registers one ruleset under a unique name; each decision asserts
  one fact in a fixed session and deletes that session's state afterwards,
  so nothing accumulates per decision.

Facts are flattened to JSON scalars the C engine compares exactly: dates as
day ordinals, money as integer fen, decimals as integer millionths, set
members as 0/1 flags, and a companion ``…s`` flag telling whether a scalar is
set, which reproduces the compiled evaluator's semantics for unset facts."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from durable import engine  # type: ignore[import-untyped]

from ._conditions import All, AnyOf, Compare, Condition, Not, members_of
from ._facts import FACTS, FactType
from ._plan import Plan

_LOCK = threading.RLock()
_HOST: Any = None
_SESSION = "envrules"

_NEGATE = {"eq": "ne", "ne": "eq", "lt": "gte", "gte": "lt", "lte": "gt", "gt": "lte",
           "in": "not_in", "not_in": "in"}
_DURABLE_OP = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}
_TRUE: dict[str, Any] = {"_t": 1}
_FALSE: dict[str, Any] = {"_t": 0}


def _host() -> Any:
    """The adapter's private host, created once with its timer threads stopped."""
    global _HOST
    with _LOCK:
        if _HOST is None:
            _HOST = _QuietHost()
        return _HOST


class _QuietHost(engine.Host):  # type: ignore[misc]
    """A durable-rules host that never starts its dispatch timer threads:
    envrules posts no events and uses no durable timers, and the timers could
    take over actions outside the adapter's lock (DURABLE_RULES.md)."""

    def _run(self) -> None:
        self._d_timer = None
        self._t_timer = None


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
    return parts[0] if len(parts) == 1 else {"$and": parts}


def _or(parts: list[dict[str, Any]]) -> dict[str, Any]:
    if not parts:
        return _FALSE
    return parts[0] if len(parts) == 1 else {"$or": parts}


class _Encoding:
    """Field names of the flattened fact for a plan."""

    def __init__(self, plan: Plan) -> None:
        self.fields = {path: f"f{i}" for i, path in enumerate(plan.fact_paths)}
        members: set[tuple[str, str]] = set()
        for cond in plan.conditions:
            members |= members_of(cond)
        self.members = {pm: f"{self.fields[pm[0]]}m{i}" for i, pm in enumerate(sorted(members))}

    def flatten(self, facts: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"sid": _SESSION, "_t": 1}
        for path, name in self.fields.items():
            fact = FACTS[path]
            value = facts[path]
            if fact.type.is_set:
                out[name + "n"] = len(value)
            else:
                out[name] = _encode(fact.type, value)
                out[name + "s"] = 0 if value is None else 1
        for (path, member), name in self.members.items():
            out[name] = 1 if member in facts[path] else 0
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
        self._encoding = _Encoding(plan)
        self._ruleset = f"envrules_{plan.profile.replace('/', '_')}_{uuid.uuid4().hex}"
        self._fired: list[int] = []
        rules: dict[str, Any] = {}
        for i, cond in enumerate(plan.conditions):
            rules[f"c{i}"] = {"all": [{"m": self._encoding.translate(cond)}],
                              "run": self._action(i)}
        self.definition = {k: {"all": v["all"]} for k, v in rules.items()}
        if not rules:  # durable-rules refuses an empty ruleset
            rules["never"] = {"all": [{"m": _FALSE}], "run": self._action(-1)}
        with _LOCK:
            _host().register_rulesets({self._ruleset: rules})

    def _action(self, index: int) -> Callable[[Any], None]:
        fired = self._fired

        def action(_c: Any) -> None:
            fired.append(index)

        return action

    def matcher(self, facts: Mapping[str, Any]) -> Callable[[int], bool]:
        fact = self._encoding.flatten(facts)
        with _LOCK:
            host = _host()
            self._fired.clear()
            try:
                host.assert_fact(self._ruleset, fact)
            except engine.MessageNotHandledException:
                pass  # no condition holds
            finally:
                host.delete_state(self._ruleset, _SESSION)
            matched = frozenset(self._fired)
            self._fired.clear()
        return matched.__contains__
