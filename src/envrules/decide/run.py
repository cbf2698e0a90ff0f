"""Deciding one case: the path of a decision (docs/design.md).

check the case against the profile → the evaluation context (region
completed, supplied facts) → the penalty (versions, grounds, adjustments,
procedure) → every decision table at its date (transfers at the date of the
law applied) → a compact :class:`Result`."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from datetime import date
from typing import Any

from ..case import SUPPLIED, Case, Context, FactType
from ..core.errors import CaseError, NoVersionInForce
from ..core.money import CONTEXT
from ..decision.results import PenaltyResult, Result, WarningResult
from ..evaluate import Evaluator, Matcher
from ..plan import Plan, PlanRule, PlanTable
from .penalty import Env, decide_penalty
from .penalty.procedure import first_violation
from .tables import first_hit, hits
from .validation import RegionCache, check_case

_PLACEHOLDER: dict[str, Any] = {
    path: (frozenset() if t is FactType.ENUM_SET else False if t is FactType.BOOL else None)
    for path, (t, _v, _s, _d) in SUPPLIED.items()
}


def as_of(case: Case) -> tuple[date, str]:
    """The decision date, or the date the decision says it used instead."""
    if case.decided_on is not None:
        return case.decided_on, "decided_on"
    v = case.violation
    assert v is not None
    if v.discovered_on is not None:
        return v.discovered_on, "discovered_on"
    return v.occurred_on, "occurred_on"


def _supplied(plan: Plan, case: Case, on: date, ctx: Context, bind: Callable[[Context], Matcher]) -> None:
    """Facts the profile supplies: delegation, first violation, listed minor."""
    v = case.violation
    x = ctx.x
    if v is None:
        return
    x["violation.delegated_to_township"] = plan.delegated(v.kind, on)
    x["violation.environmental"] = plan.kinds[v.kind].environmental
    priors = tuple((p.decided_on, p.kind, p.penalized) for p in case.enterprise.prior_violations)
    x["violation.first_violation"] = first_violation(
        plan, v.occurred_on, bind(ctx), "first_offense" in v.circumstances, priors, v.kind
    )[0]
    minor = plan.procedure.get("minor_violation")
    # bound again: an item of the list may test the first violation just supplied (an
    # evaluator may read the facts when bound, not when matching)
    x["violation.listed_minor"] = bool(minor and hits(minor, on, bind(ctx)))


def run(plan: Plan, evaluator: Evaluator, regions: RegionCache, case: Case) -> Result:
    region = check_case(case, plan, regions)
    on, source = as_of(case)
    ctx = Context(case, region, _PLACEHOLDER)
    v = case.violation
    penalty, warnings, law_date = None, [], None
    if v is None:
        match = evaluator.bind(ctx)
    else:
        penalty, raised, match = _penalty(plan, evaluator, case, on, ctx)
        warnings = [WarningResult(*w) for w in raised]  # type: ignore[misc]
        law_date = penalty.applied.reference
    fired = _fired(plan, match, on, v, law_date)
    jurisdiction = next((r for t, r in fired if t.decides == "jurisdiction"), None)
    designation = None
    if jurisdiction is None and v is not None:
        designation = first_hit(plan.procedure.get("designation"), on, match)
    if source != "decided_on":
        warnings.insert(0, WarningResult("no_decision_date", "decided_on", _NO_DATE[source]))
    return Result(
        plan,
        case,
        region,
        evaluator.name,
        on,
        source,
        fired,
        jurisdiction,
        designation,
        v is not None or jurisdiction is not None,
        penalty,
        tuple(warnings),
    )


def _penalty(
    plan: Plan, evaluator: Evaluator, case: Case, on: date, ctx: Context
) -> tuple[PenaltyResult, tuple[object, ...], Matcher]:
    """The penalty and its warnings, and the matcher with the facts it supplied."""
    v = case.violation
    assert v is not None
    with decimal.localcontext(CONTEXT):  # money: never the caller's decimal settings
        _supplied(plan, case, on, ctx, evaluator.bind)
        bind = evaluator.bind
        env = Env(plan, plan.kinds[v.kind], ctx, bind(ctx), bind, on, case.decided_on is not None)
        try:
            penalty, raised = decide_penalty(env)
        except NoVersionInForce as exc:
            raise CaseError(exc.problems, case.id) from None
    return penalty, raised, env.match


def _fired(
    plan: Plan, match: Matcher, on: date, v: Any, law_date: date | None
) -> tuple[tuple[PlanTable, PlanRule], ...]:
    """Every decision table's rules that decide, in table order, each table at its date."""
    fired: list[tuple[PlanTable, PlanRule]] = []
    for table in plan.tables:
        found = hits(table, v.occurred_on if v is not None and table.as_of == "occurred_on" else on, match)
        if law_date is not None and table.decides == "transfer":
            # detention is a penalty: taken under the law applied (从旧兼从轻, 整体适用);
            # the other transfers are procedure, at the table's own date
            found = [r for r in found if r.then.detention_days is None] + [
                r for r in hits(table, law_date, match) if r.then.detention_days is not None
            ]
        for rule in found:
            fired.append((table, rule))
    return tuple(fired)


def _no_date(source: str) -> Any:
    from ..core.text import Text

    day = "发现日" if source == "discovered_on" else "违法行为发生日"
    return Text.of(
        f"未给出决定日期：规则按{day}适用，不与之后的新规定比较轻重",
        f"decided_on not given: rules taken as of {source}; the lighter-law comparison "
        "with a later law is not made",
    )


_NO_DATE = {s: _no_date(s) for s in ("discovered_on", "occurred_on")}
