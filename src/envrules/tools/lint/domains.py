"""What a conjunction of constraints allows for each fact (static analysis
of conditions, sound but not complete)."""

from __future__ import annotations

from typing import Any

import attrs

from ...case import FACTS, FactType
from ...rulesets import All, Compare, Condition


@attrs.frozen
class Domain:
    """What a conjunction of constraints allows for one fact."""

    values: frozenset[Any] | None = None  # allowed values (None = unconstrained)
    lo: Any = None
    lo_incl: bool = True
    hi: Any = None
    hi_incl: bool = True
    members: frozenset[str] = frozenset()  # set facts: required members
    exists: bool | None = None
    opaque: bool = False  # a constraint we do not reason about

    def empty(self) -> bool:
        if self.values is not None and not self.values:
            return True
        if (
            self.lo is not None
            and self.hi is not None
            and (self.lo > self.hi or (self.lo == self.hi and not (self.lo_incl and self.hi_incl)))
        ):
            return True
        if self.values is not None and (self.lo is not None or self.hi is not None):
            return not any(self._in_interval(v) for v in self.values)
        return self.exists is False and bool(self.values or self.lo is not None or self.hi is not None)

    def _in_interval(self, v: Any) -> bool:
        if self.lo is not None and (v < self.lo or (v == self.lo and not self.lo_incl)):
            return False
        return not (self.hi is not None and (v > self.hi or (v == self.hi and not self.hi_incl)))

    def meet(self, other: Domain) -> Domain:
        values = (
            self.values
            if other.values is None
            else (other.values if self.values is None else self.values & other.values)
        )
        lo, lo_incl = self.lo, self.lo_incl
        if other.lo is not None and (lo is None or other.lo > lo or (other.lo == lo and not other.lo_incl)):
            lo, lo_incl = other.lo, other.lo_incl
        hi, hi_incl = self.hi, self.hi_incl
        if other.hi is not None and (hi is None or other.hi < hi or (other.hi == hi and not other.hi_incl)):
            hi, hi_incl = other.hi, other.hi_incl
        exists = self.exists if other.exists is None else other.exists
        if self.exists is not None and other.exists is not None and self.exists != other.exists:
            values = frozenset()
        return Domain(
            values,
            lo,
            lo_incl,
            hi,
            hi_incl,
            self.members | other.members,
            exists,
            self.opaque or other.opaque,
        )

    def within(self, other: Domain) -> bool:
        """Every value this domain allows, ``other`` allows too (sound, not complete)."""
        if other.opaque or self.opaque:
            return False
        if other.values is not None and (self.values is None or not self.values <= other.values):
            return False
        if other.lo is not None:
            if (
                self.lo is None
                or self.lo < other.lo
                or (self.lo == other.lo and self.lo_incl and not other.lo_incl)
            ):
                return False
        if other.hi is not None:
            if (
                self.hi is None
                or self.hi > other.hi
                or (self.hi == other.hi and self.hi_incl and not other.hi_incl)
            ):
                return False
        if not other.members <= self.members:
            return False
        return (
            other.exists is None
            or self.exists == other.exists
            or (other.exists and (self.values is not None or self.members != frozenset()))
        )


def _leaf_domain(c: Compare) -> Domain:
    fact = FACTS[c.path]
    if fact.type.is_set:
        if c.op == "contains":
            return Domain(members=frozenset({c.value}))
        if c.op == "contains_all":
            return Domain(members=frozenset(c.value))
        return Domain(opaque=True)
    universe: frozenset[Any] | None = None
    if fact.type is FactType.ENUM and fact.values is not None:
        universe = frozenset(fact.values)
    elif fact.type is FactType.BOOL:
        universe = frozenset({True, False})
    op, v = c.op, c.value
    if op == "eq":
        return Domain(values=frozenset({v}), exists=True)
    if op == "in":
        return Domain(values=frozenset(v), exists=True)
    if op in ("ne", "not_in") and universe is not None:
        out = {v} if op == "ne" else set(v)
        return Domain(values=universe - out, exists=True)
    if op == "lt":
        return Domain(hi=v, hi_incl=False, exists=True)
    if op == "lte":
        return Domain(hi=v, exists=True)
    if op == "gt":
        return Domain(lo=v, lo_incl=False, exists=True)
    if op == "gte":
        return Domain(lo=v, exists=True)
    if op == "exists":
        return Domain(exists=bool(v))
    return Domain(opaque=True)


def conjunction(cond: Condition) -> dict[str, Domain] | None:
    """The condition as per-fact domains, if it is a conjunction of leaves."""
    out: dict[str, Domain] = {}

    def walk(node: Condition) -> bool:
        if isinstance(node, Compare):
            if node.path not in FACTS:
                return False
            d = _leaf_domain(node)
            out[node.path] = out[node.path].meet(d) if node.path in out else d
            return True
        if isinstance(node, All):
            return all(walk(i) for i in node.items)
        return False

    return out if walk(cond) else None
