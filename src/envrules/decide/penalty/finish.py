"""The applied version's consequence: limitation, outcome, recommended
amount, person fine, daily penalty, procedural flags — and the penalty's
steps for the trace."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...case import PenaltyOutcome
from ...core.money import ZERO, MoneyRange
from ...core.text import Text
from ...decision.results import Candidate, FlagResult, PenaltyResult, Step
from ...plan import fines
from ..tables import hits
from .daily import daily
from .grounds import describe
from .limitation import limitation
from .outcome import outcome_of, recommended_of
from .procedure import hearing, required

if TYPE_CHECKING:
    from .decide import Env


def _penalty_facts(applied: Candidate, outcome: PenaltyOutcome, choice: Text | None,
                   daily_eligible: bool) -> dict[str, Any]:
    adjusted = applied.adjusted
    permitted = adjusted.permitted if adjusted is not None else None
    tier = applied.tier
    return {
        "penalty.version": applied.version.id, "penalty.statute": applied.version.statute,
        "penalty.outcome": outcome.value,
        "penalty.measures": frozenset(tier.measures) if tier is not None else frozenset(),
        "penalty.discretionary_measures": frozenset(tier.discretionary_measures)
        if tier is not None else frozenset(),
        "penalty.statutory_min": applied.span.min if applied.span else None,
        "penalty.statutory_max": applied.span.max if applied.span else None,
        "penalty.permitted_min": permitted.min if permitted else None,
        "penalty.permitted_max": permitted.max if permitted else None,
        "penalty.below_minimum": bool(adjusted and adjusted.below_minimum
                                      and outcome is not PenaltyOutcome.no_penalty),
        "penalty.fine_optional": applied.fine_optional,
        "penalty.detention": applied.detention is not None,
        "penalty.daily_penalty": daily_eligible,
        "penalty.choice_needed": choice is not None,
        "penalty.hearing_right": False,
    }


def finish(env: Env, candidates: tuple[Candidate, ...], applied: Candidate, reason: Text,
           choice: Text | None) -> PenaltyResult:
    plan, ctx = env.plan, env.ctx
    v = ctx.v
    continuing = env.kind.continuing and v.ended_on is None
    lim = limitation(plan, applied.version, env.match, v.ended_on, continuing, v.discovered_on,
                     env.decided, v.occurred_on)
    outcome, outcome_reason = outcome_of(applied, lim.expired)
    bench = applied.benchmark
    recommended, how = recommended_of(applied, outcome, bench)
    fined = outcome in (PenaltyOutcome.fine, PenaltyOutcome.may_waive)
    permitted = _permitted(applied, outcome)
    person = None
    tier = applied.tier
    formula = (tier.person_fine if tier is not None else None) or applied.version.person_fine
    if formula is not None and fined:
        person = fines.compute(formula, v).span
    day = daily(plan, applied.version, v, env.match, env.decided,
                recommended if isinstance(recommended, Decimal) else None,
                applied.span) if fined else None
    ctx.x.update(_penalty_facts(applied, outcome, choice, bool(day and day.eligible)))
    flags: tuple[FlagResult | None, ...] = (None, None, None)
    if outcome is not PenaltyOutcome.undetermined or lim.expired:
        match = env.bind(ctx)  # the penalty's own facts are now known
        hear = hearing(plan, env.decided, match, permitted) if fined or \
            outcome is PenaltyOutcome.measures_only else None
        ctx.x["penalty.hearing_right"] = bool(hear and hear.required)
        match = env.bind(ctx)
        flags = (hear, required(plan, "legal_review", env.decided, match),
                 required(plan, "collective_deliberation", env.decided, match))
    steps = _steps(env, applied, reason, lim, bench, outcome)
    missing = applied.missing if outcome is PenaltyOutcome.undetermined else ()
    return PenaltyResult(
        kind=env.kind, candidates=candidates, applied=applied, lighter_law=reason,
        choice_needed=choice, outcome=outcome, outcome_reason=outcome_reason, limitation=lim,
        steps=steps, benchmark=bench, permitted=permitted, recommended=recommended,
        recommended_basis=how, person_fine=person, daily=day, hearing=flags[0],
        legal_review=flags[1], collective=flags[2], missing=missing)


def _permitted(applied: Candidate, outcome: PenaltyOutcome) -> MoneyRange | None:
    if outcome is PenaltyOutcome.no_penalty:
        return MoneyRange(ZERO, ZERO)
    if outcome is PenaltyOutcome.measures_only:
        return applied.span
    if outcome is PenaltyOutcome.undetermined or applied.adjusted is None:
        return None
    return applied.adjusted.permitted


def _steps(env: Env, applied: Candidate, reason: Text, lim: Any, bench: Any,
           outcome: PenaltyOutcome) -> tuple[Step, ...]:
    version, tier = applied.version, applied.tier
    steps = [Step("penalty.version", version.id, reason, version.basis, env.kind.title)]
    if tier is not None:
        formula = fines.text(tier.fine)
        if applied.span is not None:
            formula += f" = {applied.span.text()}"
        steps.append(Step("penalty.tier", f"{version.id}#{tier.id}", Text.same(formula),
                          tier.basis or version.basis, tier.title))
    if applied.withheld:
        names = describe(applied.withheld)
        steps.append(Step("penalty.grounds", f"{version.id}#{tier.id if tier else ''}", Text(
            "已作为适用档次、按日连续处罚或裁量基准的情节，不再重复评价：" + "、".join(names),
            "already priced by the tier, the daily penalty or the benchmark, not weighed again: "
            + ", ".join(names)), tier.basis or version.basis if tier else version.basis))
    if bench is not None:
        steps.append(Step("penalty.benchmark", bench.item, Text.same(
            "; ".join(f"{f[0]}={f[2]} {f[4]}%" for f in bench.factors)
            + f"; Σ {bench.total_percent}% → {bench.amount}"), bench.basis, bench.title))
    steps.extend(_listed(env))
    if applied.adjusted is not None:
        for rec in applied.adjusted.records:
            adj = rec.adjustment
            steps.append(Step(f"penalty.adjustment.{adj.kind.value}", adj.id, rec.effect,
                              adj.basis, adj.title, rec.applied))
    if lim.rule is not None:
        state = (Text(f"{lim.expires_on}后才发现：超过追责时效，不予行政处罚",
                      f"found after {lim.expires_on}: no penalty") if lim.expired else
                 Text(f"{lim.years}年，自{lim.runs_from}起算，至{lim.expires_on}届满",
                      f"{lim.years} years from {lim.runs_from}, expiring {lim.expires_on}")
                 if lim.runs_from else
                 Text(f"{lim.years}年，违法行为仍在继续，时效尚未起算",
                      f"{lim.years} years; the act continues, the period has not started"))
        steps.append(Step("penalty.limitation", lim.rule, state, lim.basis, None, lim.expired))
    if outcome is PenaltyOutcome.measures_only and tier is not None:
        steps.append(Step("penalty.outcome", f"{version.id}#{tier.id}", Text(
            "法律对此不设罚款：仅采取其他措施", "the law provides no fine here: measures only"),
            tier.basis or version.basis))
    return tuple(steps)


def _listed(env: Env) -> list[Step]:
    """The items of the profile's list of minor violations that hold for the
    case on the decision date (violation.listed_minor), each with its source."""
    table = env.plan.procedure.get("minor_violation")
    if table is None:
        return []
    return [Step("penalty.minor_violation", row.id, row.then.reason or Text(
        f"列入轻微违法行为清单：{row.title.zh}", f"on a published list of minor violations: "
        f"{row.title.en}"), row.basis, row.title) for row in hits(table, env.decided, env.match)]
