"""The decision a caller holds: cheap to make, complete on demand.

Deciding builds only the compact result. The JSON data is built on the first
``to_json``/``model_dump``/``data``; the validated pydantic model on the first
attribute read (``decision.penalty.permitted_range``) or ``explain()``. All
three give the same content; a test checks the JSON bytes against the
model's own serialisation over every scenario."""

from __future__ import annotations

import decimal
import functools
from typing import TYPE_CHECKING, Any, Literal

from ..core.money import CONTEXT
from .results import Result

if TYPE_CHECKING:
    from .model import DecisionModel


@functools.cache
def _model_class() -> type[DecisionModel]:
    """The pydantic model, imported on first use: deciding does not need it."""
    from .model import DecisionModel

    return DecisionModel


try:  # orjson is the fast path; the standard library gives the same bytes
    import orjson

    def _dumps(data: Any, indent: int | None) -> str:
        option = orjson.OPT_INDENT_2 if indent == 2 else 0
        if indent not in (None, 2):
            return _std(data, indent)
        return orjson.dumps(data, option=option).decode()
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]

    def _dumps(data: Any, indent: int | None) -> str:
        return _std(data, indent)


def _std(data: Any, indent: int | None) -> str:
    import json

    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=indent)


class Decision:
    """The answer for one case (fields: see :class:`DecisionModel` and
    ``envrules schema decision``). ``explain()`` renders it as text."""

    __slots__ = ("_data", "_model", "_result")

    def __init__(self, result: Result | None = None, *, model: DecisionModel | None = None) -> None:
        self._result = result
        self._data: dict[str, Any] | None = None
        self._model = model

    # ------------------------------------------------------------------ data

    @property
    def result(self) -> Result | None:
        """The compact result the decision was built from (None if read from JSON)."""
        return self._result

    def data(self) -> dict[str, Any]:
        """The decision as JSON data (None values left out); do not mutate."""
        if self._data is None:
            if self._result is not None:
                from .data import decision_data

                with decimal.localcontext(CONTEXT):  # the decision's settings, not the reader's
                    self._data = decision_data(self._result)
            else:
                assert self._model is not None
                self._data = self._model.model_dump(mode="json", exclude_none=True)
        return self._data

    @property
    def model(self) -> DecisionModel:
        """The validated pydantic model (built on first use)."""
        if self._model is None:
            self._model = _model_class().model_validate(self.data())
        return self._model

    def __getattr__(self, name: str) -> Any:
        if name in _model_class().model_fields:
            return getattr(self.model, name)
        raise AttributeError(f"{type(self).__name__!r} has no attribute {name!r}")

    def to_json(self, indent: int | None = 2) -> str:
        """Deterministic JSON (same case and rulesets → same bytes)."""
        return _dumps(self.data(), indent)

    def model_dump(
        self, *, mode: Literal["json", "python"] = "python", exclude_none: bool = False, **kwargs: Any
    ) -> dict[str, Any]:
        if mode == "json" and exclude_none and not kwargs:
            return self.data()
        return self.model.model_dump(mode=mode, exclude_none=exclude_none, **kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        return self.model.model_dump_json(**kwargs)

    def explain(self, lang: Literal["zh", "en"] = "zh") -> str:
        """The decision as text a lawyer can follow: each rule that fired, its
        citation and its effect."""
        from ..explain import explain

        return explain(self.model, lang)

    @classmethod
    def model_json_schema(cls, **kwargs: Any) -> dict[str, Any]:
        return _model_class().model_json_schema(**kwargs)

    @classmethod
    def model_validate(cls, data: Any) -> Decision:
        """A decision read back from its JSON data."""
        return cls(model=_model_class().model_validate(data))

    @classmethod
    def model_validate_json(cls, text: str | bytes) -> Decision:
        return cls(model=_model_class().model_validate_json(text))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Decision) and self.data() == other.data()

    def __hash__(self) -> int:
        return hash(self.to_json(None))

    def __repr__(self) -> str:
        data = self.data()
        j = data.get("jurisdiction", {})
        return (
            f"<Decision case={data.get('case_id')!r} profile={data['profile']!r} "
            f"level={j.get('level') if j else None!r}>"
        )
