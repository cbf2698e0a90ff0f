"""Compile violation kinds, adjustments, discretion standards and benchmarks."""

from __future__ import annotations

import itertools
from typing import Any

from ..case import FACTS, AdjustmentKind, Circumstance
from ..rulesets.conditions import paths_of
from ..rulesets.merge import Merged
from ..rulesets.schema import BenchmarkItem, Kind, Tier, Version
from .builder import Builder, cite, grounds_of, period
from .model import (
    PlanAdjustment,
    PlanBenchmark,
    PlanBenchmarkItem,
    PlanFactor,
    PlanKind,
    PlanLevel,
    PlanStandard,
    PlanTier,
    PlanVersion,
    PlanWindow,
)

_CIRCUMSTANCES = frozenset(c.value for c in Circumstance)


def _tier(b: Builder, t: Tier, kinds: dict[str, Any]) -> PlanTier:
    for c in t.consumes:
        if c not in _CIRCUMSTANCES:
            b.problem(
                f"tier {t.id}: consumes unknown circumstance {c!r}",
                f"档次{t.id}：consumes 中的情节{c!r}不存在",
                t.at,
                "unknown_id",
            )
    if t.refers_to is not None and t.refers_to not in kinds:
        b.problem(
            f"tier {t.id} refers to unknown kind {t.refers_to!r}",
            f"档次{t.id}引用的违法行为类别{t.refers_to!r}不存在",
            t.at,
            "unknown_id",
        )
    cond = b.condition(t.when)
    grounds = grounds_of(b.conditions[cond]) | {("violation.circumstances", c) for c in t.consumes}
    return PlanTier(
        t.id,
        t.title,
        cond,
        t.fine,
        t.person_fine,
        t.measures,
        t.discretionary_measures,
        cite(t.basis) if t.basis else None,
        t.note,
        frozenset(grounds),
        t.refers_to,
        t.at,
    )


def _version(b: Builder, kind: str, v: Version, layer: str, kinds: dict[str, Any]) -> PlanVersion:
    ids: set[str] = set()
    tiers = []
    for t in v.tiers:
        if t.id in ids:
            b.problem(
                f"version {v.id}: duplicate tier id {t.id!r}",
                f"版本{v.id}：重复的档次 id {t.id!r}",
                t.at,
                "duplicate_id",
            )
        ids.add(t.id)
        tiers.append(_tier(b, t, kinds))
    tested = sorted(set().union(*(paths_of(b.conditions[t.cond]) for t in tiers)))
    return PlanVersion(
        v.id,
        kind,
        period(v.effective_from, v.effective_to),
        cite(v.basis),
        tuple(tiers),
        v.person_fine,
        v.daily_penalty,
        v.detention,
        v.limitation_years,
        v.not_illegal,
        v.statute,
        v.note,
        layer,
        tuple(tested),
        v.at,
    )


def compile_kinds(b: Builder, m: Merged) -> dict[str, PlanKind]:
    out = {}
    version_ids: dict[str, Any] = {}
    for kind, layer in m.kinds.values():
        versions = sorted(kind.versions, key=lambda v: v.effective_from)
        for a, nxt in itertools.pairwise(versions):
            if a.effective_to is None or a.effective_to >= nxt.effective_from:
                b.problem(
                    f"kind {kind.id}: versions {a.id} and {nxt.id} overlap in time",
                    f"违法行为类别{kind.id}：版本{a.id}与{nxt.id}的施行时间重叠",
                    nxt.at,
                    "overlap",
                )
        for v in versions:
            if v.id in version_ids:
                b.problem(
                    f"duplicate version id {v.id!r} (first at {version_ids[v.id]})",
                    f"重复的版本 id {v.id!r}（首次于{version_ids[v.id]}）",
                    v.at,
                    "duplicate_id",
                )
            version_ids[v.id] = v.at
        out[kind.id] = _kind(b, kind, versions, layer, m)
    return out


def _kind(b: Builder, kind: Kind, versions: list[Version], layer: str, m: Merged) -> PlanKind:
    plan_versions = tuple(_version(b, kind.id, v, layer, m.kinds) for v in versions)
    return PlanKind(
        kind.id,
        kind.title,
        kind.continuing,
        kind.environmental,
        plan_versions,
        tuple(v.effective_from for v in versions),
        layer,
        kind.note,
        kind.at,
    )


def compile_adjustments(b: Builder, m: Merged) -> list[PlanAdjustment]:
    out = []
    for adj, layer in m.adjustments.values():
        for k in adj.kinds or ():
            if k not in m.kinds:
                b.problem(
                    f"adjustment {adj.id}: unknown violation kind {k!r}",
                    f"调整{adj.id}：违法行为类别{k!r}不存在",
                    adj.at,
                    "unknown_id",
                )
        out.append(
            PlanAdjustment(
                adj.id,
                adj.title,
                AdjustmentKind(adj.kind),
                adj.mandatory,
                b.condition(adj.when),
                frozenset(adj.kinds) if adj.kinds else None,
                adj.statute,
                cite(adj.basis),
                period(adj.effective_from, adj.effective_to),
                layer,
                adj.note,
                (adj.range.lower, adj.range.upper) if adj.range is not None else None,
                adj.at,
                adj.as_of,
            )
        )
    return out


