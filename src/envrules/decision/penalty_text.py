"""Small renderers shared by the JSON builder."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..plan import PlanTier
from .results import FlagResult, LimitationResult


def formula_text(tier: PlanTier | None) -> str:
    if tier is None:
        return "—"
    from ..plan.fines import text

    return text(tier.fine)


def grounds_text(grounds: Iterable[tuple[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted(path if member is None else f"{path}:{member}" for path, member in grounds))


def flag(f: FlagResult | None) -> dict[str, Any] | None:
    if f is None:
        return None
    from .data import _cite, _dec, _text, clean

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
    from .data import _cite, _iso, clean

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
