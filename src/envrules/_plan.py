"""Compile the layers of a profile into one immutable :class:`Plan`.

The plan is what evaluators execute: every condition checked against the
fact vocabulary and numbered, tables with their rules in evaluation order,
violation kinds with their versions sorted by date, adjustments, regions and
authorities. Compiling collects every problem (with file:line:column) before
raising, so a legal officer sees all mistakes at once."""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
from pydantic import BaseModel, ValidationError

from ._conditions import Condition, check_condition, leaves, paths_of
from ._errors import NoVersionInForce, Problem, RulesetError, SourceLocation
from ._facts import FACTS
from ._loader import Layer
from ._outcomes import OUTCOME_MODELS, Text
from ._schema import (
    Adjustment,
    AdjustmentPolicy,
    AuthoritySpec,
    Basis,
    Benchmark,
    Fine,
    HearingThreshold,
    Kind,
    MatterSpec,
    RegionSpec,
    Rule,
    Table,
    Tier,
    Version,
)


def in_force(start: date, end: date | None, on: date) -> bool:
    """In force on ``on``: from ``start``, up to and including ``end`` (open if None)."""
    return start <= on and (end is None or on <= end)


@attrs.frozen
class PlanRule:
    id: str
    table: str
    title: Text
    cond: int  # index into Plan.conditions
    then: BaseModel
    basis: Basis
    effective_from: date
    effective_to: date | None
    priority: int | None
    layer: str
    replaces: str | None
    note: str | None
    at: SourceLocation | None = attrs.field(eq=False)

    def in_force(self, on: date) -> bool:
        return in_force(self.effective_from, self.effective_to, on)


@attrs.frozen
class PlanTable:
    id: str
    title: Text
    decides: str
    hit_policy: str
    as_of: str
    rules: tuple[PlanRule, ...]
    layer: str
    at: SourceLocation | None = attrs.field(eq=False)


@attrs.frozen
class PlanTier:
    id: str
    title: Text | None
    cond: int
    fine: Fine
    person_fine: Fine | None
    measures: tuple[str, ...]
    discretionary_measures: tuple[str, ...]
    basis: Basis | None
    note: str | None
    consumes: frozenset[str] = frozenset()
    refers_to: str | None = None


@attrs.frozen
class PlanVersion:
    id: str
    kind: str
    effective_from: date
    effective_to: date | None
    basis: Basis
    tiers: tuple[PlanTier, ...]
    person_fine: Fine | None
    daily_penalty: bool
    detention: bool
    limitation_years: int | None
    not_illegal: bool
    note: str | None
    layer: str
    at: SourceLocation | None = attrs.field(eq=False)

    def in_force(self, on: date) -> bool:
        return in_force(self.effective_from, self.effective_to, on)


@attrs.frozen
class PlanKind:
    id: str
    title: Text
    versions: tuple[PlanVersion, ...]  # sorted by effective_from
    starts: tuple[date, ...]
    layer: str
    at: SourceLocation | None = attrs.field(eq=False)

    def version_on(self, on: date) -> PlanVersion:
        """The version in force on a date, found by bisection."""
        i = bisect.bisect_right(self.starts, on) - 1
        if i >= 0 and self.versions[i].in_force(on):
            return self.versions[i]
        raise NoVersionInForce(self.id, on)


@attrs.frozen
class PlanAdjustment:
    id: str
    title: Text
    kind: str
    mandatory: bool
    cond: int
    kinds: frozenset[str] | None
    basis: Basis
    effective_from: date
    effective_to: date | None
    layer: str
    note: str | None
    at: SourceLocation | None = attrs.field(eq=False)
    range: tuple[Decimal, Decimal] | None = None

    def in_force(self, on: date) -> bool:
        return in_force(self.effective_from, self.effective_to, on)


@attrs.frozen
class PlanLevel:
    id: str
    title: str
    percent: Decimal
    cond: int


@attrs.frozen
class PlanFactor:
    id: str
    title: Text
    levels: tuple[PlanLevel, ...]


