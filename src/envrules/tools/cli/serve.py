"""``envrules serve``: the HTTP service (needs the ``server`` extra)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from .app import LangOpt, ProfileOpt, RulesetsOpt, app
from .io import DEFAULT_LANG, fail


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="监听地址 · Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口 · Port.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="工作进程数 · Worker processes (each loads its own engines).")
    ] = 1,
    profile: ProfileOpt = None,
    preload: Annotated[
        list[str] | None, typer.Option(help="启动时加载的规则集 · Profiles to load on start-up (repeatable).")
    ] = None,
    max_request_bytes: Annotated[
        int, typer.Option(min=1, help="单个请求体上限 · Largest body of one decision.")
    ] = 1_000_000,
    max_batch_bytes: Annotated[
        int, typer.Option(min=1, help="批量请求体上限 · Largest body of a batch.")
    ] = 50_000_000,
    max_batch_cases: Annotated[
        int, typer.Option(min=1, help="批量案件数上限 · Most cases in one batch.")
    ] = 10_000,
    log_level: Annotated[str, typer.Option(help="uvicorn 日志级别 · Log level.")] = "info",
    rulesets: RulesetsOpt = None,
    lang: LangOpt = DEFAULT_LANG,
) -> None:
    """启动 HTTP 服务（POST /v1/decisions 等，见 /docs） · Run the HTTP service (see /docs)."""
    try:
        import uvicorn

        from ..service.asgi import ENV, settings
    except ImportError:
        fail(
            "the service needs the server extra: pip install 'envrules[server]'",
            "HTTP 服务需要 server 扩展：pip install 'envrules[server]'",
            lang.value,
        )
    os.environ[ENV] = settings(
        str(rulesets) if rulesets else None,
        profile,
        preload or [],
        lang.value,
        max_request_bytes,
        max_batch_bytes,
        max_batch_cases,
    )
    uvicorn.run(
        "envrules.tools.service.asgi:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
    )
