"""The penalty procedure (docs/penalty.md)."""

from .decide import Env, decide_penalty
from ...plan.fines import compute as compute_fine
from ...plan.fines import text as fine_text

__all__ = ["Env", "compute_fine", "decide_penalty", "fine_text"]
