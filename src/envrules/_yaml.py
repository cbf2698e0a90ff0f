"""Line-aware YAML: parse with ruamel (round-trip mode keeps line and column
of every node) and turn pydantic validation errors into problems that name
``file:line:column``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ._errors import Problem, RulesetError, SourceLocation

M = TypeVar("M", bound=BaseModel)


def _yaml() -> YAML:
    # A new parser per call: ruamel's YAML objects are not thread-safe.
    y = YAML(typ="rt", pure=True)
    y.allow_duplicate_keys = False
    return y


def parse_yaml(text: str, file: str) -> Any:
    """Parse YAML text; a syntax error becomes a RulesetError at file:line:column."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = SourceLocation(file, mark.line + 1, mark.column + 1) if mark else SourceLocation(file)
        message = " ".join(str(x) for x in (exc.context, exc.problem) if x) or str(exc)
        raise RulesetError([Problem(f"YAML syntax: {message}", where)]) from None
    except YAMLError as exc:
        raise RulesetError([Problem(f"YAML: {exc}", SourceLocation(file))]) from None


def locate(data: Any, loc: Sequence[int | str], file: str) -> SourceLocation:
    """The position of the deepest node of ``data`` that ``loc`` reaches."""
    node = data
    line: int | None = None
    col: int | None = None
    lc = getattr(node, "lc", None)
    if lc is not None:
        line, col = lc.line, lc.col
    for key in loc:
        lc = getattr(node, "lc", None)
        if isinstance(node, dict) and key in node:
            if lc is not None:
                try:
                    line, col = lc.key(key)
                except (KeyError, TypeError):
                    pass
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            if lc is not None:
                try:
                    line, col = lc.item(key)
                except (KeyError, TypeError, IndexError):
                    pass
            node = node[key]
        else:
            continue  # union tags and the like are not in the data
    if line is None:
        return SourceLocation(file)
    return SourceLocation(file, line + 1, (col or 0) + 1)


def _field_path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validate(model: type[M], data: Any, file: str) -> M:
    """Validate parsed YAML against a model; errors name file:line:column."""
    try:
        return model.model_validate(data if data is not None else {}, context={"file": file})
    except ValidationError as exc:
        problems = []
        errors = exc.errors(include_url=False)
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
                Problem(f"{path}: {msg}" if path else msg, locate(data, loc, file))
            )
        raise RulesetError(problems) from None
