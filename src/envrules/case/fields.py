"""The strict field types a case is built of: ids, labels, days, flags,
counts, ratios, benchmark choices and credit codes, each with its JSON schema."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, Strict, WithJsonSchema

from ..core.dates import parse_date
from ..core.money import parse_money

ID_PATTERN = r"^[a-z0-9_][a-z0-9_./-]*$"
Id = Annotated[str, Strict(), Field(min_length=1, max_length=200, pattern=ID_PATTERN)]
"""An id of the rulesets' vocabulary: a kind, region, matter or authority."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _printable(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("contains control characters (terminal escapes, bidi controls)")
    return value


Label = Annotated[str, Strict(), Field(min_length=1, max_length=200), AfterValidator(_printable)]
"""Free text a caller chooses (a case number): printable, at most 200 characters."""

Day = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "YYYY-MM-DD"}),
]
Flag = Annotated[bool, Strict()]
Count = Annotated[int, Strict()]
Ratio = Annotated[
    Any,
    BeforeValidator(lambda v: parse_money(v, places=6, what="number")),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]+(\.[0-9]{1,6})?$"},
                {"type": "integer", "minimum": 0},
            ]
        }
    ),
]


def _choice(value: Any) -> Any:
    result = parse_money(value, places=4, what="percentage")
    if result > 100:
        raise ValueError(f"{value!r} is above 100 percentage points")
    return result


Choice = Annotated[
    Any,
    BeforeValidator(_choice),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]+(\.[0-9]{1,4})?$"},
                {"type": "integer", "minimum": 0, "maximum": 100},
            ],
            "description": 'percentage points chosen within a benchmark band: "10" is 10 %',
        }
    ),
]
"""Percentage points an officer chose (a decimal string or integer, never a float)."""


def _check_credit_code(value: str) -> str:
    """GB 32100-2015 unified social credit code: 18 characters, check digit."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    code = value.strip().upper()
    if len(code) != 18:
        raise ValueError("a unified social credit code has 18 characters")
    if any(ch not in alphabet for ch in code):
        raise ValueError("a unified social credit code uses digits and letters except I, O, S, V, Z")
    total = sum(alphabet.index(ch) * w for ch, w in zip(code[:17], weights, strict=True))
    check = alphabet[(31 - total % 31) % 31]
    if code[17] != check:
        raise ValueError(f"check character should be {check!r}, not {code[17]!r}")
    return code


CreditCode = Annotated[str, Strict(), AfterValidator(_check_credit_code)]

STRICT_MODEL = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
"""The configuration of every case model: unknown fields refused, values frozen, text stripped."""
