"""A decision's JSON data, built straight from the compact result: the same
mapping ``DecisionModel.model_dump(mode="json", exclude_none=True)`` gives, in
the same key order (a test checks the bytes over every scenario), without
constructing a model."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..case import JurisdictionLevel, RegionView
from ..core.citation import Citation
from ..core.money import MoneyRange
from ..core.text import Later, Text, TextLike
from ..plan import Plan, PlanRule, PlanTable
from ..plan.authorities import resolve, successor
from ..rulesets.schema.outcomes import DaysRange, fields_of
from .results import Candidate, PenaltyResult, Result, Step

_NAMED = ("authority", "department", "office", "supervisor", "to", "reports_to")


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


def describe_then(plan: Plan, rule: PlanRule, region: RegionView) -> Text:
    """A rule's outcome for the trace, with authority templates filled in."""
    parts = []
    for key, value in fields_of(rule.then).items():
        if isinstance(value, Text):
            continue
        if key in _NAMED and isinstance(value, str):
            ident, name = resolve(plan, value, region)
            value = f"{ident} ({name})" if name else (ident or value)
        parts.append(f"{key}={value.value if hasattr(value, 'value') else value}")
    return Text.same(", ".join(parts) or "—")


def _entry(
    step: str,
    rule: str,
    outcome: TextLike,
    basis: Citation | None = None,
    title: Text | None = None,
    fired: bool = True,
    note: str | None = None,
) -> dict[str, Any]:
    return clean(
        [
            ("step", step),
            ("rule", rule),
            ("title", _text(title)),
            ("outcome", _text(outcome)),
            ("basis", _cite(basis)),
            ("fired", fired),
            ("note", note),
        ]
    )


def _step(s: Step) -> dict[str, Any]:
    return _entry(s.step, s.rule, s.outcome, s.basis, s.title, s.fired, s.note)


_DESIGNATION = Text(
    "没有管辖规则适用于本案：由共同的上一级机关指定管辖",
    "no jurisdiction rule reaches this case: the common superior must designate the authority (指定管辖)",
)


def _jurisdiction(r: Result) -> dict[str, Any] | None:
    if not r.needs_jurisdiction:
        return None
    plan, region = r.plan, r.region
    rule = r.jurisdiction
    if rule is None:
        d = r.designation
        reason = (d.then.reason or d.title) if d is not None else _DESIGNATION
        return clean(
            [
                ("level", JurisdictionLevel.needs_designation.value),
                ("rule", d.id if d is not None else "jurisdiction.needs_designation"),
                ("basis", _cite(d.basis) if d is not None else None),
                ("reason", _text(reason)),
            ]
        )
    then = rule.then
    ident, name = resolve(plan, then.authority, region)
    now, now_name = successor(plan, ident, r.as_of)
    return clean(
        [
            ("level", then.level.value),
            ("authority", ident),
            ("authority_name", name),
            ("successor", now),
            ("successor_name", now_name),
            ("rule", rule.id),
            ("basis", _cite(rule.basis)),
            ("reason", _text(then.reason or rule.title)),
        ]
    )


def _outcomes(r: Result, table: PlanTable, rule: PlanRule) -> tuple[str, dict[str, Any]] | None:
    plan, region, then = r.plan, r.region, rule.then
    decides = table.decides
    if decides == "transfer":
        to, name = resolve(plan, then.to, region)
        return decides, clean(
            [
                ("to", to or then.to),
                ("to_name", name),
                ("reason", _text(then.reason)),
                ("detention_days", _days(then.detention_days)),
                ("lighter_detention_days", _days(then.lighter_detention_days)),
                ("rule", rule.id),
                ("basis", _cite(rule.basis)),
            ]
        )
    if decides == "department":
        ident, name = resolve(plan, then.department, region)
        now, now_name = successor(plan, ident, r.as_of)
        return decides, clean(
            [
                ("department", ident or then.department),
                ("department_name", name),
                ("successor", now),
                ("successor_name", now_name),
                ("role", then.role.value),
                ("duty", _text(then.duty)),
                ("rule", rule.id),
                ("table", table.id),
                ("basis", _cite(rule.basis)),
            ]
        )
    if decides == "office":
        ident, name = resolve(plan, then.office, region)
        now, now_name = successor(plan, ident, r.as_of)
        return decides, clean(
            [
                ("office", ident or then.office),
                ("office_name", name),
                ("successor", now),
                ("successor_name", now_name),
                ("duty", _text(then.duty)),
                ("rule", rule.id),
                ("basis", _cite(rule.basis)),
            ]
        )
    if decides == "supervision":
        ident, name = resolve(plan, then.supervisor, region)
        return decides, clean(
            [
                ("table", table.id),
                ("enterprise_class", then.enterprise_class),
                ("supervisor", ident),
                ("supervisor_name", name),
                ("inspection", _text(then.inspection)),
                ("sampling_ratio", then.sampling_ratio),
                ("grid_level", then.grid_level),
                ("rule", rule.id),
                ("basis", _cite(rule.basis)),
            ]
        )
    if decides == "monitoring":
        ident, name = resolve(plan, then.authority, region)
        reports, _ = resolve(plan, then.reports_to, region)
        return decides, clean(
            [
                ("table", table.id),
                ("level", then.level.value),
                ("authority", ident),
                ("authority_name", name),
                ("duty", _text(then.duty)),
                ("reports_to", reports),
                ("duty_holder", then.duty_holder),
                ("rule", rule.id),
                ("basis", _cite(rule.basis)),
            ]
        )
    return None


