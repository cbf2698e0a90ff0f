"""Words for the timeline: event labels, and the status rendered as text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.money import format_yuan
from ..core.text import Text

if TYPE_CHECKING:
    from .status import CaseStatus

LABELS: dict[str, tuple[str, str]] = {
    "act": ("违法行为", "the act"),
    "found": ("发现违法行为", "the act found"),
    "filed": ("立案", "case filed"),
    "order_to_correct": ("责令改正决定书送达", "order to correct served"),
    "correction_reported": ("报告改正情况", "correction reported"),
    "reinspection": ("复查", "re-inspection"),
    "inspection": ("检查", "inspection"),
    "penalty_notice": ("行政处罚告知", "penalty notice served"),
    "statement": ("陈述、申辩", "statement made"),
    "hearing_requested": ("要求听证", "hearing requested"),
    "hearing_held": ("举行听证", "hearing held"),
    "decision_served": ("处罚决定书送达", "decision served"),
    "decision_made": ("作出处罚决定", "decision made"),
    "payment": ("缴纳罚款", "payment"),
    "paid": ("罚款缴清", "fine paid in full"),
    "review_filed": ("申请行政复议", "review applied for"),
    "review_ended": ("行政复议终结", "review ended"),
    "suit_filed": ("提起行政诉讼", "suit filed"),
    "suit_ended": ("行政诉讼终结", "suit ended"),
    "revoked": ("处罚决定被撤销", "decision revoked"),
    "seal_up": ("查封、扣押", "seal-up or seizure"),
    "seal_up_extended": ("延长查封、扣押期限", "seal-up extended"),
    "seal_up_lifted": ("解除查封、扣押", "seal-up lifted"),
    "production_order": ("责令限制生产、停产整治", "production order"),
    "production_order_lifted": ("解除限制生产、停产整治", "production order lifted"),
    "transfer_to_police": ("移送公安机关", "transferred to public security"),
    "demand_served": ("催告书送达", "demand to perform served"),
    "enforcement_applied": ("申请人民法院强制执行", "court enforcement applied for"),
    "expired": ("期限届满", "period ended"),
}
_STATUS = {
    "open": ("进行中", "open"),
    "met": ("已履行", "met"),
    "late": ("逾期履行", "met late"),
    "overdue": ("已逾期", "overdue"),
    "lapsed": ("已届满未行使", "lapsed"),
    "moot": ("不再适用", "no longer applies"),
    "available": ("可以采取", "available"),
    "pending": ("尚不能采取", "not yet"),
    "taken": ("已采取", "taken"),
}


def label(kind: str, event: int | None, lang: str) -> str:
    zh, en = LABELS.get(kind, (kind, kind))
    word = zh if lang == "zh" else en
    return f"{word} events[{event}]" if event is not None else word


def both(kind: str, event: int | None) -> Text:
    return Text(label(kind, event, "zh"), label(kind, event, "en"))


def yuan(amount: Any, lang: str) -> str:
    return format_yuan(amount, lang) if amount is not None else ("未知" if lang == "zh" else "unknown")


def render(status: CaseStatus, lang: str) -> str:
    zh = lang == "zh"
    lines = [
        (
            f"案件时间线（截至{status.as_of}，规则集 {status.profile}）"
            if zh
            else f"Case timeline as of {status.as_of} (profile {status.profile})"
        )
    ]
    sections: list[tuple[str, list[Any]]] = [
        ("期限" if zh else "Deadlines", list(status.deadlines)),
        ("金额" if zh else "Amounts", list(status.amounts)),
        ("后续措施" if zh else "Follow-on measures", list(status.measures)),
        ("提示" if zh else "Warnings", list(status.warnings)),
    ]
    for head, items in sections:
        if not items:
            continue
        lines.append("")
        lines.append(head)
        for item in items:
            state = getattr(item, "status", None)
            tag = f"[{_STATUS[state][0 if zh else 1]}] " if state else ""
            lines.append(f"  - {tag}{item.explanation.get(lang)}")
            basis = getattr(item, "basis", None)
            if basis is not None:
                lines.append(f"    {'依据' if zh else 'basis'}: {basis.cite()}")
    if status.ignored_events:
        ids = ", ".join(f"events[{i}]" for i in status.ignored_events)
        lines.append("")
        lines.append(
            f"（{ids} 晚于 {status.as_of}，未计入）"
            if zh
            else f"({ids} dated after {status.as_of}: not evaluated)"
        )
    return "\n".join(lines)
