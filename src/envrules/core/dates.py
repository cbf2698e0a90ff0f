"""Dates and periods. Dates are given, never read from the clock; a period is
in force from its first day to its last day, both inclusive."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import attrs

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: Any, what: str = "a date") -> date:
    """A date from a ``date`` or an ISO ``YYYY-MM-DD`` string (ASCII digits).

    Refused: datetimes, timestamps (numbers), impossible days (30 February),
    and days outside 1900–2199."""
    if isinstance(value, datetime):
        raise ValueError(f"{what} is a date (YYYY-MM-DD), not a date and time ({value})")
    if isinstance(value, date):
        result = value
    elif isinstance(value, str):
        if not _ISO.fullmatch(value):
            raise ValueError(f"{what} is written YYYY-MM-DD, not {value!r}")
        try:
            result = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a day of the calendar") from None
    elif isinstance(value, bool | int | float):
        raise ValueError(f"{what} is written YYYY-MM-DD, not a number ({value!r})")
    else:
        raise ValueError(f"{what} is written YYYY-MM-DD, not {type(value).__name__}")
    if not EARLIEST <= result <= LATEST:
        raise ValueError(f"{result.isoformat()} is outside the years envrules handles (1900–2199)")
    return result


def shift_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (negative: earlier); 29 February
    becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@attrs.frozen(slots=True)
class Period:
    """From ``start`` to ``end`` inclusive; ``end`` None is open; ``start``
    None is "since always"."""

    start: date | None = None
    end: date | None = None

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    def contains(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def overlaps(self, other: Period) -> bool:
        return (self.end is None or other.start is None or other.start <= self.end) and (
            other.end is None or self.start is None or self.start <= other.end
        )

    def covers(self, other: Period) -> bool:
        """In force whenever ``other`` is."""
        starts = self.start is None or (other.start is not None and self.start <= other.start)
        ends = self.end is None or (other.end is not None and other.end <= self.end)
        return starts and ends

    def text(self) -> str:
        return f"{self.start or '…'} – {self.end or '…'}"
