"""The envrules HTTP service (``envrules serve``, the ``server`` extra):
FastAPI over the public API. Errors are RFC 9457 problem+json; engines are
loaded once per profile and shared by every request."""

from .app import create_app
from .config import ServiceConfig, ServiceLimits

__all__ = ["ServiceConfig", "ServiceLimits", "create_app"]
