"""The ASGI application: ``create_app()`` builds it, ``envrules serve`` runs it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from ... import __version__
from ...core.errors import EnvrulesError, problem
from . import catalogue, decisions, openapi
from .config import DEFAULT_SERVICE_LIMITS, ServiceConfig, ServiceLimits
from .engines import Engines
from .problems import ServiceProblem, kind_of, problem_response, simple


def create_app(
    rulesets: str | Path | None = None,
    limits: ServiceLimits = DEFAULT_SERVICE_LIMITS,
    *,
    profile: str | None = None,
    preload: tuple[str, ...] = (),
    lang: str = "en",
    evaluator: str = "compiled",
) -> FastAPI:
    """The envrules service. ``rulesets`` defaults to the shipped rulesets;
    ``profile`` decides cases that name none; ``preload`` profiles load on start-up."""
    preload = tuple(dict.fromkeys((*((profile,) if profile else ()), *preload)))
    config = ServiceConfig(limits=limits, profile=profile, lang=lang, preload=preload)
    engines = Engines(rulesets, limits.case, evaluator)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(engines.profiles)
        for name in preload:
            await anyio.to_thread.run_sync(engines.get, name)
        yield

    app = FastAPI(title="envrules", version=__version__, lifespan=lifespan, docs_url="/docs", redoc_url=None)
    app.state.config = config
    app.state.engines = engines
    app.include_router(decisions.router)
    app.include_router(catalogue.router)
    _handlers(app)

    def custom_openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = openapi.build(app)
        return app.openapi_schema

    app.openapi = custom_openapi  # type: ignore[method-assign]
    return app


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang")
    if lang in ("zh", "en"):
        return lang
    return decisions.lang_of(request, None)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(EnvrulesError)
    async def envrules_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, EnvrulesError)
        return problem_response(exc, _lang(request), kind_of(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [
            problem(
                f"{e['msg']}",
                f"参数无效：{e['msg']}",
                field=".".join(str(x) for x in e["loc"]),
                code=e["type"],
            )
            for e in exc.errors()
        ]
        return problem_response(ServiceProblem("invalid-request", problems), _lang(request))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 405:
            error = simple(
                "method-not-allowed",
                f"{request.method} is not allowed here",
                f"此路径不支持 {request.method} 请求",
            )
        else:
            error = simple(
                "not-found", f"no such path {request.url.path!r}", f"没有路径 {request.url.path!r}"
            )
        return problem_response(error, _lang(request), headers=dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:  # pragma: no cover
        error = simple(
            "internal-error", f"internal error ({type(exc).__name__})", f"内部错误（{type(exc).__name__}）"
        )
        return problem_response(error, _lang(request))
