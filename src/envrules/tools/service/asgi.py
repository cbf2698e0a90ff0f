"""The application factory uvicorn's worker processes call (``envrules serve
--workers N``): the configuration travels in ``ENVRULES_SERVE`` as JSON."""

from __future__ import annotations

import json
import os
from typing import Any

from fastapi import FastAPI

from .app import create_app
from .config import ServiceLimits

ENV = "ENVRULES_SERVE"


def settings(
    rulesets: str | None,
    profile: str | None,
    preload: list[str],
    lang: str,
    request_bytes: int,
    batch_bytes: int,
    batch_cases: int,
) -> str:
    """The configuration as the JSON text :func:`from_environment` reads."""
    return json.dumps(
        {
            "rulesets": rulesets,
            "profile": profile,
            "preload": preload,
            "lang": lang,
            "request_bytes": request_bytes,
            "batch_bytes": batch_bytes,
            "batch_cases": batch_cases,
        }
    )


def from_environment() -> FastAPI:
    data: dict[str, Any] = json.loads(os.environ.get(ENV, "{}"))
    default = ServiceLimits()
    limits = ServiceLimits(
        request_bytes=int(data.get("request_bytes", default.request_bytes)),
        batch_bytes=int(data.get("batch_bytes", default.batch_bytes)),
        batch_cases=int(data.get("batch_cases", default.batch_cases)),
    )
    return create_app(
        data.get("rulesets"),
        limits,
        profile=data.get("profile"),
        preload=tuple(data.get("preload") or ()),
        lang=data.get("lang") or "en",
    )
