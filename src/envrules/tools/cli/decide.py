"""``envrules decide`` and ``envrules explain``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from ... import Engine, load
from .app import LangOpt, ProfileOpt, RulesetsOpt, app
from .io import DEFAULT_LANG, fail, out, read_json


class Format(StrEnum):
    json = "json"
    text = "text"


class EvaluatorName(StrEnum):
    compiled = "compiled"
    durable = "durable"


def engine_for(
    profile: str | None, rulesets: Path | None, case: Any, lang: str, evaluator: str = "compiled"
) -> Engine:
    name = profile or (case.get("profile") if isinstance(case, dict) else None)
    if not isinstance(name, str) or not name:
        fail(
            "no profile: give --profile or a `profile` field in the case",
            "没有指定规则集：请用 --profile，或在案件中写 profile 字段",
            lang,
        )
    return load(name, rulesets, evaluator=evaluator)


@app.command()
def decide(
    case_file: Annotated[
        Path,
        typer.Argument(
            help="案件 JSON（对象或列表），- 表示标准输入 · Case JSON (object or list), or - for stdin."
        ),
    ],
    profile: ProfileOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json 或 text")] = Format.json,
    lang: LangOpt = DEFAULT_LANG,
    evaluator: Annotated[EvaluatorName, typer.Option(help="compiled 或 durable")] = EvaluatorName.compiled,
    rulesets: RulesetsOpt = None,
) -> None:
    """判定案件：管辖、部门、处室、罚款幅度、规则记录 · Decide: jurisdiction, departments, office, fine."""
    data = read_json(case_file, lang.value)
    if not isinstance(data, dict | list):
        fail(
            f"{case_file}: expected a case object or a list of cases",
            f"{case_file}：应为案件对象或案件列表",
            lang.value,
        )
    cases = data if isinstance(data, list) else [data]
    engine = engine_for(profile, rulesets, cases[0] if cases else None, lang.value, evaluator.value)
    decisions = [engine.decide(c) for c in cases]
    if fmt is Format.json:
        text = (
            "[" + ",\n".join(d.to_json() for d in decisions) + "]"
            if isinstance(data, list)
            else decisions[0].to_json()
        )
        out.print(text, markup=False)
    else:
        out.print("\n\n".join(d.explain(lang.value) for d in decisions), markup=False)


@app.command()
def explain(
    case_file: Annotated[Path, typer.Argument(help="案件 JSON，- 表示标准输入 · Case JSON, or - for stdin.")],
    profile: ProfileOpt = None,
    lang: LangOpt = DEFAULT_LANG,
    rulesets: RulesetsOpt = None,
) -> None:
    """以法律人员可读的文字说明处理决定 · Explain a decision as text a lawyer can follow."""
    decide(case_file, profile, Format.text, lang, EvaluatorName.compiled, rulesets)
