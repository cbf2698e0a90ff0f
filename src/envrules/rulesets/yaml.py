"""Ruleset and scenario YAML: parsed fast and within limits, every value
remembering where it was written.

libyaml composes the node graph (C); a small constructor here builds plain
``dict``/``list``/scalar data from it, under YAML 1.2 rules for scalars (``no``
and ``on`` stay strings, ``0777`` is a number only as YAML 1.2 says), with
merge keys (``<<: *anchor``), and refuses before work grows: files over the
size limit, nesting deeper than the depth limit, aliases that would expand
past the node limit (a "billion laughs" file is refused in microseconds),
duplicate keys, explicit tags other than the core ones, impossible dates.
Mappings and lists carry their ``(line, column)`` and those of their keys and
items, so every later problem can name ``file:line:column``."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

import yaml

from ..core.errors import LimitExceeded, RulesetError, SourceLocation, problem
from ..core.limits import DEFAULT_LIMITS, Limits
from .located import Mark, YMap, YSeq, locate, place, plain, validation_problems

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    f"{_CORE}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
}


class _Refused(Exception):
    def __init__(self, node: Any, en: str, zh: str, limit: bool = False) -> None:
        self.node, self.en, self.zh, self.limit = node, en, zh, limit


def _mark(node: Any) -> Mark:
    return node.start_mark.line, node.start_mark.column


def _scalar(node: Any) -> Any:
    tag, value = node.tag, node.value
    if tag not in _ALLOWED_TAGS:
        raise _Refused(node, f"the tag {tag!r} is not allowed in rulesets", f"规则集中不允许使用标签{tag!r}")
    if node.style is not None and tag == f"{_CORE}str":  # quoted or block: always text
        return value
    if tag == f"{_CORE}str":
        return value
    if tag == f"{_CORE}null":
        if value in _NULL:
            return None
        raise _Refused(node, f"{value!r} is not null", f"{value!r}不是空值")
    if tag == f"{_CORE}bool":
        if value in _BOOL:
            return _BOOL[value]
        if node.style is None and value.lower() in ("yes", "no", "on", "off", "y", "n"):
            return value  # YAML 1.1 booleans are text under YAML 1.2
        raise _Refused(node, f"{value!r} is not true or false", f"{value!r}不是 true 或 false")
    if tag == f"{_CORE}int":
        text = value.replace("_", "") if node.style is None else value
        if _INT.fullmatch(value):
            if len(value) > 40:
                raise _Refused(node, "an integer longer than 40 digits", "整数超过40位", True)
            return int(value, 0) if value.startswith(("0o", "0x")) else int(value)
        if node.style is None and not _INT.fullmatch(text):
            return value  # sexagesimal, 0b… and the like: text under YAML 1.2
        raise _Refused(node, f"{value!r} is not an integer", f"{value!r}不是整数")
    if tag == f"{_CORE}float":
        if _FLOAT.fullmatch(value):
            number = float(value)
            if not math.isfinite(number):
                raise _Refused(node, f"{value!r} is too large", f"{value!r}过大")
            return number
        if node.style is None:
            return value  # .inf, .nan, 1_0.5 …: text under YAML 1.2
        raise _Refused(node, f"{value!r} is not a number", f"{value!r}不是数字")
    if tag == f"{_CORE}timestamp":
        if _DATE.fullmatch(value):
            try:
                y, m, d = (int(x) for x in value.split("-"))
                return date(y, m, d)
            except ValueError:
                raise _Refused(
                    node, f"{value!r} is not a day of the calendar", f"{value!r}不是存在的日期"
                ) from None
        try:
            return datetime.fromisoformat(value.replace(" ", "T").replace("Z", "+00:00"))
        except ValueError:
            raise _Refused(node, f"{value!r} is not a date", f"{value!r}不是日期") from None
    raise _Refused(node, f"{value!r} cannot be read here", f"无法读取{value!r}")


class _Builder:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.sizes: dict[int, int] = {}

    def size(self, root: Any) -> int:
        """Expanded node count, aliases counted at each use, in linear time."""
        sizes = self.sizes
        stack: list[tuple[Any, bool]] = [(root, False)]
        while stack:
            node, done = stack.pop()
            key = id(node)
            if key in sizes and not done:
                continue
            children = self._children(node)
            if done:
                total = 1 + sum(sizes.get(id(c), 0) for c in children)
                sizes[key] = total
                if total > self.limits.yaml_nodes:
                    raise _Refused(
                        node,
                        f"the file expands to more than "
                        f"{self.limits.yaml_nodes:,} values (aliases counted at each "
                        "use)",
                        f"文件展开后超过{self.limits.yaml_nodes:,}个值（别名按每次引用计数）",
                        True,
                    )
                continue
            sizes[key] = 0  # a cycle (impossible in YAML) counts once
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
        return sizes[id(root)]

    @staticmethod
    def _children(node: Any) -> list[Any]:
        if isinstance(node, yaml.MappingNode):
            return [n for pair in node.value for n in pair]
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        return []

    def build(self, node: Any, depth: int = 0) -> Any:
        if depth > self.limits.yaml_depth:
            raise _Refused(
                node,
                f"nested deeper than {self.limits.yaml_depth} levels",
                f"嵌套超过{self.limits.yaml_depth}层",
                True,
            )
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if node.tag not in (f"{_CORE}map", f"{_CORE}seq"):
            raise _Refused(
                node,
                f"the tag {node.tag!r} is not allowed in rulesets",
                f"规则集中不允许使用标签{node.tag!r}",
            )
        if isinstance(node, yaml.SequenceNode):
            seq = YSeq(_mark(node))
            for item in node.value:
                seq.append(self.build(item, depth + 1))
                seq.items_at.append(_mark(item))
            return seq
        out = YMap(_mark(node))
        merged: list[tuple[Any, Mark, Any]] = []
        for key_node, value_node in node.value:
            if key_node.tag == f"{_CORE}merge":
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for src in sources:
                    if not isinstance(src, yaml.MappingNode):
                        raise _Refused(src, "a merge key (<<) takes a mapping", "合并键（<<）只能引用映射")
                    built = self.build(src, depth + 1)
                    merged.extend((k, built.keys_at[k], v) for k, v in built.items())
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(
                    key_node,
                    "a key must be a plain value, not a mapping or list",
                    "键必须是简单值，不能是映射或列表",
                )
            key = _scalar(key_node)
            if isinstance(key, date | float) or key is None:
                key = key_node.value
            if key in out:
                raise _Refused(key_node, f"duplicate key {key!r}", f"重复的键{key!r}")
            out[key] = self.build(value_node, depth + 1)
            out.keys_at[key] = _mark(key_node)
        for key, at, value in merged:  # explicit keys win over merged ones
            if key not in out:
                out[key] = value
                out.keys_at[key] = at
        return out


def parse_yaml(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse one YAML document; any problem is a RulesetError at file:line:column."""
    _check_text(text, file, limits)
    root = _compose(text, file)
    if root is None:
        return None
    builder = _Builder(limits)
    try:
        builder.size(root)
        return builder.build(root)
    except _Refused as exc:
        line, col = _mark(exc.node)
        error = LimitExceeded if exc.limit else RulesetError
        raise error(
            [
                problem(
                    exc.en,
                    exc.zh,
                    where=SourceLocation(file, line + 1, col + 1),
                    code="limit.yaml" if exc.limit else "yaml",
                )
            ]
        ) from None


