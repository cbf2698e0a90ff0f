"""Money: :class:`decimal.Decimal` yuan, never float.

Rounding rule (documented in docs/penalty.md): computed amounts (percentages
of investment, multiples of gains, factor scores) are rounded to whole yuan
with ROUND_HALF_UP at the end of each formula; a permitted *maximum* is then
never raised by rounding, because it is clamped to the statutory cap, and a
permitted *minimum* is never below zero."""

from __future__ import annotations

import functools
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Context, Decimal, InvalidOperation
from typing import Any

YUAN = Decimal("1")
LIMIT = Decimal(10) ** 15  # a thousand trillion yuan: past any fine or investment
CONTEXT = Context(prec=50, rounding=ROUND_HALF_UP, traps=[InvalidOperation])
"""The decimal context every decision computes in (independent of the caller's)."""
ZERO = Decimal("0")


def parse_money(value: Any, places: int = 2, what: str = "amount of yuan") -> Decimal:
    """Parse a money value given as a string or an integer.

    Floats are refused: ``0.1 + 0.2`` is not money. Negative amounts and more
    than ``places`` decimals are refused too."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise ValueError(f"an {what} cannot be a boolean")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    elif isinstance(value, float):
        raise ValueError(f"write the {what} as a string or integer, not a float ({value!r})")
    else:
        raise ValueError(f"expected an {what} (string or integer), got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    if result < 0:
        raise ValueError(f"{value!r} is negative")
    if result > LIMIT:
        raise ValueError(f"{value!r} is beyond any amount envrules handles (at most {LIMIT:,})")
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise ValueError(f"{value!r} has more than {places} decimal places")
    return result


def to_yuan(amount: Decimal) -> Decimal:
    """Round half up to whole yuan."""
    return amount.quantize(YUAN, rounding=ROUND_HALF_UP)


def floor_yuan(amount: Decimal) -> Decimal:
    return amount.quantize(YUAN, rounding=ROUND_DOWN)


def ceil_yuan(amount: Decimal) -> Decimal:
    return amount.quantize(YUAN, rounding=ROUND_UP)


def format_yuan(amount: Decimal, lang: str = "zh") -> str:
    """Human form: ``200000`` → ``20万元`` (zh) or ``CNY 200,000`` (en)."""
    return _format_yuan(str(amount), lang)  # keyed by text: 2.5 and 2.50 print differently


@functools.lru_cache(maxsize=8192)
def _format_yuan(text: str, lang: str) -> str:
    amount = Decimal(text)
    if lang == "zh":
        if amount >= 10000 and amount % 100 == 0:
            wan = amount / 10000
            text = f"{wan:f}".rstrip("0").rstrip(".") if "." in f"{wan:f}" else f"{wan:f}"
            return f"{text}万元"
        return f"{amount:f}元"
    return f"CNY {amount:,f}"
