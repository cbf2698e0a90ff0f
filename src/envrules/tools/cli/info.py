"""``envrules profiles|kinds|regions|matters|tables|schema``."""

from __future__ import annotations

import difflib
import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from ...plan.fines import text as fine_text
from ...rulesets import selectable_profiles, source_for
from ..schemas import json_schema
from ..tables import render_plan
from .app import LangOpt, RulesetsOpt, app
from .decide import engine_for
from .io import DEFAULT_LANG, fail, out, safe


class SchemaName(StrEnum):
    case = "case"
    decision = "decision"
    ruleset = "ruleset"
    profile = "profile"
    scenarios = "scenarios"
    events = "events"
    timeline = "timeline"


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument()]) -> None:
    """打印案件、决定或规则文件的 JSON Schema · Print a JSON Schema."""
    out.print(json.dumps(json_schema(name.value), ensure_ascii=False, indent=2), markup=False)


@app.command()
def profiles(rulesets: RulesetsOpt = None) -> None:
    """列出可加载的规则集 · List the profiles that can be loaded."""
    from ...plan import load_plan

    source = source_for(rulesets)
    table = Table("profile", "title", "regions", box=None)
    for name, meta in selectable_profiles(source):
        count = len(load_plan(source, name).regions)
        table.add_row(name, f"{meta.title.zh} · {meta.title.en}", str(count))
    out.print(table)


@app.command()
def kinds(
    kind: Annotated[
        str | None,
        typer.Argument(help="只显示此类别，连同说明 · Show this kind only, with its notes"),
    ] = None,
    profile: Annotated[str, typer.Option("--profile", "-p")] = "national",
    rulesets: RulesetsOpt = None,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """列出违法行为类别及其各时期版本 · List violation kinds with their dated versions."""
    engine = engine_for(profile, rulesets, None, lang.value)
    chosen = sorted(engine.plan.kinds.values(), key=lambda k: k.id)
    if kind is not None:
        chosen = [k for k in chosen if k.id == kind]
        if not chosen:
            near = difflib.get_close_matches(kind, list(engine.plan.kinds), n=1)
            hint_en, hint_zh = (
                (f" (did you mean {near[0]!r}?)", f"（是否指{near[0]!r}？）") if near else ("", "")
            )
            fail(
                f"no violation kind {safe(kind)!r} in profile {profile}{hint_en}",
                f"规则集{profile}中没有违法行为类别{safe(kind)!r}{hint_zh}",
                lang.value,
            )
    for k in chosen:
        title = k.title.get(lang.value)
        out.print(
            f"{k.id}  {title}" + ("  [持续状态 continuing]" if k.continuing else ""),
            markup=False,
            style="bold",
        )
        if kind is not None and k.note:
            out.print(f"  {k.note.strip()}", markup=False)
        for v in k.versions:
            tiers = "; ".join(f"{t.id}: {fine_text(t.fine, lang.value)}" for t in v.tiers)
            out.print(f"  {v.id}  {v.period.text()}  {v.basis.cite()}", markup=False)
            out.print(f"      {tiers}", markup=False)
            if kind is not None and v.note:
                out.print(f"      {v.note.strip()}", markup=False)


@app.command()
def tables(
    profile: Annotated[str, typer.Argument(help="如 hebei/langfang · e.g. hebei/langfang")],
    rulesets: RulesetsOpt = None,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """以 Markdown 表格打印规则集的全部规则 · Print every rule of a profile as Markdown tables."""
    out.print(render_plan(engine_for(profile, rulesets, None, lang.value).plan, lang.value), markup=False)


@app.command()
def regions(
    profile: Annotated[str, typer.Option("--profile", "-p")],
    rulesets: RulesetsOpt = None,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """列出规则集的地区（案件 region 中使用的 id）及区划代码 · List regions with their codes."""
    engine = engine_for(profile, rulesets, None, lang.value)
    for r in engine.plan.regions.values():
        indent = {"province": "", "city": "", "county": "  ", "township": "    "}[r.level]
        extra = ", 中心城区 central urban area" if r.central_urban_area else ""
        until = f", until {r.period.end}" if r.period.end else ""
        out.print(f"{indent}{r.id}  {r.name}  {r.code or '-'}  ({r.level}{extra}{until})", markup=False)


@app.command()
def matters(
    profile: Annotated[str, typer.Option("--profile", "-p")],
    rulesets: RulesetsOpt = None,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """列出规则集的事项（案件 matter 中使用的 id） · List a profile's matters."""
    engine = engine_for(profile, rulesets, None, lang.value)
    for m in engine.plan.matters.values():
        out.print(f"{m.id}  {m.title.zh} · {m.title.en}", markup=False)
