"""Errors as RFC 9457 ``application/problem+json``: each problem names its
field (``violation.occurred_on``) and says what to fix in English and Chinese;
never a traceback."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

from ...core.errors import (
    CaseError,
    EnvrulesError,
    InputError,
    LimitExceeded,
    NoVersionInForce,
    Problem,
    UnknownProfile,
    problem,
)

PROBLEM_JSON = "application/problem+json"

_KINDS: dict[str, tuple[int, str, str]] = {
    # kind: status, English title, Chinese title
    "invalid-case": (422, "invalid case", "案件无效"),
    "invalid-request": (400, "invalid request", "请求无效"),
    "unknown-profile": (404, "unknown profile", "没有该规则集"),
    "too-large": (413, "request too large", "请求过大"),
    "not-found": (404, "not found", "找不到资源"),
    "method-not-allowed": (405, "method not allowed", "不支持该请求方法"),
    "not-ready": (503, "not ready", "服务尚未就绪"),
    "ruleset-error": (500, "ruleset error", "规则集错误"),
    "internal-error": (500, "internal error", "内部错误"),
}


class ServiceProblem(EnvrulesError):
    """An error of the service itself, with the kind of problem it is."""

    def __init__(self, kind: str, problems: list[Problem]) -> None:
        self.kind = kind
        super().__init__(problems)


def kind_of(exc: EnvrulesError, *, unknown_profile: str = "invalid-case") -> str:
    """The problem kind (and so the status) of an error."""
    if isinstance(exc, ServiceProblem):
        return exc.kind
    if isinstance(exc, CaseError | NoVersionInForce):
        return "invalid-case"
    if isinstance(exc, UnknownProfile):
        return unknown_profile
    if isinstance(exc, LimitExceeded) or any(
        (p.code or "").startswith("limit.json_bytes") for p in exc.problems
    ):
        return "too-large"
    if isinstance(exc, InputError):
        return "invalid-request"
    if type(exc) is EnvrulesError:
        return "invalid-request"
    return "ruleset-error"


def field_problem(p: Problem) -> dict[str, Any]:
    out: dict[str, Any] = {"message": p.message}
    if p.field is not None:
        out["field"] = p.field
    if p.where is not None:
        out["where"] = str(p.where)
    if p.message_zh is not None:
        out["message_zh"] = p.message_zh
    if p.code is not None:
        out["code"] = p.code
    return out


def problem_data(
    exc: EnvrulesError, lang: str, kind: str | None = None, index: int | None = None
) -> dict[str, Any]:
    """The problem+json body of an error."""
    kind = kind or kind_of(exc)
    status, en, zh = _KINDS[kind]
    out: dict[str, Any] = {
        "type": f"urn:envrules:problem:{kind}",
        "title": zh if lang == "zh" else en,
        "status": status,
        "detail": exc.text(lang),
        "errors": [field_problem(p) for p in exc.problems],
    }
    case_id = getattr(exc, "case_id", None)
    if isinstance(case_id, str):
        out["case_id"] = case_id
    if index is not None:
        out["index"] = index
    return out


def problem_response(
    exc: EnvrulesError, lang: str, kind: str | None = None, headers: dict[str, str] | None = None
) -> Response:
    data = problem_data(exc, lang, kind)
    return Response(orjson.dumps(data), status_code=data["status"], media_type=PROBLEM_JSON, headers=headers)


def simple(
    kind: str, en: str, zh: str, *, field: str | None = None, code: str | None = None
) -> ServiceProblem:
    return ServiceProblem(kind, [problem(en, zh, field=field, code=code)])
