"""Scenario files: load, match, run (``envrules test`` and the pytest plugin)."""

from .match import MISSING, Mismatch, compare, show
from .model import Scenario, ScenarioFile, load_file
from .run import EngineCache, Outcome, find_files, iter_outcomes, run_paths, run_scenario, write_junit

__all__ = [
    "MISSING",
    "EngineCache",
    "Mismatch",
    "Outcome",
    "Scenario",
    "ScenarioFile",
    "compare",
    "find_files",
    "iter_outcomes",
    "load_file",
    "run_paths",
    "run_scenario",
    "show",
    "write_junit",
]
