"""Value types every layer shares: errors with their places and bilingual
messages, bilingual text, money, dates and periods, resource limits. No I/O,
no knowledge of the law."""

from .citation import Citation, ReadOnlyMap
from .dates import Period, parse_date, shift_years
from .errors import (
    AmbiguousRules,
    CapExceeded,
    CaseError,
    CellLocation,
    EnvrulesError,
    InputError,
    LimitExceeded,
    Location,
    NoVersionInForce,
    Problem,
    RulesetError,
    SourceLocation,
    UnknownProfile,
    problem,
)
from .limits import DEFAULT_LIMITS, Limits
from .money import (
    CONTEXT,
    ZERO,
    Money,
    MoneyRange,
    ceil_yuan,
    floor_yuan,
    format_yuan,
    parse_money,
    to_yuan,
)
from .text import Later, Text, TextLike

__all__ = [
    "CONTEXT",
    "DEFAULT_LIMITS",
    "ZERO",
    "AmbiguousRules",
    "CapExceeded",
    "CaseError",
    "CellLocation",
    "Citation",
    "EnvrulesError",
    "InputError",
    "Later",
    "LimitExceeded",
    "Limits",
    "Location",
    "Money",
    "MoneyRange",
    "NoVersionInForce",
    "Period",
    "Problem",
    "ReadOnlyMap",
    "RulesetError",
    "SourceLocation",
    "Text",
    "TextLike",
    "UnknownProfile",
    "ceil_yuan",
    "floor_yuan",
    "format_yuan",
    "parse_date",
    "parse_money",
    "problem",
    "shift_years",
    "to_yuan",
]
