"""Discretion benchmarks (裁量基准): factor tables per violation item, by the
weighted-sum method (权重累加)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from ...core.text import Text
from .base import ALWAYS, Basis, Dated, Id, Percent, Spec, When


class BenchmarkLevel(Spec):
    """One level (档次) of a discretion factor, with its weight."""

    id: Id
    title: str = Field(min_length=1)
    percent: Percent
    when: When = ALWAYS


class BenchmarkFactor(Spec):
    """A discretion factor (裁量因素): the first level whose condition holds
    gives its weight; if none holds the benchmark's ``unknown_factor`` rule applies."""

    id: Id
    title: Text
    levels: tuple[BenchmarkLevel, ...] = Field(min_length=1)


class BenchmarkItem(Spec):
    """The factor table of one violation item (裁量表的一项)."""

    id: Id
    title: Text
    kinds: tuple[Id, ...] = Field(min_length=1)
    versions: tuple[Id, ...] | None = Field(
        None, description="only when one of these statutory versions is applied")
    when: When = ALWAYS
    start_percent: Percent = Decimal(0)
    floor_percent: Percent | None = None
    basis: Basis
    factors: tuple[BenchmarkFactor, ...] = ()
    note: str | None = None


class Benchmark(Dated):
    """A discretion benchmark (裁量基准) by the weighted-sum method
    (权重累加): amount = min(start + Σ weights, cap) × statutory maximum,
    kept within the statutory range."""

    id: Id
    title: Text
    basis: Basis
    method: Literal["weighted_sum"] = "weighted_sum"
    cap_percent: Percent = Decimal(100)
    unknown_factor: Literal["lowest", "error"] = "lowest"
    items: tuple[BenchmarkItem, ...] = ()
    note: str | None = None
