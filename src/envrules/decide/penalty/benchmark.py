"""Discretion benchmarks (裁量基准) by the weighted-sum method (权重累加): each
factor's level adds its weight to the item's starting percentage; the total
(at most the cap) times the statutory maximum is the benchmark amount, kept
within the statutory range (docs/penalty.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ...core.errors import EnvrulesError
from ...core.money import ZERO, MoneyRange, to_yuan
from ...decision.results import BenchmarkScore
from ...evaluate import Matcher
from ...plan import Plan, PlanBenchmark, PlanBenchmarkItem, PlanVersion
from ...plan.builder import grounds_of

HUNDRED = Decimal(100)


class BenchmarkFactorUnknown(EnvrulesError):
    """A benchmark that requires every factor found none of a factor's levels."""


def find_item(plan: Plan, kind: str, version: PlanVersion, on: date,
              match: Matcher) -> tuple[PlanBenchmark, PlanBenchmarkItem] | None:
    """The benchmark item for a kind and applied version, in force on ``on``.
    The highest layer's benchmark wins (a profile's own over its province's)."""
    for bench in reversed(plan.benchmarks):
        if not bench.period.contains(on):
            continue
        for item in bench.items:
            if kind not in item.kinds:
                continue
            if item.versions is not None and version.id not in item.versions:
                continue
            if match(item.cond):
                return bench, item
    return None


def score(plan: Plan, bench: PlanBenchmark, item: PlanBenchmarkItem, match: Matcher,
          statutory: MoneyRange) -> BenchmarkScore:
    """The benchmark amount within the statutory range."""
    factors = []
    grounds: set[tuple[str, object]] = set()
    total = item.start_percent
    for factor in item.factors:
        chosen = next((lv for lv in factor.levels if match(lv.cond)), None)
        if chosen is None:
            if bench.unknown_factor == "error":
                raise BenchmarkFactorUnknown(
                    f"benchmark {item.id}: no level of factor {factor.id!r} applies",
                    f"裁量表{item.id}：裁量因素{factor.id!r}没有适用的档次")
            chosen = min(factor.levels, key=lambda lv: lv.percent)
            established = False
        else:
            established = True
            grounds |= grounds_of(plan.conditions[chosen.cond])
        total += chosen.percent
        factors.append((factor.id, factor.title, chosen.id, chosen.title, chosen.percent,
                        established))
    capped = min(total, bench.cap_percent)
    if item.floor_percent is not None:
        capped = max(capped, item.floor_percent)
    hi, lo = statutory.max, statutory.min
    raw = to_yuan(hi * capped / HUNDRED)
    amount = min(max(raw, lo), hi)
    return BenchmarkScore(
        benchmark=bench.id, item=item.id, title=item.title, start_percent=item.start_percent,
        factors=tuple(factors), total_percent=capped, amount=amount if hi > ZERO else ZERO,
        formula=f"{capped}% × {hi} = {raw}" + (f", kept within {lo}–{hi}" if raw != amount else ""),
        basis=item.basis, grounds=frozenset(grounds))
