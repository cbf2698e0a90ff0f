"""Discretion benchmarks (裁量基准). Each factor's level is the first whose
condition (and, for a factor with a repeat-offence window, whose count of
earlier violations) holds; a fixed level gives its value, a band level the
value the officer chose (``violation.benchmark_choices``), checked to lie in
the band. ``weighted_sum`` (权重累加) adds the values to the item's start and
caps the total; ``percentage`` (百分比模式) adds the values alone. The total
times the statutory maximum is the benchmark amount, raised to the statutory
minimum and kept at most the maximum (docs/penalty.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ...case import Context
from ...core.dates import shift_years
from ...core.errors import CaseError, EnvrulesError, problem
from ...core.money import ZERO, MoneyRange, to_yuan
from ...core.text import Text
from ...decision.results import BenchmarkScore
from ...evaluate import Matcher
from ...plan import Plan, PlanBenchmark, PlanBenchmarkItem, PlanFactor, PlanLevel, PlanVersion
from ...plan.builder import grounds_of

HUNDRED = Decimal(100)
CHOICES = "violation.benchmark_choices"


class BenchmarkFactorUnknown(EnvrulesError):
    """A benchmark that requires every factor found none of a factor's levels."""


def find_item(
    plan: Plan, kind: str, version: PlanVersion, on: date, match: Matcher
) -> tuple[PlanBenchmark, PlanBenchmarkItem] | None:
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


def prior_count(factor: PlanFactor, ctx: Context) -> int:
    """Penalised violations in the factor's window, decided on or before the act."""
    window, v = factor.window, ctx.v
    if window is None or ctx.c.violation is None:
        return 0
    occurred = v.occurred_on
    count = 0
    for prior in ctx.c.enterprise.prior_violations:
        if not prior.penalized or prior.decided_on > occurred:
            continue
        if window.same_kind and prior.kind != v.kind:
            continue
        if window.calendar_year:
            inside = prior.decided_on.year == occurred.year
        else:
            inside = prior.decided_on >= shift_years(occurred, -(window.years or 0))
        count += inside
    return count


def _level(factor: PlanFactor, match: Matcher, ctx: Context) -> PlanLevel | None:
    count = prior_count(factor, ctx) if factor.window is not None else None
    for level in factor.levels:
        if level.prior is not None and count is not None:
            lo, hi = level.prior
            if count < lo or (hi is not None and count > hi):
                continue
        if match(level.cond):
            return level
    return None


def _value(factor: PlanFactor, level: PlanLevel, ctx: Context) -> tuple[Decimal, bool]:
    """The level's value for the case, and whether the officer chose it."""
    choices = getattr(ctx.v, "benchmark_choices", None) or {}
    chosen = choices.get(factor.id)
    high = level.percent if level.high is None else level.high
    if chosen is None:
        return level.percent, False
    if not level.percent <= chosen <= high:
        band = f"{level.percent}" if level.high is None else f"{level.percent}–{high}"
        raise CaseError(
            [
                problem(
                    f"{chosen}% is outside the band {band}% of factor {factor.id!r} (level {level.id})",
                    f"裁量因素{factor.id!r}的取值{chosen}%不在其档次（{level.title}）的幅度{band}%内",
                    field=f"{CHOICES}.{factor.id}",
                    code="benchmark_choice_outside_band",
                )
            ]
        )
    return chosen, True


def score(
    plan: Plan,
    bench: PlanBenchmark,
    item: PlanBenchmarkItem,
    match: Matcher,
    statutory: MoneyRange,
    ctx: Context,
) -> BenchmarkScore | None:
    """The benchmark amount within the statutory range (None: a factor has no
    level that holds and the benchmark says ``skip``)."""
    factors = []
    grounds: set[tuple[str, object]] = set()
    total = item.start_percent
    for factor in item.factors:
        chosen = _level(factor, match, ctx)
        if chosen is None:
            if bench.unknown_factor == "skip":
                return None
            if bench.unknown_factor == "error":
                raise BenchmarkFactorUnknown(
                    f"benchmark {item.id}: no level of factor {factor.id!r} applies",
                    f"裁量表{item.id}：裁量因素{factor.id!r}没有适用的档次",
                )
            chosen = min(factor.levels, key=lambda lv: lv.percent)
            value, picked, established = chosen.percent, False, False
        else:
            value, picked = _value(factor, chosen, ctx)
            established = True
            grounds |= grounds_of(plan.conditions[chosen.cond]) | factor.consumes
        total += value
        band = None if chosen.high is None else (chosen.percent, chosen.high)
        factors.append((factor.id, factor.title, chosen.id, chosen.title, value, established, band, picked))
    capped = total if bench.cap_percent is None else min(total, bench.cap_percent)
    if item.floor_percent is not None:
        capped = max(capped, item.floor_percent)
    hi, lo = statutory.max, statutory.min
    raw = to_yuan(hi * capped / HUNDRED)
    amount = min(max(raw, lo), hi)
    return BenchmarkScore(
        benchmark=bench.id,
        item=item.id,
        title=item.title,
        start_percent=item.start_percent,
        factors=tuple(factors),
        total_percent=capped,
        amount=amount if hi > ZERO else ZERO,
        formula=f"{capped}% × {hi} = {raw}" + (f", kept within {lo}–{hi}" if raw != amount else ""),
        basis=item.basis,
        grounds=frozenset(grounds),
        method=bench.method,
    )


def choice_warnings(bench: BenchmarkScore | None, violation: Any) -> list[tuple[str, str, Text]]:
    """Warnings about the officer's choices: a band with no value chosen (its
    lower end was taken), and a value for a factor the applied item lacks."""
    choices = getattr(violation, "benchmark_choices", None) or {}
    out = []
    factors = {f[0]: f for f in bench.factors} if bench is not None else {}
    for fid, f in factors.items():
        if f[6] is not None and not f[7]:
            out.append(
                (
                    "benchmark_band_lowest",
                    f"{CHOICES}.{fid}",
                    Text(
                        f"裁量因素{fid}（{f[1].zh}）未给出取值：按幅度下限{f[6][0]}%计算",
                        f"no value chosen for factor {fid} ({f[1].en}): the band's lower end "
                        f"{f[6][0]}% is taken",
                    ),
                )
            )
    for fid in sorted(set(choices) - set(factors)):
        out.append(
            (
                "benchmark_choice_unused",
                f"{CHOICES}.{fid}",
                Text(
                    f"适用的裁量表项没有裁量因素{fid}：该取值未使用",
                    f"the benchmark item applied has no factor {fid}: the value is not used",
                ),
            )
        )
    return out
