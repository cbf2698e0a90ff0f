"""What every fuzzed outcome must be: a decision within its caps (and the
penalty method's invariants), or a typed envrules error that names its place
in both languages — never another exception, never slower than the bound."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ... import CaseError, Decision, Engine, EnvrulesError, RulesetError, load
from ...rulesets import InMemorySource
from .. import invariants

SLOW_SECONDS = 1.0
"""A case or a ruleset taking longer than this is a finding (a hang, in effect)."""


@attrs.frozen
class Finding:
    """Something the fuzzer found: what broke, and the input that breaks it."""

    what: str  # crash | untyped | cap | invariant | slow
    detail: str
    input: Any


def cap_problems(data: Mapping[str, Any]) -> list[str]:
    """Amounts of a decision's JSON above the applied version's statutory
    maximum, below zero or out of order."""
    p = data.get("penalty")
    if not p or "statutory_range" not in p:
        return []
    cap = Decimal(p["statutory_range"]["max"])
    out = []
    r = p.get("permitted_range")
    if r is not None:
        lo, hi = Decimal(r["min"]), Decimal(r["max"])
        if lo < 0 or lo > hi or hi > cap:
            out.append(f"permitted {lo}–{hi} against the statutory maximum {cap}")
        rec = p.get("recommended")
        if rec is not None and not lo <= Decimal(rec) <= hi:
            out.append(f"recommended {rec} outside {lo}–{hi}")
    bench = p.get("benchmark")
    if bench is not None and bench.get("amount") is not None and Decimal(bench["amount"]) > cap:
        out.append(f"benchmark amount {bench['amount']} above {cap}")
    return out


def _placed(error: EnvrulesError) -> str | None:
    """Why an error is not a proper typed error, or None if it is."""
    if not error.problems:
        return "no problems listed"
    for p in error.problems:
        if not p.message or not p.message_zh:
            return f"a problem without both languages: {p.message!r}"
        if isinstance(error, CaseError) and p.field is None and p.where is None:
            return f"a case problem without its field: {p.message!r}"
        if isinstance(error, RulesetError) and p.where is None:
            return f"a ruleset problem without its place: {p.message!r}"
    return None


def _timed(what: Any, act: Callable[[], Any]) -> tuple[Any, Finding | None]:
    started = time.perf_counter()
    finding: Finding | None = None
    try:
        value = act()
    except EnvrulesError as exc:
        value, finding = exc, None
        why = _placed(exc)
        if why is not None:
            finding = Finding("untyped", f"{type(exc).__name__}: {why}", what)
    except Exception as exc:  # the point of fuzzing: anything else is a finding
        tail = "".join(traceback.format_exception(exc, limit=-4))
        return None, Finding("crash", f"{type(exc).__name__}: {exc}\n{tail}", what)
    elapsed = time.perf_counter() - started
    if elapsed > SLOW_SECONDS and finding is None:
        finding = Finding("slow", f"{elapsed:.2f} s", what)
    return value, finding


def check_case(engine: Engine, case: Any) -> tuple[bool, Finding | None]:
    """Decide ``case``: (decided, finding) — a decision within its caps, or a
    typed error; the finding is None when the outcome is one of those."""
    decision, finding = _timed(case, lambda: engine.decide(case))
    if finding is not None or not isinstance(decision, Decision):
        return False, finding
    try:
        data = decision.data()
        decision.to_json()
    except Exception as exc:
        return True, Finding("crash", f"building the JSON: {type(exc).__name__}: {exc}", case)
    caps = cap_problems(data)
    if caps:
        return True, Finding("cap", "; ".join(caps), case)
    for check in (invariants.assert_not_heavier_than_old_law, invariants.assert_reduced_above_zero):
        try:
            check(decision)
        except AssertionError as exc:
            return True, Finding("invariant", f"{check.__name__}: {exc}", case)
    return True, None


def check_ruleset(
    files: Mapping[str, str], profile: str, cases: Callable[[Engine], list[Any]]
) -> tuple[Engine | None, list[Finding]]:
    """Load a profile from ``files``: an engine (whose cases are then
    checked) or a typed ruleset error with its place."""
    engine, finding = _timed(dict(files), lambda: load(profile, InMemorySource(files), cache=False))
    if finding is not None:
        return None, [finding]
    if not isinstance(engine, Engine):
        return None, []
    found = [
        attrs.evolve(f, input={"files": dict(files), "profile": profile, "case": f.input})
        for _, f in (check_case(engine, c) for c in cases(engine))
        if f is not None
    ]
    return engine, found
