"""One output row per input row: the decision's key fields, or the error
with its field. The same flat columns in JSONL, CSV and Parquet."""

from __future__ import annotations

from typing import Any

from ... import Decision
from ...core.errors import EnvrulesError

KEY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("row", "int"),
    ("case_id", "str"),
    ("status", "str"),
    ("profile", "str"),
    ("jurisdiction.level", "str"),
    ("jurisdiction.authority", "str"),
    ("jurisdiction.authority_name", "str"),
    ("departments", "str"),
    ("office", "str"),
    ("penalty.kind", "str"),
    ("penalty.applied_version", "str"),
    ("penalty.outcome", "str"),
    ("penalty.statutory_range.min", "str"),
    ("penalty.statutory_range.max", "str"),
    ("penalty.permitted_range.min", "str"),
    ("penalty.permitted_range.max", "str"),
    ("penalty.recommended", "str"),
    ("penalty.measures", "str"),
    ("penalty.limitation.expired", "bool"),
    ("penalty.hearing_right", "bool"),
    ("penalty.legal_review", "bool"),
    ("penalty.collective_deliberation", "bool"),
    ("warnings", "str"),
    ("error.field", "str"),
    ("error.code", "str"),
    ("error.message", "str"),
)
"""Output columns and their types (money as decimal strings; lists ``;``-separated)."""

DECIDED, FAILED = "decided", "failed"


def columns(full: bool) -> tuple[tuple[str, str], ...]:
    return (*KEY_COLUMNS, ("decision", "json")) if full else KEY_COLUMNS


def _range(data: dict[str, Any] | None, end: str) -> str | None:
    return None if data is None else data[end]


def _flag(penalty: dict[str, Any], name: str) -> bool | None:
    flag = penalty.get(name)
    return None if flag is None else bool(flag["required"])


def decided(row: int, decision: Decision, full: bool) -> dict[str, Any]:
    """The record of a decided row."""
    d = decision.data()
    j = d.get("jurisdiction") or {}
    p = d.get("penalty") or {}
    rec: dict[str, Any] = {
        "row": row,
        "case_id": d.get("case_id"),
        "status": DECIDED,
        "profile": d["profile"],
        "jurisdiction.level": j.get("level"),
        "jurisdiction.authority": j.get("authority"),
        "jurisdiction.authority_name": j.get("authority_name"),
        "departments": ";".join(x["department"] for x in d.get("departments", ())) or None,
        "office": (d.get("office") or {}).get("office"),
        "penalty.kind": p.get("kind"),
        "penalty.applied_version": p.get("applied_version"),
        "penalty.outcome": p.get("outcome"),
        "penalty.statutory_range.min": _range(p.get("statutory_range"), "min"),
        "penalty.statutory_range.max": _range(p.get("statutory_range"), "max"),
        "penalty.permitted_range.min": _range(p.get("permitted_range"), "min"),
        "penalty.permitted_range.max": _range(p.get("permitted_range"), "max"),
        "penalty.recommended": p.get("recommended"),
        "penalty.measures": ";".join(p.get("measures", ())) or None,
        "penalty.limitation.expired": p["limitation"]["expired"] if p else None,
        "penalty.hearing_right": _flag(p, "hearing_right"),
        "penalty.legal_review": _flag(p, "legal_review"),
        "penalty.collective_deliberation": _flag(p, "collective_deliberation"),
        "warnings": ";".join(w["code"] for w in d.get("warnings", ())) or None,
        "error.field": None,
        "error.code": None,
        "error.message": None,
    }
    if full:
        rec["decision"] = d
    return rec


def failed(row: int, exc: EnvrulesError, lang: str, case_id: Any, full: bool) -> dict[str, Any]:
    """The record of a row that could not be decided: every problem's field,
    code and message (in the chosen language)."""
    rec: dict[str, Any] = dict.fromkeys(name for name, _ in columns(full))
    fields = [p.field or (str(p.where) if p.where else "") for p in exc.problems]
    rec.update(
        {
            "row": row,
            "case_id": case_id if isinstance(case_id, str) else None,
            "status": FAILED,
            "error.field": ";".join(fields),
            "error.code": ";".join(p.code or "" for p in exc.problems),
            "error.message": " | ".join(p.text(lang) for p in exc.problems),
        }
    )
    if full:
        rec["decision"] = None
    return rec
