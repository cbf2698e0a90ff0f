"""Deciding: the engine, the path of one decision, and the penalty procedure."""

from .engine import Engine
from .load import load
from .run import as_of, run
from .validation import RegionCache, check_case, parse_case

__all__ = ["Engine", "RegionCache", "as_of", "check_case", "load", "parse_case", "run"]
