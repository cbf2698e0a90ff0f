"""What a service is started with: its limits, default profile and language."""

from __future__ import annotations

import attrs

from ...core.limits import DEFAULT_LIMITS, Limits


@attrs.frozen
class ServiceLimits:
    """Limits of one request (each refused with 413 problem+json)."""

    request_bytes: int = 1_000_000
    """Largest body of ``POST /v1/decisions``."""
    batch_bytes: int = 50_000_000
    """Largest body of ``POST /v1/decisions:batch``."""
    batch_cases: int = 10_000
    """Most cases in one batch."""
    case: Limits = DEFAULT_LIMITS
    """Limits of each case (nesting, integer digits) and of loading the rulesets."""


DEFAULT_SERVICE_LIMITS = ServiceLimits()


@attrs.frozen
class ServiceConfig:
    limits: ServiceLimits = DEFAULT_SERVICE_LIMITS
    profile: str | None = None
    """The profile of a case that names none (else the case or ``?profile=`` must)."""
    lang: str = "en"
    """The language of problems when neither ``?lang=`` nor Accept-Language says."""
    preload: tuple[str, ...] = ()
    """Profiles loaded on start-up (``/readyz`` waits for them)."""
