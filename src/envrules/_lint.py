"""``envrules lint``: static checks of rulesets, before any case runs.

Each finding has a code, a message and the ruleset position. Checks:

* E001 the rulesets do not load (schema, YAML, unknown facts or values, ids)
* E002 overlapping rules with conflicting outcomes in a unique-hit table
* E003 a rule that can never fire: shadowed by an earlier rule (first hit)
* E004 a condition that can never hold (contradictory constraints)
* E005 a tier or adjustment whose dates lie outside every version it belongs to
* E006 a gap between consecutive versions of a kind
* E007 a kind whose tiers do not cover every case (no catch-all tier)
* E008 a region that no jurisdiction rule reaches
* E009 a violation kind without an office, where the profile has an office table
* E010 a rule without an article or section in its legal basis
* E011 an adjustment that lets the permitted maximum exceed the statutory cap
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
from rich.console import Console

from ._case import Case, Circumstance
from ._conditions import All, Compare, Condition
from ._engine import Engine
from ._errors import EnvrulesError, RulesetError, SourceLocation
from ._facts import FACTS, FactType
from ._loader import layer_names, profile_chain, selectable_profiles
from ._penalty import CapExceeded
from ._plan import Plan, PlanRule, PlanTable, compile_plan
from ._sources import RulesetSource, source_for


@attrs.frozen
class Finding:
    code: str
    message: str
    where: SourceLocation | None
    profile: str

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "profile": self.profile,
                "file": self.where.file if self.where else None,
                "line": self.where.line if self.where else None,
                "column": self.where.column if self.where else None}

    def __str__(self) -> str:
        return f"{self.where or self.profile}: {self.code} {self.message}"


# --------------------------------------------------------------------------- domains

@attrs.frozen
class Domain:
    """What a conjunction of constraints allows for one fact."""

    values: frozenset[Any] | None = None  # allowed values (None = unconstrained)
    lo: Any = None
    lo_incl: bool = True
    hi: Any = None
    hi_incl: bool = True
    members: frozenset[str] = frozenset()  # set facts: required members
    exists: bool | None = None
    opaque: bool = False  # a constraint we do not reason about

    def empty(self) -> bool:
        if self.values is not None and not self.values:
            return True
        if self.lo is not None and self.hi is not None and (
                self.lo > self.hi or (self.lo == self.hi and not (self.lo_incl and self.hi_incl))):
            return True
        if self.values is not None and (self.lo is not None or self.hi is not None):
            return not any(self._in_interval(v) for v in self.values)
        return self.exists is False and bool(
            self.values or self.lo is not None or self.hi is not None)

    def _in_interval(self, v: Any) -> bool:
        if self.lo is not None and (v < self.lo or (v == self.lo and not self.lo_incl)):
            return False
        return not (self.hi is not None and (v > self.hi or (v == self.hi and not self.hi_incl)))

    def meet(self, other: Domain) -> Domain:
        values = self.values if other.values is None else (
            other.values if self.values is None else self.values & other.values)
        lo, lo_incl = self.lo, self.lo_incl
        if other.lo is not None and (lo is None or other.lo > lo or (
                other.lo == lo and not other.lo_incl)):
            lo, lo_incl = other.lo, other.lo_incl
        hi, hi_incl = self.hi, self.hi_incl
        if other.hi is not None and (hi is None or other.hi < hi or (
                other.hi == hi and not other.hi_incl)):
            hi, hi_incl = other.hi, other.hi_incl
        exists = self.exists if other.exists is None else other.exists
        if self.exists is not None and other.exists is not None and self.exists != other.exists:
            values = frozenset()
        return Domain(values, lo, lo_incl, hi, hi_incl, self.members | other.members, exists,
                      self.opaque or other.opaque)

    def within(self, other: Domain) -> bool:
        """Every value this domain allows, ``other`` allows too (sound, not complete)."""
        if other.opaque or self.opaque:
            return False
        if other.values is not None and (self.values is None or not self.values <= other.values):
            return False
        if other.lo is not None:
            if self.lo is None or self.lo < other.lo or (
                    self.lo == other.lo and self.lo_incl and not other.lo_incl):
                return False
        if other.hi is not None:
            if self.hi is None or self.hi > other.hi or (
                    self.hi == other.hi and self.hi_incl and not other.hi_incl):
                return False
        if not other.members <= self.members:
            return False
        return other.exists is None or self.exists == other.exists or (
            other.exists and (self.values is not None or self.members != frozenset()))


def _leaf_domain(c: Compare) -> Domain:
    fact = FACTS[c.path]
    if fact.type.is_set:
        if c.op == "contains":
            return Domain(members=frozenset({c.value}))
        if c.op == "contains_all":
            return Domain(members=frozenset(c.value))
        return Domain(opaque=True)
    universe: frozenset[Any] | None = None
    if fact.type is FactType.ENUM and fact.values is not None:
        universe = frozenset(fact.values)
    elif fact.type is FactType.BOOL:
        universe = frozenset({True, False})
    op, v = c.op, c.value
    if op == "eq":
        return Domain(values=frozenset({v}), exists=True)
    if op == "in":
        return Domain(values=frozenset(v), exists=True)
    if op in ("ne", "not_in") and universe is not None:
        out = {v} if op == "ne" else set(v)
        return Domain(values=universe - out, exists=True)
    if op == "lt":
        return Domain(hi=v, hi_incl=False, exists=True)
    if op == "lte":
        return Domain(hi=v, exists=True)
    if op == "gt":
        return Domain(lo=v, lo_incl=False, exists=True)
    if op == "gte":
        return Domain(lo=v, exists=True)
    if op == "exists":
        return Domain(exists=bool(v))
    return Domain(opaque=True)


def conjunction(cond: Condition) -> dict[str, Domain] | None:
    """The condition as per-fact domains, if it is a conjunction of leaves."""
    out: dict[str, Domain] = {}

    def walk(node: Condition) -> bool:
        if isinstance(node, Compare):
            if node.path not in FACTS:
                return False
            d = _leaf_domain(node)
            out[node.path] = out[node.path].meet(d) if node.path in out else d
            return True
        if isinstance(node, All):
            return all(walk(i) for i in node.items)
        return False

    return out if walk(cond) else None


def _dates_overlap(a: PlanRule, b: PlanRule) -> bool:
    return (a.effective_to is None or b.effective_from <= a.effective_to) and (
        b.effective_to is None or a.effective_from <= b.effective_to)


def _covers(a: PlanRule, b: PlanRule) -> bool:
    """a is in force whenever b is."""
    return a.effective_from <= b.effective_from and (
        a.effective_to is None or (b.effective_to is not None and b.effective_to <= a.effective_to))


# --------------------------------------------------------------------------- checks


def _table_checks(plan: Plan, table: PlanTable) -> Iterable[Finding]:
    conj = [conjunction(plan.conditions[r.cond]) for r in table.rules]
    for rule, c in zip(table.rules, conj, strict=True):
        if c is not None and any(d.empty() for d in c.values()):
            yield Finding("E004", f"rule {rule.id}: its condition can never hold "
                          "(contradictory constraints)", rule.at, plan.profile)
    if table.hit_policy == "unique":
        for i, (a, ca) in enumerate(zip(table.rules, conj, strict=True)):
            for b, cb in list(zip(table.rules, conj, strict=True))[i + 1:]:
                if ca is None or cb is None or not _dates_overlap(a, b) or a.then == b.then:
                    continue
                shared = set(ca) & set(cb)
                if all(not ca[p].meet(cb[p]).empty() for p in shared):
                    yield Finding("E002", f"unique table {table.id}: rules {a.id} and {b.id} can "
                                  "both match with different outcomes", b.at, plan.profile)
    if table.hit_policy == "first":
        for j, (b, cb) in enumerate(zip(table.rules, conj, strict=True)):
            if cb is None:
                continue
            for a, ca in list(zip(table.rules, conj, strict=True))[:j]:
                if ca is None or not _covers(a, b):
                    continue
                if all(p in cb and cb[p].within(d) for p, d in ca.items()):
                    yield Finding("E003", f"rule {b.id} can never fire: {a.id} comes first in "
                                  f"table {table.id} and matches every case it matches",
                                  b.at, plan.profile)
                    break
    for rule in table.rules:
        if not rule.basis.article:
            yield Finding("E010", f"rule {rule.id}: its basis names no article or section",
                          rule.at, plan.profile)


def _kind_checks(plan: Plan) -> Iterable[Finding]:
    for kind in plan.kinds.values():
        for a, b in zip(kind.versions, kind.versions[1:], strict=False):
            if a.effective_to is not None and (b.effective_from - a.effective_to).days > 1:
                yield Finding("E006", f"kind {kind.id}: no version in force from "
                              f"{a.effective_to} to {b.effective_from} (between {a.id} and "
                              f"{b.id})", b.at, plan.profile)
        for v in kind.versions:
            gap = _uncovered(plan, v.tiers)
            if gap is not None:
                shown = ", ".join(f"{k}={val}" for k, val in gap.items()) or "(no facts)"
                yield Finding("E007", f"version {v.id}: no tier applies when {shown}",
                              v.at, plan.profile)
            for t in v.tiers:
                c = conjunction(plan.conditions[t.cond])
                d = (c or {}).get("violation.occurred_on")
                if d is None:
                    continue
                window = Domain(lo=v.effective_from, hi=v.effective_to)
                if d.meet(window).empty():
                    yield Finding("E005", f"tier {v.id}#{t.id} tests occurred_on outside the "
                                  "version's dates: it can never apply", v.at, plan.profile)
    for adj in plan.adjustments:
        if adj.kinds is None:
            continue
        in_force = [v for k in adj.kinds if k in plan.kinds for v in plan.kinds[k].versions]
        if in_force and not any(
            (v.effective_to is None or adj.effective_from <= v.effective_to)
            and (adj.effective_to is None or v.effective_from <= adj.effective_to)
            for v in in_force
        ):
            yield Finding("E005", f"adjustment {adj.id} is in force only when none of its kinds "
                          "has a version", adj.at, plan.profile)


def _uncovered(plan: Plan, tiers: Sequence[Any]) -> dict[str, Any] | None:
    """A combination of the tested enum/bool facts that no tier matches, or None.

    Only facts with a closed set of values are enumerated; tiers testing other
    facts are taken to cover what they may cover (no false alarms)."""
    from itertools import product

    from ._conditions import compile_predicate, paths_of

    paths: set[str] = set()
    for t in tiers:
        paths |= paths_of(plan.conditions[t.cond])
    domains: list[list[Any]] = []
    names = sorted(paths)
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
    predicates = [compile_predicate(plan.conditions[t.cond]) for t in tiers]
    for combo in product(*domains):
        facts = dict(zip(names, (frozenset(c) if isinstance(c, set) else c for c in combo),
                         strict=True))
        if not any(pred(facts) for pred in predicates):
            return facts
    return None


def _reference_date(plan: Plan) -> date:
    days = [r.effective_from for t in plan.tables for r in t.rules]
    days += [v.effective_from for k in plan.kinds.values() for v in k.versions]
    return max(days) if days else date(2026, 8, 15)


def _probe_checks(plan: Plan) -> Iterable[Finding]:
    engine = Engine(plan)
    on = _reference_date(plan)
    kinds = sorted(plan.kinds)
    if plan.tables_deciding("jurisdiction") and kinds:
        for region in plan.regions.values():
            if region.level not in ("county", "township") or region.type == "special_zone":
                continue
            key = "county" if region.level == "county" else "township"
            reached = False
            for kind in kinds:  # reached if an ordinary case of some kind finds an authority
                case = {"decided_on": on.isoformat(), "region": {key: region.id},
                        "violation": {"kind": kind, "occurred_on": on.isoformat()}}
                try:
                    d = engine.decide(case)
                except EnvrulesError:
                    continue
                if d.jurisdiction is not None and d.jurisdiction.level.value != "needs_designation":
                    reached = True
                    break
            if not reached:
                yield Finding("E008", f"region {region.id} ({region.name}): no jurisdiction rule "
                              f"reaches an ordinary case there on {on}", region.at, plan.profile)
    office_tables = plan.tables_deciding("office")
    if office_tables:
        # probe while the registry is in force: the latest day one of its rules starts
        office_day = max(r.effective_from for t in office_tables for r in t.rules)
        for kind in kinds:
            case = {"decided_on": office_day.isoformat(),
                    "violation": {"kind": kind, "occurred_on": office_day.isoformat()}}
            try:
                d = engine.decide(case)
            except EnvrulesError:
                continue
            if d.office is None:
                yield Finding("E009", f"violation kind {kind} has no responsible office on "
                              f"{office_day}", office_tables[0].at, plan.profile)
    aggravating = sorted(str(c) for c in {Circumstance.refused_correction, Circumstance.malicious_damage,
                          Circumstance.repeat_offense, Circumstance.sensitive_area,
                          Circumstance.falsified_data})
    for pkind in plan.kinds.values():
        for v in pkind.versions:
            day = v.effective_from
            probe = Case.model_validate({"decided_on": day.isoformat(), "violation": {
                "kind": pkind.id, "occurred_on": day.isoformat(), "harm": "serious",
                "investment": "100000000", "illegal_gain": "1000000", "cost": "1000000",
                "direct_loss": "10000000", "units": 10, "circumstances": aggravating}})
            try:
                p = engine.decide(probe).penalty
            except CapExceeded:
                continue  # reported statically by _range_checks
            except EnvrulesError:
                continue
            if p is None or p.permitted_range is None or p.statutory_range is None:
                continue
            if p.permitted_range.max > p.statutory_range.max or p.permitted_range.min < Decimal(0):
                yield Finding("E011", f"{v.id}: adjustments give {p.permitted_range.max}, above "
                              f"the statutory maximum {p.statutory_range.max}", v.at, plan.profile)


def _range_checks(plan: Plan) -> Iterable[Finding]:
    for adj in plan.adjustments:
        if adj.range is not None and adj.range[1] > 1:
            yield Finding("E011", f"adjustment {adj.id}: its range reaches {adj.range[1]} of the "
                          "statutory span, past the statutory maximum (不得超过法定罚款限度)",
                          adj.at, plan.profile)


def lint_plan(plan: Plan) -> list[Finding]:
    findings: list[Finding] = list(_range_checks(plan))
    for table in plan.tables:
        findings.extend(_table_checks(plan, table))
    findings.extend(_kind_checks(plan))
    findings.extend(_probe_checks(plan))
    return findings


def lint_profile(source: RulesetSource, profile: str) -> list[Finding]:
    try:
        plan = compile_plan(profile, profile_chain(source, profile))
    except RulesetError as exc:
        return [Finding("E001", p.message, p.where, profile) for p in exc.problems]
    return lint_plan(plan)


def run_lint(targets: Sequence[str], *, rulesets: Path | None, fmt: str,
             console: Console) -> int:
    """Lint profiles (names) or every profile of a rulesets directory."""
    jobs: list[tuple[RulesetSource, str]] = []
    if not targets:
        source = source_for(rulesets)
        jobs = [(source, name) for name, _ in selectable_profiles(source)]
    for target in targets:
        path = Path(target)
        if path.is_dir():
            source = source_for(path)
            names = [n for n, _ in _safe_profiles(source)] or layer_names(source)
            jobs.extend((source, n) for n in names)
        else:
            jobs.append((source_for(rulesets), target))
    findings: list[Finding] = []
    seen: set[tuple[str, str, str | None]] = set()
    for source, name in jobs:
        for f in lint_profile(source, name):
            key = (f.code, f.message, str(f.where))
            if key not in seen:  # a national problem shows once, not once per profile
                seen.add(key)
                findings.append(f)
    if fmt == "json":
        console.print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2),
                      markup=False)
    else:
        for f in findings:
            console.print(str(f), markup=False)
        console.print(f"{len(findings)} finding(s) in {len(jobs)} profile(s)", markup=False)
    return 1 if findings else 0


def _safe_profiles(source: RulesetSource) -> list[tuple[str, Any]]:
    try:
        return selectable_profiles(source)
    except RulesetError:
        return []
