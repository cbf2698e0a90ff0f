"""``envrules batch``: decide a JSONL, CSV or Parquet file row by row."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from .app import LangOpt, RulesetsOpt, app
from .io import DEFAULT_LANG, err, safe


class FileFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _bar(total: int | None) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rows]:,} rows"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )


@app.command()
def batch(
    src: Annotated[
        Path,
        typer.Argument(
            metavar="IN", help="案件文件：.jsonl、.csv 或 .parquet · Cases: .jsonl, .csv or .parquet."
        ),
    ],
    profile: Annotated[
        str, typer.Option("--profile", "-p", help="规则集，如 hebei/langfang · Profile, e.g. hebei/langfang.")
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="结果文件（格式按扩展名） · Output file (format by extension)."),
    ],
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=256, help="并行进程数 · Worker processes.")
    ] = 1,
    full: Annotated[
        bool, typer.Option("--full", help="输出完整的处理决定 · Write whole decisions, not only key fields.")
    ] = False,
    in_format: Annotated[
        FileFormat | None,
        typer.Option("--in-format", help="输入格式（默认按扩展名） · Input format (default: by extension)."),
    ] = None,
    out_format: Annotated[
        FileFormat | None,
        typer.Option(
            "--out-format", help="输出格式（默认按扩展名） · Output format (default: by extension)."
        ),
    ] = None,
    rulesets: RulesetsOpt = None,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """逐行判定文件中的案件，每行输出一条结果或错误；有失败行则返回 1 · Decide every row of a
    file: one result or error per row; exit 1 if any row failed."""
    from ..batch import Job

    job = Job(profile, str(rulesets) if rulesets else None, lang.value, full)
    shown = (safe(src), safe(out))
    summary = _run(src, out, job, jobs, in_format, out_format, shown, lang.value)
    _report(summary, shown[1], lang.value)
    raise typer.Exit(1 if summary.failed else 0)


def _run(
    src: Path,
    out: Path,
    job: Any,
    jobs: int,
    in_format: FileFormat | None,
    out_format: FileFormat | None,
    shown: tuple[str, str],
    lang: str,
) -> Any:
    """The batch run, with a progress bar on a terminal."""
    from ..batch import run_batch

    with _bar(None) as bar:
        task = bar.add_task("判定 deciding" if lang == "zh" else "deciding", total=None, rows=0)
        bar_shown = err.is_terminal
        if not bar_shown:
            bar.stop()

        def tick(progress: object, rows: int) -> None:
            if bar_shown:
                bar.update(
                    task,
                    total=getattr(progress, "total", None),
                    completed=getattr(progress, "done", 0),
                    rows=rows,
                )

        return run_batch(
            src,
            out,
            job,
            jobs=jobs,
            in_format=in_format.value if in_format else None,
            out_format=out_format.value if out_format else None,
            shown=shown,
            on_progress=tick,
        )


def _report(summary: Any, shown_out: str, lang: str) -> None:
    rate = summary.rows / summary.seconds if summary.seconds > 0 else 0.0
    if lang == "zh":
        err.print(
            f"{summary.rows}行：{summary.decided}行已判定，{summary.failed}行失败 → "
            f"{shown_out}（{summary.seconds:.1f}秒，每秒{rate:,.0f}行）",
            markup=False,
        )
    else:
        err.print(
            f"{summary.rows} rows: {summary.decided} decided, {summary.failed} failed → "
            f"{shown_out} ({summary.seconds:.1f} s, {rate:,.0f} rows/s)",
            markup=False,
        )
