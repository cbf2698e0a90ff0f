"""The command line (``envrules``): commands register on import."""

from . import batch, check, decide, info, serve, timeline, xlsx  # noqa: F401  (commands register on the app)
from .app import app, main

__all__ = ["app", "main"]
