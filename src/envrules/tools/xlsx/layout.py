"""The workbook's layout: which sheets, which columns, what each column holds.

Every sheet has two header rows: row 1 in Chinese for the reader, row 2 the
machine key the importer reads (``basis/law``, ``when/violation.kind``,
``then/level``, ``@file``); data start on row 3. A row is one element of a
ruleset list (a rule, a kind, a version, a tier, a benchmark, an item, a
factor, a level); ``@…`` columns name the file and the parents it belongs to.
``*`` (其他) holds, as one-line YAML, any key no other column shows, so every
key of the YAML has a cell."""

from __future__ import annotations

from typing import get_args, get_type_hints

import attrs

from ...rulesets import fines
from ...rulesets.schema import benchmarks, tables

FILE = "@file"
REST = "*"
WHEN_REST = "when/*"


@attrs.frozen
class Column:
    key: str  # header row 2
    zh: str  # header row 1
    kind: str  # id text date percent money int bool enum list yaml rest parent file
    options: tuple[str, ...] = ()
    width: int = 14

    @property
    def path(self) -> tuple[str, ...]:
        head, _, tail = self.key.partition("/")
        return (head, tail) if tail else (head,)


@attrs.frozen
class Sheet:
    """A sheet of elements stored under ``list_key`` of their parent (or of the
    file, for a sheet without parents)."""

    name: str
    list_key: str
    parents: tuple[str, ...]  # parent sheets' names, outermost first
    columns: tuple[Column, ...]
    children: tuple[str, ...] = ()  # keys held by child sheets


def _options(tp: object) -> tuple[str, ...]:
    return tuple(str(a) for a in get_args(tp))


def _formulas() -> tuple[str, ...]:
    return tuple(a for cls in get_args(fines.FineFormula) for a in _options(get_type_hints(cls)["formula"]))


def _fine_bases() -> tuple[str, ...]:
    return _options(fines.MoneyBase) + _options(fines.CountBase)


BOOL = ("TRUE", "FALSE")


def basis(prefix: str = "basis") -> tuple[Column, ...]:
    return (
        Column(f"{prefix}/law", "依据（法规名称）", "text", width=30),
        Column(f"{prefix}/article", "条款", "text", width=16),
        Column(f"{prefix}/quote", "原文", "text", width=50),
        Column(f"{prefix}/source", "来源", "text", width=30),
    )


def dates() -> tuple[Column, ...]:
    return (
        Column("effective_from", "生效日期", "date", width=12),
        Column("effective_to", "失效日期（含当日）", "date", width=12),
    )


def title(zh: str = "标题") -> tuple[Column, ...]:
    return (Column("title/zh", zh, "text", width=36), Column("title/en", zh + "（英文）", "text", width=30))


def tail() -> tuple[Column, ...]:
    return (
        Column("note", "备注", "text", width=40),
        Column(REST, "其他（YAML）", "rest", width=16),
        Column(FILE, "文件", "file", width=30),
    )


CATALOGUE = Sheet(
    "目录",
    "tables",
    (),
    (
        Column("@sheet", "工作表", "parent", width=16),
        Column("@type", "类型（表/扩展）", "enum", ("表", "扩展"), width=10),
        Column("id", "表编号（扩展：被扩展的表）", "id", width=30),
        *title(),
        Column("decides", "决定事项", "enum", _options(tables.Decides), width=14),
        Column("hit_policy", "命中策略", "enum", _options(tables.HitPolicy), width=10),
        Column("as_of", "取规则的日期", "enum", _options(tables.AsOf), width=12),
        Column("position", "扩展插入位置", "enum", ("before", "after"), width=10),
        *tail(),
    ),
)

RULE_HEAD = (Column("id", "规则编号", "id", width=30), *title("规则"))
RULE_TAIL = (
    Column(WHEN_REST, "其他条件（YAML）", "yaml", width=30),
    *dates(),
    *basis(),
    Column("priority", "优先级", "int", width=8),
    Column("replaces", "替代规则", "id", width=16),
    *tail(),
)

KINDS = Sheet(
    "违法类型",
    "kinds",
    (),
    (
        Column("id", "违法类型编号", "id", width=30),
        *title("违法行为"),
        Column("continuing", "持续状态", "bool", BOOL, width=8),
        Column("environmental", "生态环境违法", "bool", BOOL, width=8),
        Column("replaces", "替代", "id"),
        *tail(),
    ),
    children=("versions",),
)

