"""One bilingual text type, used by rulesets, plans and decisions alike."""

from __future__ import annotations

import decimal
import functools
from collections.abc import Callable
from typing import Any

import attrs

from .money import CONTEXT


def _nonempty(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{attribute.name} must be a non-empty string")


@attrs.frozen(slots=True, cache_hash=True)
class Text:
    """A text in Chinese (``zh``) and English (``en``). Immutable and hashable;
    pydantic models validate it from ``{"zh": …, "en": …}`` and serialise it
    back to that mapping."""

    zh: str = attrs.field(validator=_nonempty)
    en: str = attrs.field(validator=_nonempty)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @staticmethod
    def of(zh: str, en: str) -> Text:
        """The same text object for the same words (cached): the decision path
        uses it so that a constant text is built once, not per decision."""
        return _cached(zh, en)

    @classmethod
    def same(cls, text: str) -> Text:
        """A language-neutral text (an id, a formula)."""
        return cls(text or "—", text or "—")

    @classmethod
    def parse(cls, data: Any) -> Text:
        """Validate the mapping form; say what is wrong in words a legal officer
        can act on (a stray key is usually an unquoted comma)."""
        if isinstance(data, Text):
            return data
        if not isinstance(data, dict):
            raise ValueError("a text is a mapping {zh: …, en: …}")
        extra = [k for k in data if k not in ("zh", "en")]
        if extra:
            if any(data[k] is None for k in extra):
                stray = next(k for k in extra if data[k] is None)
                raise ValueError(
                    f"the text contains an unquoted comma before {stray!r}; "
                    'put the text in quotes: en: "…, …"'
                )
            raise ValueError(f"unknown key {extra[0]!r} in a text (only zh and en)")
        missing = [k for k in ("zh", "en") if not isinstance(data.get(k), str) or not data[k]]
        if missing:
            raise ValueError(f"a text needs a non-empty {missing[0]!r}")
        return cls(str(data["zh"]), str(data["en"]))

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}

    @classmethod
    def __get_pydantic_core_schema__(cls, _source: Any, _handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(
                Text.as_dict,
                return_schema=core_schema.dict_schema(core_schema.str_schema(), core_schema.str_schema()),
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, _core: Any, _handler: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "title": "Text",
            "properties": {
                "zh": {"type": "string", "minLength": 1},
                "en": {"type": "string", "minLength": 1},
            },
            "required": ["zh", "en"],
            "additionalProperties": False,
        }


_cached = functools.lru_cache(maxsize=16384)(Text)


class Later:
    """A text made only when it is read: the decision path records what to
    say (a renderer and its arguments) and the JSON builder or ``explain()``
    renders it. Reads like a :class:`Text` (``zh``, ``en``, ``get``)."""

    __slots__ = ("_args", "_render", "_text")

    def __init__(self, render: Callable[..., Text], *args: Any) -> None:
        self._render = render
        self._args = args
        self._text: Text | None = None

    def text(self) -> Text:
        if self._text is None:
            with decimal.localcontext(CONTEXT):  # as the decision computed: never the reader's settings
                self._text = self._render(*self._args)
        return self._text

    @property
    def zh(self) -> str:
        return self.text().zh

    @property
    def en(self) -> str:
        return self.text().en

    def get(self, lang: str) -> str:
        return self.text().get(lang)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Later | Text):
            return (self.zh, self.en) == (other.zh, other.en)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.zh, self.en))

    def __repr__(self) -> str:
        return f"Later({self.text()!r})"


TextLike = Text | Later
"""A text now or later: what decision results carry."""
