"""Basics of ruleset format v1: the base of every model (strict keys, frozen,
and the place in the file it came from), legal bases, dated rows, ids,
money, percentages and conditions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from ...case import Id
from ...core.dates import parse_date
from ...core.errors import SourceLocation
from ...core.money import Money, Percent, decimal_places
from ..conditions import ALWAYS, Condition, parse_condition
from ..located import place

__all__ = [
    "ALWAYS",
    "Basis",
    "Condition",
    "Dated",
    "Day",
    "Fraction",
    "Id",
    "Money",
    "Percent",
    "Spec",
    "When",
]

Day = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "YYYY-MM-DD"}),
]


def _fraction_scale(value: Decimal) -> Decimal:
    if not Decimal(0) <= value <= Decimal(2):
        raise ValueError(
            f'{value} is not a fraction of the span ("0.5" is half of it; at most 2): '
            "a percentage written where a fraction is due?"
        )
    return value


Fraction = Annotated[
    Decimal,
    decimal_places(4, "fraction"),
    AfterValidator(_fraction_scale),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "number"}],
            "description": 'a fraction of the statutory span: "0.5" is '
            "half of it (0–2; above 1 breaks the cap, lint E011)",
        }
    ),
]
"""A fraction of a range's span: ``"0.5"`` is half of it — never a percentage
(0 to 2: a value above 1 reaches past the statutory maximum, which lint E011
and the engine refuse; above 2 it can only be a percentage typed in)."""


def _parse_when(value: Any, info: ValidationInfo) -> Condition:
    return parse_condition(value, (info.context or {}).get("file"))


When = Annotated[
    Any,
    BeforeValidator(_parse_when),
    WithJsonSchema({"type": "object", "description": "condition (see docs/ruleset-format.md)"}),
]


class Spec(BaseModel):
    """Base of every ruleset model: strict keys, frozen, and the place in the
    file it was read from."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, defer_build=True)

    at: SkipJsonSchema[SourceLocation | None] = Field(None, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _remember_place(cls, data: Any, info: ValidationInfo) -> Any:
        file = (info.context or {}).get("file")
        if isinstance(data, dict) and file is not None and "at" not in data:
            where = place(data, file)
            data = dict(data)
            data["at"] = where
        return data


class Basis(Spec):
    """The legal basis of a rule: law (or source document), article or
    section, and optionally the seed file / URL and the words relied on."""

    law: str = Field(min_length=1)
    article: str | None = None
    source: str | None = None
    quote: str | None = None

    def cite(self) -> str:
        return " ".join(x for x in (self.law, self.article) if x)


class Dated(Spec):
    effective_from: Day
    effective_to: Day | None = Field(None, description="last day in force (inclusive)")

    @model_validator(mode="after")
    def _ordered(self) -> Any:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(
                f"effective_to {self.effective_to} is before effective_from {self.effective_from}"
            )
        return self
