"""Render a compiled plan as Markdown tables a legal officer can read: every
decision table with its rules (condition, outcome, basis, dates), every
violation kind with its dated versions and tiers, the adjustments and the
benchmarks. Used by the documentation build (docs/conf.py) and by
``envrules tables``."""

from __future__ import annotations

from collections.abc import Iterable

from ._conditions import describe
from ._plan import Plan, PlanTable
from ._schema import Basis


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _basis(b: Basis) -> str:
    text = b.cite()
    if b.source:
        text += f" ({b.source})"
    return _cell(text)


def _dates(start: object, end: object) -> str:
    return f"{start} – {end or '…'}"


def _row(*cells: object) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _table(plan: Plan, table: PlanTable) -> Iterable[str]:
    yield f"### {table.title.zh} · {table.title.en}"
    yield ""
    yield (f"`{table.id}` — decides **{table.decides}**, hit policy **{table.hit_policy}**, "
           f"rules taken as of `{table.as_of}`.")
    yield ""
    yield _row("#", "rule", "when", "then", "basis", "in force")
    yield _row(*["---"] * 6)
    for i, rule in enumerate(table.rules, 1):
        then = ", ".join(f"{k}={v}" for k, v in rule.then.model_dump(
            mode="json", exclude_none=True).items() if not isinstance(v, dict))
        yield _row(i, f"{rule.title.zh}<br>`{rule.id}`", describe(plan.conditions[rule.cond]),
                   then, _basis(rule.basis), _dates(rule.effective_from, rule.effective_to))
    yield ""


def render_plan(plan: Plan) -> str:
    """The whole plan of a profile as one Markdown page."""
    from ._penalty import fine_text

    out = [f"# {plan.title.zh} · {plan.title.en}", "",
           f"Profile `{plan.profile}`; layers: {', '.join(plan.layers)}; "
           f"rulesets digest `{plan.digest}`.", ""]
    if plan.tables:
        out += ["## Decision tables", ""]
        for table in plan.tables:
            out += list(_table(plan, table))
    if plan.kinds:
        out += ["## Violation kinds and statutory ranges", ""]
        for kind in sorted(plan.kinds.values(), key=lambda k: k.id):
            out += [f"### {kind.title.zh} · {kind.title.en}", "", f"`{kind.id}`", "",
                    _row("version", "in force", "tier", "when", "fine", "measures", "basis"),
                    _row(*["---"] * 7)]
            for v in kind.versions:
                for t in v.tiers:
                    out.append(_row(f"`{v.id}`", _dates(v.effective_from, v.effective_to),
                                    t.id, describe(plan.conditions[t.cond]), fine_text(t.fine),
                                    ", ".join(t.measures) or "—",
                                    _basis(t.basis or v.basis)))
            out.append("")
    if plan.adjustments:
        out += ["## Adjustments (从轻 / 减轻 / 从重 / 不予处罚)", "",
                _row("adjustment", "kind", "when", "basis", "in force"), _row(*["---"] * 5)]
        for a in plan.adjustments:
            out.append(_row(f"{a.title.zh}<br>`{a.id}`",
                            a.kind + ("" if a.mandatory else " (may)"),
                            describe(plan.conditions[a.cond]), _basis(a.basis),
                            _dates(a.effective_from, a.effective_to)))
        out.append("")
    for bench in plan.benchmarks:
        out += [f"## Benchmark: {bench.title.zh}", "",
                f"`{bench.id}`, {_basis(bench.basis)}, in force "
                f"{_dates(bench.effective_from, bench.effective_to)}; cap {bench.cap_percent}%.", ""]
        for item in bench.items:
            out += [f"### {item.title.zh} (`{item.id}`)", "",
                    f"Kinds: {', '.join(sorted(item.kinds))}; start {item.start_percent}%"
                    + (f"; floor {item.floor_percent}%" if item.floor_percent is not None else ""),
                    "", _row("factor", "level", "weight", "when"), _row(*["---"] * 4)]
            for f in item.factors:
                for lv in f.levels:
                    out.append(_row(f.title.zh, lv.title, f"{lv.percent}%",
                                    describe(plan.conditions[lv.cond])))
            out.append("")
    return "\n".join(out) + "\n"
