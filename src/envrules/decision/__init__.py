"""The decision: the compact result the engine produces, its JSON data and
the pydantic models that define and validate it."""

from typing import TYPE_CHECKING

from ..core.lazy import lazy_exports
from .facade import Decision
from .results import Result

if TYPE_CHECKING:
    from .data import decision_data
    from .model import (
        AdjustmentRecord,
        BenchmarkFactorScore,
        BenchmarkResult,
        DailyPenalty,
        DecisionDates,
        DecisionModel,
        Department,
        Detention,
        Flag,
        Jurisdiction,
        Limitation,
        Monitoring,
        Office,
        Penalty,
        Supervision,
        TraceEntry,
        Transfer,
        VersionCandidate,
        Warning,
    )
    from .penalty_data import penalty_data

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        ".data": ("decision_data",),
        ".model": (
            "AdjustmentRecord",
            "BenchmarkFactorScore",
            "BenchmarkResult",
            "DailyPenalty",
            "DecisionDates",
            "DecisionModel",
            "Department",
            "Detention",
            "Flag",
            "Jurisdiction",
            "Limitation",
            "Monitoring",
            "Office",
            "Penalty",
            "Supervision",
            "TraceEntry",
            "Transfer",
            "VersionCandidate",
            "Warning",
        ),
        ".penalty_data": ("penalty_data",),
    },
)

__all__ = [
    "AdjustmentRecord",
    "BenchmarkFactorScore",
    "BenchmarkResult",
    "DailyPenalty",
    "Decision",
    "DecisionDates",
    "DecisionModel",
    "Department",
    "Detention",
    "Flag",
    "Jurisdiction",
    "Limitation",
    "Monitoring",
    "Office",
    "Penalty",
    "Result",
    "Supervision",
    "TraceEntry",
    "Transfer",
    "VersionCandidate",
    "Warning",
    "decision_data",
    "penalty_data",
]
