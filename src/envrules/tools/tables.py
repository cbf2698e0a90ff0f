"""Render a compiled plan as Markdown tables a legal officer can read: every
decision table with its rules, every violation kind with its dated versions
and tiers, the adjustments and the benchmarks. Wide tables are split in two
— what the rule decides (conditions → outcome) and where it comes from
(basis, dates) — so both fit a 1280 px screen; ``lang="zh"`` renders the
headings and words in Chinese. Used by the documentation build
(docs/conf.py) and by ``envrules tables``."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.citation import Citation
from ..plan import Plan, PlanTable
from ..plan.fines import text as fine_text
from ..rulesets import describe
from ..rulesets.schema import fields_of
from .timeline_tables import timeline_tables

WORDS = {
    "en": {
        "profile": "Profile",
        "layers": "layers",
        "digest": "rulesets digest",
        "tables": "Decision tables",
        "procedure": "Procedure (limitation, hearing, legal review, "
        "collective deliberation, daily penalty, designation)",
        "decides": "decides",
        "hit": "hit policy",
        "as_of": "rules taken as of",
        "rule": "rule",
        "when": "when",
        "then": "then",
        "basis": "basis",
        "in_force": "in force",
        "sources": "Basis and dates",
        "kinds": "Violation kinds and statutory ranges",
        "version": "version",
        "tier": "tier",
        "fine": "fine",
        "measures": "measures",
        "versions": "Versions",
        "adjustments": "Adjustments (从轻 / 减轻 / 从重 / 不予处罚)",
        "adjustment": "adjustment",
        "kind": "kind",
        "may": " (may)",
        "standards": "Discretion standards (从轻 / 从重 / 减轻)",
        "standard": "standard",
        "lighter": "从轻 up to",
        "heavier": "从重 from",
        "floor": "减轻 floor",
        "benchmark": "Benchmark",
        "cap": "cap",
        "no_cap": "no cap",
        "method": "method",
        "kinds_of": "Kinds",
        "start": "start",
        "item_floor": "floor",
        "factor": "factor",
        "level": "level",
        "value": "value",
        "band": "band (officer picks)",
        "window": "window",
        "other": "other",
        "any": "—",
        "in_force_word": "in force",
        "none": "none",
    },
    "zh": {
        "profile": "规则集",
        "layers": "层",
        "digest": "规则集摘要",
        "tables": "决策表",
        "procedure": "程序（时效、听证、法制审核、集体讨论、按日计罚、指定管辖）",
        "decides": "决定",
        "hit": "命中策略",
        "as_of": "取规则的日期",
        "rule": "规则",
        "when": "条件",
        "then": "结论",
        "basis": "依据",
        "in_force": "有效期",
        "sources": "依据与日期",
        "kinds": "违法行为类别与法定幅度",
        "version": "版本",
        "tier": "档次",
        "fine": "罚款",
        "measures": "措施",
        "versions": "各时期版本",
        "adjustments": "从轻、减轻、从重、不予处罚",
        "adjustment": "情形",
        "kind": "类别",
        "may": "（可以）",
        "standards": "裁量标准（从轻、从重、减轻）",
        "standard": "标准",
        "lighter": "从轻上限",
        "heavier": "从重下限",
        "floor": "减轻下限",
        "benchmark": "裁量基准",
        "cap": "合计封顶",
        "no_cap": "合计不封顶",
        "method": "计算方法",
        "kinds_of": "违法行为类别",
        "start": "裁量起点",
        "item_floor": "最低",
        "factor": "裁量因素",
        "level": "档次",
        "value": "百分值",
        "band": "幅度（执法人员取值）",
        "window": "违法次数时间窗",
        "other": "其他",
        "any": "—",
        "in_force_word": "有效期",
        "none": "无",
    },
}
METHOD = {
    "weighted_sum": ("权重累加", "weighted sum (start + Σ, capped) × statutory maximum"),
    "percentage": ("百分比模式", "percentage (Σ values) × statutory maximum"),
}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _basis(b: Citation) -> str:
    text = b.cite()
    if b.source:
        text += f" ({b.source})"
    return _cell(text)


def _dates(start: object, end: object) -> str:
    return f"{start} – {end or '…'}"


def _row(*cells: object) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _head(*cells: str) -> list[str]:
    return [_row(*cells), _row(*["---"] * len(cells))]


def _title(text: object, lang: str) -> str:
    zh, en = getattr(text, "zh", str(text)), getattr(text, "en", str(text))
    return zh if lang == "zh" else f"{zh} · {en}"


def _table(plan: Plan, table: PlanTable, lang: str) -> Iterable[str]:
    w = WORDS[lang]
    yield f"### {_title(table.title, lang)}"
    yield ""
    yield (
        f"`{table.id}` — {w['decides']} **{table.decides}**, {w['hit']} **{table.hit_policy}**, "
        f"{w['as_of']} `{table.as_of}`."
    )
    yield ""
    yield from _head("#", w["rule"], w["when"], w["then"])
    for i, rule in enumerate(table.rules, 1):
        then = (
            ", ".join(
                f"{k}={getattr(v, 'value', v)}"
                for k, v in fields_of(rule.then).items()
                if not hasattr(v, "zh")
            )
            or "—"
        )
        title = rule.title.zh if lang == "zh" else rule.title.zh + " · " + rule.title.en
        yield _row(i, f"{title}<br>`{rule.id}`", describe(plan.conditions[rule.cond]), then)
    yield ""
    yield f"*{w['sources']}:*"
    yield ""
    yield from _head("#", w["basis"], w["in_force"])
    for i, rule in enumerate(table.rules, 1):
        yield _row(i, _basis(rule.basis), _dates(rule.period.start, rule.period.end))
    yield ""


def _kinds(plan: Plan, lang: str) -> Iterable[str]:
    w = WORDS[lang]
    yield from (f"## {w['kinds']}", "")
    for kind in sorted(plan.kinds.values(), key=lambda k: k.id):
        yield from (f"### {_title(kind.title, lang)}", "", f"`{kind.id}`", "")
        yield from _head(w["version"], w["tier"], w["when"], w["fine"], w["measures"])
        for v in kind.versions:
            for t in v.tiers:
                yield _row(
                    f"`{v.id}`",
                    t.id,
                    describe(plan.conditions[t.cond]),
                    fine_text(t.fine, lang),
                    ", ".join(t.measures) or "—",
                )
        yield ""
        yield f"*{w['versions']}:*"
        yield ""
        yield from _head(w["version"], w["in_force"], w["basis"])
        for v in kind.versions:
            yield _row(f"`{v.id}`", _dates(v.period.start, v.period.end), _basis(v.basis))
            for t in v.tiers:
                if t.basis is not None:
                    yield _row(f"`{v.id}` · {t.id}", "", _basis(t.basis))
        yield ""


def _adjustments(plan: Plan, lang: str) -> Iterable[str]:
    w = WORDS[lang]
    yield from (f"## {w['adjustments']}", "")
    yield from _head("#", w["adjustment"], w["kind"], w["when"])
    for i, a in enumerate(plan.adjustments, 1):
        yield _row(
            i,
            f"{a.title.zh}<br>`{a.id}`",
            a.kind.value + ("" if a.mandatory else w["may"]) + (f" [{a.statute}]" if a.statute else ""),
            describe(plan.conditions[a.cond]),
        )
    yield from ("", f"*{w['sources']}:*", "")
    yield from _head("#", w["basis"], w["in_force"])
    for i, a in enumerate(plan.adjustments, 1):
        yield _row(i, _basis(a.basis), _dates(a.period.start, a.period.end))
    yield ""


def _standards(plan: Plan, lang: str) -> Iterable[str]:
    w = WORDS[lang]
    yield from (f"## {w['standards']}", "")
    yield from _head(w["standard"], w["lighter"], w["heavier"], w["floor"], w["basis"], w["in_force"])
    for st in plan.standards:
        yield _row(
            f"{st.title.zh}<br>`{st.id}`",
            st.lighter_upper,
            st.heavier_lower,
            st.reduced_floor if st.reduced_floor is not None else "—",
            _basis(st.basis),
            _dates(st.period.start, st.period.end),
        )
    yield ""


def _level_value(lv: object) -> tuple[str, str]:
    high = getattr(lv, "high", None)
    low = getattr(lv, "percent")  # noqa: B009
    return (f"{low}%", "") if high is None else ("", f"{low}%–{high}%")


def _window(window: object, zh: bool) -> str:
    if window is None:
        return ""
    years = getattr(window, "years", None)
    span = (
        ("年度" if zh else "calendar year")
        if years is None
        else (f"{years}年内" if zh else f"{years} year(s)")
    )
    same = ("，同类" if zh else ", same kind") if getattr(window, "same_kind", False) else ""
    return f"（{span}{same}）" if zh else f" ({span}{same})"


def _prior(prior: tuple[int, int | None] | None, zh: bool) -> str:
    if prior is None:
        return ""
    hi = "∞" if prior[1] is None else prior[1]
    return f"；此前违法{prior[0]}–{hi}次" if zh else f"; prior violations {prior[0]}–{hi}"


def _benchmarks(plan: Plan, lang: str) -> Iterable[str]:
    w = WORDS[lang]
    zh = lang == "zh"
    for bench in plan.benchmarks:
        method = METHOD.get(bench.method, (bench.method, bench.method))[0 if zh else 1]
        cap = w["no_cap"] if bench.cap_percent is None else f"{w['cap']} {bench.cap_percent}%"
        yield from (
            f"## {w['benchmark']}: {bench.title.zh}",
            "",
            f"`{bench.id}`, {_basis(bench.basis)}; {w['in_force_word']} "
            f"{_dates(bench.period.start, bench.period.end)}; {w['method']}: {method}; "
            f"{cap}.",
            "",
        )
        for item in bench.items:
            floor = f"; {w['item_floor']} {item.floor_percent}%" if item.floor_percent is not None else ""
            start = f"; {w['start']} {item.start_percent}%" if bench.method == "weighted_sum" else ""
            yield from (
                f"### {item.title.zh} (`{item.id}`)",
                "",
                f"{w['kinds_of']}: {', '.join(sorted(item.kinds))}{start}{floor}. "
                f"{w['basis']}: {_basis(item.basis)}",
                "",
            )
            yield from _head(w["factor"], w["level"], w["value"], w["band"], w["when"])
            for f in item.factors:
                for lv in f.levels:
                    fixed, band = _level_value(lv)
                    cond = describe(plan.conditions[lv.cond]) + _prior(lv.prior, zh)
                    yield _row(
                        _title(f.title, lang) + _window(f.window, zh),
                        lv.title,
                        fixed or "—",
                        band or "—",
                        cond,
                    )
            yield ""


def render_plan(plan: Plan, lang: str = "en") -> str:
    """The whole plan of a profile as one Markdown page (``lang``: en or zh)."""
    w = WORDS["zh" if lang == "zh" else "en"]
    lang = "zh" if lang == "zh" else "en"
    out = [
        f"# {_title(plan.title, lang)}",
        "",
        f"{w['profile']} `{plan.profile}`; {w['layers']}: {', '.join(plan.layers)}; "
        f"{w['digest']} `{plan.digest}`.",
        "",
    ]
    if plan.tables:
        out += [f"## {w['tables']}", ""]
        for table in plan.tables:
            out += list(_table(plan, table, lang))
    if plan.procedure:
        out += [f"## {w['procedure']}", ""]
        for table in plan.procedure.values():
            out += list(_table(plan, table, lang))
    if plan.kinds:
        out += list(_kinds(plan, lang))
    if plan.adjustments:
        out += list(_adjustments(plan, lang))
    if plan.standards:
        out += list(_standards(plan, lang))
    out += list(_benchmarks(plan, lang))
    out += timeline_tables(plan)
    return "\n".join(out) + "\n"
