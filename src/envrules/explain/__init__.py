"""Explanations a lawyer can follow, in Chinese and English."""

from .labels import MEASURES, measure
from .render import cite, explain

__all__ = ["MEASURES", "cite", "explain", "measure"]
