"""Resource limits: each input that could make work grow without bound is
refused with a typed error *before* the work grows (docs/limits.md)."""

from __future__ import annotations

import attrs


@attrs.frozen
class Limits:
    """Documented, overridable limits. The defaults fit every shipped ruleset
    and any real case with a wide margin."""

    yaml_file_bytes: int = 4_000_000
    """Largest ruleset or scenario file read."""
    yaml_depth: int = 64
    """Deepest nesting of mappings and lists in a YAML file."""
    yaml_nodes: int = 500_000
    """Most nodes a YAML file may expand to, aliases counted at each use."""
    files_per_source: int = 5_000
    """Most YAML files in one rulesets tree."""
    layers: int = 32
    """Most layers in one profile chain."""
    scenario_list_items: int = 500
    """Longest list an expectation may match against (matching is polynomial)."""
    json_bytes: int = 50_000_000
    """Largest JSON document read by the command line or the service."""
    json_depth: int = 64
    """Deepest nesting in a JSON case."""
    json_int_digits: int = 30
    """Longest integer literal in JSON input."""
    batch_line_bytes: int = 1_000_000
    """Longest line of a JSONL or CSV batch file."""


DEFAULT_LIMITS = Limits()
