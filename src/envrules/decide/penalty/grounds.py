"""No double counting (禁止重复评价): a fact that selected the statutory tier,
triggered the daily penalty or was priced by a benchmark factor is withheld
when the adjustments are weighed, as if the case did not state it.

Grounds are (fact path, member) pairs — (path, None) for a whole scalar fact.
The withholding is done by masking the case's parts, so every adjustment,
whatever its condition, sees the same reduced facts (docs/penalty.md §5)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...case import FACTS, Context

Ground = tuple[str, Any]
_PART = {"violation": "v", "enterprise": "e", "region": "r", "procedure": "p"}


class _Masked:
    """A case part with some facts withheld: unset, or set members removed."""

    __slots__ = ("_minus", "_none", "_obj")

    def __init__(self, obj: Any, none: frozenset[str], minus: dict[str, frozenset[Any]]) -> None:
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_none", none)
        object.__setattr__(self, "_minus", minus)

    def __getattr__(self, name: str) -> Any:
        if name in self._none:
            return None
        value = getattr(self._obj, name)
        minus = self._minus.get(name)
        return value - minus if minus else value


def present(ctx: Context, grounds: Iterable[Ground]) -> frozenset[Ground]:
    """The grounds the case actually states (only those are withheld)."""
    out = set()
    for path, member in grounds:
        fact = FACTS.get(path)
        if fact is None:
            continue
        from ...case import reader

        value = reader(path)(ctx.c, ctx.v, ctx.e, ctx.r, ctx.p, ctx.x)
        if member is None:
            if value is not None and value is not False and value != frozenset():
                out.add((path, None))
        elif value is not None and member in value:
            out.add((path, member))
    return frozenset(out)


def mask(ctx: Context, grounds: frozenset[Ground]) -> Context:
    """A context in which the grounds are withheld."""
    if not grounds:
        return ctx
    nones: dict[str, set[str]] = {}
    minus: dict[str, dict[str, set[Any]]] = {}
    derived: dict[str, Any] = {}
    for path, member in grounds:
        head, _, attr = path.partition(".")
        expr = FACTS[path].expr
        if expr.startswith("x["):
            derived[path] = frozenset() if member is not None else None
            continue
        var = _PART.get(head)
        if var is None:
            continue
        if member is None:
            nones.setdefault(var, set()).add(attr)
        else:
            minus.setdefault(var, {}).setdefault(attr, set()).add(member)
    out = Context.__new__(Context)
    out.c = ctx.c
    for var in ("v", "e", "r", "p"):
        part = getattr(ctx, var)
        if var in nones or var in minus:
            part = _Masked(
                part, frozenset(nones.get(var, ())), {k: frozenset(s) for k, s in minus.get(var, {}).items()}
            )
        setattr(out, var, part)
    out.x = ctx.x
    if derived:
        from ...case import Supplied

        x = Supplied(ctx.c, ctx.x)
        x.update(derived)
        out.x = x
    return out


def describe(grounds: Iterable[Ground]) -> tuple[str, ...]:
    """Grounds as readable ids: ``violation.severity``, ``violation.circumstances:refused_correction``."""
    return tuple(sorted(path if member is None else f"{path}:{member}" for path, member in grounds))
