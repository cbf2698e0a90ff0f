"""Bounded JSON reading shared by the service and the batch runner: a size
limit, integers of bounded length, nesting that cannot exhaust the stack, and
every failure an :class:`InputError` naming its place in both languages."""

from __future__ import annotations

import json
from typing import Any

from ..core.errors import InputError, SourceLocation, problem
from ..core.limits import DEFAULT_LIMITS, Limits

_JSON_ZH = {
    "Expecting value": "此处应有一个值",
    "Expecting property name enclosed in double quotes": "属性名应加双引号",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Extra data": "值之后有多余的内容",
    "Unterminated string starting at": "字符串没有结束",
    "Invalid control character at": "含有无效的控制字符",
    "Invalid \\escape": "无效的转义序列",
    "Invalid \\uXXXX escape": "无效的 \\u 转义序列",
}


def json_error_zh(msg: str) -> str:
    """The Chinese of a :mod:`json` decoding error message."""
    return _JSON_ZH.get(msg, msg)


class _TooManyDigits(ValueError):
    pass


def _decoder(limits: Limits) -> json.JSONDecoder:
    def parse_int(text: str) -> int:
        if len(text.lstrip("-")) > limits.json_int_digits:
            raise _TooManyDigits(f"an integer of {len(text)} digits (at most {limits.json_int_digits})")
        return int(text)

    return json.JSONDecoder(parse_int=parse_int)


def _refused(en: str, zh: str, where: SourceLocation, code: str) -> InputError:
    return InputError([problem(en, zh, where=where, code=code)])


def loads(
    data: bytes | str,
    where: str,
    limits: Limits = DEFAULT_LIMITS,
    *,
    line: int | None = None,
    max_bytes: int | None = None,
) -> Any:
    """A JSON value from ``data``; ``where`` names it in problems (a file, ``body``)."""
    cap = limits.json_bytes if max_bytes is None else max_bytes
    here = SourceLocation(where, line)
    if len(data) > cap:
        raise _refused(f"larger than {cap:,} bytes", f"超过{cap:,}字节", here, "limit.json_bytes")
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise _refused("not UTF-8 text", "不是 UTF-8 文本", here, "encoding") from None
    try:
        return _decoder(limits).decode(text)
    except json.JSONDecodeError as exc:
        at = SourceLocation(where, exc.lineno if line is None else line, exc.colno)
        raise _refused(
            f"invalid JSON: {exc.msg}", f"JSON 格式错误：{json_error_zh(exc.msg)}", at, "invalid_json"
        ) from None
    except _TooManyDigits as exc:
        raise _refused(
            str(exc), f"整数位数过多（至多{limits.json_int_digits}位）", here, "limit.json_int_digits"
        ) from None
    except RecursionError:
        raise _refused("nested too deeply", "嵌套过深", here, "limit.json_depth") from None


def dumps(data: Any) -> str:
    """Compact JSON with Chinese kept readable (the decisions' own encoding)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
