"""Render a compiled plan as Markdown tables a legal officer can read: every
decision table with its rules (condition, outcome, basis, dates), every
violation kind with its dated versions and tiers, the adjustments and the
benchmarks. Used by the documentation build (docs/conf.py) and by
``envrules tables``."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.citation import Citation
from ..plan import Plan, PlanTable
from ..plan.fines import text as fine_text
from ..rulesets import describe
from ..rulesets.schema import fields_of
from .timeline_tables import timeline_tables


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


def _table(plan: Plan, table: PlanTable) -> Iterable[str]:
    yield f"### {table.title.zh} · {table.title.en}"
    yield ""
    yield (f"`{table.id}` — decides **{table.decides}**, hit policy **{table.hit_policy}**, "
           f"rules taken as of `{table.as_of}`.")
    yield ""
    yield _row("#", "rule", "when", "then", "basis", "in force")
    yield _row(*["---"] * 6)
    for i, rule in enumerate(table.rules, 1):
        then = ", ".join(f"{k}={getattr(v, 'value', v)}" for k, v in fields_of(rule.then).items()
                         if not hasattr(v, "zh")) or "—"
        yield _row(i, f"{rule.title.zh}<br>`{rule.id}`", describe(plan.conditions[rule.cond]),
                   then, _basis(rule.basis), _dates(rule.period.start, rule.period.end))
    yield ""


def render_plan(plan: Plan) -> str:
    """The whole plan of a profile as one Markdown page."""
    out = [f"# {plan.title.zh} · {plan.title.en}", "",
           f"Profile `{plan.profile}`; layers: {', '.join(plan.layers)}; "
           f"rulesets digest `{plan.digest}`.", ""]
    if plan.tables:
        out += ["## Decision tables", ""]
        for table in plan.tables:
            out += list(_table(plan, table))
    if plan.procedure:
        out += ["## Procedure (limitation, hearing, legal review, collective deliberation, daily "
                "penalty, designation)", ""]
        for table in plan.procedure.values():
            out += list(_table(plan, table))
    if plan.kinds:
        out += ["## Violation kinds and statutory ranges", ""]
        for kind in sorted(plan.kinds.values(), key=lambda k: k.id):
            out += [f"### {kind.title.zh} · {kind.title.en}", "", f"`{kind.id}`", "",
                    _row("version", "in force", "tier", "when", "fine", "measures", "basis"),
                    _row(*["---"] * 7)]
            for v in kind.versions:
                for t in v.tiers:
                    out.append(_row(f"`{v.id}`", _dates(v.period.start, v.period.end),
                                    t.id, describe(plan.conditions[t.cond]), fine_text(t.fine),
                                    ", ".join(t.measures) or "—",
                                    _basis(t.basis or v.basis)))
            out.append("")
    if plan.adjustments:
        out += ["## Adjustments (从轻 / 减轻 / 从重 / 不予处罚)", "",
                _row("adjustment", "kind", "when", "basis", "in force"), _row(*["---"] * 5)]
        for a in plan.adjustments:
            out.append(_row(f"{a.title.zh}<br>`{a.id}`",
                            a.kind.value + ("" if a.mandatory else " (may)")
                            + (f" [{a.statute}]" if a.statute else ""),
                            describe(plan.conditions[a.cond]), _basis(a.basis),
                            _dates(a.period.start, a.period.end)))
        out.append("")
    if plan.standards:
        out += ["## Discretion standards (从轻 / 从重 / 减轻)", "",
                _row("standard", "从轻 up to", "从重 from", "减轻 floor", "basis", "in force"),
                _row(*["---"] * 6)]
        for st in plan.standards:
            out.append(_row(f"{st.title.zh}<br>`{st.id}`", st.lighter_upper, st.heavier_lower,
                            st.reduced_floor if st.reduced_floor is not None else "—",
                            _basis(st.basis), _dates(st.period.start, st.period.end)))
        out.append("")
    for bench in plan.benchmarks:
        out += [f"## Benchmark: {bench.title.zh}", "",
                f"`{bench.id}`, {_basis(bench.basis)}, in force "
                f"{_dates(bench.period.start, bench.period.end)}; cap {bench.cap_percent}%.", ""]
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
    out += timeline_tables(plan)
    return "\n".join(out) + "\n"
