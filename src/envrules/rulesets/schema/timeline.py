"""The ``timeline:`` section of a ruleset file and the ``calendar:`` of
working days: the rules a case's history is evaluated with (deadlines, the
daily penalty, the late-payment surcharge, follow-on measures), each dated
and cited like every other rule (docs/timeline.md).

A rule speaks of *signals*: the dated events of a case (``decision_served``,
``payment``…) and three signals derived from them (``paid`` when a fine is
paid in full, ``revoked`` when review or a court revokes a decision,
``expired`` when a deadline passes unmet). :data:`SIGNALS` is their
vocabulary; a rule that names an unknown signal, field or value is refused
with its file:line:column."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from ...core.text import Text
from .base import Basis, Dated, Day, Id, Percent, Spec

BOOL = ("true", "false")
DATE = "date"
INT = "int"
ANY_ID = "id"

SIGNALS: dict[str, dict[str, tuple[str, ...] | str]] = {
    "act": {"harm": BOOL, "continuing": BOOL, "ended_on": DATE},
    "found": {},
    "filed": {},
    "order_to_correct": {"deadline": DATE},
    "correction_reported": {},
    "reinspection": {"result": ("corrected", "continuing", "refused", "obstructed"), "failed": BOOL},
    "inspection": {"finding": ("compliant", "violation")},
    "penalty_notice": {"hearing_right": BOOL},
    "statement": {},
    "hearing_requested": {},
    "hearing_held": {},
    "decision_served": {"kind": ("penalty", "daily_penalty"), "has_fine": BOOL},
    "decision_made": {"kind": ("penalty", "daily_penalty")},
    "payment": {},
    "paid": {},
    "review_filed": {},
    "review_ended": {"outcome": ("upheld", "revoked")},
    "suit_filed": {},
    "suit_ended": {"outcome": ("upheld", "revoked")},
    "revoked": {},
    "seal_up": {"halts_discharge": BOOL, "days": INT},
    "seal_up_extended": {"days": INT},
    "seal_up_lifted": {},
    "production_order": {"measure": ("restrict", "suspend"), "halts_discharge": BOOL},
    "production_order_lifted": {},
    "transfer_to_police": {},
    "demand_served": {},
    "enforcement_applied": {},
    "expired": {"deadline": ANY_ID, "due": DATE},
}
"""Every signal a timeline rule may name, with the fields a ``where`` may test
(a tuple of allowed values, or ``date``/``int`` fields that only specific
keys read)."""

DERIVED = frozenset({"decision_made", "paid", "revoked", "expired"})
LATE_SIGNALS = frozenset({"expired"})
"""Signals that exist only once the evaluation date is known: they may start
a rule but never meet, moot or cancel one."""

CASE_ATTRS: dict[str, tuple[str, ...]] = {
    "daily_penalty": ("yes", "no", "unknown"),
    "detention": ("after_refusal", "on_act", "none"),
}
"""What a case's ``act`` event says about the act, for ``when_case``."""

Holder = Literal["authority", "party"]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    raise ValueError(f"{value!r}: a where value is a word or true/false")


class SignalPattern(Spec):
    """A signal and conditions on its fields: ``{signal: reinspection,
    where: {result: [continuing, refused]}}``."""

    signal: str
    where: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known(self) -> SignalPattern:
        fields = SIGNALS.get(self.signal)
        if fields is None:
            raise ValueError(f"unknown signal {self.signal!r}; signals: {', '.join(SIGNALS)}")
        for key, value in self.where.items():
            allowed = fields.get(key)
            if allowed is None or allowed in (DATE, INT):
                raise ValueError(f"{self.signal} has no field {key!r} a where can test")
            for v in value if isinstance(value, list) else [value]:
                word = _value(v)
                if isinstance(allowed, tuple) and word not in allowed:
                    raise ValueError(f"{self.signal}.{key} is one of {', '.join(allowed)}, not {word!r}")
        return self

    def values(self) -> dict[str, frozenset[str]]:
        return {
            k: frozenset(_value(x) for x in (v if isinstance(v, list) else [v]))
            for k, v in self.where.items()
        }


