"""Compile the layers of a profile into one immutable :class:`Plan`.

Compiling collects every problem (with file:line:column) before raising, so
a legal officer sees all mistakes at once: conditions checked against the
fact vocabulary, ids unique across the whole plan, ``then`` outcomes checked
against their table, versions of a kind that overlap, ids tested in
conditions that the profile does not know."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..case import FACTS, AdjustmentKind, Stage
from ..core.citation import ReadOnlyMap
from ..core.errors import RulesetError
from ..rulesets.conditions import paths_of
from ..rulesets.layers import Layer
from ..rulesets.merge import Merged, MergedTable, merge_layers
from ..rulesets.schema import PROCEDURE, Rule, Table, adapter
from .builder import Builder, cite, period
from .kinds import compile_adjustments, compile_benchmarks, compile_kinds, compile_standards
from .model import (
    DateSlices,
    Plan,
    PlanAuthority,
    PlanDelegation,
    PlanFormerName,
    PlanGroundLink,
    PlanMatter,
    PlanRegion,
    PlanRule,
    PlanTable,
)
from .timeline import compile_timeline

ADJUSTMENT_ORDER = {
    AdjustmentKind.no_penalty: 0,
    AdjustmentKind.reduced: 1,
    AdjustmentKind.lighter_or_reduced: 2,
    AdjustmentKind.lighter: 3,
    AdjustmentKind.heavier: 4,
}
"""The order exceptions are weighed in: 不予处罚, 减轻, 从轻或者减轻, 从轻, 从重."""

_AS_OF = {"limitation": ("act_end",), "daily_penalty": ("reinspected_on",)}
_DEFAULT_AS_OF = {
    "limitation": "act_end",
    "daily_penalty": "reinspected_on",
    "first_violation": "occurred_on",
    "minor_violation": "decided_on",
}
_PENALTY_TABLES = frozenset({"hearing", "legal_review", "collective_deliberation"})


def _table(b: Builder, merged: MergedTable) -> PlanTable:
    table = merged.spec
    validator = adapter(table.decides)
    stages = frozenset(
        {Stage.CASE, Stage.PROFILE} | ({Stage.PENALTY} if table.decides in _PENALTY_TABLES else set())
    )
    as_of = _as_of(b, table)
    rules = []
    for rule, layer in merged.rules:
        compiled = _rule(b, table, rule, layer, validator, stages)
        if compiled is not None:
            rules.append(compiled)
    return PlanTable(
        table.id,
        table.title,
        table.decides,
        table.hit_policy,
        as_of,
        tuple(rules),
        merged.layer,
        table.note,
        DateSlices.of(rules),
        table.at,
    )


def _as_of(b: Builder, table: Table) -> str:
    """The date a table takes its rules as of: its own ``as_of`` or its kind's default."""
    as_of = table.as_of or _DEFAULT_AS_OF.get(table.decides, "decided_on")
    allowed = _AS_OF.get(table.decides, ("decided_on", "occurred_on"))
    if as_of not in allowed:
        b.problem(
            f"table {table.id}: a {table.decides} table takes its rules as of "
            f"{' or '.join(allowed)}, not {as_of}",
            f"决策表{table.id}：{table.decides}表的适用日期只能是{'、'.join(allowed)}",
            table.at,
            "as_of",
        )
    return as_of


def _rule(
    b: Builder,
    table: Table,
    rule: Rule,
    layer: str,
    validator: TypeAdapter[Any],
    stages: frozenset[Stage],
) -> PlanRule | None:
    """One rule of a table, its ``then`` validated against the table's outcome
    (None, with the problems noted, when it does not fit)."""
    try:
        then = validator.validate_python(dict(rule.then))
    except ValidationError as exc:
        for err in exc.errors(include_url=False, include_input=False):
            loc = ".".join(str(x) for x in err["loc"])
            b.problem(
                f"rule {rule.id}: then.{loc}: {err['msg']}",
                f"规则{rule.id}：then.{loc}：{err['msg']}",
                rule.at,
                "then",
            )
        return None
    if table.hit_policy == "priority" and rule.priority is None:
        b.problem(
            f"rule {rule.id} needs a priority (table {table.id} uses hit policy priority)",
            f"规则{rule.id}需要 priority（决策表{table.id}按优先级命中）",
            rule.at,
            "priority",
        )
    return PlanRule(
        rule.id,
        table.id,
        rule.title,
        b.condition(rule.when, stages),
        then,
        cite(rule.basis),
        period(rule.effective_from, rule.effective_to),
        rule.priority,
        layer,
        rule.replaces,
        rule.note,
        rule.at,
    )


