"""What a case's timeline says on a date (the JSON contract): deadlines,
amounts, follow-on measures and warnings, each citing its basis and
explaining itself in Chinese and English like a decision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

from ..core.citation import Citation
from ..core.text import Text


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


DeadlineStatus = Literal["open", "met", "late", "overdue", "lapsed", "moot"]


class DeadlineItem(_Item):
    """A period that started with an event: when it ends and where it stands."""

    id: str = Field(description="group@start, e.g. payment@events[5]")
    rule: str
    group: str
    title: Text
    holder: Literal["authority", "party"]
    event: int | None = Field(description="index of the event it runs from (None: derived)")
    starts_on: date = Field(description="the day the period runs from (not counted)")
    due: date = Field(description="its last day")
    period: Text
    status: DeadlineStatus = Field(
        description=(
            "open (running), met (in time), late (after the due date), overdue (an obligation "
            "not met), lapsed (a right not used), moot (no longer applies)"
        )
    )
    settled_on: date | None = None
    settled_by: int | None = Field(None, description="index of the event that met or mooted it")
    days_left: int | None = None
    days_over: int | None = None
    extensions: int = 0
    basis: Citation
    explanation: Text


class AmountItem(_Item):
    """An amount that follows from the history: a daily penalty's counting
    cycle, one still accruing, or a late-payment surcharge."""

    id: str
    rule: str
    kind: Literal["daily_penalty", "daily_penalty_accruing", "surcharge"]
    event: int | None = Field(description="the re-inspection, order or decision it concerns")
    start: date
    end: date
    days: int = Field(description="days counted")
    excluded_days: int = Field(description="days not counted (discharge halted, review or suit)")
    per_day: Decimal | None = Field(None, description="daily penalty: the original fine")
    rate_percent: Decimal | None = Field(None, description="surcharge: percent of the fine a day")
    base: Decimal | None = Field(None, description="surcharge: the fine")
    amount: Decimal | None = Field(description="yuan (None where the fine is not known)")
    cap: Decimal | None = None
    capped_on: date | None = None
    provisional: bool = Field(
        False, description="accruing: counted only if the act is found continuing at the re-inspection"
    )
    basis: Citation
    also: tuple[Citation, ...] = ()
    explanation: Text


class MeasureItem(_Item):
    """A follow-on measure the history has made available."""

    id: str
    rule: str
    measure: str
    title: Text
    status: Literal["available", "pending", "taken"]
    available_from: date
    taken_on: date | None = None
    taken_by: int | None = None
    triggers: tuple[str, ...] = Field(description="the events that made it available")
    basis: Citation
    explanation: Text


class WarningItem(_Item):
    id: str
    kind: str = Field(
        description="limitation_approaching, seal_up_lapsing, deadline_approaching, calendar_unknown"
    )
    due: date | None = None
    days_left: int | None = None
    about: str | None = Field(None, description="the deadline it concerns")
    basis: Citation | None = None
    explanation: Text


class CaseStatus(_Item):
    """The timeline of a case on a date."""

    as_of: date
    profile: str
    rulesets: str = Field(description="digest of the rulesets")
    evaluator: str
    deadlines: tuple[DeadlineItem, ...]
    amounts: tuple[AmountItem, ...]
    measures: tuple[MeasureItem, ...]
    warnings: tuple[WarningItem, ...]
    ignored_events: tuple[int, ...] = Field(description="events dated after as_of (not evaluated)")

    def data(self) -> dict[str, Any]:
        """Plain JSON data (dates ISO, amounts as strings)."""
        data: dict[str, Any] = orjson.loads(self.to_json())
        return data

    def to_json(self) -> str:
        return orjson.dumps(self.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS).decode()

    def explain(self, lang: str = "zh") -> str:
        """The status as text a legal officer can follow."""
        from .explain import render

        return render(self, lang)