@attrs.frozen
class PlanBenchmarkItem:
    id: str
    title: Text
    kinds: frozenset[str]
    versions: frozenset[str] | None
    cond: int
    start_percent: Decimal
    floor_percent: Decimal | None
    basis: Basis
    factors: tuple[PlanFactor, ...]
    at: SourceLocation | None = attrs.field(eq=False)


@attrs.frozen
class PlanBenchmark:
    id: str
    title: Text
    basis: Basis
    effective_from: date
    effective_to: date | None
    cap_percent: Decimal
    unknown_factor: str
    items: tuple[PlanBenchmarkItem, ...]
    layer: str
    at: SourceLocation | None = attrs.field(eq=False)

    def in_force(self, on: date) -> bool:
        return in_force(self.effective_from, self.effective_to, on)


@attrs.frozen
class Plan:
    """Everything a profile decides with, compiled and immutable."""

    profile: str
    title: Text
    layers: tuple[str, ...]
    digest: str
    conditions: tuple[Condition, ...]
    fact_paths: tuple[str, ...]
    tables: tuple[PlanTable, ...]
    kinds: dict[str, PlanKind]
    adjustments: tuple[PlanAdjustment, ...]
    benchmarks: tuple[PlanBenchmark, ...]
    regions: dict[str, RegionSpec]
    authorities: dict[str, AuthoritySpec]
    matters: dict[str, MatterSpec]
    delegated_to_township: tuple[tuple[frozenset[str], date | None, date | None], ...]

    def delegated(self, kind: str, on: date) -> bool:
        """Is the penalty power for ``kind`` delegated to townships on ``on``?"""
        return any(kind in kinds and (start is None or start <= on) and (end is None or on <= end)
                   for kinds, start, end in self.delegated_to_township)
    hearing_thresholds: tuple[HearingThreshold, ...]
    adjustment_policy: AdjustmentPolicy | None
    disabled: tuple[str, ...]

    def tables_deciding(self, decides: str) -> tuple[PlanTable, ...]:
        return tuple(t for t in self.tables if t.decides == decides)


class _Builder:
    def __init__(self, profile: str) -> None:
        self.profile = profile
        self.problems: list[Problem] = []
        self.conditions: list[Condition] = []
        self.seen: dict[str, SourceLocation | None] = {}

    def problem(self, message: str, at: SourceLocation | None) -> None:
        self.problems.append(Problem(message, at))

    def claim(self, kind: str, ident: str, at: SourceLocation | None, replaces: str | None) -> bool:
        key = f"{kind}:{ident}"
        if key in self.seen and replaces != ident:
            hint = (f"; use `replaces: {ident}` to override it" if kind in ("kind", "adjustment")
                    else "; give it another id")
            self.problem(f"duplicate {kind} id {ident!r} (first defined at {self.seen[key]})"
                         + hint, at)
            return False
        self.seen[key] = at
        return True

    def condition(self, cond: Condition) -> int:
        checked, problems = check_condition(cond)
        self.problems.extend(problems)
        self.conditions.append(checked)
        return len(self.conditions) - 1


_REGION_PATHS = ("region.city", "region.county", "region.counties", "region.township",
                 "region.townships")


ADJUSTMENT_ORDER = {"no_penalty": 0, "reduced": 1, "lighter_or_reduced": 2, "lighter": 3,
                     "heavier": 4}


