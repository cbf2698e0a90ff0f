"""durable-rules JSON for the timeline: a small condition AST with negation
(De Morgan, so a row can exclude the rows before it), patterns in the one
shape the engine handles reliably, and the encoding of signals and deadlines
as facts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ..core.dates import Period
from ..plan.timeline_model import Pattern, Where
from ..rulesets.schema.timeline import DATE, INT, SIGNALS
from .rules import Inst
from .signals import CASE, HEADS, CaseFacts, Signal

_GROUP = 8


# --- conditions: a small AST with negation, written out as durable JSON -------------------------


@attrs.frozen
class Leaf:
    op: str  # eq ne lt lte gt gte
    field: str
    value: Any


@attrs.frozen
class AllOf:
    items: tuple[Any, ...]


@attrs.frozen
class AnyOf:
    items: tuple[Any, ...]


NEG = {"eq": "ne", "ne": "eq", "lt": "gte", "gte": "lt", "lte": "gt", "gt": "lte"}
OP = {"ne": "$neq", "lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}
NEVER = Leaf("eq", "t", "never")


def negate(c: Any) -> Any:
    if isinstance(c, Leaf):
        return Leaf(NEG[c.op], c.field, c.value)
    if isinstance(c, AllOf):
        return AnyOf(tuple(negate(x) for x in c.items))
    return AllOf(tuple(negate(x) for x in c.items))


def nest(key: str, parts: list[dict[str, Any]]) -> dict[str, Any]:
    if len(parts) > _GROUP:  # the engine fails on long and/or lists: nest them
        size = -(-len(parts) // _GROUP)
        parts = [nest(key, parts[i : i + size]) for i in range(0, len(parts), size)]
    return parts[0] if len(parts) == 1 else {key: parts}


def to_json(c: Any) -> dict[str, Any] | None:
    """Durable JSON of a condition; None for a condition that always holds."""
    if isinstance(c, Leaf):
        return {c.field: c.value} if c.op == "eq" else {OP[c.op]: {c.field: c.value}}
    parts = [x for x in (to_json(x) for x in c.items) if x is not None]
    if isinstance(c, AnyOf):
        if not c.items:
            return to_json(NEVER)
        if len(parts) < len(c.items):
            return None  # an or with a part that always holds
    if not parts:
        return None
    return nest("$and" if isinstance(c, AllOf) else "$or", parts)


def pattern_cond(p: Pattern) -> Any:
    return AllOf(
        (
            Leaf("eq", "k", p.signal),
            *(AnyOf(tuple(Leaf("eq", f"w_{k}", v) for v in sorted(vs))) for k, vs in p.where),
        )
    )


def case_cond(where: Where) -> Any:
    return AllOf(tuple(AnyOf(tuple(Leaf("eq", f"c_{k}", v) for v in sorted(vs))) for k, vs in where))


def dated(period: Period, field: str) -> Any:
    parts = [Leaf("gt", field, 0)]
    if period.start is not None:
        parts.append(Leaf("gte", field, period.start.toordinal()))
    if period.end is not None:
        parts.append(Leaf("lte", field, period.end.toordinal()))
    return AllOf(tuple(parts))


def exclusive(conds: Sequence[Any], k: int) -> Any:
    """Row k's condition, true only where no earlier row's condition is."""
    return AllOf((conds[k], *(negate(conds[j]) for j in range(k))))


def has_ref(expr: Any) -> bool:
    """Does a durable expression compare with another fact's field?"""
    if not isinstance(expr, dict):
        return False
    for key, value in expr.items():
        if key in ("$and", "$or"):
            if any(has_ref(x) for x in value):
                return True
        elif key.startswith("$"):
            if any(isinstance(v, dict) for v in value.values()):
                return True
        elif isinstance(value, dict):
            return True
    return False


def flat(parts: Sequence[dict[str, Any] | None]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in parts:
        if not p:
            continue
        if set(p) == {"$and"}:
            out.extend(flat(p["$and"]))
        else:
            out.append(p)
    return out


def fact(kind: str, *parts: dict[str, Any] | None) -> dict[str, Any]:
    """A pattern on facts of ``kind``, in the one shape durable-rules 2.0.28
    handles reliably (measured; see docs/timeline.md):

    * a reference to another fact's field placed after a compound expression
      (``$or``, a nested ``$and``) is silently dropped — the join then matches
      every fact — so the pattern is flattened and compounds come last;
    * a pattern whose first test after ``t`` is a reference corrupts memory:
      ``delete_state`` later aborts the process (free() of an invalid pointer)
      — so plain tests come first, with a marker test (every fact has
      ``v: 1``) where a pattern has none;
    * hence: plain tests, simple references, at most one compound holding
      references, other compounds."""
    items = flat(parts)
    nested = [p for p in items if {"$and", "$or"} & set(p)]
    leaves = [p for p in items if not has_ref(p) and p not in nested]
    simple = [p for p in items if has_ref(p) and p not in nested]
    compound = [p for p in nested if has_ref(p)]
    rest = [p for p in nested if not has_ref(p)]
    if len(compound) > 1:  # pragma: no cover (the compiler never builds one)
        raise AssertionError("a pattern may hold only one compound with references")
    kept = [*(leaves or [{"v": 1}]), *simple, *compound, *rest]
    return {"$and": [{"t": kind}, *kept]}


def taken_subject(of: str) -> dict[str, Any]:
    """The signal concerns the same thing as ``of``, or starts a chain of its own
    (a decision, order, seal-up or production order taking a measure)."""
    return {"$or": [{"s": {of: "s"}}, {"ca": {of: "v"}}, {"a": {of: "ca"}}, {"h": {of: "v"}}]}


def same_subject(of: str, any_field: str) -> dict[str, Any]:
    """The signal concerns the same decision/order as ``of``, or either is
    case-wide. Written with references only: a plain test inside an ``$or`` of
    references crashes durable-rules 2.0.28 (measured), so "the signal is
    case-wide" is ``ca == of.v`` (every fact has ``v: 1``)."""
    return {"$or": [{"s": {of: "s"}}, {"ca": {of: "v"}}, {"a": {of: any_field}}]}


# --- facts --------------------------------------------------------------------------------------


def signal_fact(s: Signal, case: CaseFacts) -> dict[str, Any]:
    fact: dict[str, Any] = {
        "t": "s",
        "v": 1,
        "k": s.kind,
        "d": s.day.toordinal(),
        "p": s.pos,
        "s": s.subject,
        "a": 1,
        "ca": 1 if s.subject == CASE else 0,
        "h": 1 if s.kind in HEADS else 0,
        "key": s.key,
        "c_daily_penalty": case.daily_penalty,
        "c_detention": case.detention,
    }
    for name, kind in SIGNALS[s.kind].items():
        if kind == DATE:
            day = s.dates.get(name)
            fact[f"dt_{name}"] = day.toordinal() if day else 0
        elif kind == INT:
            fact[f"n_{name}"] = s.ints.get(name, 0)
        elif name in s.fields:
            fact[f"w_{name}"] = s.fields[name]
    return fact


def inst_fact(inst: Inst) -> dict[str, Any]:
    return {
        "t": "i",
        "v": 1,
        "r": inst.row,
        "s": inst.subject,
        "any": 1 if inst.any_subject else 0,
        "sp": inst.start_pos,
        "due": inst.due.toordinal(),
        "iid": inst.id,
        "ep": inst.last_ext,
        "x": inst.extensions,
    }
