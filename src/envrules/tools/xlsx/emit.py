"""Write ruleset values as YAML text: one-line flow style for cells and for
values patched into a file, block style for rows inserted into a block list.
Strings are written plain when YAML reads them back as the same string,
otherwise double-quoted."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

from ...rulesets.yaml import parse_yaml

_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\[\]{},#]*")
_SPECIAL = re.compile(r": |\s#|:$|\s$")


def _plain_ok(text: str) -> bool:
    if not _PLAIN.fullmatch(text) or _SPECIAL.search(text) or "\n" in text:
        return False
    try:
        return bool(parse_yaml(f"k: {text}", "<cell>") == {"k": text})
    except Exception:  # a string YAML cannot read plain
        return False


def scalar(value: Any) -> str:
    """One scalar as YAML text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return json.dumps(format(value, "f"))
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if _plain_ok(text) else json.dumps(text, ensure_ascii=False)


def flow(value: Any) -> str:
    """A value as one line of flow-style YAML."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def _complex(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


def block(value: Any, indent: int) -> str:
    """A value in block style; the first line starts where the caller stands,
    the others at ``indent`` spaces. Lists of mappings become block lists;
    other nested values stay flow."""
    pad = " " * indent
    if isinstance(value, dict) and value:
        lines = []
        for k, v in value.items():
            if (isinstance(v, dict) and any(_complex(x) for x in v.values())) or _complex(v):
                lines.append(f"{scalar(k)}:\n{pad}  " + block(v, indent + 2))
            else:
                lines.append(f"{scalar(k)}: {flow(v)}")
        return f"\n{pad}".join(lines)
    if _complex(value):
        items = [("- " + block(v, indent + 2)) if isinstance(v, dict) else "- " + flow(v) for v in value]
        return f"\n{pad}".join(items)
    return flow(value)


def document(data: dict[str, Any]) -> str:
    """A whole ruleset file (canonical form)."""
    return block(data, 0) + "\n" if data else "{}\n"
