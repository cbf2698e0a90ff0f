"""The static checks of ``envrules lint`` (E002–E012); E001 is a plan that
does not compile. Each finding names its code, its place and what to fix,
in English and Chinese."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from itertools import product
from typing import Any

import attrs

from ... import CapExceeded, Case, Engine, EnvrulesError
from ...case import FACTS, Circumstance, FactType
from ...core.errors import Location
from ...evaluate import compile_conditions
from ...plan import Plan, PlanTable
from ...rulesets import Compare, Not, paths_of
from .domains import Domain, conjunction


@attrs.frozen
class Finding:
    code: str
    message: str
    where: Location | None
    profile: str
    message_zh: str | None = None

    def as_dict(self) -> dict[str, Any]:
        where = self.where
        return {
            "code": self.code,
            "message": self.message,
            "message_zh": self.message_zh,
            "profile": self.profile,
            "file": getattr(where, "file", None),
            "line": getattr(where, "line", None),
            "column": getattr(where, "column", None),
        }

    def text(self, lang: str = "en") -> str:
        message = self.message_zh if lang == "zh" and self.message_zh else self.message
        return f"{self.where or self.profile}: {self.code} {message}"

    def __str__(self) -> str:
        return self.text("en")


def _table_checks(plan: Plan, table: PlanTable) -> Iterable[Finding]:
    conj = [conjunction(plan.conditions[r.cond]) for r in table.rules]
    for rule, c in zip(table.rules, conj, strict=True):
        if c is not None and any(d.empty() for d in c.values()):
            yield Finding(
                "E004",
                f"rule {rule.id}: its condition can never hold (contradictory constraints)",
                rule.at,
                plan.profile,
                f"规则{rule.id}：条件自相矛盾，永远不成立",
            )
    if table.hit_policy == "unique":
        yield from _overlaps(plan, table, conj)
    if table.hit_policy == "first":
        yield from _shadowed(plan, table, conj)
    for rule in table.rules:
        if not rule.basis.article:
            yield Finding(
                "E010",
                f"rule {rule.id}: its basis names no article or section",
                rule.at,
                plan.profile,
                f"规则{rule.id}：法律依据未写明条款",
            )


def _overlaps(plan: Plan, table: PlanTable, conj: list[Any]) -> Iterable[Finding]:
    pairs = list(zip(table.rules, conj, strict=True))
    for i, (a, ca) in enumerate(pairs):
        for b, cb in pairs[i + 1 :]:
            if ca is None or cb is None or not a.period.overlaps(b.period) or a.then == b.then:
                continue
            if all(not ca[p].meet(cb[p]).empty() for p in set(ca) & set(cb)):
                yield Finding(
                    "E002",
                    f"unique table {table.id}: rules {a.id} and {b.id} can both "
                    "match with different outcomes",
                    b.at,
                    plan.profile,
                    f"唯一命中表{table.id}：规则{a.id}与{b.id}可能同时命中且结果不同",
                )


def _shadowed(plan: Plan, table: PlanTable, conj: list[Any]) -> Iterable[Finding]:
    pairs = list(zip(table.rules, conj, strict=True))
    for j, (b, cb) in enumerate(pairs):
        if cb is None:
            continue
        for a, ca in pairs[:j]:
            if ca is None or not a.period.covers(b.period):
                continue
            if all(p in cb and cb[p].within(d) for p, d in ca.items()):
                yield Finding(
                    "E003",
                    f"rule {b.id} can never fire: {a.id} comes first in table "
                    f"{table.id} and matches every case it matches",
                    b.at,
                    plan.profile,
                    f"规则{b.id}永远不会适用：表{table.id}中在前的{a.id}已涵盖它的所有情形",
                )
                break


def _kind_checks(plan: Plan) -> Iterable[Finding]:
    for kind in plan.kinds.values():
        for a, b in zip(kind.versions, kind.versions[1:], strict=False):
            if a.effective_to is not None and (b.effective_from - a.effective_to).days > 1:
                yield Finding(
                    "E006",
                    f"kind {kind.id}: no version in force from {a.effective_to} "
                    f"to {b.effective_from} (between {a.id} and {b.id})",
                    b.at,
                    plan.profile,
                    f"违法行为类别{kind.id}：{a.effective_to}至{b.effective_from}之间没有有效的版本",
                )
        for v in kind.versions:
            gap = _uncovered(plan, v.tiers)
            if gap is not None:
                shown = ", ".join(f"{k}={val}" for k, val in gap.items()) or "(no facts)"
                yield Finding(
                    "E007",
                    f"version {v.id}: no tier applies when {shown}",
                    v.at,
                    plan.profile,
                    f"版本{v.id}：当{shown}时没有适用的档次",
                )
            for t in v.tiers:
                d = (conjunction(plan.conditions[t.cond]) or {}).get("violation.occurred_on")
                if d is not None and d.meet(Domain(lo=v.period.start, hi=v.period.end)).empty():
                    yield Finding(
                        "E005",
                        f"tier {v.id}#{t.id} tests occurred_on outside the "
                        "version's dates: it can never apply",
                        v.at,
                        plan.profile,
                        f"档次{v.id}#{t.id}检验的日期在版本施行期之外，永远不会适用",
                    )
                yield from _ground_checks(plan, v.id, t)
    for adj in plan.adjustments:
        if adj.kinds is None:
            continue
        versions = [v for k in adj.kinds if k in plan.kinds for v in plan.kinds[k].versions]
        if versions and not any(adj.period.overlaps(v.period) for v in versions):
            yield Finding(
                "E005",
                f"adjustment {adj.id} is in force only when none of its kinds has a version",
                adj.at,
                plan.profile,
                f"调整{adj.id}施行时，其违法行为类别均无有效版本",
            )


def _ground_checks(plan: Plan, version: str, tier: Any) -> Iterable[Finding]:
    """E012: a tier that selects on a fact negatively cannot have it withheld
    from the adjustments (禁止重复评价 needs positive grounds)."""
    adjustment_paths: set[str] = set()
    for adj in plan.adjustments:
        adjustment_paths |= paths_of(plan.conditions[adj.cond])

    def negatives(node: Any, positive: bool) -> Iterable[Compare]:
        if isinstance(node, Compare):
            if (
                (not positive or node.op in ("ne", "not_in"))
                and node.path in adjustment_paths
                and node.path != "violation.kind"
            ):
                yield node
        elif isinstance(node, Not):
            yield from negatives(node.item, not positive)
        else:
            for item in node.items:
                yield from negatives(item, positive)

    for leaf in negatives(plan.conditions[tier.cond], True):
        yield Finding(
            "E012",
            f"tier {version}#{tier.id} selects on {leaf.path} negatively "
            f"({leaf.op}): adjustments also test it, and a negative ground cannot be "
            "withheld from them (write the tier's condition positively)",
            tier.at,
            plan.profile,
            f"档次{version}#{tier.id}以否定方式检验{leaf.path}，而调整规则也检验"
            "该事实：否定的情节无法不重复评价，请改为肯定的写法",
        )


def _uncovered(plan: Plan, tiers: Sequence[Any]) -> dict[str, Any] | None:
    """A combination of the tested enum/bool facts no tier matches, or None.
    Only facts with a closed set of values are enumerated (no false alarms)."""
    names = sorted(set().union(*(paths_of(plan.conditions[t.cond]) for t in tiers)))
    domains: list[list[Any]] = []
    for p in names:
        fact = FACTS[p]
        if fact.type is FactType.ENUM and fact.values is not None:
            domains.append(sorted(fact.values))
        elif fact.type is FactType.BOOL:
            domains.append([False, True])
        elif fact.type is FactType.ENUM_SET and fact.values is not None:
            domains.append([frozenset(), *({v} for v in sorted(fact.values))])
        else:
            return None
    if len(names) > 6:
        return None  # too many combinations to enumerate cheaply
    predicates = compile_conditions([plan.conditions[t.cond] for t in tiers])
    for combo in product(*domains):
        facts = dict(zip(names, (frozenset(c) if isinstance(c, set) else c for c in combo), strict=True))
        if not any(_holds(pred, facts) for pred in predicates):
            return facts
    return None


class _Part:
    def __init__(self, facts: dict[str, Any], prefix: str) -> None:
        self._facts, self._prefix = facts, prefix

    def __getattr__(self, name: str) -> Any:
        return self._facts.get(f"{self._prefix}{name}")


def _holds(pred: Any, facts: dict[str, Any]) -> bool:
    parts = [_Part(facts, p) for p in ("", "violation.", "enterprise.", "region.", "procedure.")]
    return bool(pred(*parts, facts))


def _reference_date(plan: Plan) -> date | None:
    days = [r.period.start for t in plan.tables for r in t.rules if r.period.start]
    days += [v.effective_from for k in plan.kinds.values() for v in k.versions]
    return max(days) if days else None


def _probe_checks(plan: Plan) -> Iterable[Finding]:
    engine = Engine(plan)
    on = _reference_date(plan)
    if on is None:
        return
    kinds = sorted(plan.kinds)
    if plan.tables_deciding("jurisdiction") and kinds:
        yield from _unreached(plan, engine, on, kinds)
    office_tables = plan.tables_deciding("office")
    if office_tables:
        office_day = max(r.period.start for t in office_tables for r in t.rules if r.period.start)
        for kind in kinds:
            try:
                d = engine.decide(
                    {
                        "decided_on": office_day.isoformat(),
                        "violation": {"kind": kind, "occurred_on": office_day.isoformat()},
                    }
                )
            except EnvrulesError:
                continue
            if d.data().get("office") is None:
                yield Finding(
                    "E009",
                    f"violation kind {kind} has no responsible office on {office_day}",
                    office_tables[0].at,
                    plan.profile,
                    f"违法行为类别{kind}在{office_day}没有责任处室",
                )
    yield from _cap_probes(plan, engine)


def _unreached(plan: Plan, engine: Engine, on: date, kinds: list[str]) -> Iterable[Finding]:
    for region in plan.regions.values():
        if region.level not in ("county", "township") or region.type == "special_zone":
            continue
        key = "county" if region.level == "county" else "township"
        for kind in kinds:  # reached if an ordinary case of some kind finds an authority
            try:
                d = engine.decide(
                    {
                        "decided_on": on.isoformat(),
                        "region": {key: region.id},
                        "violation": {"kind": kind, "occurred_on": on.isoformat()},
                    }
                )
            except EnvrulesError:
                continue
            j = d.data().get("jurisdiction")
            if j is not None and j["level"] != "needs_designation":
                break
        else:
            yield Finding(
                "E008",
                f"region {region.id} ({region.name}): no jurisdiction rule "
                f"reaches an ordinary case there on {on}",
                region.at,
                plan.profile,
                f"地区{region.id}（{region.name}）：{on}没有管辖规则适用于该地的一般案件",
            )


def _cap_probes(plan: Plan, engine: Engine) -> Iterable[Finding]:
    aggravating = sorted(
        c.value
        for c in (
            Circumstance.refused_correction,
            Circumstance.malicious_damage,
            Circumstance.repeat_offense,
            Circumstance.sensitive_area,
            Circumstance.falsified_data,
        )
    )
    for pkind in plan.kinds.values():
        for v in pkind.versions:
            day = v.effective_from.isoformat()
            probe = Case.model_validate(
                {
                    "decided_on": day,
                    "violation": {
                        "kind": pkind.id,
                        "occurred_on": day,
                        "harm": "serious",
                        "investment": "100000000",
                        "illegal_gain": "1000000",
                        "cost": "1000000",
                        "direct_loss": "10000000",
                        "units": 10,
                        "circumstances": aggravating,
                    },
                }
            )
            try:
                p = engine.decide(probe).data().get("penalty")
            except CapExceeded:
                continue  # reported statically by _range_checks
            except EnvrulesError:
                continue
            if not p or "permitted_range" not in p or "statutory_range" not in p:
                continue
            top, cap = p["permitted_range"]["max"], p["statutory_range"]["max"]
            if Decimal(top) > Decimal(cap):
                yield Finding(
                    "E011",
                    f"{v.id}: adjustments give {top}, above the statutory maximum {cap}",
                    v.at,
                    plan.profile,
                    f"{v.id}：调整后可处罚款{top}元，超过法定最高限额{cap}元",
                )


def _range_checks(plan: Plan) -> Iterable[Finding]:
    for adj in plan.adjustments:
        if adj.range is not None and adj.range[1] > 1:
            yield Finding(
                "E011",
                f"adjustment {adj.id}: its range reaches {adj.range[1]} of the "
                "statutory span, past the statutory maximum (不得超过法定罚款限度)",
                adj.at,
                plan.profile,
                f"调整{adj.id}的幅度超出法定最高限额（不得超过法定罚款限度）",
            )


def lint_plan(plan: Plan) -> list[Finding]:
    findings: list[Finding] = list(_range_checks(plan))
    for table in plan.all_tables():
        findings.extend(_table_checks(plan, table))
    findings.extend(_kind_checks(plan))
    findings.extend(_probe_checks(plan))
    return findings


__all__ = ["Finding", "lint_plan"]
