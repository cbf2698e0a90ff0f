"""The ``envrules`` command line: a thin layer over the public API.

Exit codes: 0 success, 1 a check failed (test, lint, a batch row), 2 bad input
(a case, a ruleset, a file, an argument). Errors print one readable message in
the chosen language, never a traceback (``--debug`` shows one)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ...core.errors import EnvrulesError
from .io import Lang, default_lang, err, report

app = typer.Typer(
    name="envrules",
    help="依据有出处、有日期的规则集，判定生态环境执法管辖、职责部门和罚款幅度。 · Decide Chinese "
    "environmental enforcement questions from cited, dated rulesets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

RulesetsOpt = Annotated[
    Path | None,
    typer.Option(
        "--rulesets", help="规则集目录（默认：随附的规则集） · Rulesets directory (default: shipped)."
    ),
]
LangOpt = Annotated[
    Lang, typer.Option("--lang", help="输出语言 · Output language (default: from the locale).")
]
ProfileOpt = Annotated[
    str | None,
    typer.Option("--profile", "-p", help="规则集，如 hebei/langfang · Profile, e.g. hebei/langfang."),
]


def main() -> None:
    """Console entry point: domain errors become one message and exit code 2."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    lang = default_lang().value
    if "--lang" in sys.argv[:-1]:
        lang = sys.argv[sys.argv.index("--lang") + 1]
    try:
        app()
    except EnvrulesError as exc:
        report(exc, lang)
        sys.exit(2)
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        word = "内部错误" if lang == "zh" else "internal error"
        err.print(f"{word}: {type(exc).__name__}: {exc} (--debug shows the traceback)", markup=False)
        sys.exit(70)


__all__ = ["LangOpt", "ProfileOpt", "RulesetsOpt", "app", "default_lang", "main"]
