"""What durable-rules' C engine can hold, modelled before a ruleset is
registered (the limits are in its ``rules.h`` and ``rete.h``):

* each ``$and``/``$or`` of a rule takes two of its 31 expression slots
  (``MAX_SEQUENCE_EXPRESSIONS`` 32; one more fails with error 113);
* the alpha nodes under one node live in a hash set of 512 buckets
  (``NEXT_BUCKET_LENGTH``): when it is full, the engine's lookup loops for
  ever instead of failing, so the adapter must never get near it.

The model builds the alpha network the way ``createAlpha`` does — an
``$and`` chains its items, each the child of the one before; an ``$or``
creates a forward node that each alternative, created under the ``$or``'s
parent, links to; equal tests under one parent share a node — and counts the
children of every node."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

MAX_OPS = 15
"""Most ``$and``/``$or`` nodes in one rule."""
MAX_CHILDREN = 448
"""Most alpha children of one node (the engine's hash set holds 511: a margin kept)."""


def ops(expr: Any) -> int:
    """The ``$and``/``$or`` nodes of a translated condition."""
    if not isinstance(expr, dict):
        return 0
    own = sum(1 for key in expr if key in ("$and", "$or"))
    return own + sum(ops(item) for value in expr.values() if isinstance(value, list) for item in value)


def widest_node(exprs: Iterable[dict[str, Any]]) -> int:
    """The most alpha children any node of the network for ``exprs`` gets."""
    ids = itertools.count(1)
    children: defaultdict[int, dict[str, int]] = defaultdict(dict)

    def create(parent: int, expr: dict[str, Any]) -> int:
        if "$and" in expr and len(expr) == 1:
            node = parent
            for item in expr["$and"]:
                node = create(node, item)
            return node
        if "$or" in expr and len(expr) == 1:
            forward = next(ids)
            for item in expr["$or"]:
                end = create(parent, item)
                children[end][f"forward {forward}"] = forward
            return forward
        key = json.dumps(expr, sort_keys=True)
        known = children[parent].get(key)
        if known is None:
            known = children[parent][key] = next(ids)
        return known

    for expr in exprs:
        create(0, expr)
    return max((len(c) for c in children.values()), default=0)


def fits(exprs: list[dict[str, Any]]) -> bool:
    """Whether the engine can hold these rule conditions."""
    return all(ops(e) <= MAX_OPS for e in exprs) and widest_node(exprs) <= MAX_CHILDREN