VERSIONS = Sheet(
    "法条版本",
    "versions",
    ("违法类型",),
    (
        Column("@kind", "违法类型", "parent", width=30),
        Column("id", "版本编号", "id", width=36),
        *dates(),
        *basis(),
        Column("person_fine", "责任人罚款（YAML）", "yaml", width=20),
        Column("daily_penalty", "按日连续处罚", "bool", BOOL, width=8),
        Column("detention", "移送行政拘留", "bool", BOOL, width=8),
        Column("limitation_years", "追责时效（年）", "int", width=8),
        Column("not_illegal", "不再违法", "bool", BOOL, width=8),
        Column("statute", "所属法律", "id", width=10),
        *tail(),
    ),
    children=("tiers",),
)

TIERS = Sheet(
    "罚款档次",
    "tiers",
    ("违法类型", "法条版本"),
    (
        Column("@kind", "违法类型", "parent", width=30),
        Column("@version", "版本", "parent", width=36),
        Column("id", "档次编号", "id", width=16),
        *title("档次"),
        Column("when", "条件（YAML）", "yaml", width=36),
        Column("fine/formula", "罚款方式", "enum", _formulas(), width=12),
        Column("fine/min", "罚款下限（元）", "money", width=12),
        Column("fine/max", "罚款上限（元）", "money", width=12),
        Column("fine/base", "计算基数", "enum", _fine_bases(), width=12),
        Column("fine/min_percent", "最低比例（%）", "percent", width=8),
        Column("fine/max_percent", "最高比例（%）", "percent", width=8),
        Column("fine/min_multiple", "最低倍数", "percent", width=8),
        Column("fine/max_multiple", "最高倍数", "percent", width=8),
        Column("fine/floor", "不低于（元）", "money", width=12),
        Column("fine/cap", "不高于（元）", "money", width=12),
        Column("fine/base_floor", "基数不足按（元）", "money", width=12),
        Column("fine/optional", "可以处罚款", "bool", BOOL, width=8),
        Column("fine/otherwise", "基数缺失时（YAML）", "yaml", width=20),
        Column("person_fine", "责任人罚款（YAML）", "yaml", width=20),
        Column("measures", "措施", "list", width=24),
        Column("discretionary_measures", "可以采取的措施", "list", width=20),
        Column("refers_to", "按另一类别处理", "id", width=16),
        Column("consumes", "已计入的情节", "list", width=16),
        Column("basis", "本档依据（YAML）", "yaml", width=30),
        *tail(),
    ),
)

BENCHMARKS = Sheet(
    "裁量基准",
    "benchmarks",
    (),
    (
        Column("id", "基准编号", "id", width=26),
        *title("裁量基准"),
        Column(
            "method",
            "计算方法",
            "enum",
            _options(benchmarks.Benchmark.model_fields["method"].annotation),
            width=12,
        ),
        Column("cap_percent", "合计封顶（%）", "percent", width=8),
        Column(
            "floor",
            "低于法定最低时",
            "enum",
            _options(benchmarks.Benchmark.model_fields["floor"].annotation),
            width=12,
        ),
        Column(
            "unknown_factor",
            "因素未查明时",
            "enum",
            _options(benchmarks.Benchmark.model_fields["unknown_factor"].annotation),
            width=10,
        ),
        *dates(),
        *basis(),
        *tail(),
    ),
    children=("items",),
)

ITEMS = Sheet(
    "裁量事项",
    "items",
    ("裁量基准",),
    (
        Column("@benchmark", "裁量基准", "parent", width=26),
        Column("id", "事项编号", "id", width=36),
        *title("裁量事项"),
        Column("kinds", "违法类型", "list", width=26),
        Column("versions", "适用版本", "list", width=30),
        Column("when", "条件（YAML）", "yaml", width=24),
        Column("start_percent", "裁量起点（%）", "percent", width=8),
        Column("floor_percent", "最低（%）", "percent", width=8),
        *basis(),
        *tail(),
    ),
    children=("factors",),
)

