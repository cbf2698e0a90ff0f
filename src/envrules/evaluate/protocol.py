"""The seam between a plan and the machinery that tests its conditions.

An evaluator answers one question: does condition *i* of the plan hold for
this case? Everything after that — hit policies, dates, the lighter-law rule,
adjustments, money — is shared code, so two evaluators can only disagree if
they test a condition differently (the test suite checks they never do)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ..case import Context

Matcher = Callable[[int], bool]
"""``matcher(i)`` tells whether condition ``i`` of the plan holds."""


class Evaluator(Protocol):
    """Tests a plan's conditions for a case (as httpx's transport sends a request)."""

    name: str

    def bind(self, ctx: Context) -> Matcher:
        """A matcher for one case's facts."""
        ...
