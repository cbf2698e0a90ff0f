"""Discretion benchmarks (裁量基准): factor tables per violation item, by the
weighted-sum method (权重累加, start + Σ weights, capped) or the percentage
method (百分比模式, Σ values × statutory maximum). A level gives a fixed value or
a band the officer picks a value from (``violation.benchmark_choices``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, model_validator

from ...core.text import Text
from .base import ALWAYS, Basis, Dated, Id, Percent, Spec, When


class PriorCount(Spec):
    """How many earlier violations in the factor's window the level stands for
    (both ends included; no ``max`` = no upper end)."""

    min: int = Field(0, ge=0, le=1000)
    max: int | None = Field(None, ge=0, le=1000)

    @model_validator(mode="after")
    def _ordered(self) -> Any:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"prior_count: max {self.max} is below min {self.min}")
        return self


class Window(Spec):
    """The repeat-offence window of a factor, counted from
    ``enterprise.prior_violations`` (penalised ones, decided on or before the
    act): ``years: 1`` = in the year up to the act (一年内); ``calendar_year:
    true`` = in the calendar year of the act (年度); ``same_kind`` = only
    violations of the same kind (同类)."""

    years: int | None = Field(None, ge=1, le=10)
    calendar_year: bool = False
    same_kind: bool = False

    @model_validator(mode="after")
    def _one(self) -> Any:
        if (self.years is None) == (not self.calendar_year):
            raise ValueError("a window gives either years or calendar_year: true")
        return self


class BenchmarkLevel(Spec):
    """One level (档次) of a discretion factor: a fixed ``percent``, or a band
    ``percent_min``–``percent_max`` from which the officer picks the case's
    value (checked to lie in it)."""

    id: Id
    title: str = Field(min_length=1)
    percent: Percent | None = None
    percent_min: Percent | None = None
    percent_max: Percent | None = None
    when: When = ALWAYS
    prior_count: PriorCount | None = Field(
        None, description="the level holds only for this many violations in the factor's window"
    )

    @model_validator(mode="after")
    def _value(self) -> Any:
        band = (self.percent_min, self.percent_max)
        if self.percent is not None and band != (None, None):
            raise ValueError("give either percent or percent_min and percent_max, not both")
        if self.percent is None and None in band:
            raise ValueError("give percent, or both percent_min and percent_max")
        if None not in band and band[0] > band[1]:  # type: ignore[operator]
            raise ValueError(f"percent_min {band[0]} is above percent_max {band[1]}")
        return self

    @property
    def low(self) -> Decimal:
        return self.percent if self.percent is not None else self.percent_min  # type: ignore[return-value]


class BenchmarkFactor(Spec):
    """A discretion factor (裁量因素): the first level whose condition holds
    gives its weight; if none holds the benchmark's ``unknown_factor`` rule applies."""

    id: Id
    title: Text
    window: Window | None = Field(None, description="repeat-offence window for prior_count levels")
    consumes: tuple[str, ...] = Field(
        (),
        description="facts this factor prices beyond its levels' conditions (fact path or "
        "path:member): not weighed again as a general 从重/从轻 ground (禁止重复评价)",
    )
    levels: tuple[BenchmarkLevel, ...] = Field(min_length=1)
    note: str | None = None


class BenchmarkItem(Spec):
    """The factor table of one violation item (裁量表的一项)."""

    id: Id
    title: Text
    kinds: tuple[Id, ...] = Field(min_length=1)
    versions: tuple[Id, ...] | None = Field(
        None, description="only when one of these statutory versions is applied"
    )
    when: When = ALWAYS
    start_percent: Percent = Decimal(0)
    floor_percent: Percent | None = None
    basis: Basis
    factors: tuple[BenchmarkFactor, ...] = ()
    note: str | None = None


class Benchmark(Dated):
    """A discretion benchmark (裁量基准). ``weighted_sum`` (权重累加): amount =
    min(start + Σ weights, cap) × statutory maximum; ``percentage`` (百分比模式):
    amount = Σ values × statutory maximum (no start value). ``floor`` says what
    an amount below the statutory minimum becomes (``statutory_min``: the
    minimum); an amount above the maximum is always the maximum."""

    id: Id
    title: Text
    basis: Basis
    method: Literal["weighted_sum", "percentage"] = "weighted_sum"
    cap_percent: Percent | None = Field(Decimal(100), description="null: no cap stated")
    floor: Literal["statutory_min"] = Field(
        "statutory_min", description="an amount below the statutory minimum is raised to it"
    )
    unknown_factor: Literal["lowest", "error", "skip"] = Field(
        "lowest",
        description="no level of a factor holds: its lowest level (lowest), a "
        "decision error (error), or no benchmark amount for the case (skip)",
    )
    items: tuple[BenchmarkItem, ...] = ()
    note: str | None = None
