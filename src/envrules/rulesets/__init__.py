"""Rulesets: where the files come from, how they are parsed (bounded,
located YAML), their schema, the condition language, and the layers a
profile stands on."""

from typing import TYPE_CHECKING

from ..core.lazy import lazy_exports
from .conditions import (
    ALWAYS,
    All,
    AnyOf,
    Compare,
    Condition,
    Not,
    check_condition,
    describe,
    leaves,
    members_of,
    parse_condition,
    paths_of,
    to_data,
)
from .index import BASE_LAYER, PROFILE_FILE, LayerIndex, source_digest
from .located import YMap, YSeq, locate, plain, validation_problems
from .sources import (
    SCENARIO_SUFFIX,
    DirectorySource,
    InMemorySource,
    PackageSource,
    RulesetSource,
    default_source,
    source_for,
)

if TYPE_CHECKING:
    from .layers import Layer, parse_layer, profile_chain, selectable_profiles, validate
    from .merge import Merged, MergedTable, merge_layers
    from .yaml import parse_yaml

# Parsing and merging layers needs the YAML parser and the ruleset schema;
# loading a cached plan needs neither, so these are imported on first use.
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        ".layers": ("Layer", "parse_layer", "profile_chain", "selectable_profiles", "validate"),
        ".merge": ("Merged", "MergedTable", "merge_layers"),
        ".yaml": ("parse_yaml",),
    },
)

__all__ = [
    "ALWAYS",
    "BASE_LAYER",
    "PROFILE_FILE",
    "SCENARIO_SUFFIX",
    "All",
    "AnyOf",
    "Compare",
    "Condition",
    "DirectorySource",
    "InMemorySource",
    "Layer",
    "LayerIndex",
    "Merged",
    "MergedTable",
    "Not",
    "PackageSource",
    "RulesetSource",
    "YMap",
    "YSeq",
    "check_condition",
    "default_source",
    "describe",
    "leaves",
    "locate",
    "members_of",
    "merge_layers",
    "parse_condition",
    "parse_layer",
    "parse_yaml",
    "paths_of",
    "plain",
    "profile_chain",
    "selectable_profiles",
    "source_digest",
    "source_for",
    "to_data",
    "validate",
    "validation_problems",
]
