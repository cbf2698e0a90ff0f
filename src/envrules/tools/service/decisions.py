"""``POST /v1/decisions``, ``/v1/decisions:explain`` and ``/v1/decisions:batch``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Query, Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from ... import Decision, Engine
from ...core.errors import CaseError, EnvrulesError, problem
from ..jsonin import dumps, loads
from .config import ServiceConfig
from .engines import Engines
from .problems import problem_data, simple

router = APIRouter()

LangQ = Annotated[
    Literal["zh", "en"] | None,
    Query(description="language of explanations and problems (default: Accept-Language, else the server's)"),
]
ProfileQ = Annotated[
    str | None,
    Query(
        max_length=200,
        description="profile to decide with (default: the case's `profile`, else the server's --profile)",
    ),
]
JSONL_TYPES = (
    "application/x-ndjson",
    "application/jsonl",
    "application/jsonlines",
    "application/x-jsonlines",
)


def lang_of(request: Request, lang: str | None) -> str:
    if lang is not None:
        return lang
    accept = request.headers.get("accept-language", "").strip().lower()
    if accept:
        return "zh" if accept.startswith("zh") else "en"
    config: ServiceConfig = request.app.state.config
    return config.lang


async def read_body(request: Request, cap: int) -> bytes:
    """The body, refused with 413 past ``cap`` bytes (before reading it all)."""
    length = request.headers.get("content-length", "")
    too_large = simple(
        "too-large",
        f"the body is larger than {cap:,} bytes",
        f"请求体超过{cap:,}字节",
        code="limit.request_bytes",
    )
    if length.isdigit() and int(length) > cap:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def profile_of(data: Any, query: str | None, config: ServiceConfig) -> str:
    """The profile to decide a case with (after checking the case is an object)."""
    if not isinstance(data, dict):
        raise CaseError.not_an_object(data)
    if query:
        return query
    own = data.get("profile")
    if isinstance(own, str) and own:
        return own
    if config.profile:
        return config.profile
    raise CaseError(
        [
            problem(
                "no profile: give ?profile=, a `profile` field in the case, or start the service with "
                "--profile",
                "没有指定规则集：请用 ?profile=、案件中的 profile 字段，或以 --profile 启动服务",
                field="profile",
                code="missing",
            )
        ]
    )


async def engine_for(request: Request, name: str) -> Engine:
    engines: Engines = request.app.state.engines
    engine = engines.loaded(name)
    if engine is None:  # the first request of a profile loads it, off the event loop
        engine = await anyio.to_thread.run_sync(engines.get, name)
    return engine


async def _decide(request: Request, profile: str | None) -> Decision:
    config: ServiceConfig = request.app.state.config
    body = await read_body(request, config.limits.request_bytes)
    data = loads(body, "body", config.limits.case, max_bytes=config.limits.request_bytes)
    engine = await engine_for(request, profile_of(data, profile, config))
    return engine.decide(data)


@router.post("/v1/decisions", operation_id="decide", summary="Decide one case")
async def decide(request: Request, profile: ProfileQ = None, lang: LangQ = None) -> Response:
    """The decision for one case: the same JSON as `envrules decide`."""
    decision = await _decide(request, profile)
    return Response(decision.to_json() + "\n", media_type="application/json")


@router.post("/v1/decisions:explain", operation_id="explain", summary="Explain one case")
async def explain(request: Request, profile: ProfileQ = None, lang: LangQ = None) -> Response:
    """The decision for one case as text a lawyer can follow (`envrules explain`)."""
    decision = await _decide(request, profile)
    chosen: Literal["zh", "en"] = "zh" if lang_of(request, lang) == "zh" else "en"
    text = await anyio.to_thread.run_sync(decision.explain, chosen)
    return PlainTextResponse(text + "\n")


def _item(
    index: int,
    data: Any,
    engines: Engines,
    config: ServiceConfig,
    profile: str | None,
    lang: str,
    explain: bool,
) -> tuple[bool, str]:
    """One batch item as JSON text (decided?, text): a decision or a problem."""
    cid = data.get("id") if isinstance(data, dict) else None
    head = f'{{"index":{index}' + (f',"case_id":{dumps(cid)}' if isinstance(cid, str) else "")
    try:
        if isinstance(data, EnvrulesError):
            raise data
        decision = engines.get(profile_of(data, profile, config)).decide(data)
        text = f'{head},"decision":{decision.to_json(None)}'
        if explain:
            text += f',"explanation":{dumps(decision.explain("zh" if lang == "zh" else "en"))}'
        return True, text + "}"
    except EnvrulesError as exc:
        kind = "invalid-case" if not isinstance(data, EnvrulesError) else None
        return False, f'{head},"problem":{dumps(problem_data(exc, lang, kind, index))}}}'


def _jsonl_items(body: bytes, config: ServiceConfig) -> Iterator[Any]:
    for number, line in enumerate(body.split(b"\n"), 1):
        if line.strip():
            try:
                yield loads(
                    line,
                    "body",
                    config.limits.case,
                    line=number,
                    max_bytes=config.limits.case.batch_line_bytes,
                )
            except EnvrulesError as exc:
                yield exc


def _cases(body: bytes, jsonl: bool, config: ServiceConfig) -> list[Any]:
    cap = config.limits.batch_cases
    if jsonl:
        cases = list(_jsonl_items(body, config))
        if len(cases) > cap:
            raise _too_many(cap)
        return cases
    data = loads(body, "body", config.limits.case, max_bytes=config.limits.batch_bytes)
    if not isinstance(data, list):
        raise simple(
            "invalid-request",
            "a batch is a JSON list of cases (or JSON lines with Content-Type: application/x-ndjson)",
            "批量请求应为案件的 JSON 列表（或 Content-Type 为 application/x-ndjson 的 JSON 行）",
            field="body",
            code="list_type",
        )
    if len(data) > cap:
        raise _too_many(cap)
    return data


def _too_many(cap: int) -> EnvrulesError:
    return simple(
        "too-large",
        f"more than {cap:,} cases in one batch",
        f"一次批量请求超过{cap:,}个案件",
        code="limit.batch_cases",
    )


@router.post("/v1/decisions:batch", operation_id="decideBatch", summary="Decide many cases")
async def batch(
    request: Request,
    profile: ProfileQ = None,
    lang: LangQ = None,
    explain: Annotated[bool, Query(description="add each decision's explanation")] = False,
) -> Response:
    """One outcome per case, in order: a decision or a problem (never all-or-nothing).
    A JSON list answers with JSON; JSON lines (application/x-ndjson) with JSON lines."""
    config: ServiceConfig = request.app.state.config
    engines: Engines = request.app.state.engines
    if profile:  # a request's own profile is checked before any case
        await engine_for(request, profile)
    body = await read_body(request, config.limits.batch_bytes)
    jsonl = request.headers.get("content-type", "").split(";")[0].strip().lower() in JSONL_TYPES
    cases = _cases(body, jsonl, config)
    chosen = lang_of(request, lang)

    def items() -> Iterator[tuple[bool, str]]:
        for i, data in enumerate(cases):
            yield _item(i, data, engines, config, profile, chosen, explain)

    if jsonl:
        return StreamingResponse((line + "\n" for _, line in items()), media_type="application/x-ndjson")

    def whole() -> str:
        results = list(items())
        decided = sum(1 for ok, _ in results if ok)
        summary = {"cases": len(results), "decided": decided, "failed": len(results) - decided}
        return f'{{"summary":{dumps(summary)},"results":[' + ",".join(text for _, text in results) + "]}\n"

    return Response(await anyio.to_thread.run_sync(whole), media_type="application/json")
