"""Fine formulas (罚款的计算方式): frozen standard-library dataclasses that the
ruleset schema validates into (pydantic reads their annotations, config and
validators) and that the compiled plan keeps, so loading a cached plan needs
no schema module."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator, with_config

from ..core.money import Money, Percent

MoneyBase = Literal[
    "investment",
    "illegal_gain",
    "cost",
    "direct_loss",
    "person_income",
    "discharge_fee",
    "goods_value",
    "reclamation_fee",
]
CountBase = Literal["units", "continuing_days"]
_CONFIG = ConfigDict(extra="forbid")
_OPTIONAL = "可以处…罚款: the fine itself is discretionary (the authority may impose only the measures)"


def _ordered(lo: Decimal | None, hi: Decimal | None, what: str) -> None:
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"{what}: {lo} is above {hi}")


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class Fixed:
    formula: Literal["fixed"]
    min: Money
    max: Money
    optional: Annotated[bool, Field(description=_OPTIONAL)] = False

    @model_validator(mode="after")
    def _check(self) -> Any:
        _ordered(self.min, self.max, "min is above max")
        return self


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class UpTo:
    formula: Literal["up_to"]
    max: Money
    optional: Annotated[bool, Field(description=_OPTIONAL)] = False


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class PercentOf:
    formula: Literal["percent_of"]
    base: MoneyBase
    min_percent: Percent
    max_percent: Percent
    floor: Annotated[Money | None, Field(description="the result is at least this")] = None
    cap: Annotated[Money | None, Field(description="the result is at most this")] = None
    base_floor: Annotated[
        Money | None, Field(description="the base counts as at least this (不足…的，按…计算)")
    ] = None
    optional: Annotated[bool, Field(description=_OPTIONAL)] = False

    @model_validator(mode="after")
    def _check(self) -> Any:
        _ordered(self.min_percent, self.max_percent, "min_percent is above max_percent")
        _ordered(self.floor, self.cap, "floor is above cap")
        return self


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class MultipleOf:
    formula: Literal["multiple_of"]
    base: MoneyBase
    max_multiple: Percent
    min_multiple: Percent = Decimal(0)
    floor: Annotated[Money | None, Field(description="the result is at least this")] = None
    cap: Annotated[Money | None, Field(description="the result is at most this")] = None
    base_floor: Annotated[
        Money | None,
        Field(
            description="the base counts as at least this (不足…的，按…计算): with the base "
            "unknown, the minimum is still known"
        ),
    ] = None
    otherwise: Annotated[Fine | None, Field(description="formula when the base is absent or zero")] = None
    optional: Annotated[bool, Field(description=_OPTIONAL)] = False

    @model_validator(mode="after")
    def _check(self) -> Any:
        _ordered(self.min_multiple, self.max_multiple, "min_multiple is above max_multiple")
        _ordered(self.floor, self.cap, "floor is above cap")
        return self


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class PerUnit:
    formula: Literal["per_unit"]
    base: CountBase
    min: Money
    max: Money
    optional: Annotated[bool, Field(description=_OPTIONAL)] = False

    @model_validator(mode="after")
    def _check(self) -> Any:
        _ordered(self.min, self.max, "min is above max")
        return self


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class NoFine:
    formula: Literal["none"]
    optional: bool = False


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class Unspecified:
    """The law provides a fine but sets no amount (as some old laws did):
    the range comes from local rules, so envrules cannot compute it."""

    formula: Literal["unspecified"]
    optional: Annotated[bool, Field(description=_OPTIONAL)] = False


Fine = Annotated[
    Fixed | UpTo | PercentOf | MultipleOf | PerUnit | NoFine | Unspecified,
    Field(discriminator="formula"),
]
FineFormula = Fixed | UpTo | PercentOf | MultipleOf | PerUnit | NoFine | Unspecified
