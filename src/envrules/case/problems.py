"""Turn a case's validation errors into problems a caller can act on: the
dotted field path, a message in English and Chinese, and a suggestion for a
misspelt or misplaced field."""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core.errors import Problem
from .facts import unwrap_optional
from .messages_zh import zh_message
from .model import Case

_ZH: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不认识的字段",
    "string_type": "应为字符串",
    "string_too_short": "不能为空",
    "string_too_long": "过长",
    "string_pattern_mismatch": "格式不对（只能用小写字母、数字和 _ . / -）",
    "enum": "不是允许的取值",
    "literal_error": "不是允许的取值",
    "bool_type": "应为 true 或 false",
    "int_type": "应为整数",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "too_long": "条目过多",
    "frozen_set_type": "应为列表",
    "tuple_type": "应为列表",
    "list_type": "应为列表",
    "model_type": "应为对象（JSON 映射）",
    "model_attributes_type": "应为对象（JSON 映射）",
    "dict_type": "应为对象（JSON 映射）",
    "value_error": "取值无效",
    "date_type": "应为日期（YYYY-MM-DD）",
}


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The case model class that holds the field at ``loc`` (for suggestions)."""
    model: type[BaseModel] = Case
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        inner = unwrap_optional(field.annotation)
        if typing.get_origin(inner) is tuple:
            inner = typing.get_args(inner)[0]
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return None
        model = inner
    return model


def _where_else(name: str) -> str | None:
    """Which part of a case a misplaced top-level field belongs to."""
    for part in ("violation", "enterprise", "region", "procedure"):
        sub = unwrap_optional(Case.model_fields[part].annotation)
        if isinstance(sub, type) and issubclass(sub, BaseModel) and name in sub.model_fields:
            return part
    return None


def _unknown_field(loc: tuple[Any, ...]) -> tuple[str, str]:
    name = str(loc[-1])
    model = _model_at(loc)
    known = sorted(model.model_fields) if model is not None else []
    near = difflib.get_close_matches(name, known, n=1)
    home = _where_else(name) if len(loc) == 1 else None
    en, zh = f"unknown field {name!r}", f"不认识的字段{name!r}"
    if near:
        en += f" (did you mean {near[0]!r}?)"
        zh += f"（是否指{near[0]!r}？）"
    elif home:
        en += f" (it belongs under {home!r}: {home}.{name})"
        zh += f"（应放在{home}下：{home}.{name}）"
    elif known:
        en += f"; fields here: {', '.join(known)}"
        zh += f"；此处可用的字段：{', '.join(known)}"
    return en, zh


def case_problems(exc: ValidationError, prefix: str = "") -> list[Problem]:
    """Problems of a failed case validation, each naming its field path."""
    return list(_problems(exc.errors(include_url=False, include_input=False), prefix))


def _zh(kind: str, en: str, err: Any) -> str:
    known = zh_message(kind, en, err.get("ctx"))
    if known is not None:
        return known
    return f"{_ZH.get(kind, '取值无效')}：{en}"


def _problems(errors: Iterable[Any], prefix: str) -> Iterable[Problem]:
    for err in errors:
        loc = tuple(err["loc"])
        path = prefix + ".".join(str(x) for x in loc)
        en = err["msg"].removeprefix("Value error, ")
        kind = err["type"]
        if kind == "extra_forbidden" and loc:
            en, zh = _unknown_field(loc)
        else:
            zh = _zh(kind, en, err)
        yield Problem(en, field=path or "case", message_zh=zh, code=kind)
