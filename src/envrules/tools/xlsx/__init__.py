"""Rulesets as spreadsheets: ``envrules export PROFILE --xlsx FILE`` writes a
profile's decision tables, violation kinds (versions, tiers) and discretion
benchmarks (items, factors, levels) as one workbook; ``envrules import FILE
--into rulesets/`` reads it back, checks it like ``envrules lint`` and
reports each problem at its ``sheet!cell`` (docs/spreadsheets.md)."""

from .export import export_workbook
from .imports import ImportProblems, ImportResult, import_workbook

__all__ = ["ImportProblems", "ImportResult", "export_workbook", "import_workbook"]
