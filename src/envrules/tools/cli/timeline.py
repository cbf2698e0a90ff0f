"""``envrules timeline``: a case's timeline on a date, as JSON or text."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ... import load
from .app import LangOpt, ProfileOpt, RulesetsOpt, app
from .decide import Format
from .io import DEFAULT_LANG, fail, out, read_json


class TimelineEvaluator(StrEnum):
    durable = "durable"
    python = "python"


def _split(data: Any, lang: str) -> tuple[Any, str | None, str | None]:
    """A list of events, or {events, as_of?, profile?}."""
    if isinstance(data, list):
        return data, None, None
    if isinstance(data, dict) and isinstance(data.get("events"), list):
        as_of, profile = data.get("as_of"), data.get("profile")
        return (
            data["events"],
            as_of if isinstance(as_of, str) else None,
            (profile if isinstance(profile, str) else None),
        )
    fail(
        "expected a list of events or an object {events: [...], as_of?, profile?}",
        "应为事件列表，或 {events: [...], as_of?, profile?} 对象",
        lang,
    )


@app.command()
def timeline(
    events_file: Annotated[
        Path,
        typer.Argument(
            help="案件经过 JSON（事件列表，或 {events, as_of, profile}），- 表示标准输入 · "
            "Events JSON (a list, or {events, as_of, profile}), or - for stdin."
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="查看日期 YYYY-MM-DD（必填，除非文件中给出）· The date to look at "
            "(required unless the file gives as_of).",
        ),
    ] = None,
    profile: ProfileOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json 或 text")] = Format.json,
    lang: LangOpt = DEFAULT_LANG,
    evaluator: Annotated[
        TimelineEvaluator, typer.Option(help="durable（durable-rules）或 python")
    ] = TimelineEvaluator.durable,
    rulesets: RulesetsOpt = None,
) -> None:
    """案件时间线：期限、逾期、加处罚款、按日连续处罚与后续措施 · A case's deadlines,
    amounts and follow-on measures on a date."""
    events, file_as_of, file_profile = _split(read_json(events_file, lang.value), lang.value)
    day = as_of or file_as_of
    if day is None:
        fail(
            "no date: give --as-of YYYY-MM-DD (the clock is never read)",
            "没有查看日期：请用 --as-of YYYY-MM-DD（不读取系统时钟）",
            lang.value,
        )
    name = profile or file_profile or "national"
    status = load(name, rulesets).timeline(events, as_of=day, evaluator=evaluator.value)
    if fmt is Format.json:
        out.print(status.to_json(), markup=False)
    else:
        out.print(status.explain(lang.value), markup=False)
