"""Merge the layers of a profile (lowest first) into one set of ruleset
specs: later layers add, ``replaces`` an earlier kind/adjustment/rule (once,
and only one that exists), ``extend`` a table, ``disable`` rules or
adjustments. Every problem is collected with its place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ..core.errors import Problem, SourceLocation, problem
from .layers import Layer
from .schema import (
    Adjustment,
    AuthoritySpec,
    Benchmark,
    Delegation,
    DiscretionStandard,
    GroundLink,
    Kind,
    MatterSpec,
    RegionSpec,
    Rule,
    Table,
)


@attrs.define
class MergedTable:
    spec: Table
    layer: str
    rules: list[tuple[Rule, str]]


@attrs.define
class Merged:
    """The specs of a profile after merging its layers."""

    kinds: dict[str, tuple[Kind, str]] = attrs.Factory(dict)
    tables: dict[str, MergedTable] = attrs.Factory(dict)
    adjustments: dict[str, tuple[Adjustment, str]] = attrs.Factory(dict)
    standards: list[tuple[DiscretionStandard, str]] = attrs.Factory(list)
    links: list[GroundLink] = attrs.Factory(list)
    benchmarks: dict[str, tuple[Benchmark, str]] = attrs.Factory(dict)
    regions: dict[str, RegionSpec] = attrs.Factory(dict)
    authorities: dict[str, AuthoritySpec] = attrs.Factory(dict)
    matters: dict[str, MatterSpec] = attrs.Factory(dict)
    delegations: list[tuple[frozenset[str], Any, Any, Any, SourceLocation | None]] = attrs.Factory(list)
    disabled: list[str] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)


class _Merger:
    def __init__(self) -> None:
        self.m = Merged()
        self.seen: dict[str, SourceLocation | None] = {}
        self.replaced: dict[str, SourceLocation | None] = {}
        self.rule_ids: dict[str, SourceLocation | None] = {}

    def problem(self, en: str, zh: str, at: SourceLocation | None, code: str) -> None:
        self.m.problems.append(problem(en, zh, where=at, code=code))

    def claim(self, what: str, ident: str, at: SourceLocation | None) -> bool:
        key = f"{what}:{ident}"
        if key in self.seen:
            hint = (
                "; use `replaces:` to override it"
                if what in ("kind", "adjustment")
                else "; give it another id"
            )
            self.problem(
                f"duplicate {what} id {ident!r} (first defined at {self.seen[key]})" + hint,
                f"重复的{what} id {ident!r}（首次定义于{self.seen[key]}）",
                at,
                "duplicate_id",
            )
            return False
        self.seen[key] = at
        return True

    def replace(
        self, what: str, old: str, new: str, at: SourceLocation | None, store: dict[str, Any]
    ) -> bool:
        """``new`` replaces ``old``: ``old`` must exist and not be replaced yet."""
        if f"{what}:{old}" in self.replaced:
            self.problem(
                f"{what} {old!r} is replaced twice (first at {self.replaced[f'{what}:{old}']})",
                f"{what} {old!r}被替换了两次（首次于{self.replaced[f'{what}:{old}']}）",
                at,
                "replaced_twice",
            )
            return False
        if old not in store:
            self.problem(
                f"{what} {new!r} replaces {old!r}, which does not exist",
                f"{what} {new!r}替换了不存在的{old!r}",
                at,
                "replaces_missing",
            )
            return False
        self.replaced[f"{what}:{old}"] = at
        del store[old]
        self.seen.pop(f"{what}:{old}", None)
        return self.claim(what, new, at)

    def add_rules(
        self, target: list[tuple[Rule, str]], new: Sequence[Rule], layer: str, position: str, table: str
    ) -> None:
        fresh: list[tuple[Rule, str]] = []
        for rule in new:
            if rule.replaces:
                key = f"rule:{rule.replaces}"
                index = next((i for i, (old, _) in enumerate(target) if old.id == rule.replaces), None)
                if key in self.replaced:
                    self.problem(
                        f"rule {rule.replaces!r} is replaced twice (first at {self.replaced[key]})",
                        f"规则{rule.replaces!r}被替换了两次",
                        rule.at,
                        "replaced_twice",
                    )
                elif index is None:
                    self.problem(
                        f"rule {rule.id!r} replaces {rule.replaces!r}, which is not in table {table}",
                        f"规则{rule.id!r}替换的{rule.replaces!r}不在决策表{table}中",
                        rule.at,
                        "replaces_missing",
                    )
                else:
                    self.replaced[key] = rule.at
                    self.rule_ids.pop(rule.replaces, None)
                    if self._fresh_rule(rule):
                        target[index] = (rule, layer)
                continue
            if self._fresh_rule(rule):
                fresh.append((rule, layer))
        if position == "before":
            target[:0] = fresh
        else:
            target.extend(fresh)

    def _fresh_rule(self, rule: Rule) -> bool:
        if rule.id in self.rule_ids:
            self.problem(
                f"duplicate rule id {rule.id!r} (first at {self.rule_ids[rule.id]})",
                f"重复的规则 id {rule.id!r}（首次于{self.rule_ids[rule.id]}）",
                rule.at,
                "duplicate_id",
            )
            return False
        self.rule_ids[rule.id] = rule.at
        return True

    def layer(self, layer: Layer) -> None:
        meta, m = layer.meta, self.m
        for region in meta.regions:
            if self.claim("region", region.id, region.at):
                m.regions[region.id] = region
        for auth in meta.authorities:
            if self.claim("authority", auth.id, auth.at):
                m.authorities[auth.id] = auth
        for matter in meta.matters:
            if self.claim("matter", matter.id, matter.at):
                m.matters[matter.id] = matter
        for entry in meta.delegated_to_township:
            self.delegation(entry, meta.at)
        for _, rf in layer.files:
            self.file_specs(rf, layer.name)
        for _, rf in layer.files:
            for ext in rf.extend:
                if ext.extend not in m.tables:
                    self.problem(
                        f"extends unknown table {ext.extend!r}",
                        f"扩展了不存在的决策表{ext.extend!r}",
                        ext.at,
                        "unknown_table",
                    )
                    continue
                self.add_rules(m.tables[ext.extend].rules, ext.rules, layer.name, ext.position, ext.extend)
            for dis in rf.disable:
                for ident in dis.ids:
                    self.disable(ident, dis.at)

    def delegation(self, entry: str | Delegation, at: SourceLocation | None) -> None:
        if isinstance(entry, str):
            self.m.delegations.append((frozenset({entry}), None, None, None, at))
        else:
            self.m.delegations.append(
                (frozenset(entry.kinds), entry.effective_from, entry.effective_to, entry.basis, entry.at)
            )

    def file_specs(self, rf: Any, layer: str) -> None:
        m = self.m
        for kind in rf.kinds:
            if kind.replaces:
                if self.replace("kind", kind.replaces, kind.id, kind.at, m.kinds):
                    m.kinds[kind.id] = (kind, layer)
            elif self.claim("kind", kind.id, kind.at):
                m.kinds[kind.id] = (kind, layer)
        for table in rf.tables:
            if self.claim("table", table.id, table.at):
                merged = MergedTable(table, layer, [])
                self.add_rules(merged.rules, table.rules, layer, "after", table.id)
                m.tables[table.id] = merged
        for adj in rf.adjustments:
            if adj.replaces:
                if self.replace("adjustment", adj.replaces, adj.id, adj.at, m.adjustments):
                    m.adjustments[adj.id] = (adj, layer)
            elif self.claim("adjustment", adj.id, adj.at):
                m.adjustments[adj.id] = (adj, layer)
        for standard in rf.discretion_standards:
            if self.claim("discretion standard", standard.id, standard.at):
                m.standards.append((standard, layer))
        for link in rf.ground_links:
            if self.claim("ground link", link.id, link.at):
                m.links.append(link)
        for bench in rf.benchmarks:
            if self.claim("benchmark", bench.id, bench.at):
                m.benchmarks[bench.id] = (bench, layer)
        for region in rf.regions:
            if self.claim("region", region.id, region.at):
                m.regions[region.id] = region
        for auth in rf.authorities:
            if self.claim("authority", auth.id, auth.at):
                m.authorities[auth.id] = auth
        for matter in rf.matters:
            if self.claim("matter", matter.id, matter.at):
                m.matters[matter.id] = matter
        for entry in rf.delegated_to_township:
            self.delegation(entry, entry.at)

    def disable(self, ident: str, at: SourceLocation | None) -> None:
        m = self.m
        hit = False
        for merged in m.tables.values():
            before = len(merged.rules)
            merged.rules[:] = [(r, ly) for r, ly in merged.rules if r.id != ident]
            hit = hit or len(merged.rules) != before
        if ident in m.adjustments:
            del m.adjustments[ident]
            hit = True
        if not hit:
            self.problem(
                f"disables unknown rule or adjustment {ident!r}",
                f"停用了不存在的规则或调整{ident!r}",
                at,
                "unknown_rule",
            )
        m.disabled.append(ident)


def merge_layers(layers: Sequence[Layer]) -> Merged:
    """Merge the layers of a profile, lowest first."""
    merger = _Merger()
    for layer in layers:
        merger.layer(layer)
    return merger.m
