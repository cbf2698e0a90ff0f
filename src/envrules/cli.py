"""The ``envrules`` command line: a thin layer over the public API.

Exit codes: 0 success, 1 a check failed (test, lint), 2 bad input (a case,
a ruleset, a file, an argument). Errors print one readable message, never a
traceback."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from ._errors import EnvrulesError

app = typer.Typer(
    name="envrules",
    help="Decide Chinese environmental enforcement questions from cited, dated rulesets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

RulesetsOpt = Annotated[
    Path | None,
    typer.Option("--rulesets", help="Rulesets directory (default: the shipped rulesets)."),
]


class Format(StrEnum):
    json = "json"
    text = "text"


class Evaluator(StrEnum):
    compiled = "compiled"
    durable = "durable"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def _error(message: str) -> None:
    err.print("error:", style="bold red", end=" ")
    err.print(message, markup=False)


def fail(message: str, code: int = 2) -> NoReturn:
    _error(message)
    raise typer.Exit(code)


def _read_json(path: Path) -> Any:
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    except UnicodeDecodeError:
        fail(f"{path}: not UTF-8 text")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}")


def _cases(data: Any, path: Path) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        return [data]
    fail(f"{path}: expected a case object or a list of cases")


def _engine(profile: str | None, rulesets: Path | None, case: Any = None,
            evaluator: str = "compiled") -> Any:
    from . import load

    name = profile or (case.get("profile") if isinstance(case, dict) else None)
    if not name:
        fail("no profile: give --profile or a `profile` field in the case")
    return load(name, rulesets, evaluator=evaluator)


@app.command()
def decide(
    case_file: Annotated[Path, typer.Argument(help="Case JSON (object or list), or - for stdin.")],
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="e.g. hebei/langfang")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.json,
    lang: Annotated[Lang, typer.Option("--lang")] = Lang.zh,
    evaluator: Annotated[Evaluator, typer.Option(help="compiled or durable")] = Evaluator.compiled,
    rulesets: RulesetsOpt = None,
) -> None:
    """Decide a case: jurisdiction, departments, office, fine range, trace."""
    data = _read_json(case_file)
    cases = _cases(data, case_file)
    engine = _engine(profile, rulesets, cases[0] if cases else None, evaluator.value)
    decisions = [engine.decide(c) for c in cases]
    if fmt is Format.json:
        if isinstance(data, list):
            out.print("[" + ",\n".join(d.to_json() for d in decisions) + "]", markup=False)
        else:
            out.print(decisions[0].to_json(), markup=False)
    else:
        out.print("\n\n".join(d.explain(lang.value) for d in decisions), markup=False)


@app.command()
def explain(
    case_file: Annotated[Path, typer.Argument(help="Case JSON, or - for stdin.")],
    profile: Annotated[str | None, typer.Option("--profile", "-p")] = None,
    lang: Annotated[Lang, typer.Option("--lang")] = Lang.zh,
    rulesets: RulesetsOpt = None,
) -> None:
    """Explain a decision as text a lawyer can follow."""
    decide(case_file, profile, Format.text, lang, Evaluator.compiled, rulesets)


class SchemaName(StrEnum):
    case = "case"
    decision = "decision"
    ruleset = "ruleset"
    profile = "profile"
    scenarios = "scenarios"


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument()]) -> None:
    """Print the JSON Schema of the case, the decision or a ruleset file."""
    from ._schemas import json_schema

    out.print(json.dumps(json_schema(name.value), ensure_ascii=False, indent=2), markup=False)


@app.command()
def profiles(rulesets: RulesetsOpt = None) -> None:
    """List the profiles that can be loaded."""
    from ._loader import selectable_profiles
    from ._sources import source_for

    table = Table("profile", "title", "regions", box=None)
    for name, meta in selectable_profiles(source_for(rulesets)):
        table.add_row(name, f"{meta.title.zh} · {meta.title.en}", str(len(meta.regions)))
    out.print(table)


@app.command()
def kinds(
    profile: Annotated[str, typer.Option("--profile", "-p")] = "national",
    rulesets: RulesetsOpt = None,
) -> None:
    """List the violation kinds of a profile with their dated versions."""
    from ._penalty import fine_text

    engine = _engine(profile, rulesets)
    for kind in sorted(engine.plan.kinds.values(), key=lambda k: k.id):
        out.print(f"{kind.id}  {kind.title.zh} · {kind.title.en}", markup=False, style="bold")
        for v in kind.versions:
            tiers = "; ".join(f"{t.id}: {fine_text(t.fine)}" for t in v.tiers)
            out.print(f"  {v.id}  {v.effective_from} – {v.effective_to or '…'}  "
                      f"{v.basis.cite()}", markup=False)
            out.print(f"      {tiers}", markup=False)


@app.command()
def tables(
    profile: Annotated[str, typer.Argument(help="e.g. hebei/langfang")],
    rulesets: RulesetsOpt = None,
) -> None:
    """Print every rule of a profile as Markdown tables (conditions, outcome, basis, dates)."""
    from ._tables import render_plan

    out.print(render_plan(_engine(profile, rulesets).plan), markup=False)


@app.command()
def regions(
    profile: Annotated[str, typer.Option("--profile", "-p")],
    rulesets: RulesetsOpt = None,
) -> None:
    """List a profile's regions (ids to use in a case's region) with their statistical
    division codes (统计用区划代码; "-" for zones the statistics do not list)."""
    engine = _engine(profile, rulesets)
    for r in engine.plan.regions.values():
        indent = {"province": "", "city": "", "county": "  ", "township": "    "}[r.level]
        out.print(f"{indent}{r.id}  {r.name}  {r.code or '-'}  ({r.level}"
                  + (", central urban area" if r.central_urban_area else "")
                  + (f", until {r.effective_to}" if r.effective_to else "") + ")", markup=False)


@app.command()
def matters(
    profile: Annotated[str, typer.Option("--profile", "-p")],
    rulesets: RulesetsOpt = None,
) -> None:
    """List a profile's matters (ids to use in a case's matter)."""
    engine = _engine(profile, rulesets)
    for m in engine.plan.matters.values():
        out.print(f"{m.id}  {m.title.zh} · {m.title.en}", markup=False)


@app.command("test")
def test_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Scenario files or folders.")],
    profile: Annotated[
        str | None, typer.Option("--profile", "-p", help="Override the files' profile.")
    ] = None,
    junit_xml: Annotated[Path | None, typer.Option("--junit-xml")] = None,
    rulesets: RulesetsOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Run scenario files (*.scenarios.yaml): exit 1 if any fails."""
    from ._scenarios import run_paths

    code = run_paths(paths, profile=profile, rulesets=rulesets, junit_xml=junit_xml,
                     console=out, quiet=quiet)
    raise typer.Exit(code)


@app.command()
def lint(
    targets: Annotated[list[str] | None, typer.Argument(help="Profiles or a rulesets directory.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
    rulesets: RulesetsOpt = None,
) -> None:
    """Check rulesets statically: exit 1 if anything is found."""
    from ._lint import run_lint

    raise typer.Exit(run_lint(targets or [], rulesets=rulesets, fmt=fmt.value, console=out))


def main() -> None:
    """Console entry point: domain errors become one line and exit code 2."""
    try:
        app()
    except EnvrulesError as exc:
        _error(str(exc))
        sys.exit(2)
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
