"""Hit policies of decision tables (DMN): first, unique, priority, collect."""

from __future__ import annotations

from datetime import date

from ..core.errors import AmbiguousRules
from ..evaluate import Matcher
from ..plan import PlanRule, PlanTable


def hits(table: PlanTable, on: date, match: Matcher) -> list[PlanRule]:
    """The rules of a table that decide for a case on a date."""
    rules = table.slices.on(on)
    policy = table.hit_policy
    fast = getattr(match, "first", None)  # a matcher that runs whole slices (compiled)
    if policy == "first":
        if fast is not None:
            found = fast(rules)
            return [found] if found is not None else []
        for rule in rules:
            if match(rule.cond):
                return [rule]
        return []
    matched = (
        match.all(rules)  # type: ignore[attr-defined]
        if fast is not None
        else [r for r in rules if match(r.cond)]
    )
    if policy == "collect" or len(matched) <= 1:
        return matched
    if policy == "unique":
        raise AmbiguousRules(table.id, [r.id for r in matched])
    top = max(r.priority or 0 for r in matched)
    best = [r for r in matched if (r.priority or 0) == top]
    if len(best) > 1:
        raise AmbiguousRules(table.id, [r.id for r in best])
    return best


def first_hit(table: PlanTable | None, on: date, match: Matcher) -> PlanRule | None:
    """The first rule of a table that holds (any policy), or None."""
    if table is None:
        return None
    rules = table.slices.on(on)
    fast = getattr(match, "first", None)
    if fast is not None:
        found: PlanRule | None = fast(rules)
        return found
    for rule in rules:
        if match(rule.cond):
            return rule
    return None
