"""``envrules test`` and ``envrules lint``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..lint import run_lint
from ..scenarios import run_paths
from .app import LangOpt, RulesetsOpt, app
from .decide import Format
from .io import DEFAULT_LANG, out


@app.command("test")
def test_cmd(
    paths: Annotated[list[Path], typer.Argument(help="情景文件或目录 · Scenario files or folders.")],
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="覆盖文件中的规则集 · Override the files' profile.")
    ] = None,
    junit_xml: Annotated[Path | None, typer.Option("--junit-xml")] = None,
    rulesets: RulesetsOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """运行情景文件（*.scenarios.yaml），有失败则返回 1 · Run scenario files: exit 1 if any fails."""
    raise typer.Exit(
        run_paths(
            paths,
            profile=profile,
            rulesets=rulesets,
            junit_xml=junit_xml,
            console=out,
            quiet=quiet,
            lang=lang.value,
        )
    )


@app.command()
def lint(
    targets: Annotated[
        list[str] | None, typer.Argument(help="规则集名称或规则集目录 · Profiles or a rulesets directory.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    rulesets: RulesetsOpt = None,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """静态检查规则集，发现问题返回 1 · Check rulesets statically: exit 1 if anything is found."""
    raise typer.Exit(run_lint(targets or [], rulesets=rulesets, fmt=fmt.value, console=out, lang=lang.value))
