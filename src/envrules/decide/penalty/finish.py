"""The applied version's consequence: limitation, outcome, recommended
amount, person fine, daily penalty, procedural flags — and the penalty's
steps for the trace."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...case import PenaltyOutcome
from ...core.money import ZERO, MoneyRange
from ...core.text import Text
from ...decision.results import Candidate, DailyResult, FlagResult, PenaltyResult
from ...plan import fines
from ..tables import hits
from .daily import daily
from .limitation import limitation
from .outcome import outcome_of, recommended_of
from .procedure import hearing, required

if TYPE_CHECKING:
    from .decide import Env


def _penalty_facts(
    applied: Candidate, outcome: PenaltyOutcome, choice: Text | None, daily_eligible: bool
) -> dict[str, Any]:
    adjusted = applied.adjusted
    permitted = adjusted.permitted if adjusted is not None else None
    tier = applied.tier
    return {
        "penalty.version": applied.version.id,
        "penalty.statute": applied.version.statute,
        "penalty.outcome": outcome.value,
        "penalty.measures": frozenset(tier.measures) if tier is not None else frozenset(),
        "penalty.discretionary_measures": frozenset(tier.discretionary_measures)
        if tier is not None
        else frozenset(),
        "penalty.statutory_min": applied.span.min if applied.span else None,
        "penalty.statutory_max": applied.span.max if applied.span else None,
        "penalty.permitted_min": permitted.min if permitted else None,
        "penalty.permitted_max": permitted.max if permitted else None,
        "penalty.below_minimum": bool(
            adjusted and adjusted.below_minimum and outcome is not PenaltyOutcome.no_penalty
        ),
        "penalty.fine_optional": applied.fine_optional,
        "penalty.detention": applied.detention is not None,
        "penalty.daily_penalty": daily_eligible,
        "penalty.choice_needed": choice is not None,
        "penalty.hearing_right": False,
    }


def finish(
    env: Env, candidates: tuple[Candidate, ...], applied: Candidate, reason: Text, choice: Text | None
) -> PenaltyResult:
    plan, ctx = env.plan, env.ctx
    v = ctx.v
    continuing = env.kind.continuing and v.ended_on is None
    lim = limitation(
        plan, applied.version, env.match, v.ended_on, continuing, v.discovered_on, env.decided, v.occurred_on
    )
    outcome, outcome_reason = outcome_of(applied, lim.expired)
    bench = applied.benchmark
    recommended, how = recommended_of(applied, outcome, bench)
    fined = outcome in (PenaltyOutcome.fine, PenaltyOutcome.may_waive)
    permitted = _permitted(applied, outcome)
    tier = applied.tier
    formula = (tier.person_fine if tier is not None else None) or applied.version.person_fine
    person = fines.compute(formula, v).span if formula is not None and fined else None
    day = _daily(env, applied, recommended) if fined else None
    ctx.x.update(_penalty_facts(applied, outcome, choice, bool(day and day.eligible)))
    flags: tuple[FlagResult | None, ...] = (None, None, None)
    if outcome is not PenaltyOutcome.undetermined or lim.expired:
        flags = _flags(env, permitted, fined or outcome is PenaltyOutcome.measures_only)
    missing = applied.missing if outcome is PenaltyOutcome.undetermined else ()
    listed = plan.procedure.get("minor_violation")
    return PenaltyResult(
        kind=env.kind,
        candidates=candidates,
        applied=applied,
        lighter_law=reason,
        choice_needed=choice,
        outcome=outcome,
        outcome_reason=outcome_reason,
        limitation=lim,
        benchmark=bench,
        permitted=permitted,
        recommended=recommended,
        recommended_basis=how,
        person_fine=person,
        daily=day,
        hearing=flags[0],
        legal_review=flags[1],
        collective=flags[2],
        missing=missing,
        listed=tuple(hits(listed, env.decided, env.match)) if listed is not None else (),
    )


def _daily(env: Env, applied: Candidate, recommended: Any) -> DailyResult | None:
    """The daily penalty of a fined case (the recommended fine, when one amount, is the per-day basis)."""
    return daily(
        env.plan,
        applied.version,
        env.ctx.v,
        env.match,
        env.decided,
        recommended if isinstance(recommended, Decimal) else None,
        applied.span,
    )


def _flags(
    env: Env, permitted: MoneyRange | None, heard: bool
) -> tuple[FlagResult | None, FlagResult | None, FlagResult | None]:
    """Hearing, legal review and collective deliberation, decided on the
    penalty's own facts (``heard``: whether the case may have a hearing at all)."""
    plan, ctx = env.plan, env.ctx
    match = env.bind(ctx)  # the penalty's own facts are now known
    hear = hearing(plan, env.decided, match, permitted) if heard else None
    ctx.x["penalty.hearing_right"] = bool(hear and hear.required)
    match = env.bind(ctx)
    return (
        hear,
        required(plan, "legal_review", env.decided, match),
        required(plan, "collective_deliberation", env.decided, match),
    )


def _permitted(applied: Candidate, outcome: PenaltyOutcome) -> MoneyRange | None:
    if outcome is PenaltyOutcome.no_penalty:
        return MoneyRange(ZERO, ZERO)
    if outcome is PenaltyOutcome.measures_only:
        return applied.span
    if outcome is PenaltyOutcome.undetermined or applied.adjusted is None:
        return None
    return applied.adjusted.permitted
