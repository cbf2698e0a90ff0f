"""The penalty procedure (docs/penalty.md)."""

from ...plan.fines import compute as compute_fine
from ...plan.fines import text as fine_text
from .decide import Env, decide_penalty

__all__ = ["Env", "compute_fine", "decide_penalty", "fine_text"]
