"""The penalty part of a decision's JSON data (``decision_data``'s ``penalty``),
built from the compact :class:`PenaltyResult` in ``DecisionModel``'s key order."""

from __future__ import annotations

from typing import Any

from .penalty_text import (
    _cite,
    _days,
    _dec,
    _iso,
    _money,
    _text,
    clean,
    flag,
    formula_text,
    grounds_text,
    limitation_data,
)
from .results import Adjusted, BenchmarkScore, Candidate, DailyResult, PenaltyResult


def penalty_data(p: PenaltyResult) -> dict[str, Any]:
    applied, tier = p.applied, p.applied.tier
    adjusted = applied.adjusted
    standard = (
        adjusted.standard
        if adjusted is not None and (adjusted.below_minimum or any(rec.applied for rec in adjusted.records))
        else None
    )
    return clean(
        [
            ("kind", p.kind.id),
            ("kind_title", _text(p.kind.title)),
            ("outcome", p.outcome.value),
            ("outcome_reason", _text(p.outcome_reason)),
            ("candidates", [_candidate(c) for c in p.candidates]),
            ("applied_version", applied.version.id),
            ("lighter_law", _text(p.lighter_law)),
            ("choice_needed", _text(p.choice_needed)),
            ("statutory_range", _money(applied.span)),
            (
                "statutory_basis",
                _cite(tier.basis if tier is not None and tier.basis is not None else applied.version.basis),
            ),
            ("formula", formula_text(tier)),
            ("fine_optional", applied.fine_optional),
            (
                "band",
                _money(applied.span)
                if p.permitted is not None and p.outcome.value in ("fine", "may_waive")
                else None,
            ),
            ("benchmark", None if p.benchmark is None else _benchmark(p.benchmark)),
            ("adjustments", _adjustments(adjusted)),
            ("withheld_grounds", list(grounds_text(applied.withheld))),
            ("permitted_range", _money(p.permitted)),
            ("recommended", _dec(p.recommended)),
            ("recommended_basis", _text(p.recommended_basis)),
            ("discretion_standard", _cite(standard.basis) if standard is not None else None),
            ("person_fine", _money(p.person_fine)),
            ("measures", [m.value for m in (tier.measures if tier else ())]),
            ("discretionary_measures", [m.value for m in (tier.discretionary_measures if tier else ())]),
            ("limitation", limitation_data(p.limitation)),
            ("daily_penalty", None if p.daily is None else _daily(p.daily)),
            ("detention_transfer", applied.version.detention or applied.detention is not None),
            ("detention", _detention(applied)),
            ("hearing_right", flag(p.hearing)),
            ("legal_review", flag(p.legal_review)),
            ("collective_deliberation", flag(p.collective)),
            ("missing_facts", list(p.missing)),
        ]
    )


def _candidate(c: Candidate) -> dict[str, Any]:
    adjusted = c.adjusted
    return clean(
        [
            ("version", c.version.id),
            ("role", c.role),
            ("effective_from", c.version.effective_from.isoformat()),
            ("effective_to", _iso(c.version.effective_to)),
            ("basis", _cite(c.version.basis)),
            ("tier", c.tier.id if c.tier else None),
            ("formula", formula_text(c.tier)),
            ("range", _money(c.span)),
            ("permitted_range", _money(adjusted.permitted) if adjusted is not None else None),
            ("fine_optional", c.fine_optional),
            ("measures", [m.value for m in c.measures]),
            ("detention_days", _days(c.detention)),
            ("daily_penalty", c.daily),
            ("missing_facts", list(c.missing)),
            ("not_illegal", c.version.not_illegal),
            ("compared", c.compared),
        ]
    )


def _benchmark(b: BenchmarkScore) -> dict[str, Any]:
    return clean(
        [
            ("benchmark", b.benchmark),
            ("item", b.item),
            ("title", _text(b.title)),
            ("start_percent", str(b.start_percent)),
            ("method", None if b.method == "weighted_sum" else b.method),
            ("factors", [_factor(f) for f in b.factors]),
            ("total_percent", str(b.total_percent)),
            ("amount", str(b.amount)),
            ("formula", b.formula),
        ]
    )


def _factor(f: tuple[Any, ...]) -> dict[str, Any]:
    """One factor row of a benchmark score (factor, title, level, level title,
    percent, established, band, chosen)."""
    return clean(
        [
            ("factor", f[0]),
            ("title", _text(f[1])),
            ("level", f[2]),
            ("level_title", f[3]),
            ("percent", str(f[4])),
            ("established", f[5]),
            ("band", None if f[6] is None else {"min": str(f[6][0]), "max": str(f[6][1])}),
            ("chosen", f[7] if f[6] is not None else None),
        ]
    )


def _adjustments(adjusted: Adjusted | None) -> list[dict[str, Any]]:
    return [
        clean(
            [
                ("rule", rec.adjustment.id),
                ("kind", rec.adjustment.kind.value),
                ("title", _text(rec.adjustment.title)),
                ("mandatory", rec.adjustment.mandatory),
                ("applied", rec.applied),
                ("basis", _cite(rec.adjustment.basis)),
                ("effect", _text(rec.effect)),
            ]
        )
        for rec in (adjusted.records if adjusted is not None else ())
    ]


def _daily(d: DailyResult) -> dict[str, Any]:
    return clean(
        [
            ("eligible", d.eligible),
            ("basis", _cite(d.basis)),
            ("reason", _text(d.reason)),
            ("rule", d.rule),
            ("counted_from", _iso(d.counted_from)),
            ("counted_to", _iso(d.counted_to)),
            ("days", d.days),
            ("per_day", _dec(d.per_day)),
            ("per_day_source", d.per_day_source),
            ("total", _dec(d.total)),
        ]
    )


def _detention(applied: Candidate) -> dict[str, Any] | None:
    rule = applied.detention_rule
    if rule is None:
        return None
    return clean(
        [
            ("days", _days(applied.detention)),
            ("lighter_days", _days(applied.lighter_detention)),
            ("rule", rule.id),
            ("basis", _cite(rule.basis)),
        ]
    )
