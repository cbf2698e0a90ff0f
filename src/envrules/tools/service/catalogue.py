"""``GET /v1/profiles`` and a profile's kinds, regions and matters; ``/healthz``
and ``/readyz``."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
import orjson
from fastapi import APIRouter, Path, Request
from starlette.responses import Response

from ... import Engine, __version__
from ...core.errors import UnknownProfile
from .config import ServiceConfig
from .engines import Engines
from .problems import simple

router = APIRouter()

ProfileP = Annotated[
    str, Path(description="profile name, e.g. hebei/langfang (the slash may be sent as is or as %2F)")
]


def _json(data: Any) -> Response:
    return Response(orjson.dumps(data), media_type="application/json")


async def _engine(request: Request, profile: str) -> Engine:
    engines: Engines = request.app.state.engines
    engine = engines.loaded(profile)
    if engine is not None:
        return engine
    try:
        return await anyio.to_thread.run_sync(engines.get, profile)
    except UnknownProfile as exc:
        raise simple(
            "unknown-profile",
            exc.problems[0].message,
            exc.problems[0].message_zh or exc.problems[0].message,
            field="profile",
            code="unknown_profile",
        ) from None


@router.get("/v1/profiles", operation_id="listProfiles", summary="Profiles")
async def profiles(request: Request) -> Response:
    """The profiles this service can decide with."""
    engines: Engines = request.app.state.engines
    known = await anyio.to_thread.run_sync(engines.profiles)
    return _json(
        [
            {"id": name, "title": meta.title.as_dict(), "loaded": engines.loaded(name) is not None}
            for name, meta in sorted(known.items())
        ]
    )


@router.get("/v1/profiles/{profile:path}/kinds", operation_id="listKinds", summary="Kinds")
async def kinds(request: Request, profile: ProfileP) -> Response:
    """Violation kinds of a profile with their dated versions."""
    plan = (await _engine(request, profile)).plan
    return _json(
        [
            {
                "id": k.id,
                "title": k.title.as_dict(),
                "continuing": k.continuing,
                "versions": [
                    {
                        "id": v.id,
                        "effective_from": v.period.start,
                        "effective_to": v.period.end,
                        "basis": v.basis.as_dict(),
                    }
                    for v in k.versions
                ],
            }
            for k in sorted(plan.kinds.values(), key=lambda k: k.id)
        ],
    )


@router.get("/v1/profiles/{profile:path}/regions", operation_id="listRegions", summary="Regions")
async def regions(request: Request, profile: ProfileP) -> Response:
    """Region ids a case of this profile may name, with their statistical codes."""
    plan = (await _engine(request, profile)).plan
    return _json(
        [
            {
                "id": r.id,
                "name": r.name,
                "level": r.level,
                "parent": r.parent,
                "code": r.code,
                "effective_from": r.period.start,
                "effective_to": r.period.end,
                "successor": r.successor,
            }
            for r in plan.regions.values()
        ]
    )


@router.get("/v1/profiles/{profile:path}/matters", operation_id="listMatters", summary="Matters")
async def matters(request: Request, profile: ProfileP) -> Response:
    """Administrative matters of a profile (a case's `matter`)."""
    plan = (await _engine(request, profile)).plan
    return _json([{"id": m.id, "title": m.title.as_dict()} for m in plan.matters.values()])


@router.get("/healthz", operation_id="health", summary="Liveness")
async def healthz(request: Request) -> Response:
    """The process answers."""
    engines: Engines = request.app.state.engines
    return _json({"status": "ok", "version": __version__, "profiles": engines.names_loaded()})


@router.get("/readyz", operation_id="ready", summary="Readiness")
async def readyz(request: Request) -> Response:
    """Ready when the rulesets can be listed and every preloaded profile is loaded."""
    engines: Engines = request.app.state.engines
    config: ServiceConfig = request.app.state.config
    missing = [p for p in config.preload if engines.loaded(p) is None]
    if missing or engines.profiles_or_none() is None:
        raise simple(
            "not-ready",
            f"loading: {', '.join(missing) or 'the rulesets'}",
            f"正在加载：{', '.join(missing) or '规则集'}",
            code="not_ready",
        )
    return _json({"status": "ready", "version": __version__, "profiles": engines.names_loaded()})
