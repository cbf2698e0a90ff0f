"""The decision: the compact result the engine produces, its JSON data and
the pydantic models that define and validate it."""

from .data import decision_data, penalty_data
from .facade import Decision
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
from .results import Result

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
