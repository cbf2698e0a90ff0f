"""The penalty's steps for the trace, rendered from the compact result only
when a decision's JSON or explanation is built."""

from __future__ import annotations

from ..case import PenaltyOutcome
from ..core.text import Text
from ..plan import PlanRule, PlanTier
from ..plan.fines import text as fine_text
from .penalty_text import grounds_text
from .results import AdjustmentOutcome, BenchmarkScore, Candidate, LimitationResult, PenaltyResult, Step


def penalty_steps(p: PenaltyResult) -> list[Step]:
    """The penalty's steps for the trace, in the order they were decided."""
    applied, lim, bench, outcome = p.applied, p.limitation, p.benchmark, p.outcome
    version, tier = applied.version, applied.tier
    steps = [Step("penalty.version", version.id, p.lighter_law, version.basis, p.kind.title)]
    if tier is not None:
        steps.append(_tier_step(applied, tier))
    if applied.withheld:
        steps.append(_grounds_step(applied))
    if bench is not None:
        steps.append(_benchmark_step(bench))
    # the published list's items that hold, each with its source
    steps.extend(_minor_list_step(row) for row in p.listed)
    if applied.adjusted is not None:
        steps.extend(_adjustment_step(rec) for rec in applied.adjusted.records)
    if lim.rule is not None:
        steps.append(
            Step("penalty.limitation", lim.rule, _limitation_state(lim), lim.basis, None, lim.expired)
        )
    if outcome is PenaltyOutcome.measures_only and tier is not None:
        steps.append(
            Step(
                "penalty.outcome",
                f"{version.id}#{tier.id}",
                Text("法律对此不设罚款：仅采取其他措施", "the law provides no fine here: measures only"),
                tier.basis or version.basis,
            )
        )
    return steps


def _tier_step(applied: Candidate, tier: PlanTier) -> Step:
    version = applied.version
    formula = fine_text(tier.fine)
    if applied.span is not None:
        formula += f" = {applied.span.text()}"
    return Step(
        "penalty.tier",
        f"{version.id}#{tier.id}",
        Text.same(formula),
        tier.basis or version.basis,
        tier.title,
    )


def _grounds_step(applied: Candidate) -> Step:
    version, tier = applied.version, applied.tier
    names = grounds_text(applied.withheld)
    return Step(
        "penalty.grounds",
        f"{version.id}#{tier.id if tier else ''}",
        Text(
            "已作为适用档次、按日连续处罚或裁量基准的情节，不再重复评价：" + "、".join(names),
            "already priced by the tier, the daily penalty or the benchmark, not weighed again: "
            + ", ".join(names),
        ),
        tier.basis or version.basis if tier else version.basis,
    )


def _benchmark_step(bench: BenchmarkScore) -> Step:
    return Step(
        "penalty.benchmark",
        bench.item,
        Text.same(
            "; ".join(f"{f[0]}={f[2]} {f[4]}%" for f in bench.factors)
            + f"; Σ {bench.total_percent}% → {bench.amount}"
        ),
        bench.basis,
        bench.title,
    )


def _minor_list_step(row: PlanRule) -> Step:
    return Step(
        "penalty.minor_violation",
        row.id,
        row.then.reason
        or Text(
            f"列入轻微违法行为清单：{row.title.zh}",
            f"on a published list of minor violations: {row.title.en}",
        ),
        row.basis,
        row.title,
    )


def _adjustment_step(rec: AdjustmentOutcome) -> Step:
    adj = rec.adjustment
    return Step(
        f"penalty.adjustment.{adj.kind.value}",
        adj.id,
        rec.effect,
        adj.basis,
        adj.title,
        rec.applied,
    )


def _limitation_state(lim: LimitationResult) -> Text:
    if lim.expired:
        return Text(
            f"{lim.expires_on}后才发现：超过追责时效，不予行政处罚",
            f"found after {lim.expires_on}: no penalty",
        )
    if lim.runs_from:
        return Text(
            f"{lim.years}年，自{lim.runs_from}起算，至{lim.expires_on}届满",
            f"{lim.years} years from {lim.runs_from}, expiring {lim.expires_on}",
        )
    return Text(
        f"{lim.years}年，违法行为仍在继续，时效尚未起算",
        f"{lim.years} years; the act continues, the period has not started",
    )