class PeriodSpec(Spec):
    """A period: exactly one of days, months, years; days may be working days."""

    days: int | None = Field(None, ge=0, le=100_000)
    months: int | None = Field(None, ge=1, le=1_200)
    years: int | None = Field(None, ge=1, le=100)
    counting: Literal["calendar", "working"] = "calendar"

    @model_validator(mode="after")
    def _one(self) -> PeriodSpec:
        given = [x for x in (self.days, self.months, self.years) if x is not None]
        if len(given) != 1:
            raise ValueError("a period has exactly one of days, months, years")
        if self.counting == "working" and self.days is None:
            raise ValueError("only a period of days can count working days")
        return self


class Warn(Spec):
    days: int = Field(ge=0, le=3_650, description="warn this many days before the due date")
    kind: Id = "deadline_approaching"


class Extension(Spec):
    """How the period may be extended by a later signal carrying ``days``."""

    signal: str
    max_days: int = Field(ge=1, le=100_000)
    max_times: int = Field(ge=1, le=100)

    @field_validator("signal")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in SIGNALS or SIGNALS[value].get("days") != INT:
            raise ValueError(f"{value!r} is not a signal carrying days")
        return value


def _case_values(value: dict[str, Any]) -> dict[str, Any]:
    for key, allowed in value.items():
        if key not in CASE_ATTRS:
            raise ValueError(f"unknown case attribute {key!r}; attributes: {', '.join(CASE_ATTRS)}")
        for v in allowed if isinstance(allowed, list) else [allowed]:
            if v not in CASE_ATTRS[key]:
                raise ValueError(f"case {key} is one of {', '.join(CASE_ATTRS[key])}, not {v!r}")
    return value


class _Row(Dated):
    id: Id
    title: Text
    basis: Basis
    when_case: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "conditions on the act: daily_penalty (yes/no/unknown), detention (after_refusal/on_act/none)"
        ),
    )
    replaces: Id | None = None
    note: str | None = None

    @field_validator("when_case")
    @classmethod
    def _case(cls, value: dict[str, Any]) -> dict[str, Any]:
        return _case_values(value)


class TimelineDeadline(_Row):
    """A deadline that runs from a signal: met by one signal, mooted by
    another, lapsing (and signalling ``expired``) when neither comes in time."""

    group: Id = Field(description="rows of one group are versions: the first in force applies")
    holder: Holder = Field(description="who must act: the authority or the party")
    right: bool = Field(
        False,
        description="a right of the holder (hearing, review, suit): "
        "unused by the due date it has lapsed, not become overdue",
    )
    start: SignalPattern
    starts_from: str | None = Field(
        None,
        description=(
            "a date field of the start signal the period runs from (e.g. ended_on); the rule "
            "in force on that day applies"
        ),
    )
    due_field: str | None = Field(
        None,
        description="a date field of the start signal that "
        "is the due date itself (a deadline set in an order)",
    )
    period: PeriodSpec | None = None
    period_field: str | None = Field(
        None, description=("a field (days) of the start signal that sets a shorter period, up to the period")
    )
    roll: bool = Field(
        False, description=("a last day that is not a working day moves to the next working day")
    )
    extension: Extension | None = None
    met_by: tuple[SignalPattern, ...] = Field(min_length=1)
    moot_by: tuple[SignalPattern, ...] = ()
    warn: Warn | None = None
    on_lapse: Text | None = Field(None, description="what the law says follows a lapse")

    @model_validator(mode="after")
    def _consistent(self) -> TimelineDeadline:
        fields = SIGNALS[self.start.signal]
        for key, want in (("starts_from", DATE), ("due_field", DATE), ("period_field", INT)):
            name = getattr(self, key)
            if name is not None and fields.get(name) != want:
                raise ValueError(f"{key}: {self.start.signal} has no {want} field {name!r}")
        if (self.period is None) == (self.due_field is None):
            raise ValueError("give either a period or a due_field")
        if self.period_field is not None and (self.period is None or self.period.days is None):
            raise ValueError("period_field needs a period of days")
        if self.extension is not None and self.start.signal in LATE_SIGNALS:
            raise ValueError("a deadline starting from a late signal cannot be extended")
        for pattern in (*self.met_by, *self.moot_by):
            if pattern.signal in LATE_SIGNALS:
                raise ValueError(f"{pattern.signal} cannot meet or moot a deadline")
        return self


