"""``envrules export PROFILE --xlsx FILE`` and ``envrules import FILE --into DIR``:
a profile's rules as a spreadsheet and back (docs/spreadsheets.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ...rulesets import source_for
from ..xlsx import export_workbook, import_workbook
from .app import LangOpt, RulesetsOpt, app
from .io import DEFAULT_LANG, fail, out


@app.command()
def export(
    profile: Annotated[str, typer.Argument(help="如 hebei/langfang · e.g. hebei/langfang")],
    xlsx: Annotated[
        Path | None, typer.Option("--xlsx", help="写入的 .xlsx 文件 · The .xlsx file to write.")
    ] = None,
    rulesets: RulesetsOpt = None,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """把规则集的决策表、违法类型和裁量基准导出为电子表格 · Export a profile's decision tables,
    violation kinds and benchmarks as a spreadsheet."""
    if xlsx is None:
        fail("give the workbook to write: --xlsx FILE", "请用 --xlsx 文件名 指定要写入的工作簿", lang.value)
    book = export_workbook(source_for(rulesets), profile, xlsx)
    rows = sum(len(r) for r in book.rows.values())
    zh = lang.value == "zh"
    out.print(
        f"{xlsx}: "
        + (
            f"{len(book.sheets)} 个工作表，{rows} 行，{len(book.files)} 个文件"
            if zh
            else f"{len(book.sheets)} sheets, {rows} rows from {len(book.files)} files"
        ),
        markup=False,
    )


@app.command("import")
def import_(
    workbook: Annotated[Path, typer.Argument(help="导出后编辑过的 .xlsx · The edited .xlsx.")],
    into: Annotated[
        Path,
        typer.Option("--into", help="规则集目录（或其中的文件夹）· The rulesets tree (or a folder of it)."),
    ],
    check: Annotated[
        bool, typer.Option("--check", help="只检查，不写入 · Check only; write nothing.")
    ] = False,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """检查电子表格（同 envrules lint，问题指明到单元格）并写回 YAML 规则集 · Check a workbook like
    `envrules lint` (problems named by sheet!cell) and write it back to the YAML rulesets."""
    result = import_workbook(workbook, into, check_only=check)
    zh = lang.value == "zh"
    verb = (
        ("检查通过，未写入" if check else "已写入")
        if zh
        else ("checked, nothing written" if check else "written")
    )
    out.print(
        f"{result.profile}: {verb}: " + (", ".join(result.changed) or ("无修改" if zh else "no change")),
        markup=False,
    )
