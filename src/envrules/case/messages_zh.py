"""Chinese for the messages a case's validation gives, so that a problem's
``message_zh`` is Chinese throughout: pydantic's own checks from their type and
context, and the library's validators (dates, money, credit codes, the order
of dates) from their English text."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

_FIXED: dict[str, str] = {
    "missing": "缺少必填字段",
    "string_type": "应为字符串",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "格式不对（只能用小写字母、数字和 _ . / -）",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "frozen_set_type": "应为列表",
    "tuple_type": "应为列表",
    "list_type": "应为列表",
    "set_type": "应为列表",
    "model_type": "应为对象（JSON 映射）",
    "model_attributes_type": "应为对象（JSON 映射）",
    "dict_type": "应为对象（JSON 映射）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "decimal_type": "应为十进制数字字符串",
    "set_item_not_hashable": "列表中的项应为字符串",
    "frozen_instance": "不能修改",
}


def _choices(expected: str) -> str:
    items = re.split(r", | or ", expected)
    return "、".join(item.strip().strip("'") for item in items if item.strip())


_BY_CONTEXT: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "enum": lambda c: f"不是允许的取值，应为：{_choices(str(c.get('expected', '')))}",
    "literal_error": lambda c: f"不是允许的取值，应为：{_choices(str(c.get('expected', '')))}",
    "string_too_long": lambda c: f"过长（至多{c.get('max_length')}个字符）",
    "too_long": lambda c: f"条目过多（至多{c.get('max_length')}项）",
    "greater_than_equal": lambda c: f"数值太小（不得小于{c.get('ge')}）",
    "less_than_equal": lambda c: f"数值太大（不得大于{c.get('le')}）",
    "greater_than": lambda c: f"数值太小（应大于{c.get('gt')}）",
    "less_than": lambda c: f"数值太大（应小于{c.get('lt')}）",
}

_V = r"(?P<v>.+?)"
_WHAT = r"(?:a date|an? [a-z ]+|[a-z_.]+)"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), zh)
    for p, zh in [
        # dates (core.dates.parse_date)
        (
            rf"^{_WHAT} is a date \(YYYY-MM-DD\), not a date and time \({_V}\)$",
            "应为日期（YYYY-MM-DD），不是日期时间（{v}）",
        ),
        (
            rf"^{_WHAT} is written YYYY-MM-DD, not a number \({_V}\)$",
            "日期应写作 YYYY-MM-DD，不是数字（{v}）",
        ),
        (rf"^{_WHAT} is written YYYY-MM-DD, not {_V}$", "日期应写作 YYYY-MM-DD，不是{v}"),
        (rf"^{_V} is not a day of the calendar$", "{v}不是日历上存在的日期"),
        (rf"^{_V} is outside the years envrules handles \(1900–2199\)$", "{v}超出可处理的年份（1900–2199）"),
        # money (core.money.parse_money)
        (r"^an? [a-z ]+ cannot be true or false$", "金额或数值不能是 true 或 false"),
        (rf"^{_V} is not a finite number$", "{v}不是有限的数"),
        (rf"^{_V} is negative$", "{v}是负数"),
        (
            rf"^write the [a-z ]+ as a string or integer, not a float \({_V}\)$",
            "应写作字符串或整数，不能是浮点数（{v}）",
        ),
        (rf"^expected an? [a-z ]+ \(string or integer\), got {_V}$", "应为字符串或整数，而不是{v}"),
        (rf"^[a-z ]+ is too long \({_V} characters\)$", "过长（{v}个字符）"),
        (
            rf"^{_V} is not an? [a-z ]+ \(digits 0-9, optionally a decimal point\)$",
            "{v}不是数额（只能用数字 0-9，可带小数点）",
        ),
        (
            rf"^{_V} is beyond any amount envrules handles \(at most (?P<w>[0-9,]+)\)$",
            "{v}超出可处理的数额（至多{w}）",
        ),
        (rf"^{_V} has more than (?P<w>[0-9]+) decimal places$", "{v}的小数超过{w}位"),
        # the case model
        (
            r"^contains control characters \(terminal escapes, bidi controls\)$",
            "含有控制字符（终端转义序列、双向控制符）",
        ),
        (r"^a unified social credit code has 18 characters$", "统一社会信用代码应为18位"),
        (
            r"^a unified social credit code uses digits and letters except I, O, S, V, Z$",
            "统一社会信用代码只能由数字和除 I、O、S、V、Z 以外的大写字母组成",
        ),
        (rf"^check character should be {_V}, not (?P<w>.+)$", "校验码应为{v}，而不是{w}"),
        (rf"^(?P<n>[a-z_.]+) \({_V}\) is before (?P<m>[a-z_.]+) \((?P<w>.+)\)$", "{n}（{v}）早于{m}（{w}）"),
        (
            r"^region\.(?P<n>[a-z]+) is a list of region ids, not (?P<v>.+)$",
            "region.{n}应为地区 id 的列表，而不是{v}",
        ),
        (r"^region\.(?P<n>[a-z]+) is one region id \(a string\)$", "region.{n}应为一个地区 id（字符串）"),
        (
            r"^a case without a violation needs a matter and decided_on$",
            "没有违法行为（violation）的案件须有事项（matter）和决定日期（decided_on）",
        ),
    ]
]


def zh_message(kind: str, message: str, context: Mapping[str, Any] | None) -> str | None:
    """The Chinese of one validation error, or None when it is not known."""
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in _BY_CONTEXT:
        return _BY_CONTEXT[kind](context or {})
    for pattern, zh in _PATTERNS:
        m = pattern.match(message)
        if m:
            return zh.format(**m.groupdict())
    return None
