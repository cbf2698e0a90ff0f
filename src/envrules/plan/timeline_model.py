"""The compiled case-timeline rules of a profile and its working-day
calendar, as immutable attrs values (compiled by ``plan.timeline``; kept apart
so that loading a cached plan does not import the ruleset schema)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from ..core.citation import Citation, ReadOnlyMap
from ..core.dates import Period
from ..core.errors import SourceLocation
from ..core.text import Text

Where = tuple[tuple[str, frozenset[str]], ...]


@attrs.frozen(slots=True)
class Pattern:
    """A signal type and the values its fields must have."""

    signal: str
    where: Where = ()

    def matches(self, kind: str, fields: Mapping[str, Any]) -> bool:
        return kind == self.signal and all(fields.get(k) in v for k, v in self.where)


@attrs.frozen(slots=True)
class Span:
    """A length of time: ``n`` days (working days if ``working``), months or years."""

    unit: str
    n: int
    working: bool = False

    def text(self) -> Text:
        zh_unit = {"days": "个工作日" if self.working else "日", "months": "个月", "years": "年"}
        en_unit = {"days": "working days" if self.working else "days", "months": "months", "years": "years"}
        return Text(f"{self.n}{zh_unit[self.unit]}", f"{self.n} {en_unit[self.unit]}")


@attrs.frozen(slots=True)
class TExtension:
    signal: str
    max_days: int
    max_times: int


@attrs.frozen(slots=True)
class TDeadline:
    id: str
    group: str
    title: Text
    holder: str
    right: bool
    start: Pattern
    starts_from: str | None
    due_field: str | None
    span: Span | None
    period_field: str | None
    roll: bool
    extension: TExtension | None
    met_by: tuple[Pattern, ...]
    moot_by: tuple[Pattern, ...]
    warn_days: int | None
    warn_kind: str | None
    on_lapse: Text | None
    when_case: Where
    basis: Citation
    period: Period
    note: str | None
    at: SourceLocation | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(slots=True)
class THalt:
    start: Pattern
    until: str


@attrs.frozen(slots=True)
class TDaily:
    id: str
    title: Text
    basis: Citation
    period: Period
    when_case: Where
    stopped_by: tuple[THalt, ...]
    stopped_basis: Citation | None
    note: str | None


@attrs.frozen(slots=True)
class TSurcharge:
    id: str
    title: Text
    basis: Citation
    period: Period
    when_case: Where
    after: str
    rate: Decimal  # percentage points a day
    cap: bool
    pauses: tuple[tuple[str, str], ...]
    note: str | None


@attrs.frozen(slots=True)
class TTrigger:
    pattern: Pattern
    wait: Span | None


@attrs.frozen(slots=True)
class TMeasure:
    id: str
    measure: str
    title: Text
    basis: Citation
    period: Period
    when_case: Where
    after: tuple[TTrigger, ...]
    unless: tuple[Pattern, ...]
    taken_by: Pattern | None
    note: str | None


@attrs.frozen(slots=True)
class TCalendar:
    """Official rest days: public holidays (ordinals) and weekend days worked
    instead; ``years`` maps each year covered to the notices it rests on."""

    holidays: frozenset[int]
    workdays: frozenset[int]
    years: ReadOnlyMap[int, tuple[Citation, ...]]


@attrs.frozen(slots=True)
class TimelinePlan:
    deadlines: tuple[TDeadline, ...]
    daily: tuple[TDaily, ...]
    surcharges: tuple[TSurcharge, ...]
    measures: tuple[TMeasure, ...]
    calendar: TCalendar

    @property
    def groups(self) -> frozenset[str]:
        return frozenset(d.group for d in self.deadlines)
