"""A decision's JSON data, built straight from the compact result: the same
mapping ``DecisionModel.model_dump(mode="json", exclude_none=True)`` gives, in
the same key order (a test checks the bytes over every scenario), without
constructing a model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..case import JurisdictionLevel, RegionView
from ..core.citation import Citation
from ..core.text import Text, TextLike
from ..plan import Plan, PlanRule, PlanTable
from ..plan.authorities import resolve, successor
from ..rulesets.outcomes import fields_of
from .penalty_data import penalty_data
from .penalty_text import _cite, _days, _iso, _text, clean
from .results import Result, Step, WarningResult
from .steps import penalty_steps

_NAMED = ("authority", "department", "office", "supervisor", "to", "reports_to")


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
    # one trace entry (the most frequent mapping of a decision): built key by
    # key, in DecisionModel's order, None values left out
    entry: dict[str, Any] = {"step": step, "rule": rule}
    if title is not None:
        entry["title"] = {"zh": title.zh, "en": title.en}
    if outcome is not None:
        entry["outcome"] = {"zh": outcome.zh, "en": outcome.en}
    if basis is not None:
        entry["basis"] = basis.as_dict()
    entry["fired"] = fired
    if note is not None:
        entry["note"] = note
    return entry


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


def _transfer(r: Result, table: PlanTable, rule: PlanRule) -> dict[str, Any]:
    then = rule.then
    to, name = resolve(r.plan, then.to, r.region)
    return clean(
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


def _department(r: Result, table: PlanTable, rule: PlanRule) -> dict[str, Any]:
    then = rule.then
    ident, name = resolve(r.plan, then.department, r.region)
    now, now_name = successor(r.plan, ident, r.as_of)
    return clean(
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


def _office(r: Result, table: PlanTable, rule: PlanRule) -> dict[str, Any]:
    then = rule.then
    ident, name = resolve(r.plan, then.office, r.region)
    now, now_name = successor(r.plan, ident, r.as_of)
    return clean(
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


def _supervision(r: Result, table: PlanTable, rule: PlanRule) -> dict[str, Any]:
    then = rule.then
    ident, name = resolve(r.plan, then.supervisor, r.region)
    return clean(
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


def _monitoring(r: Result, table: PlanTable, rule: PlanRule) -> dict[str, Any]:
    then = rule.then
    ident, name = resolve(r.plan, then.authority, r.region)
    reports, _ = resolve(r.plan, then.reports_to, r.region)
    return clean(
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


_OUTCOMES: dict[str, Callable[[Result, PlanTable, PlanRule], dict[str, Any]]] = {
    "transfer": _transfer,
    "department": _department,
    "office": _office,
    "supervision": _supervision,
    "monitoring": _monitoring,
}
"""The tables whose hits are listed in the decision, each with its entry's builder."""


def _outcomes(r: Result, table: PlanTable, rule: PlanRule) -> tuple[str, dict[str, Any]] | None:
    build = _OUTCOMES.get(table.decides)
    return None if build is None else (table.decides, build(r, table, rule))


def decision_data(r: Result) -> dict[str, Any]:
    """The decision as JSON data (None values left out)."""
    plan, case = r.plan, r.case
    parts: dict[str, list[dict[str, Any]]] = {k: [] for k in _OUTCOMES}
    trace: list[dict[str, Any]] = []
    if r.as_of_source != "decided_on":
        trace.append(_as_of_entry(r))
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
        trace.append(_designation_entry(r))
    penalty = None
    if r.penalty is not None:
        penalty = penalty_data(r.penalty)

        trace.extend(_step(s) for s in penalty_steps(r.penalty))
    return clean(
        [
            ("case_id", case.id),
            ("profile", plan.profile),
            ("ruleset_digest", plan.digest),
            ("evaluator", r.evaluator),
            ("dates", _dates(r)),
            ("jurisdiction", _jurisdiction(r)),
            ("transfers", parts["transfer"]),
            ("departments", parts["department"]),
            ("office", parts["office"][0] if parts["office"] else None),
            ("supervision", parts["supervision"]),
            ("monitoring", parts["monitoring"]),
            ("penalty", penalty),
            ("warnings", [_warning(w) for w in r.warnings]),
            ("trace", trace),
        ]
    )


def _as_of_entry(r: Result) -> dict[str, Any]:
    """The trace's note that, without a decision date, the rules are taken as of another date."""
    return _entry(
        "dates",
        "dates.as_of",
        Text(
            f"未给出决定日期：规则按{r.as_of_source} {r.as_of}适用，不与之后的新规定比较轻重",
            f"decided_on not given: rules taken as of {r.as_of_source} {r.as_of}; the "
            "lighter-law comparison with a later law is not made",
        ),
    )


def _designation_entry(r: Result) -> dict[str, Any]:
    """The trace's note that no jurisdiction rule reached the case."""
    d = r.designation
    return _entry(
        "jurisdiction",
        "jurisdiction.needs_designation",
        (d.then.reason or d.title) if d is not None else _DESIGNATION,
        d.basis if d is not None else None,
    )


def _dates(r: Result) -> dict[str, Any]:
    v = r.case.violation
    return clean(
        [
            ("occurred_on", _iso(v.occurred_on if v else None)),
            ("decided_on", _iso(r.case.decided_on)),
            ("as_of", r.as_of.isoformat()),
            ("as_of_source", r.as_of_source),
        ]
    )


def _warning(w: WarningResult) -> dict[str, Any]:
    return clean([("code", w.code), ("field", w.field), ("message", _text(w.message))])