class Halt(Spec):
    """A measure that stops the daily penalty while it halts the discharge."""

    start: SignalPattern
    until: str

    @field_validator("until")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in SIGNALS or value in LATE_SIGNALS:
            raise ValueError(f"unknown signal {value!r}")
        return value


class TimelineDaily(_Row):
    """The daily penalty's counting: from the day after an order to correct to
    the first re-inspection of that order that finds the act continuing (or
    refused, obstructed), less the days a halting measure stopped the discharge;
    the rule in force on the re-inspection day applies."""

    counts_from: Literal["day_after_order"] = "day_after_order"
    stopped_by: tuple[Halt, ...] = ()
    stopped_basis: Basis | None = None


class Pause(Spec):
    start: str
    end: str

    @model_validator(mode="after")
    def _known(self) -> Pause:
        for value in (self.start, self.end):
            if value not in SIGNALS or value in LATE_SIGNALS:
                raise ValueError(f"unknown signal {value!r}")
        return self


class TimelineSurcharge(_Row):
    """The late-payment surcharge: from the day a deadline group lapses, a
    percentage of the unpaid fine a day, optionally capped at the fine and
    paused between signals (review or suit)."""

    after: Id = Field(description="the deadline group whose lapse starts the surcharge")
    rate_percent: Percent
    cap: Literal["fine", "none"]
    pauses: tuple[Pause, ...] = ()


class Trigger(SignalPattern):
    wait: PeriodSpec | None = Field(None, description="available the day after this period")

    @model_validator(mode="after")
    def _plain_wait(self) -> Trigger:
        if self.wait is not None and self.wait.days is None:
            raise ValueError("a wait is a number of days")
        return self


class TimelineMeasure(_Row):
    """A follow-on measure that becomes available once every trigger has
    happened (for the same decision, order or seal-up), unless a cancelling
    signal came; the rule in force on the first trigger's day applies."""

    measure: Id
    after: tuple[Trigger, ...] = Field(min_length=1, max_length=4)
    unless: tuple[SignalPattern, ...] = ()
    taken_by: SignalPattern | None = None

    @model_validator(mode="after")
    def _not_late(self) -> TimelineMeasure:
        for pattern in (*self.unless, *((self.taken_by,) if self.taken_by else ())):
            if pattern.signal in LATE_SIGNALS:
                raise ValueError(f"{pattern.signal} cannot cancel or take a measure")
        return self


class TimelineSection(Spec):
    """The ``timeline:`` section of a ruleset file."""

    deadlines: tuple[TimelineDeadline, ...] = ()
    daily_penalty: tuple[TimelineDaily, ...] = ()
    surcharges: tuple[TimelineSurcharge, ...] = ()
    measures: tuple[TimelineMeasure, ...] = ()


class Holiday(Spec):
    name: str = Field(min_length=1)
    start: Day
    end: Day

    @model_validator(mode="after")
    def _ordered(self) -> Holiday:
        if self.end < self.start:
            raise ValueError(f"holiday ends ({self.end}) before it starts ({self.start})")
        return self


class CalendarYear(Spec):
    """One year's official arrangement of public holidays (放假) and of
    weekend days worked instead (调休上班), with the notice it comes from."""

    year: int = Field(ge=1900, le=2199)
    holidays: tuple[Holiday, ...] = Field(min_length=1)
    workdays: tuple[Day, ...] = ()
    basis: Basis
    also: tuple[Basis, ...] = Field((), description="later notices that changed the year")
    note: str | None = None