def compile_plan(profile: str, layers: Sequence[Layer]) -> Plan:
    """Merge the layers (lowest first) and compile them."""
    b = _Builder(profile)
    kinds: dict[str, tuple[Kind, str]] = {}
    tables: dict[str, tuple[Table, str, list[tuple[Rule, str]]]] = {}
    adjustments: dict[str, tuple[Adjustment, str]] = {}
    benchmarks: dict[str, tuple[Benchmark, str]] = {}
    regions: dict[str, RegionSpec] = {}
    authorities: dict[str, AuthoritySpec] = {}
    matters: dict[str, MatterSpec] = {}
    delegated: list[tuple[frozenset[str], date | None, date | None]] = []
    delegated_at: dict[str, SourceLocation | None] = {}
    hearing: tuple[HearingThreshold, ...] = ()
    policy: AdjustmentPolicy | None = None
    disabled: list[str] = []
    rule_ids: dict[str, SourceLocation | None] = {}

    def add_rules(target: list[tuple[Rule, str]], new: Sequence[Rule], layer: str,
                  position: str) -> None:
        fresh: list[tuple[Rule, str]] = []
        for rule in new:
            if rule.replaces:
                for i, (old, _) in enumerate(target):
                    if old.id == rule.replaces:
                        target[i] = (rule, layer)
                        break
                else:
                    b.problem(f"rule {rule.id!r} replaces {rule.replaces!r}, which is not in "
                              "this table", rule.at)
                rule_ids[rule.id] = rule.at
                continue
            if rule.id in rule_ids:
                b.problem(f"duplicate rule id {rule.id!r} (first at {rule_ids[rule.id]})", rule.at)
                continue
            rule_ids[rule.id] = rule.at
            fresh.append((rule, layer))
        if position == "before":
            target[:0] = fresh
        else:
            target.extend(fresh)

    for layer in layers:
        meta = layer.meta
        for region in meta.regions:
            if b.claim("region", region.id, region.at, None):
                regions[region.id] = region
        for auth in meta.authorities:
            if b.claim("authority", auth.id, auth.at, None):
                authorities[auth.id] = auth
        for matter in meta.matters:
            if b.claim("matter", matter.id, matter.at, None):
                matters[matter.id] = matter
        for entry in meta.delegated_to_township:
            for k in ([entry] if isinstance(entry, str) else entry.kinds):
                delegated_at.setdefault(k, meta.at if isinstance(entry, str) else entry.at)
            if isinstance(entry, str):
                delegated.append((frozenset({entry}), None, None))
            else:
                delegated.append((frozenset(entry.kinds), entry.effective_from, entry.effective_to))
        if meta.hearing_thresholds:
            hearing = meta.hearing_thresholds
        if meta.adjustment_policy is not None:
            policy = meta.adjustment_policy
        for _, rf in layer.files:
            for kind in rf.kinds:
                if b.claim("kind", kind.replaces or kind.id, kind.at, kind.replaces):
                    if kind.replaces:
                        kinds.pop(kind.replaces, None)
                    kinds[kind.id] = (kind, layer.name)
            for table in rf.tables:
                if b.claim("table", table.id, table.at, None):
                    rules: list[tuple[Rule, str]] = []
                    add_rules(rules, table.rules, layer.name, "after")
                    tables[table.id] = (table, layer.name, rules)
            for adj in rf.adjustments:
                if b.claim("adjustment", adj.replaces or adj.id, adj.at, adj.replaces):
                    if adj.replaces:
                        adjustments.pop(adj.replaces, None)
                    adjustments[adj.id] = (adj, layer.name)
            for bench in rf.benchmarks:
                if b.claim("benchmark", bench.id, bench.at, None):
                    benchmarks[bench.id] = (bench, layer.name)
            for region in rf.regions:
                if b.claim("region", region.id, region.at, None):
                    regions[region.id] = region
            for auth in rf.authorities:
                if b.claim("authority", auth.id, auth.at, None):
                    authorities[auth.id] = auth
            for matter in rf.matters:
                if b.claim("matter", matter.id, matter.at, None):
                    matters[matter.id] = matter
        for _, rf in layer.files:
            for ext in rf.extend:
                if ext.extend not in tables:
                    b.problem(f"extends unknown table {ext.extend!r}", ext.at)
                    continue
                add_rules(tables[ext.extend][2], ext.rules, layer.name, ext.position)
            for dis in rf.disable:
                for ident in dis.ids:
                    hit = False
                    for _, _, rules in tables.values():
                        before = len(rules)
                        rules[:] = [(r, ly) for r, ly in rules if r.id != ident]
                        hit = hit or len(rules) != before
                    if ident in adjustments:
                        del adjustments[ident]
                        hit = True
                    if not hit:
                        b.problem(f"disables unknown rule or adjustment {ident!r}", dis.at)
                    disabled.append(ident)

    for region in regions.values():
        if region.parent is not None and region.parent not in regions:
            b.problem(f"region {region.id!r} has unknown parent {region.parent!r}", region.at)

    plan_tables = []
    for table, layer_name, rules in tables.values():
        out_model = OUTCOME_MODELS[table.decides]
        compiled_rules = []
        for rule, rule_layer in rules:
            try:
                then = out_model.model_validate(rule.then)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    loc = ".".join(str(x) for x in err["loc"])
                    b.problem(f"rule {rule.id}: then.{loc}: {err['msg']}", rule.at)
                continue
            if table.hit_policy == "priority" and rule.priority is None:
                b.problem(f"rule {rule.id} needs a priority (table {table.id} uses hit policy "
                          "priority)", rule.at)
            cond_index = b.condition(rule.when)
            for cmp in (c for c in leaves(b.conditions[cond_index]) if c.path in _REGION_PATHS):
                values = cmp.value if isinstance(cmp.value, frozenset) else {cmp.value}
                for v in values:
                    if isinstance(v, str) and v not in regions:
                        b.problem(f"{cmp.path}: unknown region {v!r} in profile {profile}", cmp.at)
            compiled_rules.append(PlanRule(
                rule.id, table.id, rule.title, cond_index, then, rule.basis,
                rule.effective_from, rule.effective_to, rule.priority, rule_layer,
                rule.replaces, rule.note, rule.at,
            ))
        plan_tables.append(PlanTable(
            table.id, table.title, table.decides, table.hit_policy, table.as_of,
            tuple(compiled_rules), layer_name, table.at,
        ))

    for index in range(len(b.conditions)):
        for cmp in (c for c in leaves(b.conditions[index])
                    if c.path in ("violation.kind", "matter") and c.op != "exists"):
            known = kinds if cmp.path == "violation.kind" else matters
            values = cmp.value if isinstance(cmp.value, frozenset) else {cmp.value}
            for v in sorted(values):
                if v not in known:
                    what = "violation kind" if cmp.path == "violation.kind" else "matter"
                    b.problem(f"{cmp.path}: unknown {what} {v!r} in profile {profile}", cmp.at)

    for kind, _ in kinds.values():
        for v in kind.versions:
            for t in v.tiers:
                if t.refers_to is not None and t.refers_to not in kinds:
                    b.problem(f"tier {v.id}#{t.id} refers to unknown kind {t.refers_to!r}", t.at)

    plan_kinds = {}
    for kind, layer_name in kinds.values():
        versions = sorted(kind.versions, key=lambda v: v.effective_from)
        for a, nxt in itertools.pairwise(versions):
            if a.effective_to is None or a.effective_to >= nxt.effective_from:
                b.problem(f"kind {kind.id}: versions {a.id} and {nxt.id} overlap in time", nxt.at)
        plan_kinds[kind.id] = PlanKind(
            kind.id, kind.title, tuple(_version(b, kind.id, v, layer_name) for v in versions),
            tuple(v.effective_from for v in versions), layer_name, kind.at,
        )

    plan_adjustments = []
    for adj, layer_name in adjustments.values():
        if adj.kinds:
            for k in adj.kinds:
                if k not in kinds:
                    b.problem(f"adjustment {adj.id}: unknown violation kind {k!r}", adj.at)
        plan_adjustments.append(PlanAdjustment(
            adj.id, adj.title, adj.kind, adj.mandatory, b.condition(adj.when),
            frozenset(adj.kinds) if adj.kinds else None, adj.basis,
            adj.effective_from, adj.effective_to, layer_name, adj.note, adj.at,
            (adj.range.lower, adj.range.upper) if adj.range is not None else None,
        ))

    plan_benchmarks = []
    for bench, layer_name in benchmarks.values():
        items = []
        for item in bench.items:
            for k in item.kinds:
                if k not in kinds:
                    b.problem(f"benchmark item {item.id}: unknown violation kind {k!r}", item.at)
            known_versions = {v.id for k in item.kinds if k in kinds for v in kinds[k][0].versions}
            for vid in item.versions or ():
                if vid not in known_versions:
                    b.problem(f"benchmark item {item.id}: unknown version {vid!r} of its kinds",
                              item.at)
            factors = tuple(
                PlanFactor(f.id, f.title, tuple(
                    PlanLevel(lv.id, lv.title, lv.percent, b.condition(lv.when))
                    for lv in f.levels))
                for f in item.factors
            )
            items.append(PlanBenchmarkItem(
                item.id, item.title, frozenset(item.kinds),
                frozenset(item.versions) if item.versions is not None else None,
                b.condition(item.when), item.start_percent, item.floor_percent, item.basis,
                factors, item.at))
        plan_benchmarks.append(PlanBenchmark(
            bench.id, bench.title, bench.basis, bench.effective_from, bench.effective_to,
            bench.cap_percent, bench.unknown_factor, tuple(items), layer_name, bench.at))

    for k in sorted({k for entry, _, _ in delegated for k in entry}):
        if k not in kinds:
            b.problem(f"delegated_to_township names unknown kind {k!r}", delegated_at.get(k))

    if b.problems:
        raise RulesetError(b.problems)

    top = layers[-1]
    digest = hashlib.sha256("".join(f"{ly.name}:{ly.digest};" for ly in layers).encode())
    paths: set[str] = set()
    for cond in b.conditions:
        paths |= paths_of(cond)
    return Plan(
        profile=profile,
        title=top.meta.title,
        layers=tuple(ly.name for ly in layers),
        digest=digest.hexdigest()[:16],
        conditions=tuple(b.conditions),
        fact_paths=tuple(sorted(p for p in paths if p in FACTS)),
        tables=tuple(plan_tables),
        kinds=plan_kinds,
        # in the order exceptions are weighed: 不予处罚, 减轻, 从轻或者减轻, 从轻, 从重
        adjustments=tuple(sorted(plan_adjustments, key=lambda a: (ADJUSTMENT_ORDER[a.kind], a.id))),
        benchmarks=tuple(plan_benchmarks),
        regions=regions,
        authorities=authorities,
        matters=matters,
        delegated_to_township=tuple(delegated),
        hearing_thresholds=hearing,
        adjustment_policy=policy,
        disabled=tuple(disabled),
    )


def _version(b: _Builder, kind: str, v: Version, layer: str) -> PlanVersion:
    ids = set()
    tiers = []
    for t in v.tiers:
        if t.id in ids:
            b.problem(f"version {v.id}: duplicate tier id {t.id!r}", t.at)
        ids.add(t.id)
        tiers.append(_tier(b, t))
    return PlanVersion(
        v.id, kind, v.effective_from, v.effective_to, v.basis, tuple(tiers), v.person_fine,
        v.daily_penalty,
        v.detention, v.limitation_years, v.not_illegal, v.note, layer, v.at,
    )


def _tier(b: _Builder, t: Tier) -> PlanTier:
    from ._case import Circumstance

    known = {c.value for c in Circumstance}
    for c in t.consumes:
        if c not in known:
            b.problem(f"tier {t.id}: consumes unknown circumstance {c!r}", t.at)
    return PlanTier(t.id, t.title, b.condition(t.when), t.fine, t.person_fine, t.measures,
                    t.discretionary_measures, t.basis, t.note, frozenset(t.consumes),
                    t.refers_to)


def describe_then(then: BaseModel) -> dict[str, Any]:
    return then.model_dump(mode="json", exclude_none=True)
