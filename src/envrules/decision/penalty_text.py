"""Small renderers shared by the JSON builders (``data``, ``penalty_data``):
texts, citations, amounts, dates, and mappings without their None values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from ..core.citation import Citation
from ..core.money import MoneyRange
from ..core.text import Later, Text
from ..plan import PlanTier
from ..plan.fines import text
from ..rulesets.outcomes import DaysRange
from .results import FlagResult, LimitationResult


def _text(t: Text | Later | None) -> dict[str, str] | None:
    return None if t is None else {"zh": t.zh, "en": t.en}


def _cite(c: Citation | None) -> dict[str, str] | None:
    return None if c is None else c.as_dict()


def _money(r: MoneyRange | None) -> dict[str, str] | None:
    return None if r is None else {"min": str(r.min), "max": str(r.max)}


def _days(r: DaysRange | None) -> dict[str, int] | None:
    return None if r is None else {"min": r.min, "max": r.max}


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _dec(x: Decimal | None) -> str | None:
    return None if x is None else str(x)


def clean(items: list[tuple[str, Any]]) -> dict[str, Any]:
    """A mapping without its None values (exclude_none)."""
    return {k: v for k, v in items if v is not None}


def formula_text(tier: PlanTier | None) -> str:
    if tier is None:
        return "—"
    return text(tier.fine)


def grounds_text(grounds: Iterable[tuple[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted(path if member is None else f"{path}:{member}" for path, member in grounds))


def flag(f: FlagResult | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return clean(
        [
            ("required", f.required),
            ("reason", _text(f.reason)),
            ("basis", _cite(f.basis)),
            ("rule", f.rule),
            ("threshold", _dec(f.threshold)),
        ]
    )


def limitation_data(lim: LimitationResult) -> dict[str, Any]:
    return clean(
        [
            ("years", lim.years),
            ("found_on", _iso(lim.found_on)),
            ("runs_from", _iso(lim.runs_from)),
            ("expires_on", _iso(lim.expires_on)),
            ("expired", lim.expired),
            ("rule", lim.rule),
            ("basis", _cite(lim.basis)),
        ]
    )
