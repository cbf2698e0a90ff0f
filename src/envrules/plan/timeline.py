"""Compiling the case-timeline rules of a profile and its working-day
calendar from the ``timeline:`` and ``calendar:`` sections of every layer
(lowest first; a row may ``replaces:`` an earlier one). The values are in
``plan.timeline_model``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ..core.citation import Citation, ReadOnlyMap
from ..core.dates import Period
from ..core.errors import SourceLocation
from ..rulesets.layers import Layer
from ..rulesets.schema.timeline import (
    CalendarYear,
    SignalPattern,
    TimelineDaily,
    TimelineDeadline,
    TimelineMeasure,
    TimelineSurcharge,
)
from .builder import Builder, cite
from .timeline_model import (
    Pattern,
    Span,
    TCalendar,
    TDaily,
    TDeadline,
    TExtension,
    THalt,
    TimelinePlan,
    TMeasure,
    TSurcharge,
    TTrigger,
    Where,
)


def _where(values: Mapping[str, frozenset[str]]) -> Where:
    return tuple(sorted(values.items()))


def pattern(spec: SignalPattern) -> Pattern:
    return Pattern(spec.signal, _where(spec.values()))


def _case(value: Mapping[str, Any]) -> Where:
    return _where({k: frozenset(v if isinstance(v, list) else [v]) for k, v in value.items()})


def _span(spec: Any) -> Span | None:
    if spec is None:
        return None
    for unit in ("days", "months", "years"):
        n = getattr(spec, unit)
        if n is not None:
            return Span(unit, n, spec.counting == "working")
    raise AssertionError("a period has one unit")  # pragma: no cover (schema ensures it)


def _deadline(row: TimelineDeadline) -> TDeadline:
    ext = row.extension
    return TDeadline(
        row.id,
        row.group,
        row.title,
        row.holder,
        row.right,
        pattern(row.start),
        row.starts_from,
        row.due_field,
        _span(row.period),
        row.period_field,
        row.roll,
        TExtension(ext.signal, ext.max_days, ext.max_times) if ext else None,
        tuple(pattern(p) for p in row.met_by),
        tuple(pattern(p) for p in row.moot_by),
        row.warn.days if row.warn else None,
        row.warn.kind if row.warn else None,
        row.on_lapse,
        _case(row.when_case),
        cite(row.basis),
        Period(row.effective_from, row.effective_to),
        row.note,
        row.at,
    )


def _daily(row: TimelineDaily) -> TDaily:
    return TDaily(
        row.id,
        row.title,
        cite(row.basis),
        Period(row.effective_from, row.effective_to),
        _case(row.when_case),
        tuple(THalt(pattern(h.start), h.until) for h in row.stopped_by),
        cite(row.stopped_basis) if row.stopped_basis else None,
        row.note,
    )


def _surcharge(row: TimelineSurcharge) -> TSurcharge:
    return TSurcharge(
        row.id,
        row.title,
        cite(row.basis),
        Period(row.effective_from, row.effective_to),
        _case(row.when_case),
        row.after,
        row.rate_percent,
        row.cap == "fine",
        tuple((p.start, p.end) for p in row.pauses),
        row.note,
    )


def _measure(row: TimelineMeasure) -> TMeasure:
    return TMeasure(
        row.id,
        row.measure,
        row.title,
        cite(row.basis),
        Period(row.effective_from, row.effective_to),
        _case(row.when_case),
        tuple(TTrigger(pattern(t), _span(t.wait)) for t in row.after),
        tuple(pattern(p) for p in row.unless),
        pattern(row.taken_by) if row.taken_by else None,
        row.note,
    )


class _Rows:
    """Rows of one kind across layers, in order, with ``replaces``."""

    def __init__(self, b: Builder, seen: dict[str, SourceLocation | None]) -> None:
        self.b = b
        self.seen = seen
        self.rows: list[Any] = []
        self.replaced: set[str] = set()

    def add(self, row: Any) -> None:
        if row.id in self.seen:
            self.b.problem(
                f"duplicate timeline rule id {row.id!r} (first at {self.seen[row.id]})",
                f"重复的时间线规则 id {row.id!r}（首次于{self.seen[row.id]}）",
                row.at,
                "duplicate_id",
            )
            return
        self.seen[row.id] = row.at
        if row.replaces is None:
            self.rows.append(row)
            return
        index = next((i for i, old in enumerate(self.rows) if old.id == row.replaces), None)
        if index is None or row.replaces in self.replaced:
            self.b.problem(
                f"timeline rule {row.id!r} replaces {row.replaces!r}, which is not an "
                "earlier rule of its kind (or was replaced already)",
                f"时间线规则{row.id!r}替换的{row.replaces!r}不存在或已被替换",
                row.at,
                "replaces_missing",
            )
            return
        self.replaced.add(row.replaces)
        self.rows[index] = row


def _calendar(b: Builder, years: Sequence[CalendarYear]) -> TCalendar:
    holidays: set[int] = set()
    workdays: set[int] = set()
    covered: dict[int, tuple[Citation, ...]] = {}
    for spec in years:
        if spec.year in covered:
            b.problem(
                f"calendar year {spec.year} is given twice",
                f"日历年份{spec.year}重复",
                spec.at,
                "duplicate_id",
            )
            continue
        covered[spec.year] = (cite(spec.basis), *(cite(x) for x in spec.also))
        days: set[int] = set()
        for h in spec.holidays:
            days.update(range(h.start.toordinal(), h.end.toordinal() + 1))
        for day in spec.workdays:
            if day.toordinal() in days or day.weekday() < 5:
                b.problem(
                    f"calendar {spec.year}: {day} is a holiday or already a working day",
                    f"日历{spec.year}：{day}已是假日或工作日",
                    spec.at,
                    "calendar",
                )
        for day in (*(date.fromordinal(o) for o in days), *spec.workdays):
            if abs(day.year - spec.year) > 1:
                b.problem(
                    f"calendar {spec.year}: {day} is not near that year",
                    f"日历{spec.year}：{day}不在该年附近",
                    spec.at,
                    "calendar",
                )
        holidays |= days
        workdays.update(d.toordinal() for d in spec.workdays)
    return TCalendar(frozenset(holidays), frozenset(workdays), ReadOnlyMap(covered))


def _check(b: Builder, plan: TimelinePlan) -> None:
    groups = plan.groups
    for s in plan.surcharges:
        if s.after not in groups:
            b.problem(
                f"surcharge {s.id}: after names no deadline group {s.after!r}",
                f"加处罚款{s.id}：after 中的期限组{s.after!r}不存在",
                None,
                "unknown_id",
            )
    patterns: list[tuple[str, Pattern]] = [(d.id, d.start) for d in plan.deadlines]
    patterns += [(m.id, t.pattern) for m in plan.measures for t in m.after]
    for rule, p in patterns:
        for key, values in p.where:
            if p.signal == "expired" and key == "deadline" and not values <= groups:
                b.problem(
                    f"timeline rule {rule}: expired.deadline names unknown groups {sorted(values - groups)}",
                    f"时间线规则{rule}：expired.deadline 中的期限组{sorted(values - groups)}不存在",
                    None,
                    "unknown_id",
                )


def compile_timeline(b: Builder, layers: Sequence[Layer]) -> TimelinePlan:
    """The timeline rules and calendar of the layers (lowest first)."""
    seen: dict[str, SourceLocation | None] = {}
    kinds = {name: _Rows(b, seen) for name in ("deadlines", "daily_penalty", "surcharges", "measures")}
    years: list[CalendarYear] = []
    for layer in layers:
        for _, rf in layer.files:
            years.extend(rf.calendar)
            if rf.timeline is None:
                continue
            for name, rows in kinds.items():
                for row in getattr(rf.timeline, name):
                    rows.add(row)
    plan = TimelinePlan(
        tuple(_deadline(r) for r in kinds["deadlines"].rows),
        tuple(_daily(r) for r in kinds["daily_penalty"].rows),
        tuple(_surcharge(r) for r in kinds["surcharges"].rows),
        tuple(_measure(r) for r in kinds["measures"].rows),
        _calendar(b, years),
    )
    _check(b, plan)
    return plan
