"""Decision tables (DMN-style): rules with conditions and outcomes, a hit
policy, and the date their rules are taken at."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ...core.text import Text
from .base import ALWAYS, Basis, Dated, Id, Spec, When

Decides = Literal[
    "jurisdiction",
    "department",
    "office",
    "supervision",
    "transfer",
    "monitoring",
    "limitation",
    "hearing",
    "legal_review",
    "collective_deliberation",
    "daily_penalty",
    "designation",
    "first_violation",
    "minor_violation",
]
HitPolicy = Literal["unique", "first", "priority", "collect"]
AsOf = Literal["decided_on", "occurred_on", "act_end", "reinspected_on"]


class Rule(Dated):
    id: Id
    title: Text
    when: When = ALWAYS
    then: dict[str, Any] = Field(default_factory=dict)
    basis: Basis
    priority: int | None = None
    replaces: Id | None = None
    note: str | None = None


class Table(Spec):
    id: Id
    title: Text
    decides: Decides
    hit_policy: HitPolicy
    as_of: AsOf | None = Field(
        None,
        description="the date rules are taken at: decided_on (default), occurred_on; "
        "limitation tables act_end, daily-penalty tables reinspected_on",
    )
    rules: tuple[Rule, ...] = ()
    note: str | None = None


class TableExtension(Spec):
    extend: Id
    position: Literal["before", "after"] = "before"
    rules: tuple[Rule, ...] = Field(min_length=1)


class Disable(Spec):
    ids: tuple[Id, ...] = Field(min_length=1)
    basis: Basis
    note: str | None = None
