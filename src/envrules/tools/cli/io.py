"""Input and output of the command line: the language, bounded JSON reading,
printing that never lets a terminal escape through, the error boundary."""

from __future__ import annotations

import json
import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from ...core.errors import EnvrulesError, InputError, Problem, SourceLocation
from ...core.limits import DEFAULT_LIMITS, Limits
from ..jsonin import json_error_zh

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def default_lang() -> Lang:
    """Chinese where the locale is Chinese, else English (``ENVRULES_LANG`` overrides)."""
    for var in ("ENVRULES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return Lang.zh if value.lower().startswith("zh") else Lang.en
    return Lang.en


DEFAULT_LANG = default_lang()
"""The output language when ``--lang`` is not given, read once at start-up."""


def safe(text: object) -> str:
    """Text from input, with terminal control sequences shown, never obeyed."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def fail(en: str, zh: str, lang: str, code: int = 2) -> NoReturn:
    error = InputError([Problem(en, message_zh=zh)])
    report(error, lang)
    raise typer.Exit(code)


def report(exc: EnvrulesError, lang: str) -> None:
    word = "错误" if lang == "zh" else "error"
    err.print(f"{word}:", style="bold red", end=" ")
    err.print(safe(exc.text(lang)), markup=False)


def _int(text: str, limits: Limits) -> int:
    if len(text.lstrip("-")) > limits.json_int_digits:
        raise ValueError(f"an integer of {len(text)} digits (at most {limits.json_int_digits})")
    return int(text)


def read_json(path: Path, lang: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """A JSON document from a file or stdin (``-``), within the limits."""
    shown = safe(path)
    try:
        if str(path) == "-":
            text = sys.stdin.read(limits.json_bytes + 1)
        else:
            if path.is_file() and path.stat().st_size > limits.json_bytes:
                raise InputError(
                    [
                        Problem(
                            f"larger than {limits.json_bytes:,} bytes",
                            SourceLocation(shown),
                            message_zh=f"超过{limits.json_bytes:,}字节",
                        )
                    ]
                )
            text = path.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {shown}: {exc.strerror or exc}", f"无法读取{shown}：{exc.strerror or exc}", lang)
    except UnicodeDecodeError:
        fail(f"{shown}: not UTF-8 text", f"{shown}：不是 UTF-8 文本", lang)
    if len(text) > limits.json_bytes:
        fail(
            f"{shown}: larger than {limits.json_bytes:,} bytes",
            f"{shown}：超过{limits.json_bytes:,}字节",
            lang,
        )
    try:
        return json.loads(text, parse_int=lambda t: _int(t, limits))
    except json.JSONDecodeError as exc:
        fail(
            f"{shown}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}",
            f"{shown}:{exc.lineno}:{exc.colno}：JSON 格式错误：{json_error_zh(exc.msg)}",
            lang,
        )
    except (ValueError, RecursionError) as exc:
        what = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        fail(f"{shown}: {what}", f"{shown}：{what}", lang)