def _check_text(text: str, file: str, limits: Limits) -> None:
    """Refuse, before parsing, a file too large or holding a NUL character."""
    if len(text) > limits.yaml_file_bytes:
        raise LimitExceeded(
            [
                problem(
                    f"the file is larger than {limits.yaml_file_bytes:,} bytes",
                    f"文件超过{limits.yaml_file_bytes:,}字节",
                    where=SourceLocation(file),
                    code="limit.yaml_file_bytes",
                )
            ]
        )
    if "\x00" in text:
        raise RulesetError(
            [
                problem(
                    "the file contains a NUL character",
                    "文件含有 NUL 字符",
                    where=SourceLocation(file),
                    code="yaml",
                )
            ]
        )


def _compose(text: str, file: str) -> Any:
    """The YAML node tree of ``text``; a syntax error is a RulesetError at its line and column."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = SourceLocation(file, mark.line + 1, mark.column + 1) if mark else SourceLocation(file)
        message = " ".join(str(x) for x in (exc.context, exc.problem) if x) or str(exc)
        raise RulesetError(
            [problem(f"YAML syntax: {message}", f"YAML 语法错误：{message}", where=where, code="yaml")]
        ) from None
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        raise RulesetError(
            [
                problem(
                    f"YAML: {type(exc).__name__}: {exc}",
                    f"YAML 无法读取：{exc}",
                    where=SourceLocation(file),
                    code="yaml",
                )
            ]
        ) from None


__all__ = [
    "Mark",
    "YMap",
    "YSeq",
    "locate",
    "parse_yaml",
    "place",
    "plain",
    "validation_problems",
]
