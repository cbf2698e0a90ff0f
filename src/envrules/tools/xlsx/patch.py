"""Change a YAML file's text to hold new data while keeping every byte that
did not change: comments, anchors, quoting, flow or block style, line breaks.

The old text is composed into nodes (with their start and end offsets) and
walked together with the old and the new data. Equal values are left alone;
a changed scalar or flow value is rewritten in place; mapping keys and list
items (matched by ``id``) are inserted or removed; anything else is rewritten
whole. The caller checks that the result reads back as the new data."""

from __future__ import annotations

from typing import Any

import yaml

from .emit import block, flow

Edit = tuple[int, int, str]
_MERGE = "tag:yaml.org,2002:merge"


class Unpatchable(Exception):
    """The change cannot be made in place (e.g. it would edit a shared anchor)."""


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _content_end(text: str, node: Any) -> int:
    """Where a node's own text ends (without trailing blank lines or comments)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _content_end(text, node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _content_end(text, node.value[-1])
    end: int = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \n\r":
        end -= 1
    return end


def _is_flow(node: Any) -> bool:
    return isinstance(node, yaml.ScalarNode) or bool(node.flow_style)


def _replace(text: str, node: Any, new: Any, edits: list[Edit]) -> None:
    start, end = node.start_mark.index, _content_end(text, node)
    if _is_flow(node):
        edits.append((start, end, flow(new)))
    else:
        edits.append((start, end, block(new, node.start_mark.column)))


def diff(text: str, node: Any, old: Any, new: Any, edits: list[Edit]) -> None:
    """Append the edits that turn ``old`` (read from ``node``) into ``new``."""
    if old == new and type(old) is type(new):
        return
    if isinstance(node, yaml.MappingNode) and isinstance(old, dict) and isinstance(new, dict) and old and new:
        _mapping(text, node, old, new, edits)
    elif isinstance(node, yaml.SequenceNode) and _by_id(old) and _by_id(new) and old and new:
        _sequence(text, node, old, new, edits)
    else:
        _replace(text, node, new, edits)


def _by_id(items: Any) -> bool:
    return (
        isinstance(items, list)
        and all(isinstance(x, dict) and "id" in x for x in items)
        and len({x["id"] for x in items}) == len(items)
    )


def _mapping(text: str, node: Any, old: dict[str, Any], new: dict[str, Any], edits: list[Edit]) -> None:
    pairs = {k.value: (k, v) for k, v in node.value if k.tag != _MERGE}
    merged = any(k.tag == _MERGE for k, _ in node.value)
    gone = [k for k in old if k not in new]
    if merged and any(k not in pairs for k in gone):
        _replace(text, node, new, edits)  # a merged key cannot be removed in place
        return
    for key in gone:
        _remove_pair(text, node, pairs[key], edits)
    for key, value in new.items():
        if key in pairs:
            diff(text, pairs[key][1], old.get(key), value, edits)
        elif key not in old or old[key] != value:
            _add_pair(text, node, key, value, edits)


def _remove_pair(text: str, node: Any, pair: tuple[Any, Any], edits: list[Edit]) -> None:
    index = node.value.index(pair)
    key, value = pair
    if node.flow_style:
        if index > 0:
            start = _content_end(text, node.value[index - 1][1])
            edits.append((start, _content_end(text, value), ""))
        elif len(node.value) > 1:
            edits.append((key.start_mark.index, node.value[1][0].start_mark.index, ""))
        else:
            raise Unpatchable("the only key of a mapping")
        return
    start = _line_start(text, key.start_mark.index)
    if index + 1 < len(node.value):
        end = _line_start(text, node.value[index + 1][0].start_mark.index)
    else:
        end = text.find("\n", _content_end(text, value)) + 1 or len(text)
    edits.append((start, end, ""))


def _add_pair(text: str, node: Any, key: str, value: Any, edits: list[Edit]) -> None:
    if node.flow_style:
        close = node.end_mark.index - 1
        edits.append((close, close, f", {flow({key: value})[1:-1]}"))
        return
    col = node.value[0][0].start_mark.column
    last = _content_end(text, node.value[-1][1])
    at = text.find("\n", last)
    at = len(text) if at < 0 else at
    body = block({key: value}, col)
    edits.append((at, at, "\n" + " " * col + body))


def _sequence(text: str, node: Any, old: list[Any], new: list[Any], edits: list[Edit]) -> None:
    old_ids = [x["id"] for x in old]
    new_ids = [x["id"] for x in new]
    common_old = [i for i in old_ids if i in new_ids]
    common_new = [i for i in new_ids if i in old_ids]
    if common_old != common_new or node.flow_style:
        _replace(text, node, new, edits)
        return
    items = dict(zip(old_ids, node.value, strict=True))
    olds = dict(zip(old_ids, old, strict=True))
    for ident in old_ids:
        if ident not in new_ids:
            _remove_item(text, node, items[ident], edits)
    previous: Any = None
    for item in new:
        ident = item["id"]
        if ident in items:
            diff(text, items[ident], olds[ident], item, edits)
            previous = items[ident]
        else:
            _add_item(text, node, previous, item, edits)


def _dash(text: str, item: Any) -> int:
    """The offset of the ``-`` that starts a block list item."""
    at = text.rfind("-", 0, item.start_mark.index)
    if at < 0:
        raise Unpatchable("no list indicator")
    return at


def _remove_item(text: str, node: Any, item: Any, edits: list[Edit]) -> None:
    index = node.value.index(item)
    start = _line_start(text, _dash(text, item))
    if index + 1 < len(node.value):
        end = _line_start(text, _dash(text, node.value[index + 1]))
    else:
        end = text.find("\n", _content_end(text, item)) + 1 or len(text)
    edits.append((start, end, ""))


def _add_item(text: str, node: Any, previous: Any, value: Any, edits: list[Edit]) -> None:
    sibling = node.value[0]
    dash = _dash(text, sibling)
    col = dash - _line_start(text, dash)
    body = ("- " + flow(value)) if _is_flow(sibling) else ("- " + block(value, col + 2))
    if previous is None:
        at = _line_start(text, dash)
        edits.append((at, at, " " * col + body + "\n"))
        return
    end = _content_end(text, previous)
    at = text.find("\n", end)
    at = len(text) if at < 0 else at
    edits.append((at, at, "\n" + " " * col + body))


def apply(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits."""
    out = text
    last = len(text) + 1
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        if end > last:
            raise Unpatchable("overlapping changes")
        out = out[:start] + new + out[end:]
        last = start
    return out


def patch(text: str, old: Any, new: Any) -> str:
    """The text changed to hold ``new`` (``old`` is what it holds now)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    if root is None or not isinstance(root, yaml.MappingNode) or root.flow_style or not old:
        from .emit import document

        return document(new)
    edits: list[Edit] = []
    diff(text, root, old, new, edits)
    return apply(text, edits)