def decision_data(r: Result) -> dict[str, Any]:
    """The decision as JSON data (None values left out)."""
    plan, case = r.plan, r.case
    v = case.violation
    parts: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("transfer", "department", "office", "supervision", "monitoring")
    }
    trace: list[dict[str, Any]] = []
    if r.as_of_source != "decided_on":
        trace.append(
            _entry(
                "dates",
                "dates.as_of",
                Text(
                    f"未给出决定日期：规则按{r.as_of_source} {r.as_of}适用，不与之后的新规定比较轻重",
                    f"decided_on not given: rules taken as of {r.as_of_source} {r.as_of}; the "
                    "lighter-law comparison with a later law is not made",
                ),
            )
        )
    for table, rule in r.hits:
        out = _outcomes(r, table, rule)
        if out is not None:
            parts[out[0]].append(out[1])
        trace.append(
            _entry(
                table.decides,
                rule.id,
                describe_then(plan, rule, r.region),
                rule.basis,
                rule.title,
                True,
                rule.note,
            )
        )
    if r.needs_jurisdiction and r.jurisdiction is None:
        d = r.designation
        trace.append(
            _entry(
                "jurisdiction",
                "jurisdiction.needs_designation",
                (d.then.reason or d.title) if d is not None else _DESIGNATION,
                d.basis if d is not None else None,
            )
        )
    penalty = None
    if r.penalty is not None:
        penalty = penalty_data(r.penalty)
        from .steps import penalty_steps

        trace.extend(_step(s) for s in penalty_steps(r.penalty))
    return clean(
        [
            ("case_id", case.id),
            ("profile", plan.profile),
            ("ruleset_digest", plan.digest),
            ("evaluator", r.evaluator),
            (
                "dates",
                clean(
                    [
                        ("occurred_on", _iso(v.occurred_on if v else None)),
                        ("decided_on", _iso(case.decided_on)),
                        ("as_of", r.as_of.isoformat()),
                        ("as_of_source", r.as_of_source),
                    ]
                ),
            ),
            ("jurisdiction", _jurisdiction(r)),
            ("transfers", parts["transfer"]),
            ("departments", parts["department"]),
            ("office", parts["office"][0] if parts["office"] else None),
            ("supervision", parts["supervision"]),
            ("monitoring", parts["monitoring"]),
            ("penalty", penalty),
            (
                "warnings",
                [
                    clean([("code", w.code), ("field", w.field), ("message", _text(w.message))])
                    for w in r.warnings
                ],
            ),
            ("trace", trace),
        ]
    )


def _candidate(c: Candidate) -> dict[str, Any]:
    from .penalty_text import formula_text

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


def penalty_data(p: PenaltyResult) -> dict[str, Any]:
    from .penalty_text import flag, formula_text, grounds_text, limitation_data

    applied, tier = p.applied, p.applied.tier
    adjusted = applied.adjusted
    b = p.benchmark
    standard = (
        adjusted.standard
        if adjusted is not None and (adjusted.below_minimum or any(rec.applied for rec in adjusted.records))
        else None
    )
    d = p.daily
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
            (
                "benchmark",
                None
                if b is None
                else clean(
                    [
                        ("benchmark", b.benchmark),
                        ("item", b.item),
                        ("title", _text(b.title)),
                        ("start_percent", str(b.start_percent)),
                        ("method", None if b.method == "weighted_sum" else b.method),
                        (
                            "factors",
                            [
                                clean(
                                    [
                                        ("factor", f[0]),
                                        ("title", _text(f[1])),
                                        ("level", f[2]),
                                        ("level_title", f[3]),
                                        ("percent", str(f[4])),
                                        ("established", f[5]),
                                        (
                                            "band",
                                            None
                                            if f[6] is None
                                            else {"min": str(f[6][0]), "max": str(f[6][1])},
                                        ),
                                        ("chosen", f[7] if f[6] is not None else None),
                                    ]
                                )
                                for f in b.factors
                            ],
                        ),
                        ("total_percent", str(b.total_percent)),
                        ("amount", str(b.amount)),
                        ("formula", b.formula),
                    ]
                ),
            ),
            (
                "adjustments",
                [
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
                ],
            ),
            ("withheld_grounds", list(grounds_text(applied.withheld))),
            ("permitted_range", _money(p.permitted)),
            ("recommended", _dec(p.recommended)),
            ("recommended_basis", _text(p.recommended_basis)),
            ("discretion_standard", _cite(standard.basis) if standard is not None else None),
            ("person_fine", _money(p.person_fine)),
            ("measures", [m.value for m in (tier.measures if tier else ())]),
            ("discretionary_measures", [m.value for m in (tier.discretionary_measures if tier else ())]),
            ("limitation", limitation_data(p.limitation)),
            (
                "daily_penalty",
                None
                if d is None
                else clean(
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
                ),
            ),
            ("detention_transfer", applied.version.detention or applied.detention is not None),
            (
                "detention",
                None
                if applied.detention_rule is None
                else clean(
                    [
                        ("days", _days(applied.detention)),
                        ("lighter_days", _days(applied.lighter_detention)),
                        ("rule", applied.detention_rule.id),
                        ("basis", _cite(applied.detention_rule.basis)),
                    ]
                ),
            ),
            ("hearing_right", flag(p.hearing)),
            ("legal_review", flag(p.legal_review)),
            ("collective_deliberation", flag(p.collective)),
            ("missing_facts", list(p.missing)),
        ]
    )
