"""Limitation (追责时效): the period a rule of the limitation table gives,
counted from the end of the act (from its start if it has no end given and is
not continuing), compared with the day the act was found.

Reading (docs/penalty.md §3): the period is the one in force when the act
ended; a shorter period in force at the decision applies instead (从旧兼从轻).
A version's own period (a special rule of that law) prevails."""

from __future__ import annotations

from datetime import date

from ...core.citation import Citation
from ...core.dates import shift_years
from ...decision.results import LimitationResult
from ...evaluate import Matcher
from ...plan import Plan, PlanVersion
from ..tables import first_hit


def limitation(
    plan: Plan,
    version: PlanVersion,
    match: Matcher,
    ended: date | None,
    continuing: bool,
    discovered: date | None,
    decided: date,
    start: date,
) -> LimitationResult:
    """The limitation of the act.

    ``ended`` is the act's end (None while it continues); ``continuing`` says
    the act has no end yet; ``start`` is the day it occurred."""
    table = plan.procedure.get("limitation")
    runs_from = ended if ended is not None else (None if continuing else start)
    at_end = first_hit(table, runs_from or decided, match)
    at_decision = first_hit(table, decided, match)
    chosen = at_end
    if at_decision is not None and (chosen is None or at_decision.then.years < chosen.then.years):
        chosen = at_decision
    years: int | None = chosen.then.years if chosen is not None else None
    basis: Citation | None = chosen.basis if chosen is not None else None
    rule = chosen.id if chosen is not None else None
    if version.limitation_years is not None:
        years, basis, rule = version.limitation_years, version.basis, version.id
    if basis is None or years is None:
        return LimitationResult(
            0, runs_from, None, discovered, False, None, Citation("(no limitation rule in force)")
        )
    if runs_from is None:
        return LimitationResult(years, None, None, None, False, rule, basis)
    expires = shift_years(runs_from, years)
    found = discovered or decided
    return LimitationResult(years, runs_from, expires, found, found > expires, rule, basis)
