"""Adjustments (从轻 / 减轻 / 从重 / 不予处罚) as exceptions to the statutory
range, and the discretion standard that places them within it."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ...core.text import Text
from .base import ALWAYS, Basis, Dated, Fraction, Id, Spec, When

AdjustmentKindName = Literal["no_penalty", "reduced", "lighter_or_reduced", "lighter", "heavier"]


class AdjustmentRange(Spec):
    """Where an adjustment puts the permitted range, as fractions of the
    statutory span above the minimum: [min + lower × span, min + upper × span].
    A range reaching past the statutory maximum is a ruleset error: the engine
    refuses to decide with it (CapExceeded) and ``envrules lint`` reports it."""

    lower: Fraction
    upper: Fraction

    @model_validator(mode="after")
    def _ordered(self) -> AdjustmentRange:
        if self.lower > self.upper:
            raise ValueError("lower is above upper")
        return self


class Adjustment(Dated):
    """An exception to the general range: 不予处罚 / 减轻 / 从轻 / 从重."""

    id: Id
    title: Text
    kind: AdjustmentKindName
    mandatory: bool = Field(True, description="应当 (true) or 可以 (false)")
    when: When = ALWAYS
    kinds: tuple[Id, ...] | None = Field(None, description="only these violation kinds")
    statute: Id | None = Field(
        None,
        description="a ground of this statute (e.g. eco_code): it applies only when a "
        "version of the same statute is applied (整体适用); without it, a general-law ground",
    )
    range: AdjustmentRange | None = Field(
        None,
        description="this adjustment's own part of the range (从轻/从重 only); "
        "default: the discretion standard in force",
    )
    as_of: Literal["decided_on"] | None = Field(
        None,
        description="decided_on: a ground of a discretion standard (e.g. a list of minor "
        "violations), taken as in force on the decision date, as benchmarks and discretion "
        "standards are; default: a general-law ground (in force at the act or the decision, "
        "从旧兼从轻), or with `statute`, the applied version's date",
    )
    basis: Basis
    replaces: Id | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_date_rule(self) -> Adjustment:
        if self.as_of is not None and self.statute is not None:
            raise ValueError("a statute's ground goes with the applied version: as_of cannot be set as well")
        return self

    @model_validator(mode="after")
    def _range_keeps_direction(self) -> Adjustment:
        # a mitigating range may not raise the minimum, an aggravating one may not lower
        # the maximum; an aggravating range past the maximum is a cap error (lint E011)
        r = self.range
        if r is None:
            return self
        if self.kind in ("lighter", "lighter_or_reduced") and r.lower != 0:
            raise ValueError("a 从轻 range starts at the statutory minimum: lower must be 0")
        if self.kind == "heavier" and r.upper < 1:
            raise ValueError("a 从重 range ends at the statutory maximum: upper must be at least 1")
        if self.kind in ("no_penalty", "reduced"):
            raise ValueError(f"a {self.kind} adjustment takes no range")
        return self


class DiscretionStandard(Dated):
    """How 从轻, 从重 and 减轻 place the permitted range, as fractions of the
    statutory span (max − min) and of the minimum, from a published standard:
    从轻 [min, min + lighter_upper × span]; 从重 [min + heavier_lower × span,
    max]; 减轻 [reduced_floor × min, min) — never zero (a zero fine is 不予处罚)."""

    id: Id
    title: Text
    lighter_upper: Fraction = Decimal("0.5")
    heavier_lower: Fraction = Decimal("0.5")
    reduced_floor: Fraction | None = Field(
        None,
        description="减轻 goes down to this fraction of the minimum (None: no published "
        "floor — any amount above zero)",
    )
    reduced_floor_basis: Basis | None = Field(
        None, description="where the reduced floor comes from, if not the same basis"
    )
    basis: Basis
    note: str | None = None

    @field_validator("lighter_upper", "heavier_lower", "reduced_floor")
    @classmethod
    def _fraction(cls, v: Decimal | None) -> Decimal | None:
        if v is not None and not (Decimal(0) <= v <= Decimal(1)):
            raise ValueError("a fraction between 0 and 1")
        return v

    @model_validator(mode="after")
    def _reduced_not_zero(self) -> DiscretionStandard:
        if self.reduced_floor is not None and self.reduced_floor <= 0:
            raise ValueError(
                "reduced_floor must be above 0: 减轻 is a fine below the minimum, "
                "never no fine (that is 不予处罚, which needs its own ground)"
            )
        return self


Method = Literal["weighted_sum"]
UnknownFactor = Literal["lowest", "error"]


class GroundLink(Dated):
    """When a fact is withheld because it selected the tier (禁止重复评价), the
    facts it was judged on are withheld with it — e.g. 情节严重 is judged on the
    consequences, so serious harm is not weighed again beside a 情节严重 tier."""

    id: Id
    title: Text
    withheld: str = Field(min_length=1, description="a fact path, e.g. violation.severity")
    also: tuple[str, ...] = Field(min_length=1, description="fact paths withheld with it")
    basis: Basis
    note: str | None = None
