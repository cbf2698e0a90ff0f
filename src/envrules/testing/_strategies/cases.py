"""Strategies that build valid cases from a compiled plan's own vocabulary:
its violation kinds, regions, matters and the dates on which law versions
change (and the day before each). Valid by construction: nothing is filtered,
so generation never stalls, and lists are ordered simplest first so shrunk
examples read well."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ... import Case, Engine
from ...case import (
    AccidentGrade,
    Circumstance,
    DiscoveryChannel,
    EiaDocument,
    EnterpriseKind,
    Harm,
    Medium,
    MonitoredLevel,
    ReinspectionResult,
    Severity,
    Size,
)
from ...plan import Plan

_SPAN = timedelta(days=5 * 366)


def _window(plan: Plan) -> tuple[date, date]:
    """The days cases are drawn from: the plan's own versions, and five years past
    its last change (no calendar written here: the law's dates are in the plan)."""
    starts = [v.effective_from for k in plan.kinds.values() for v in k.versions]
    if not starts:
        raise ValueError("the plan has no violation kinds to draw cases of")
    # not before the plan's own procedure law (limitation, designation) is in force
    procedure = [
        min((r.period.start for r in t.rules if r.period.start), default=None)
        for name, t in plan.procedure.items()
        if name in ("limitation", "designation")
    ]
    floor = max((d for d in procedure if d is not None), default=min(starts))
    return max(min(starts), floor), max(starts) + _SPAN


def _plan(target: Engine | Plan) -> Plan:
    if isinstance(target, Engine):
        return target.plan
    if isinstance(target, Plan):
        return target
    raise TypeError(f"expected an Engine or a Plan, got {type(target).__name__} (argument target)")


def boundary_dates(plan: Plan, kinds: Sequence[str] | None = None) -> list[date]:
    """The days on which a version of the given kinds (or a rule) starts or
    ends, and the day next to each: where date logic breaks if it breaks."""
    days: set[date] = set()
    for table in plan.all_tables():
        for rule in table.rules:
            for edge in (rule.period.start, rule.period.end):
                if edge is not None:
                    days |= {edge, edge + timedelta(days=1), edge - timedelta(days=1)}
    for kind in plan.kinds.values():
        if kinds is not None and kind.id not in kinds:
            continue
        for v in kind.versions:
            days |= {v.effective_from, v.effective_from - timedelta(days=1)}
            if v.effective_to is not None:
                days |= {v.effective_to, v.effective_to + timedelta(days=1)}
    earliest, latest = _window(plan)
    return sorted(d for d in days if earliest <= d <= latest)


def _prior(draw: st.DrawFn, occurred: date, kinds: Sequence[str]) -> dict[str, Any]:
    back = draw(st.integers(1, 2000))
    return {
        "decided_on": (occurred - timedelta(days=back)).isoformat(),
        "kind": draw(st.sampled_from(list(kinds))),
        "penalized": draw(st.booleans()),
    }


def money(max_value: int = 500_000_000) -> st.SearchStrategy[Decimal]:
    """Whole-yuan amounts, with the statute's round figures over-represented."""
    round_figures = [
        Decimal(x)
        for x in (0, 1, 10_000, 50_000, 100_000, 200_000, 1_000_000, 5_000_000, 10_000_000, 100_000_000)
        if x <= max_value
    ]
    return st.one_of(st.sampled_from(round_figures), st.integers(0, max_value).map(Decimal))


def circumstances(max_size: int = 4) -> st.SearchStrategy[frozenset[str]]:
    """Sets of circumstances, every one reachable, shrinking towards the empty set."""
    # a list mapped to a set (not st.frozensets): deleting an element always shrinks, so the
    # shrunk case names only the circumstances its failure needs
    return st.lists(st.sampled_from([c.value for c in Circumstance]), max_size=max_size).map(frozenset)


def regions(target: Engine | Plan) -> st.SearchStrategy[dict[str, Any]]:
    plan = _plan(target)
    counties = sorted(r.id for r in plan.regions.values() if r.level == "county")
    townships = sorted(r.id for r in plan.regions.values() if r.level == "township")
    if not counties:
        return st.just({})
    options: list[st.SearchStrategy[dict[str, Any]]] = [
        st.sampled_from(counties).map(lambda c: {"county": c}),
        st.lists(st.sampled_from(counties), min_size=2, max_size=3, unique=True).map(
            lambda cs: {"counties": cs}
        ),
        st.builds(
            lambda c, central: {"county": c, "central_urban_area": central},
            st.sampled_from(counties),
            st.booleans(),
        ),
    ]
    if townships:
        options.append(st.sampled_from(townships).map(lambda t: {"township": t}))
        options.append(
            st.lists(st.sampled_from(townships), min_size=2, max_size=3, unique=True).map(
                lambda ts: {"townships": ts}
            )
        )
    return st.one_of(options)


def enterprises() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"kind": st.sampled_from([k.value for k in EnterpriseKind])},
        optional={
            "size": st.sampled_from([s.value for s in Size]),
            "key_discharger": st.booleans(),
            "monitored_level": st.sampled_from([m.value for m in MonitoredLevel]),
        },
    )