FACTORS = Sheet(
    "裁量因素",
    "factors",
    ("裁量基准", "裁量事项"),
    (
        Column("@benchmark", "裁量基准", "parent", width=20),
        Column("@item", "裁量事项", "parent", width=36),
        Column("id", "因素编号", "id", width=20),
        *title("裁量因素"),
        Column("window", "违法次数时间窗（YAML）", "yaml", width=18),
        Column("consumes", "已计价的事实", "list", width=24),
        *tail(),
    ),
    children=("levels",),
)

LEVELS = Sheet(
    "裁量档次",
    "levels",
    ("裁量基准", "裁量事项", "裁量因素"),
    (
        Column("@benchmark", "裁量基准", "parent", width=20),
        Column("@item", "裁量事项", "parent", width=36),
        Column("@factor", "裁量因素", "parent", width=18),
        Column("id", "档次编号", "id", width=20),
        Column("title", "档次", "text", width=40),
        Column("percent", "百分值（%）", "percent", width=8),
        Column("percent_min", "幅度下限（%）", "percent", width=8),
        Column("percent_max", "幅度上限（%）", "percent", width=8),
        Column("when", "条件（YAML）", "yaml", width=36),
        Column("prior_count", "违法次数（YAML）", "yaml", width=14),
        Column(REST, "其他（YAML）", "rest", width=12),
        Column(FILE, "文件", "file", width=30),
    ),
)

TREES: tuple[tuple[Sheet, ...], ...] = ((KINDS, VERSIONS, TIERS), (BENCHMARKS, ITEMS, FACTORS, LEVELS))
"""Nested sheets, outermost first: each sheet's rows are the children of the one before."""

PARENT_KEYS = {
    "违法类型": "@kind",
    "法条版本": "@version",
    "裁量基准": "@benchmark",
    "裁量事项": "@item",
    "裁量因素": "@factor",
}

DECIDES_ZH = {
    "jurisdiction": "管辖",
    "department": "部门",
    "office": "内设机构",
    "supervision": "监管",
    "transfer": "移送",
    "monitoring": "监测",
    "limitation": "时效",
    "hearing": "听证",
    "legal_review": "法制审核",
    "collective_deliberation": "集体讨论",
    "daily_penalty": "按日计罚",
    "designation": "指定管辖",
    "first_violation": "首违",
    "minor_violation": "轻微",
}

FACT_ZH = {
    "violation.kind": "违法类型",
    "violation.item": "项",
    "violation.circumstances": "情节",
    "violation.severity": "情节程度",
    "violation.medium": "环境要素",
    "region.county": "县（区）",
    "region.township": "乡镇（街道）",
    "region.spans_counties": "跨县",
    "region.spans_townships": "跨乡镇",
    "region.spans_cities": "跨市",
    "region.central_urban_area": "中心城区",
    "enterprise.kind": "当事人类型",
    "enterprise.monitored_level": "重点监控级别",
    "procedure.law_assigns_level": "法定层级",
    "matter": "事项",
}

THEN_ZH = {
    "level": "层级",
    "authority": "机关",
    "department": "部门",
    "role": "角色",
    "office": "内设机构",
    "duty": "职责",
}


def condition_column(field: str) -> Column:
    label = FACT_ZH.get(field, field)
    return Column(f"when/{field}", f"条件：{label}", "yaml", width=18)


def outcome_column(key: str) -> Column:
    return Column(f"then/{key}", f"结论：{THEN_ZH.get(key, key)}", "yaml", width=18)


def rule_columns(fields: list[str], outcomes: list[str]) -> tuple[Column, ...]:
    return (
        *RULE_HEAD,
        *(condition_column(f) for f in fields),
        *(outcome_column(k) for k in outcomes),
        *RULE_TAIL,
    )


def rule_sheet(name: str, fields: list[str], outcomes: list[str]) -> Sheet:
    return Sheet(name, "rules", (), rule_columns(fields, outcomes))


def sheet_name(index: int, table_id: str, decides: str) -> str:
    """A sheet name Excel accepts (≤ 31 characters, none of []:*?/\\)."""
    raw = f"{index:02d}{DECIDES_ZH.get(decides, decides)} {table_id}"
    for ch in "[]:*?/\\":
        raw = raw.replace(ch, "_")
    return raw[:31]
