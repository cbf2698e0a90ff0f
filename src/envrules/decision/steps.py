"""The penalty's steps for the trace, rendered from the compact result only
when a decision's JSON or explanation is built."""

from __future__ import annotations

from ..case import PenaltyOutcome
from ..core.text import Text
from ..plan.fines import text as fine_text
from .penalty_text import grounds_text
from .results import PenaltyResult, Step


def penalty_steps(p: PenaltyResult) -> list[Step]:
    """The penalty's steps for the trace, in the order they were decided."""
    applied, lim, bench, outcome = p.applied, p.limitation, p.benchmark, p.outcome
    version, tier = applied.version, applied.tier
    steps = [Step("penalty.version", version.id, p.lighter_law, version.basis, p.kind.title)]
    if tier is not None:
        formula = fine_text(tier.fine)
        if applied.span is not None:
            formula += f" = {applied.span.text()}"
        steps.append(
            Step(
                "penalty.tier",
                f"{version.id}#{tier.id}",
                Text.same(formula),
                tier.basis or version.basis,
                tier.title,
            )
        )
    if applied.withheld:
        names = grounds_text(applied.withheld)
        steps.append(
            Step(
                "penalty.grounds",
                f"{version.id}#{tier.id if tier else ''}",
                Text(
                    "已作为适用档次、按日连续处罚或裁量基准的情节，不再重复评价：" + "、".join(names),
                    "already priced by the tier, the daily penalty or the benchmark, not weighed again: "
                    + ", ".join(names),
                ),
                tier.basis or version.basis if tier else version.basis,
            )
        )
    if bench is not None:
        steps.append(
            Step(
                "penalty.benchmark",
                bench.item,
                Text.same(
                    "; ".join(f"{f[0]}={f[2]} {f[4]}%" for f in bench.factors)
                    + f"; Σ {bench.total_percent}% → {bench.amount}"
                ),
                bench.basis,
                bench.title,
            )
        )
    for row in p.listed:  # the published list's items that hold, each with its source
        steps.append(
            Step(
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
        )
    if applied.adjusted is not None:
        for rec in applied.adjusted.records:
            adj = rec.adjustment
            steps.append(
                Step(
                    f"penalty.adjustment.{adj.kind.value}",
                    adj.id,
                    rec.effect,
                    adj.basis,
                    adj.title,
                    rec.applied,
                )
            )
    if lim.rule is not None:
        state = (
            Text(
                f"{lim.expires_on}后才发现：超过追责时效，不予行政处罚",
                f"found after {lim.expires_on}: no penalty",
            )
            if lim.expired
            else Text(
                f"{lim.years}年，自{lim.runs_from}起算，至{lim.expires_on}届满",
                f"{lim.years} years from {lim.runs_from}, expiring {lim.expires_on}",
            )
            if lim.runs_from
            else Text(
                f"{lim.years}年，违法行为仍在继续，时效尚未起算",
                f"{lim.years} years; the act continues, the period has not started",
            )
        )
        steps.append(Step("penalty.limitation", lim.rule, state, lim.basis, None, lim.expired))
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