@st.composite
def violations(
    draw: st.DrawFn,
    target: Engine | Plan,
    kinds: Sequence[str] | None = None,
    dates: Sequence[date] | None = None,
) -> dict[str, Any]:
    """A valid violation of one of the plan's kinds."""
    plan = _plan(target)
    known = sorted(plan.kinds)
    chosen = list(kinds) if kinds is not None else known
    for k in chosen:
        if k not in plan.kinds:
            raise ValueError(f"unknown kind {k!r} (argument kinds); known: {', '.join(known)}")
    kind = draw(st.sampled_from(chosen))
    kplan = plan.kinds[kind]
    earliest, latest = _window(plan)
    first = max(kplan.versions[0].effective_from, earliest)
    candidates = [d for d in (dates or boundary_dates(plan, [kind])) if d >= first]
    occurred = draw(
        st.one_of(st.sampled_from(candidates), st.dates(first, latest))
        if candidates
        else st.dates(first, latest)
    )
    out: dict[str, Any] = {"kind": kind, "occurred_on": occurred.isoformat()}
    optional = {
        "eia_document": st.sampled_from([e.value for e in EiaDocument]),
        "severity": st.sampled_from([s.value for s in Severity]),
        "accident_grade": st.sampled_from([a.value for a in AccidentGrade]),
        "harm": st.sampled_from([h.value for h in Harm]),
        "medium": st.sampled_from([m.value for m in Medium]),
        "pollution_or_damage": st.booleans(),
        "investment": money().map(str),
        "illegal_gain": money(10_000_000).map(str),
        "cost": money(10_000_000).map(str),
        "direct_loss": money(100_000_000).map(str),
        "units": st.integers(0, 50),
        "continuing_days": st.integers(0, 400),
        "life_health_or_financial_safety": st.booleans(),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            out[key] = draw(strategy)
    # circumstances are drawn every time (simplest first: the empty set)
    drawn = draw(circumstances())
    if drawn:
        out["circumstances"] = sorted(drawn)
    if draw(st.booleans()):
        ordered = occurred + timedelta(days=draw(st.integers(0, 200)))
        out["order_to_correct_on"] = ordered.isoformat()
        out["reinspected_on"] = (ordered + timedelta(days=draw(st.integers(0, 60)))).isoformat()
        out["reinspection_result"] = draw(st.sampled_from([r.value for r in ReinspectionResult]))
        if draw(st.booleans()):
            out["original_fine"] = draw(money(1_000_000).map(str))
    ended = draw(st.one_of(st.none(), st.integers(0, 1500)))
    if ended is not None:
        out["ended_on"] = (occurred + timedelta(days=ended)).isoformat()
        if draw(st.booleans()):
            out["discovered_on"] = (occurred + timedelta(days=ended + draw(st.integers(0, 2000)))).isoformat()
    return out


@st.composite
def case_dicts(
    draw: st.DrawFn,
    target: Engine | Plan,
    kinds: Sequence[str] | None = None,
    dates: Sequence[date] | None = None,
) -> dict[str, Any]:
    """A valid case as the JSON-like dict a caller would send."""
    plan = _plan(target)
    violation = draw(violations(plan, kinds, dates))
    occurred = date.fromisoformat(violation["occurred_on"])
    case: dict[str, Any] = {"violation": violation}
    if draw(st.integers(0, 4)) > 0:
        later = [d for d in boundary_dates(plan) if d >= occurred]
        latest = _window(plan)[1]
        decided = draw(
            st.one_of(st.sampled_from(later), st.dates(occurred, latest))
            if later
            else st.dates(occurred, latest)
        )
        for field in ("discovered_on", "reinspected_on", "ended_on"):
            if field in violation:
                decided = max(decided, date.fromisoformat(violation[field]))
        case["decided_on"] = decided.isoformat()
    case["region"] = draw(regions(plan))
    enterprise = draw(enterprises())
    if draw(st.integers(0, 3)) == 0:
        enterprise["prior_violations"] = [
            _prior(draw, occurred, sorted(plan.kinds)) for _ in range(draw(st.integers(1, 4)))
        ]
    case["enterprise"] = enterprise
    procedure: dict[str, Any] = {}
    if draw(st.booleans()):
        procedure["discovered_through"] = draw(st.sampled_from([d.value for d in DiscoveryChannel]))
    if draw(st.booleans()):
        procedure["city_wide_impact"] = draw(st.booleans())
    if procedure:
        case["procedure"] = procedure
    return case


def cases(
    target: Engine | Plan, kinds: Sequence[str] | None = None, dates: Sequence[date] | None = None
) -> st.SearchStrategy[Case]:
    """Valid :class:`~envrules.Case` objects for a profile's engine (or plan)."""
    return case_dicts(target, kinds, dates).map(Case.model_validate)
