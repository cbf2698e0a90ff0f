"""The case: the facts a caller gives (model, its field types, vocabulary and
the outcome vocabulary rules decide), the fact vocabulary conditions test,
region completion and the evaluation context."""

from .context import NULL_VIOLATION, Context, Supplied
from .facts import DERIVED, FACTS, REGION_VIEW, SUPPLIED, Fact, FactType, Stage, reader, unwrap_optional
from .fields import ID_PATTERN, Id, Label
from .model import Case, Enterprise, PriorViolation, Procedure, Region, Violation
from .outcomes import (
    MEASURE_SEVERITY,
    RESTRICTIVE_MEASURES,
    AdjustmentKind,
    JurisdictionLevel,
    Measure,
    PenaltyOutcome,
    Role,
    measures_weight,
)
from .problems import case_problems
from .regions import EMPTY, RegionInfo, RegionView, complete
from .vocabulary import (
    AccidentGrade,
    Circumstance,
    Designation,
    DiscoveryChannel,
    EiaDocument,
    EnterpriseKind,
    Harm,
    Medium,
    MonitoredLevel,
    ReinspectionResult,
    Severity,
    Size,
)

__all__ = [
    "DERIVED",
    "EMPTY",
    "FACTS",
    "ID_PATTERN",
    "MEASURE_SEVERITY",
    "NULL_VIOLATION",
    "REGION_VIEW",
    "RESTRICTIVE_MEASURES",
    "SUPPLIED",
    "AccidentGrade",
    "AdjustmentKind",
    "Case",
    "Circumstance",
    "Context",
    "Designation",
    "DiscoveryChannel",
    "EiaDocument",
    "Enterprise",
    "EnterpriseKind",
    "Fact",
    "FactType",
    "Harm",
    "Id",
    "JurisdictionLevel",
    "Label",
    "Measure",
    "Medium",
    "MonitoredLevel",
    "PenaltyOutcome",
    "PriorViolation",
    "Procedure",
    "Region",
    "RegionInfo",
    "RegionView",
    "ReinspectionResult",
    "Role",
    "Severity",
    "Size",
    "Stage",
    "Supplied",
    "Violation",
    "case_problems",
    "complete",
    "measures_weight",
    "reader",
    "unwrap_optional",
]
