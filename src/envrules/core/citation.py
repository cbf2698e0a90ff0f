"""Where a rule comes from: the law (or document), its article, the source
the words were read in, and the words relied on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import attrs

K = TypeVar("K")
V = TypeVar("V")


@attrs.frozen(slots=True, cache_hash=True)
class Citation:
    """A legal basis as a decision cites it. Serialises to ``{law, article,
    source}`` (the quote stays in the rulesets and the docs tables)."""

    law: str
    article: str | None = None
    source: str | None = None
    quote: str | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        text = " ".join(x for x in (self.law, self.article) if x)
        return f"{text} [{self.source}]" if self.source else text

    def cite(self) -> str:
        return " ".join(x for x in (self.law, self.article) if x)

    def as_dict(self) -> dict[str, str]:
        out = {"law": self.law}
        if self.article is not None:
            out["article"] = self.article
        if self.source is not None:
            out["source"] = self.source
        return out

    @classmethod
    def parse(cls, data: Any) -> Citation:
        if isinstance(data, Citation):
            return data
        if not isinstance(data, dict) or not isinstance(data.get("law"), str):
            raise ValueError("a citation is {law, article?, source?}")
        return cls(data["law"], data.get("article"), data.get("source"))

    @classmethod
    def __get_pydantic_core_schema__(cls, _source: Any, _handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(
                Citation.as_dict,
                return_schema=core_schema.dict_schema(core_schema.str_schema(), core_schema.str_schema()),
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, _core: Any, _handler: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "title": "Citation",
            "description": "where a rule comes from",
            "properties": {
                "law": {"type": "string"},
                "article": {"type": "string"},
                "source": {"type": "string"},
            },
            "required": ["law"],
            "additionalProperties": False,
        }


class ReadOnlyMap(Mapping[K, V]):
    """An immutable mapping that pickles (``MappingProxyType`` does not)."""

    __slots__ = ("_data",)
    _data: dict[K, V]

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        object.__setattr__(self, "_data", dict(data or {}))

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: K, default: Any = None) -> Any:
        return self._data.get(key, default)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyMap, (self._data,))

    def __repr__(self) -> str:
        return f"ReadOnlyMap({self._data!r})"
