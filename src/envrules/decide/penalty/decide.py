"""The penalty part of a decision, in the order a legal-review office checks
it: the versions of the law and the one applied (从旧兼从轻, 整体适用), the
limitation, the tier and statutory range, the benchmark, the grounds withheld
(禁止重复评价), the adjustments, the outcome and the recommended amount, the
daily penalty, detention, and the procedural flags. Pure: a function of the
plan, the case and its dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs

from ...case import Context
from ...core.text import Text
from ...decision.results import Candidate, PenaltyResult
from ...evaluate import Matcher
from ...plan import Plan, PlanKind, fines
from ..tables import hits
from .adjustments import adjust
from .benchmark import choice_warnings, find_item, score
from .daily import GROUNDS as DAILY_GROUNDS
from .daily import eligible
from .finish import finish
from .grounds import mask, present
from .outcome import case_facts
from .versions import ACT, choose, compare

Binder = Callable[[Context], Matcher]


@attrs.define(slots=True)
class Env:
    plan: Plan
    kind: PlanKind
    ctx: Context
    match: Matcher
    bind: Binder
    decided: date  # the decision date (or the date used instead)
    decided_given: bool
    act: date = attrs.field(default=None)  # the act's date for its law (its end, if continuing)


def _evaluate(env: Env, version: object, role: str, reference: date, compared: bool) -> Candidate:
    plan, ctx, match = env.plan, env.ctx, env.match
    tier = next((t for t in version.tiers if match(t.cond)), None)  # type: ignore[attr-defined]
    missing: tuple[str, ...] = ()
    span = known = None
    if tier is not None and tier.refers_to is None:
        fr = fines.compute(tier.fine, ctx.v)
        span, missing, known = fr.span, fr.missing, fr.known_minimum
    elif tier is None:
        missing = tuple(p for p in case_facts(version) if _unset(ctx, p))
    if not compared:
        return Candidate(version, role, tier, span, missing, known, False, reference)  # type: ignore[arg-type]
    detention = _detention(env, reference)
    is_daily = version.daily_penalty and eligible(ctx.v)  # type: ignore[attr-defined]
    grounds = set(tier.grounds if tier is not None else ()) | (DAILY_GROUNDS if is_daily else set())
    bench = None
    if span is not None:
        found = find_item(plan, env.kind.id, version, env.decided, match)  # type: ignore[arg-type]
        if found is not None:
            bench = score(plan, found[0], found[1], match, span, ctx)
            if bench is not None:
                grounds |= bench.grounds
    for link in plan.ground_links:  # facts judged together are withheld together
        if link.period.contains(env.decided) and (link.withheld, None) in grounds:
            grounds |= {(path, None) for path in link.also}
    withheld = present(ctx, grounds)
    masked = env.bind(mask(ctx, withheld)) if withheld else match
    adjusted = adjust(
        plan,
        env.kind.id,
        version,  # type: ignore[arg-type]
        reference,
        env.act,
        env.decided,
        masked,
        span,
        match if withheld else None,
    )
    return Candidate(
        version,  # type: ignore[arg-type]
        role,
        tier,
        span,
        missing,
        known,
        True,
        reference,
        adjusted,
        detention[0],
        detention[1],
        detention[2],
        is_daily,
        withheld,
        bench,
    )


def _unset(ctx: Context, path: str) -> bool:
    from ...case import FACTS, reader

    fact = FACTS.get(path)
    if fact is None or fact.derived:
        return False
    return reader(path)(ctx.c, ctx.v, ctx.e, ctx.r, ctx.p, ctx.x) is None


def _detention(env: Env, on: date) -> tuple[Any, Any, Any]:
    for table in env.plan.tables:
        if table.decides != "transfer":
            continue
        for rule in hits(table, on, env.match):
            if rule.then.detention_days is not None:
                return rule.then.detention_days, rule, rule.then.lighter_detention_days
    return None, None, None


def decide_penalty(env: Env) -> tuple[PenaltyResult, tuple[object, ...]]:
    """The penalty, and the warnings it raises."""
    v = env.ctx.v
    considered = choose(env.kind, v.occurred_on, v.ended_on, env.decided, env.decided_given)
    env.act = next(ref for _, role, ref, _ in considered if role == ACT)
    candidates = [_evaluate(env, *c) for c in considered]
    compared = [c for c in candidates if c.compared]
    applied, reason, choice = _pick(compared)
    warnings = []
    if env.kind.continuing and v.ended_on is None:
        warnings.append(
            (
                "continuing_without_end",
                "violation.ended_on",
                Text.of(
                    "持续状态的违法行为未填写终了日期：按作出决定时仍在持续处理（法律版本取决定日，时效尚未起算）",
                    "a continuing act with no ended_on: treated as still continuing at the decision "
                    "(the law is taken at the decision date; limitation has not started)",
                ),
            )
        )
    if choice is not None:
        warnings.append(("lighter_law_choice", "decided_on", choice))
    result = finish(env, tuple(candidates), applied, reason, choice)
    warnings.extend(choice_warnings(applied.benchmark, v))
    if result.daily is not None and result.daily.per_day_source == "recommended":
        warnings.append(
            (
                "daily_penalty_estimate",
                "violation.original_fine",
                Text.of(
                    "未给出原罚款数额：按日连续处罚暂按建议罚款计算",
                    "no original fine given: the daily penalty uses the recommended amount",
                ),
            )
        )
    if result.daily is not None and result.daily.per_day_source == "statutory_max":
        warnings.append(
            (
                "original_fine_above_cap",
                "violation.original_fine",
                Text.of(
                    "给出的原罚款数额超过适用规定的法定最高限额：按日连续处罚按最高限额计算",
                    "the original fine given is above the statutory maximum of the law applied: the daily "
                    "penalty is capped at that maximum",
                ),
            )
        )
    return result, tuple(warnings)


def _pick(compared: list[Candidate]) -> tuple[Candidate, Text, Text | None]:
    old = compared[0]
    if len(compared) == 1:
        if old.role == ACT:
            return (
                old,
                Text.of(
                    "行为时的规定在作出决定时仍然有效（或未给出决定日期）",
                    "the version in force for the act applies (still in force at the "
                    "decision, or no decision date given)",
                ),
                None,
            )
        return old, Text.of("适用违法行为时的规定", "the version in force for the act applies"), None
    new = compared[1]
    verdict, why = compare(new, old)
    if verdict == "new":
        return (
            new,
            Text.of(
                "从旧兼从轻：适用新的规定——" + why.zh, "从旧兼从轻: the later version applies — " + why.en
            ),
            None,
        )
    if verdict == "mixed":
        return (
            old,
            Text.of(
                "从旧兼从轻：适用行为时的规定——" + why.zh, "从旧兼从轻: the old version applies — " + why.en
            ),
            why,
        )
    return (
        old,
        Text.of("从旧兼从轻：适用行为时的规定——" + why.zh, "从旧兼从轻: the old version applies — " + why.en),
        None,
    )
