"""The rule trace in Chinese: step names and the ``key=value`` outcomes of
decision-table rules (ids stay as they are: they are the rulesets' names)."""

from __future__ import annotations

import re

from .labels import _L

STEPS = {
    "dates": "日期",
    "jurisdiction": "管辖",
    "designation": "指定管辖",
    "department": "职责部门",
    "office": "内设处室",
    "transfer": "移送",
    "supervision": "监管",
    "monitoring": "监测事权",
    "hearing": "听证",
    "legal_review": "法制审核",
    "collective_deliberation": "集体讨论",
    "limitation": "追责时效",
    "daily_penalty": "按日连续处罚",
    "penalty.version": "法律版本",
    "penalty.tier": "处罚档次",
    "penalty.grounds": "情节",
    "penalty.benchmark": "裁量基准",
    "penalty.minor_violation": "轻微违法行为清单",
    "penalty.limitation": "追责时效",
    "penalty.outcome": "处罚结论",
    "penalty.daily": "按日连续处罚",
    "penalty.procedure": "程序",
}
_KEY = re.compile(r"(?:^|(?<=, ))([a-z_]+)=")


def step_label(step: str) -> str:
    """A step's Chinese name (``penalty.adjustment.lighter`` → 调整：从轻)."""
    if step in STEPS:
        return STEPS[step]
    head, _, kind = step.rpartition(".")
    if head == "penalty.adjustment":
        return "调整：" + str(_L["zh"]["kinds"].get(kind, kind))
    return step


def outcome_zh(text: str) -> str:
    """``level=county, role=lead`` → ``层级：县级，角色：牵头``; other text as it is."""
    if ";" in text or not all(_KEY.match(part) for part in text.split(", ")):
        return text
    t = _L["zh"]
    values = {**t["level_names"], **t["role"]}
    parts = []
    for part in text.split(", "):
        key, sep, value = part.partition("=")
        if not sep:
            parts.append(part)
            continue
        parts.append(f"{t['keys'].get(key, key)}：{values.get(value, value)}")
    return "，".join(parts)
