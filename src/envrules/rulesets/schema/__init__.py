"""Ruleset format v1: pydantic models of the YAML files under ``rulesets/``.

These models check structure (exported as JSON Schema by ``envrules schema
ruleset``); meaning — facts, ids, dates across files — is checked when the plan
is compiled. Each model remembers the file, line and column it came from.
Fine formulas and table outcomes, which the compiled plan keeps, are plain
dataclasses defined beside this package (``rulesets/fines.py``,
``rulesets/outcomes.py``) and exported here too."""

from typing import TYPE_CHECKING

from ...core.lazy import lazy_exports

if TYPE_CHECKING:
    from ..fines import Fine, FineFormula, Fixed, MultipleOf, NoFine, PercentOf, PerUnit, Unspecified, UpTo
    from ..outcomes import (
        OUTCOMES,
        PROCEDURE,
        DailyPenaltyThen,
        DaysRange,
        DepartmentThen,
        FirstViolationThen,
        HearingThen,
        JurisdictionThen,
        LimitationThen,
        MonitoringThen,
        NoteThen,
        OfficeThen,
        RequiredThen,
        SupervisionThen,
        TransferThen,
        adapter,
        fields_of,
    )
    from .adjustments import Adjustment, AdjustmentRange, DiscretionStandard, GroundLink
    from .base import Basis, Dated, Fraction, Percent, Spec
    from .benchmarks import Benchmark, BenchmarkFactor, BenchmarkItem, BenchmarkLevel
    from .kinds import Kind, Tier, Version
    from .profile import (
        AuthoritySpec,
        Delegation,
        FormerName,
        MatterSpec,
        ProfileMeta,
        RegionSpec,
        RulesetFile,
    )
    from .tables import Disable, Rule, Table, TableExtension

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        ".adjustments": ("Adjustment", "AdjustmentRange", "DiscretionStandard", "GroundLink"),
        ".base": ("Basis", "Dated", "Fraction", "Percent", "Spec"),
        ".benchmarks": ("Benchmark", "BenchmarkFactor", "BenchmarkItem", "BenchmarkLevel"),
        "..fines": (
            "Fine",
            "FineFormula",
            "Fixed",
            "MultipleOf",
            "NoFine",
            "PercentOf",
            "PerUnit",
            "Unspecified",
            "UpTo",
        ),
        ".kinds": ("Kind", "Tier", "Version"),
        "..outcomes": (
            "OUTCOMES",
            "PROCEDURE",
            "DailyPenaltyThen",
            "DaysRange",
            "DepartmentThen",
            "FirstViolationThen",
            "HearingThen",
            "JurisdictionThen",
            "LimitationThen",
            "MonitoringThen",
            "NoteThen",
            "OfficeThen",
            "RequiredThen",
            "SupervisionThen",
            "TransferThen",
            "adapter",
            "fields_of",
        ),
        ".profile": (
            "AuthoritySpec",
            "Delegation",
            "FormerName",
            "MatterSpec",
            "ProfileMeta",
            "RegionSpec",
            "RulesetFile",
        ),
        ".tables": ("Disable", "Rule", "Table", "TableExtension"),
    },
)

__all__ = [
    "OUTCOMES",
    "PROCEDURE",
    "Adjustment",
    "AdjustmentRange",
    "AuthoritySpec",
    "Basis",
    "Benchmark",
    "BenchmarkFactor",
    "BenchmarkItem",
    "BenchmarkLevel",
    "DailyPenaltyThen",
    "Dated",
    "DaysRange",
    "Delegation",
    "DepartmentThen",
    "Disable",
    "DiscretionStandard",
    "Fine",
    "FineFormula",
    "FirstViolationThen",
    "Fixed",
    "FormerName",
    "Fraction",
    "GroundLink",
    "HearingThen",
    "JurisdictionThen",
    "Kind",
    "LimitationThen",
    "MatterSpec",
    "MonitoringThen",
    "MultipleOf",
    "NoFine",
    "NoteThen",
    "OfficeThen",
    "PerUnit",
    "Percent",
    "PercentOf",
    "ProfileMeta",
    "RegionSpec",
    "RequiredThen",
    "Rule",
    "RulesetFile",
    "Spec",
    "SupervisionThen",
    "Table",
    "TableExtension",
    "Tier",
    "TransferThen",
    "Unspecified",
    "UpTo",
    "Version",
    "adapter",
    "fields_of",
]
