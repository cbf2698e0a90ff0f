"""The command line (``envrules``): commands register on import."""

from . import check, decide, info, timeline  # noqa: F401  (commands register on the app)
from .app import app, main

__all__ = ["app", "main"]
