"""Fine formulas: the range a formula gives for a case's facts, the facts it
still needs, and the formula in words."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

import attrs

from ..core.money import ZERO, MoneyRange, ceil_yuan, floor_yuan, format_yuan
from ..rulesets.fines import (
    FineFormula,
    Fixed,
    MultipleOf,
    NoFine,
    PercentOf,
    PerUnit,
    Unspecified,
    UpTo,
)

BASES = {
    "investment": ("建设项目总投资额", "total investment"),
    "illegal_gain": ("违法所得", "illegal gains"),
    "cost": ("所需处置费用", "disposal cost"),
    "direct_loss": ("直接经济损失", "direct economic loss"),
    "person_income": ("上一年度从本单位取得的收入", "the prior year's income from the unit"),
    "discharge_fee": ("应缴纳排污费数额", "the discharge fee due"),
    "goods_value": ("货值金额", "the value of the goods"),
    "reclamation_fee": ("耕地开垦费", "the farmland reclamation fee"),
    "units": ("每件", "per unit"),
    "continuing_days": ("每日", "per day"),
}


@attrs.frozen(slots=True)
class FineRange:
    """What a formula gives for a case."""

    span: MoneyRange | None  # None: cannot be computed
    missing: tuple[str, ...] = ()  # facts it needs
    known_minimum: Decimal | None = None  # a minimum the law fixes even without the base


def _inward(lo: Decimal, hi: Decimal) -> MoneyRange:
    # computed amounts are rounded inward to whole yuan: never past the statute's range
    lo_r, hi_r = ceil_yuan(lo), floor_yuan(hi)
    return MoneyRange(min(lo_r, hi_r), hi_r)


def _within(lo: Decimal, hi: Decimal, floor: Decimal | None, cap: Decimal | None) -> tuple[Decimal, Decimal]:
    if floor is not None:
        lo, hi = max(lo, floor), max(hi, floor)
    if cap is not None:
        lo, hi = min(lo, cap), min(hi, cap)
    return lo, hi


def compute(fine: FineFormula, v: Any) -> FineRange:
    """The range a formula gives for a violation's facts."""
    if isinstance(fine, Fixed):
        return FineRange(MoneyRange(fine.min, fine.max))
    if isinstance(fine, UpTo):
        return FineRange(MoneyRange(ZERO, fine.max))
    if isinstance(fine, NoFine):
        return FineRange(MoneyRange(ZERO, ZERO))
    if isinstance(fine, Unspecified):
        return FineRange(None)
    if isinstance(fine, PerUnit):
        count = getattr(v, fine.base)
        if count is None:
            return FineRange(None, (f"violation.{fine.base}",))
        return FineRange(MoneyRange(fine.min * count, fine.max * count))
    base = getattr(v, fine.base)
    if isinstance(fine, MultipleOf) and (base is None or base == 0) and fine.otherwise is not None:
        return compute(fine.otherwise, v)
    lo_rate, hi_rate = (
        (fine.min_percent / 100, fine.max_percent / 100)
        if isinstance(fine, PercentOf)
        else (fine.min_multiple, fine.max_multiple)
    )
    if base is None:
        known = None
        if fine.base_floor is not None:
            known = ceil_yuan(fine.base_floor * lo_rate)
        if fine.floor is not None:
            known = max(known or ZERO, fine.floor)
        return FineRange(None, (f"violation.{fine.base}",), known)
    if fine.base_floor is not None:
        base = max(base, fine.base_floor)
    lo, hi = _within(base * lo_rate, base * hi_rate, fine.floor, fine.cap)
    return FineRange(_inward(lo, hi))


def _bounds(fine: PercentOf | MultipleOf, lang: str) -> str:
    zh = lang == "zh"
    parts = []
    if fine.base_floor is not None:
        name = BASES[fine.base][0 if zh else 1]
        parts.append(
            f"{name}不足{format_yuan(fine.base_floor)}的按{format_yuan(fine.base_floor)}计算"
            if zh
            else f"{name} counted as at least {format_yuan(fine.base_floor, 'en')}"
        )
    if fine.floor is not None:
        parts.append(
            f"不低于{format_yuan(fine.floor)}" if zh else f"at least {format_yuan(fine.floor, 'en')}"
        )
    if fine.cap is not None:
        parts.append(f"最高{format_yuan(fine.cap)}" if zh else f"at most {format_yuan(fine.cap, 'en')}")
    return "".join(f"，{p}" for p in parts) if zh else "".join(f", {p}" for p in parts)


@functools.lru_cache(maxsize=4096)
def text(fine: FineFormula, lang: str = "zh") -> str:
    """The formula in words (cached: formulas are immutable)."""
    zh = lang == "zh"
    optional = ("（可以处）" if zh else " (may)") if fine.optional else ""
    if isinstance(fine, Fixed):
        return (
            f"{format_yuan(fine.min)}以上{format_yuan(fine.max)}以下"
            if zh
            else f"{format_yuan(fine.min, 'en')} to {format_yuan(fine.max, 'en')}"
        ) + optional
    if isinstance(fine, PercentOf):
        name = BASES[fine.base][0 if zh else 1]
        return (
            (
                f"{name}的{fine.min_percent}%–{fine.max_percent}%"
                if zh
                else f"{fine.min_percent}%–{fine.max_percent}% of {name}"
            )
            + _bounds(fine, lang)
            + optional
        )
    if isinstance(fine, MultipleOf):
        name = BASES[fine.base][0 if zh else 1]
        out = (
            f"{name}{fine.min_multiple}–{fine.max_multiple}倍"
            if zh
            else f"{fine.min_multiple}–{fine.max_multiple} times {name}"
        ) + _bounds(fine, lang)
        if fine.otherwise is not None:
            out += (
                f"；无{name}时{text(fine.otherwise, lang)}"
                if zh
                else f"; without {name}: {text(fine.otherwise, lang)}"
            )
        return out + optional
    if isinstance(fine, PerUnit):
        name = BASES[fine.base][0 if zh else 1]
        return (
            f"{name}{format_yuan(fine.min)}–{format_yuan(fine.max)}"
            if zh
            else f"{format_yuan(fine.min, 'en')}–{format_yuan(fine.max, 'en')} {name}"
        ) + optional
    if isinstance(fine, NoFine):
        return "不处罚款" if zh else "no fine"
    if isinstance(fine, Unspecified):
        return "处罚款（法律未规定数额）" if zh else "a fine (the law sets no amount)"
    return (f"{format_yuan(fine.max)}以下" if zh else f"up to {format_yuan(fine.max, 'en')}") + optional