def compile_standards(b: Builder, m: Merged) -> list[PlanStandard]:
    return [
        PlanStandard(
            s.id,
            s.title,
            period(s.effective_from, s.effective_to),
            s.lighter_upper,
            s.heavier_lower,
            s.reduced_floor,
            cite(s.basis),
            cite(s.reduced_floor_basis) if s.reduced_floor_basis else None,
            layer,
            s.at,
        )
        for s, layer in m.standards
    ]


def compile_benchmarks(b: Builder, m: Merged) -> list[PlanBenchmark]:
    out = []
    item_ids: dict[str, Any] = {}
    for bench, layer in m.benchmarks.values():
        items = [_benchmark_item(b, m, bench.method, item, item_ids) for item in bench.items]
        out.append(
            PlanBenchmark(
                bench.id,
                bench.title,
                cite(bench.basis),
                period(bench.effective_from, bench.effective_to),
                bench.cap_percent,
                bench.unknown_factor,
                tuple(items),
                layer,
                bench.at,
                bench.method,
            )
        )
    return out


def _benchmark_item(
    b: Builder, m: Merged, method: str, item: BenchmarkItem, item_ids: dict[str, Any]
) -> PlanBenchmarkItem:
    """One item of a benchmark table, its ids checked against the kinds and
    versions it names (``item_ids``: the items seen so far, by id)."""
    if item.id in item_ids:
        b.problem(
            f"duplicate benchmark item id {item.id!r} (first at {item_ids[item.id]})",
            f"重复的裁量表项 id {item.id!r}",
            item.at,
            "duplicate_id",
        )
    item_ids[item.id] = item.at
    for k in item.kinds:
        if k not in m.kinds:
            b.problem(
                f"benchmark item {item.id}: unknown violation kind {k!r}",
                f"裁量表项{item.id}：违法行为类别{k!r}不存在",
                item.at,
                "unknown_id",
            )
    known = {v.id for k in item.kinds if k in m.kinds for v in m.kinds[k][0].versions}
    for vid in item.versions or ():
        if vid not in known:
            b.problem(
                f"benchmark item {item.id}: unknown version {vid!r} of its kinds",
                f"裁量表项{item.id}：其违法行为类别没有版本{vid!r}",
                item.at,
                "unknown_id",
            )
    compiled = PlanBenchmarkItem(
        item.id,
        item.title,
        frozenset(item.kinds),
        frozenset(item.versions) if item.versions is not None else None,
        b.condition(item.when),
        item.start_percent,
        item.floor_percent,
        cite(item.basis),
        _factors(b, item),
        item.at,
    )
    if method == "percentage" and item.start_percent:
        b.problem(
            f"benchmark item {item.id}: the percentage method has no start value",
            f"裁量表项{item.id}：百分比模式没有裁量起点",
            item.at,
            "invalid",
        )
    return compiled


def _factors(b: Builder, item: Any) -> tuple[PlanFactor, ...]:
    factors = []
    factor_ids: set[str] = set()
    for f in item.factors:
        if f.id in factor_ids:
            b.problem(
                f"benchmark item {item.id}: duplicate factor id {f.id!r}",
                f"裁量表项{item.id}：重复的裁量因素 id {f.id!r}",
                item.at,
                "duplicate_id",
            )
        factor_ids.add(f.id)
        level_ids: set[str] = set()
        levels = []
        for lv in f.levels:
            if lv.id in level_ids:
                b.problem(
                    f"factor {f.id}: duplicate level id {lv.id!r}",
                    f"裁量因素{f.id}：重复的档次 id {lv.id!r}",
                    lv.at,
                    "duplicate_id",
                )
            level_ids.add(lv.id)
            if lv.prior_count is not None and f.window is None:
                b.problem(
                    f"factor {f.id}: level {lv.id} counts prior violations but the factor has no window",
                    f"裁量因素{f.id}：档次{lv.id}按违法次数划分，但该因素未设 window",
                    lv.at,
                    "invalid",
                )
            prior = None if lv.prior_count is None else (lv.prior_count.min, lv.prior_count.max)
            levels.append(PlanLevel(lv.id, lv.title, lv.low, b.condition(lv.when), lv.percent_max, prior))
        window = (
            None
            if f.window is None
            else PlanWindow(f.window.years, f.window.calendar_year, f.window.same_kind)
        )
        factors.append(PlanFactor(f.id, f.title, tuple(levels), window, _consumes(b, f)))
    return tuple(factors)


def _consumes(b: Builder, f: Any) -> frozenset[tuple[str, object]]:
    out: set[tuple[str, object]] = set()
    for text in f.consumes:
        path, _, member = text.partition(":")
        if path not in FACTS:
            b.problem(
                f"factor {f.id}: consumes unknown fact {path!r}",
                f"裁量因素{f.id}：consumes 中的事实{path!r}不存在",
                f.at,
                "unknown_id",
            )
            continue
        out.add((path, member or None))
    return frozenset(out)
