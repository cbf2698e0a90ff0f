"""Counting periods: calendar days, working days from the dated holiday
calendar of the rulesets, months and years; the start day is never counted
(a period of 15 days from 3 March ends on 18 March).

A working day is Monday to Friday outside a public holiday, or a weekend day
the official arrangement makes a working day (调休). A count that passes
through a year the calendar does not cover counts Monday to Friday there and
reports the year, so the caller can warn."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

from ..plan.timeline_model import Span, TCalendar

_MAX_STEPS = 200_000


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later; the month's last day if it has none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _cal.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class Calendar:
    """Working days and period arithmetic over a profile's calendar."""

    __slots__ = ("_data",)

    def __init__(self, data: TCalendar) -> None:
        self._data = data

    def covers(self, year: int) -> bool:
        return year in self._data.years

    def is_working(self, day: date) -> bool:
        o = day.toordinal()
        if o in self._data.workdays:
            return True
        if o in self._data.holidays:
            return False
        return day.weekday() < 5

    def _gap(self, day: date, gaps: set[int]) -> None:
        if day.year not in self._data.years:
            gaps.add(day.year)

    def add_working(self, start: date, n: int, gaps: set[int]) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself when n is 0)."""
        day, left = start, n
        for _ in range(_MAX_STEPS):
            if left == 0:
                return day
            day += timedelta(days=1)
            self._gap(day, gaps)
            if self.is_working(day):
                left -= 1
        raise ValueError(f"{n} working days after {start} is beyond the calendar")

    def next_working(self, day: date, gaps: set[int]) -> date:
        """``day`` if it is a working day, else the first working day after it."""
        for _ in range(_MAX_STEPS):
            self._gap(day, gaps)
            if self.is_working(day):
                return day
            day += timedelta(days=1)
        raise ValueError(f"no working day after {day}")  # pragma: no cover

    def add(self, start: date, span: Span, gaps: set[int]) -> date:
        """The last day of ``span`` counted from ``start`` (start day excluded)."""
        if span.unit == "days":
            return self.add_working(start, span.n, gaps) if span.working else (start + timedelta(days=span.n))
        if span.unit == "months":
            return add_months(start, span.n)
        return add_months(start, 12 * span.n)


def count_days(first: date, last: date, gaps: list[tuple[date, date]]) -> tuple[int, int]:
    """Days from ``first`` to ``last`` inclusive, and how many of them fall in
    one of ``gaps`` (inclusive intervals, possibly overlapping)."""
    if last < first:
        return 0, 0
    total = (last - first).days + 1
    excluded = 0
    merged: list[tuple[date, date]] = []
    for a, b in sorted(gaps):
        a, b = max(a, first), min(b, last)
        if b < a:
            continue
        if merged and a <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    for a, b in merged:
        excluded += (b - a).days + 1
    return total, excluded
