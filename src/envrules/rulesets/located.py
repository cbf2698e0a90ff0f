"""Data read from YAML and where it was written: the located mapping and
list types the parser builds, and the lookups that turn a node or a
validation error into ``file:line:column``. No YAML library is imported here:
a cached plan and the condition language use these without the parser."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.errors import Problem, SourceLocation

Mark = tuple[int, int]  # 0-based line and column


class YMap(dict[Any, Any]):
    """A mapping read from YAML, with its place and its keys' places."""

    __slots__ = ("keys_at", "mark")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.keys_at: dict[Any, Mark] = {}


class YSeq(list[Any]):
    """A list read from YAML, with its place and its items' places."""

    __slots__ = ("items_at", "mark")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.items_at: list[Mark] = []


def locate(data: Any, loc: Sequence[int | str], file: str) -> SourceLocation:
    """The place of the deepest node of ``data`` that ``loc`` reaches."""
    node = data
    at: Mark | None = getattr(node, "mark", None)
    for key in loc:
        if isinstance(node, YMap) and key in node:
            at = node.keys_at.get(key, at)
            node = node[key]
        elif isinstance(node, YSeq) and isinstance(key, int) and 0 <= key < len(node):
            at = node.items_at[key]
            node = node[key]
        # union tags and the like are not in the data: skip them
    if at is None:
        return SourceLocation(file)
    return SourceLocation(file, at[0] + 1, at[1] + 1)


def place(node: Any, file: str | None, key: Any = None) -> SourceLocation | None:
    """Where a mapping (or one of its keys) was written."""
    if file is None:
        return None
    at: Mark | None = None
    if key is not None and isinstance(node, YMap):
        at = node.keys_at.get(key)
    if at is None:
        at = getattr(node, "mark", None)
    if at is None:
        return SourceLocation(file)
    return SourceLocation(file, at[0] + 1, at[1] + 1)


def plain(node: Any) -> Any:
    """YAML data as plain dicts and lists (what scenario cases are given as)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node


def _field_path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_problems(exc: Any, data: Any, file: str) -> list[Problem]:
    """A pydantic ValidationError on YAML data, as problems at file:line:column."""
    problems = []
    errors = exc.errors(include_url=False, include_input=False)
    locs = [tuple(e["loc"]) for e in errors]
    for err in errors:
        loc = err["loc"]
        # a list whose only item failed also reports "too short": say it once, at the item
        if err["type"] == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == tuple(loc) for other in locs
        ):
            continue
        path = _field_path(loc)
        msg = err["msg"].removeprefix("Value error, ")
        problems.append(
            Problem(
                f"{path}: {msg}" if path else msg,
                locate(data, loc, file),
                message_zh=f"{path}：{msg}" if path else msg,
                code=err["type"],
            )
        )
    return problems
