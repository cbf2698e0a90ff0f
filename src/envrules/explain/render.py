"""Render a decision as text a lawyer can follow, in Chinese or English."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..core.money import format_yuan
from .labels import _L, measure
from .trace_zh import outcome_zh, step_label

if TYPE_CHECKING:
    from ..decision.model import DecisionModel

_CJK = re.compile(r"[\u4e00-\u9fff]")


def cite(c: Any, lang: str) -> str:
    """A citation: law and article; the source only where it helps the reader
    (never a seed file name; in Chinese, only a Chinese source)."""
    if c is None:
        return ""
    text = " ".join(x for x in (c.law, c.article) if x)
    source = c.source
    if source and not source.startswith("seed:"):
        shown = source if lang == "en" else readable_source(source)
        if shown:
            text += f" [{shown}]"
    return text


_ENGLISH = re.compile(r"[A-Za-z]{3,}")


def readable_source(source: str) -> str | None:
    """A source as a Chinese reader is shown it: by its title, not its file path
    (``Laws/某某规定(修订).md`` → ``某某规定(修订)``);
    None when it has no Chinese title or carries an English note."""
    last = source.rstrip("/").rsplit("/", 1)[-1]
    last = re.sub(r"\.(md|txt|pdf|html?)(?=$|[\s);；])", "", last)
    first = _CJK.search(last)
    if first is None or _ENGLISH.search(last[first.start() :]):
        return None
    return last[first.start() :]


def _r(r: Any, lang: str) -> str:
    return "—" if r is None else f"{format_yuan(r.min, lang)} – {format_yuan(r.max, lang)}"


def _m(x: Decimal | None, lang: str) -> str:
    return "—" if x is None else format_yuan(x, lang)


def _days(d: Any, t: dict[str, Any]) -> str:
    return "—" if d is None else f"{d.min}–{d.max}{t['days']}"


def explain(d: DecisionModel, lang: str = "zh") -> str:
    if lang not in _L:
        raise ValueError("lang is 'zh' or 'en'")
    t = _L[lang]
    out: list[str] = []
    add = out.append
    add(
        f"{t['title']} — {t['case']} {d.case_id or t['no_id']} · {t['profile']} {d.profile} "
        f"({d.ruleset_digest})"
    )
    dates = d.dates
    parts = []
    if dates.occurred_on is not None:
        parts.append(f"{t['occurred']} {dates.occurred_on}")
    parts.append(f"{t['decided']} {dates.decided_on or '—'}")
    parts.append(f"{t['asof']} {dates.as_of}")
    add(f"{t['dates']}: " + "; ".join(parts))
    for w in d.warnings:
        add(f"  {t['warnings']}: {w.message.get(lang)}" + (f" ({w.field})" if w.field else ""))
    add("")
    _jurisdiction(d, t, lang, add)
    add("")
    _departments(d, t, lang, add)
    if d.penalty is not None:
        add("")
        _penalty(d, t, lang, add)
    add("")
    add(t["trace"])
    for i, e in enumerate(d.trace, 1):
        mark = "" if e.fired else f" ({t['not_fired']})"
        step, outcome = e.step, e.outcome.get(lang)
        if lang == "zh":
            step, outcome = step_label(step), outcome_zh(outcome)
        add(f"  {i:>2}. [{step}] {e.rule}{mark}: {outcome}")
        if e.basis:
            add(f"      {cite(e.basis, lang)}")
        if e.note and lang == "en":
            add(f"      {e.note}")
    return "\n".join(out)


def _jurisdiction(d: Any, t: dict[str, Any], lang: str, add: Any) -> None:
    j = d.jurisdiction
    add(t["jurisdiction"])
    if j is None:
        add(f"  {t['none']}")
    else:
        add(
            f"  {t['level']}: {t['level_names'][j.level.value]}"
            + (f"; {t['authority']}: {j.authority_name or j.authority}" if j.authority else "")
            + (f" → {t['now']} {j.successor_name or j.successor}" if j.successor else "")
        )
        if j.reason:
            add(f"  {j.reason.get(lang)}")
        if j.basis:
            add(f"  [{j.rule}] {cite(j.basis, lang)}")
    for tr in d.transfers:
        days = f"; {t['detention']} {_days(tr.detention_days, t)}" if tr.detention_days else ""
        reason = tr.reason.get(lang) if tr.reason else ""
        add(f"  {t['transfers']} → {tr.to_name or tr.to}: {reason}{days} [{tr.rule}] {cite(tr.basis, lang)}")


def _departments(d: Any, t: dict[str, Any], lang: str, add: Any) -> None:
    add(t["departments"])
    if not d.departments and d.office is None:
        add(f"  {t['no_departments']}")
    for dep in d.departments:
        duty = f" — {dep.duty.get(lang)}" if dep.duty else ""
        now = f" → {t['now']} {dep.successor_name or dep.successor}" if dep.successor else ""
        add(f"  {dep.department_name or dep.department}{now} ({t['role'][dep.role.value]}){duty}")
        add(f"    [{dep.rule}] {cite(dep.basis, lang)}")
    if d.office:
        o = d.office
        now = f" → {t['now']} {o.successor_name or o.successor}" if o.successor else ""
        add(f"  {t['office']}: {o.office_name or o.office}{now} [{o.rule}] {cite(o.basis, lang)}")
    for s in d.supervision:
        bits = [
            x
            for x in (
                s.enterprise_class and f"{s.enterprise_class}",
                s.supervisor_name or s.supervisor,
                s.inspection.get(lang) if s.inspection else None,
                s.sampling_ratio,
            )
            if x
        ]
        add(f"  {t['supervision']}: {'; '.join(bits)} [{s.rule}] {cite(s.basis, lang)}")
    for m in d.monitoring:
        who = m.authority_name or m.authority or ""
        add(
            f"  {t['monitoring']}: {t['level_names'][m.level.value]} {who} "
            f"{m.duty.get(lang) if m.duty else ''} [{m.rule}] {cite(m.basis, lang)}"
        )


def _penalty(d: Any, t: dict[str, Any], lang: str, add: Any) -> None:
    p = d.penalty
    add(f"{t['penalty']} — {p.kind_title.get(lang)} ({p.kind})")
    _candidates(p, t, lang, add)
    add(f"  {t['applied']}: {p.applied_version} — {p.lighter_law.get(lang)}")
    if p.choice_needed:
        add(f"  {t['choice']}: {p.choice_needed.get(lang)}")
    add(f"  {t['statutory']}: {_r(p.statutory_range, lang)} ({cite(p.statutory_basis, lang)})")
    _benchmark(p, t, lang, add)
    if p.withheld_grounds:
        add(f"  {t['withheld']}: {', '.join(p.withheld_grounds)}")
    _adjustments(p, t, lang, add)
    if p.discretion_standard:
        add(f"  {t['standard']}: {cite(p.discretion_standard, lang)}")
    add(f"  {t['outcome']}: {t['outcomes'][p.outcome.value]} — {p.outcome_reason.get(lang)}")
    add(f"  {t['permitted']}: {_r(p.permitted_range, lang)}")
    add(
        f"  {t['recommended']}: {_m(p.recommended, lang)}"
        + (f" ({p.recommended_basis.get(lang)})" if p.recommended_basis else "")
    )
    if p.missing_facts:
        add(f"  {t['missing']}: {', '.join(p.missing_facts)}")
    if p.measures:
        add(f"  {t['measures']}: {'、'.join(measure(m, lang) for m in p.measures)}")
    if p.discretionary_measures:
        add(f"  {t['may_measures']}: {'、'.join(measure(m, lang) for m in p.discretionary_measures)}")
    _limitation(p, t, lang, add)
    if p.daily_penalty:
        dp = p.daily_penalty
        add(
            f"  {t['daily']}: {t['yes'] if dp.eligible else t['no']} — {dp.reason.get(lang)}"
            + (f"; {dp.days} × {_m(dp.per_day, lang)} = {_m(dp.total, lang)}" if dp.total is not None else "")
            + f" ({cite(dp.basis, lang)})"
        )
    if p.detention is not None:
        add(f"  {t['detention']}: {_days(p.detention.days, t)} ({cite(p.detention.basis, lang)})")
    _flags(p, t, lang, add)


def _candidates(p: Any, t: dict[str, Any], lang: str, add: Any) -> None:
    add(f"  {t['candidates']}:")
    for c in p.candidates:
        mark = "→" if c.version == p.applied_version else " "
        add(
            f"   {mark} {c.version} ({c.effective_from} – {c.effective_to or '…'}): "
            f"{cite(c.basis, lang)}; {c.formula} = {_r(c.range, lang)}"
            + ("" if c.compared else t["began"])
            + (f" ({t['missing']}: {', '.join(c.missing_facts)})" if c.missing_facts else "")
        )


def _adjustments(p: Any, t: dict[str, Any], lang: str, add: Any) -> None:
    if p.adjustments:
        add(f"  {t['adjustments']}:")
        for a in p.adjustments:
            add(
                f"    {'✓' if a.applied else '·'} {t['kinds'][a.kind.value]} {a.title.get(lang)}: "
                f"{a.effect.get(lang)} [{a.rule}] {cite(a.basis, lang)}"
            )


def _flags(p: Any, t: dict[str, Any], lang: str, add: Any) -> None:
    flags = [
        (t["hearing"], p.hearing_right),
        (t["review"], p.legal_review),
        (t["collective"], p.collective_deliberation),
    ]
    shown = [
        f"{name}: {t['yes'] if f.required else t['no']} ({f.reason.get(lang)})"
        for name, f in flags
        if f is not None
    ]
    if shown:
        add(f"  {t['flags']}: " + "; ".join(shown))


def _benchmark(p: Any, t: dict[str, Any], lang: str, add: Any) -> None:
    if p.benchmark is None and p.permitted_range is not None:
        add(f"  {t['benchmark']}: {t['no_benchmark']}")
    if p.benchmark is not None:
        b = p.benchmark
        add(f"  {t['benchmark']}: {b.title.get(lang)} [{b.item}]")
        if b.method == "weighted_sum":
            add(f"    {t['start']}: {b.start_percent}%")
        for f in b.factors:
            unknown = "" if f.established else f" ({t['not_established']})"
            band = "" if f.band is None else f" [{f.band.min}–{f.band.max}%]"
            chosen = f" ({t['chosen']})" if f.chosen else ""
            add(f"    {f.title.get(lang)}: {f.level_title}{band} +{f.percent}%{chosen}{unknown}")
        add(f"    = {b.total_percent}% → {_m(b.amount, lang)} ({b.formula})")


def _limitation(p: Any, t: dict[str, Any], lang: str, add: Any) -> None:
    lim = p.limitation
    state = t["expired"] if lim.expired else t["running"] if lim.runs_from else t["continuing"]
    found = f", {t['found']} {lim.found_on}" if lim.found_on else ""
    assumed = "" if lim.runs_from else f" ({t['no_end']})"
    add(
        f"  {t['limitation']}: {lim.years}{t['years']}, {state}{assumed}"
        + (f" ({t['expires']} {lim.expires_on}{found})" if lim.expires_on else "")
        + f" — {cite(lim.basis, lang)}"
    )
