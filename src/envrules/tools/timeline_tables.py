"""The case-timeline rules and the holiday calendar of a plan as Markdown
tables (a section of ``envrules tables`` and of the generated docs pages)."""

from __future__ import annotations

from ..core.citation import Citation
from ..core.dates import Period
from ..plan import Plan
from ..plan.timeline_model import Pattern, TimelinePlan


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _row(*cells: object) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _pattern(p: Pattern) -> str:
    where = ", ".join(f"{k} ∈ {{{', '.join(sorted(v))}}}" for k, v in p.where)
    return f"`{p.signal}`" + (f" ({where})" if where else "")


def _patterns(ps: tuple[Pattern, ...]) -> str:
    return "; ".join(_pattern(p) for p in ps) or "—"


def _basis(b: Citation) -> str:
    return b.cite() + (f" ({b.source})" if b.source else "")


def _dates(p: Period) -> str:
    return f"{p.start or '…'} – {p.end or '…'}"


def _deadlines(tp: TimelinePlan) -> list[str]:
    out = [
        "### Deadlines",
        "",
        _row("group", "rule", "starts with", "period", "met by", "moot by", "basis", "in force"),
        _row(*["---"] * 8),
    ]
    for d in tp.deadlines:
        if d.span is not None:
            period = d.span.text().en + (" (rolls to a working day)" if d.roll else "")
        else:
            period = f"until `{d.due_field}`"
        if d.extension is not None:
            period += f"; extended ≤ {d.extension.max_times}× by ≤ {d.extension.max_days} days"
        start = _pattern(d.start) + (f" from `{d.starts_from}`" if d.starts_from else "")
        out.append(
            _row(
                f"`{d.group}` ({d.holder}{', right' if d.right else ''})",
                f"{d.title.zh}<br>`{d.id}`",
                start,
                period,
                _patterns(d.met_by),
                _patterns(d.moot_by),
                _basis(d.basis),
                _dates(d.period),
            )
        )
    return [*out, ""]


def _others(tp: TimelinePlan) -> list[str]:
    out = [
        "### Daily penalty, surcharge, follow-on measures",
        "",
        _row("rule", "what", "basis", "in force"),
        _row(*["---"] * 4),
    ]
    for dp in tp.daily:
        halts = "; ".join(f"{_pattern(h.start)} until `{h.until}`" for h in dp.stopped_by)
        out.append(
            _row(
                f"{dp.title.zh}<br>`{dp.id}`",
                f"from the day after the order to the failed re-inspection; not while {halts or '—'}",
                _basis(dp.basis),
                _dates(dp.period),
            )
        )
    for s in tp.surcharges:
        pauses = ", ".join(f"`{a}`–`{b}`" for a, b in s.pauses) or "none"
        out.append(
            _row(
                f"{s.title.zh}<br>`{s.id}`",
                f"after `{s.after}` lapses: {s.rate} % a day"
                f"{', capped at the fine' if s.cap else ''}; paused {pauses}",
                _basis(s.basis),
                _dates(s.period),
            )
        )
    for m in tp.measures:
        after = " and ".join(
            _pattern(t.pattern) + (f" + {t.wait.text().en}" if t.wait else "") for t in m.after
        )
        out.append(
            _row(
                f"{m.title.zh}<br>`{m.id}`",
                f"`{m.measure}` after {after}" + (f"; unless {_patterns(m.unless)}" if m.unless else ""),
                _basis(m.basis),
                _dates(m.period),
            )
        )
    return [*out, ""]


def timeline_tables(plan: Plan) -> list[str]:
    tp = plan.timeline
    if tp is None or not (tp.deadlines or tp.daily or tp.surcharges or tp.measures):
        return []
    out = ["## Case timeline (docs/timeline.md)", "", *_deadlines(tp), *_others(tp)]
    if tp.calendar.years:
        out += ["### Holiday calendar", "", _row("year", "notices"), _row("---", "---")]
        for year in sorted(tp.calendar.years):
            out.append(_row(year, "; ".join(c.law for c in tp.calendar.years[year])))
        out.append("")
    return out