def _regions(b: Builder, m: Merged) -> dict[str, PlanRegion]:
    out = {}
    for region in m.regions.values():
        if region.parent is not None and region.parent not in m.regions:
            b.problem(
                f"region {region.id!r} has unknown parent {region.parent!r}",
                f"地区{region.id!r}的上级{region.parent!r}不存在",
                region.at,
                "unknown_id",
            )
        out[region.id] = PlanRegion(
            region.id,
            region.name,
            region.level,
            region.parent,
            region.code,
            region.type,
            region.central_urban_area,
            period(region.effective_from, region.effective_to),
            tuple(PlanFormerName(f.name, f.code, f.until) for f in region.former_names),
            region.note,
            region.successor,
            region.at,
        )
    return out


def _tables(b: Builder, m: Merged) -> tuple[list[PlanTable], dict[str, PlanTable]]:
    decision: list[PlanTable] = []
    procedure: dict[str, PlanTable] = {}
    for merged in m.tables.values():
        table = _table(b, merged)
        if table.decides not in PROCEDURE:
            decision.append(table)
        elif table.decides in procedure:
            b.problem(
                f"two {table.decides} tables ({procedure[table.decides].id} and {table.id}): "
                "extend the first instead",
                f"有两张{table.decides}决策表：请扩展第一张",
                table.at,
                "duplicate_table",
            )
        else:
            procedure[table.decides] = table
    return decision, procedure


def _links(b: Builder, m: Merged) -> list[PlanGroundLink]:
    out = []
    for link in m.links:
        for path in (link.withheld, *link.also):
            if path not in FACTS:
                b.problem(
                    f"ground link {link.id}: unknown fact {path!r}",
                    f"情节关联{link.id}：不认识的事实{path!r}",
                    link.at,
                    "unknown_fact",
                )
        out.append(
            PlanGroundLink(
                link.id,
                link.title,
                link.withheld,
                link.also,
                period(link.effective_from, link.effective_to),
                cite(link.basis),
            )
        )
    return out


def _delegations(b: Builder, m: Merged, kinds: set[str]) -> list[PlanDelegation]:
    out = []
    for kind_ids, start, end, basis, at in m.delegations:
        for k in sorted(kind_ids - kinds):
            b.problem(
                f"delegated_to_township names unknown kind {k!r}",
                f"delegated_to_township 中的违法行为类别{k!r}不存在",
                at,
                "unknown_id",
            )
        out.append(PlanDelegation(kind_ids, period(start, end), cite(basis) if basis is not None else None))
    return out


def _authorities(m: Merged) -> dict[str, PlanAuthority]:
    return {
        a.id: PlanAuthority(
            a.id,
            a.name,
            a.name_en,
            a.level,
            a.region,
            period(a.effective_from, a.effective_to),
            a.successor,
            a.note,
        )
        for a in m.authorities.values()
    }


def compile_plan(profile: str, layers: Sequence[Layer]) -> Plan:
    """Merge the layers (lowest first) and compile them."""
    m = merge_layers(layers)
    b = Builder(profile)
    b.problems.extend(m.problems)
    regions = _regions(b, m)
    decision, procedure = _tables(b, m)
    kinds = compile_kinds(b, m)
    adjustments = compile_adjustments(b, m)
    standards = compile_standards(b, m)
    benchmarks = compile_benchmarks(b, m)
    delegations = _delegations(b, m, set(kinds))
    b.constants({"region": set(regions), "violation.kind": set(kinds), "matter": set(m.matters)})
    timeline = compile_timeline(b, layers)
    links = tuple(_links(b, m))  # before the check: a link naming an unknown fact is a problem
    if b.problems:
        raise RulesetError(b.problems)
    digest = hashlib.sha256("".join(f"{ly.name}:{ly.digest};" for ly in layers).encode())
    paths: set[str] = set()
    for cond in b.conditions:
        paths |= paths_of(cond)
    return Plan(
        profile=profile,
        title=layers[-1].meta.title,
        layers=tuple(ly.name for ly in layers),
        digest=digest.hexdigest()[:16],
        conditions=tuple(b.conditions),
        fact_paths=tuple(sorted(p for p in paths if p in FACTS)),
        tables=tuple(decision),
        procedure=ReadOnlyMap(procedure),
        kinds=ReadOnlyMap(kinds),
        adjustments=tuple(sorted(adjustments, key=lambda a: (ADJUSTMENT_ORDER[a.kind], a.id))),
        standards=tuple(standards),
        ground_links=links,
        benchmarks=tuple(benchmarks),
        regions=ReadOnlyMap(regions),
        authorities=ReadOnlyMap(_authorities(m)),
        matters=ReadOnlyMap({x.id: PlanMatter(x.id, x.title, x.note) for x in m.matters.values()}),
        delegations=tuple(delegations),
        disabled=tuple(m.disabled),
        timeline=timeline,
    )
