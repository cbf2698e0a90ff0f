"""Money: :class:`decimal.Decimal` yuan, never float.

Input is a decimal string of ASCII digits (thousands commas allowed) or an
integer; floats, booleans, exponents, negative amounts (``-0`` included) and
more than two decimals are refused. Computed amounts are rounded to whole yuan
at the end of each formula (docs/penalty.md)."""

from __future__ import annotations

import functools
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Context, Decimal, InvalidOperation
from typing import Annotated, Any

import attrs
from pydantic import BeforeValidator, WithJsonSchema

YUAN = Decimal("1")
ZERO = Decimal("0")
LIMIT = Decimal(10) ** 15  # a thousand trillion yuan: past any fine or investment
CONTEXT = Context(prec=50, rounding=ROUND_HALF_UP, traps=[InvalidOperation])
"""The decimal context every decision computes in (independent of the caller's)."""

_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")


def parse_money(value: Any, places: int = 2, what: str = "amount of yuan") -> Decimal:
    """Parse a money value given as a decimal string or an integer."""
    if isinstance(value, bool):
        raise ValueError(f"an {what} cannot be true or false")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value!r} is not a finite number")
        text = format(value, "f")
        if value.is_signed():
            raise ValueError(f"{text} is negative")
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        raise ValueError(f"write the {what} as a string or integer, not a float ({value!r})")
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
    else:
        raise ValueError(f"expected an {what} (string or integer), got {type(value).__name__}")
    if len(text) > 40:
        raise ValueError(f"{what} is too long ({len(text)} characters)")
    if text.startswith("-"):
        raise ValueError(f"{value!r} is negative")
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{value!r} is not an {what} (digits 0-9, optionally a decimal point)")
    result = Decimal(text)
    if result > LIMIT:
        raise ValueError(f"{value!r} is beyond any amount envrules handles (at most {LIMIT:,})")
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise ValueError(f"{value!r} has more than {places} decimal places")
    return result


Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9][0-9,]*(\.[0-9]{1,2})?$"},
                {"type": "integer", "minimum": 0},
            ],
            "description": 'yuan as a decimal string, e.g. "50000" (an integer is accepted too)',
            "examples": ["50000", "1250.50"],
        }
    ),
]
"""An amount of yuan in a pydantic model: never a float, not negative, at most 2 decimals."""


def decimal_places(places: int, what: str) -> Any:
    """A pydantic validator reading a decimal of at most ``places`` decimals."""
    return BeforeValidator(
        lambda v: parse_money(repr(v) if isinstance(v, float) else v, places=places, what=what)
    )


Percent = Annotated[
    Decimal,
    decimal_places(4, "percentage"),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "number"}],
            "description": 'percentage points: "1" is 1 %, "50" is 50 %',
        }
    ),
]
"""Percentage points: ``"1"`` is 1 %."""


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
            wan = f"{amount / 10000:f}"
            return (wan.rstrip("0").rstrip(".") if "." in wan else wan) + "万元"
        return f"{amount:f}元"
    return f"CNY {amount:,f}"


def _ordered(instance: MoneyRange, _: object, value: Decimal) -> None:
    if not (ZERO <= instance.min <= value):
        raise ValueError(f"invalid money range {instance.min}–{value}")


@attrs.frozen(slots=True)
class MoneyRange:
    """A range of yuan, both ends inclusive, ``0 <= min <= max``."""

    min: Decimal
    max: Decimal = attrs.field(validator=_ordered)

    def text(self, lang: str = "zh") -> str:
        return f"{format_yuan(self.min, lang)}–{format_yuan(self.max, lang)}"

    def as_dict(self) -> dict[str, Decimal]:
        return {"min": self.min, "max": self.max}

    @classmethod
    def parse(cls, data: Any) -> MoneyRange:
        if isinstance(data, MoneyRange):
            return data
        if not isinstance(data, dict) or set(data) != {"min", "max"}:
            raise ValueError("a money range is {min: …, max: …}")
        return cls(parse_money(data["min"]), parse_money(data["max"]))

    @classmethod
    def __get_pydantic_core_schema__(cls, _source: Any, _handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(
                MoneyRange.as_dict,
                return_schema=core_schema.dict_schema(core_schema.str_schema(), core_schema.decimal_schema()),
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, _core: Any, _handler: Any) -> dict[str, Any]:
        yuan = {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$", "description": "yuan"}
        return {
            "type": "object",
            "title": "MoneyRange",
            "description": "a range of yuan, both ends inclusive",
            "properties": {"min": yuan, "max": yuan},
            "required": ["min", "max"],
            "additionalProperties": False,
        }
