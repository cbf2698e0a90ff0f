"""Ready-made checks for property tests. Each raises ``AssertionError`` with a
message that says what broke, so hypothesis can shrink the case that breaks it.

>>> from hypothesis import given
>>> from envrules.testing import invariants, strategies as ers
>>> @given(ers.cases(engine))
... def test_caps(case):
...     invariants.assert_within_caps(engine.decide(case))
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .. import CapExceeded, Case, CaseError, Decision, Engine
from ..case import Circumstance
from ..core.money import MoneyRange

__all__ = [
    "AGGRAVATING",
    "MITIGATING",
    "assert_deterministic",
    "assert_evaluators_agree",
    "assert_monotonic",
    "assert_no_double_counting",
    "assert_no_penalty_has_ground",
    "assert_not_heavier_than_old_law",
    "assert_reduced_above_zero",
    "assert_single_jurisdiction",
    "assert_within_caps",
    "decide_or_fail",
]

AGGRAVATING: tuple[str, ...] = tuple(
    str(c)
    for c in (
        Circumstance.refused_correction,
        Circumstance.repeat_offense,
        Circumstance.obstructed_inspection,
        Circumstance.falsified_data,
        Circumstance.malicious_damage,
        Circumstance.sensitive_area,
        Circumstance.heavy_pollution_alert,
        Circumstance.caused_incident,
    )
)
"""Circumstances that may only make a decision heavier (从重)."""

MITIGATING: tuple[str, ...] = tuple(
    str(c)
    for c in (
        Circumstance.harm_eliminated,
        Circumstance.coerced,
        Circumstance.confessed_unknown,
        Circumstance.meritorious,
        Circumstance.effective_restoration,
        Circumstance.compensation_paid,
        Circumstance.no_fault_proven,
    )
)
"""Circumstances that may only make a decision lighter (从轻, 减轻, 不予处罚)."""


def decide_or_fail(engine: Engine, case: Case | dict[str, Any]) -> Decision:
    """Decide; a ruleset that breaks the statutory cap fails the check."""
    try:
        return engine.decide(case)
    except CapExceeded as exc:
        raise AssertionError(f"cap broken: {exc}") from None


def _range(d: Decision) -> MoneyRange | None:
    p = d.penalty
    if p is None or p.permitted_range is None:
        return None
    r: MoneyRange = p.permitted_range
    return r


def assert_within_caps(decision: Decision) -> None:
    """The permitted range, the recommended amount and the benchmark amount
    lie within [0, statutory maximum of the applied version]."""
    p = decision.penalty
    if p is None or p.statutory_range is None or p.permitted_range is None:
        return
    cap = p.statutory_range.max
    applied = [c for c in p.candidates if c.version == p.applied_version]
    assert applied, f"applied version {p.applied_version} is not among the candidates"
    if applied[0].range is not None:
        assert applied[0].range.max == cap, (
            f"statutory maximum {cap} differs from the applied version's {applied[0].range.max}"
        )
    r = p.permitted_range
    assert r.min >= 0, f"permitted minimum {r.min} is below zero"
    assert r.min <= r.max, f"permitted range {r.min}–{r.max} is inverted"
    assert r.max <= cap, (
        f"permitted maximum {r.max} exceeds the statutory maximum {cap} of {p.applied_version}"
    )
    if p.recommended is not None:
        assert r.min <= p.recommended <= r.max, (
            f"recommended {p.recommended} lies outside the permitted range {r.min}–{r.max}"
        )
    if p.benchmark is not None:
        assert p.benchmark.amount <= cap, f"benchmark amount {p.benchmark.amount} exceeds {cap}"
    if p.daily_penalty is not None and p.daily_penalty.per_day is not None:
        assert p.daily_penalty.per_day <= cap, "the daily amount exceeds the statutory maximum"


def assert_not_heavier_than_old_law(decision: Decision) -> None:
    """从旧兼从轻 (整体适用): the applied version is never heavier, on any axis —
    the fine after its own grounds, restrictive measures, detention, the daily
    penalty — than the version in force for the act."""
    p = decision.data().get("penalty")
    if p is None:
        return
    cands = p["candidates"]
    old = next((c for c in cands if c["role"] == "in_force_when_act_occurred"), None)
    applied = next((c for c in cands if c["version"] == p["applied_version"]), None)
    assert old is not None and applied is not None, "candidates are incomplete"
    if applied is old or applied.get("not_illegal"):
        return
    a_r, o_r = applied.get("permitted_range"), old.get("permitted_range")
    if a_r is not None and o_r is not None:
        a = (Decimal(a_r["max"]), Decimal(0) if applied["fine_optional"] else Decimal(a_r["min"]))
        o = (Decimal(o_r["max"]), Decimal(0) if old["fine_optional"] else Decimal(o_r["min"]))
        assert a <= o, f"applied {applied['version']} fine {a} is heavier than {o}"
    from ..case import Measure, measures_weight

    am = measures_weight(Measure(m) for m in applied["measures"])
    om = measures_weight(Measure(m) for m in old["measures"])
    assert am <= om, f"applied {applied['version']}'s restrictive measures {am} are heavier than {om}"
    ad, od = applied.get("detention_days"), old.get("detention_days")
    if ad is not None:
        assert od is not None and (ad["max"], ad["min"]) <= (od["max"], od["min"]), (
            "the applied version's detention is heavier"
        )
    assert applied["daily_penalty"] <= old["daily_penalty"], "the applied version adds a daily penalty"


def assert_reduced_above_zero(decision: Decision) -> None:
    """减轻 is a fine below the statutory minimum and above zero: a permitted
    minimum under the statutory minimum is never zero."""
    p = decision.data().get("penalty")
    if not p or p["outcome"] not in ("fine", "may_waive") or "permitted_range" not in p:
        return
    lo, floor = Decimal(p["permitted_range"]["min"]), Decimal(p["statutory_range"]["min"])
    if lo < floor:
        assert lo > 0, f"a reduced fine goes down to {lo}: 减轻 never reaches zero"


def assert_no_double_counting(decision: Decision) -> None:
    """No applied aggravating adjustment rests on a ground the tier, the daily
    penalty or the benchmark already priced (checked on the result)."""
    result = decision.result
    if result is None or result.penalty is None:
        return
    applied = result.penalty.applied
    adjusted = applied.adjusted
    if adjusted is None or not applied.withheld:
        return
    from ..case import Context, reader
    from ..decide.penalty.grounds import mask
    from ..evaluate import CompiledEvaluator

    masked = mask(Context(result.case, result.region, {}), applied.withheld)
    for path, member in applied.withheld:
        value = reader(path)(masked.c, masked.v, masked.e, masked.r, masked.p, masked.x)
        assert value is None or (member is not None and member not in value), (
            f"ground {path}:{member} was not withheld"
        )
    del CompiledEvaluator


def assert_no_penalty_has_ground(decision: Decision) -> None:
    """No "no penalty" without its ground: limitation, a later law that no
    longer treats the act as illegal, or an applied mandatory 不予处罚 ground
    (轻微 found or listed, no fault proven)."""
    p = decision.data().get("penalty")
    if p is None or p["outcome"] != "no_penalty":
        return
    applied = next(c for c in p["candidates"] if c["version"] == p["applied_version"])
    grounds = [a for a in p["adjustments"] if a["applied"] and a["kind"] == "no_penalty" and a["mandatory"]]
    assert p["limitation"]["expired"] or applied["not_illegal"] or grounds, (
        "no penalty without a limitation, not-illegal or 不予处罚 ground"
    )


def _with(case: Case, extra: str) -> Case:
    assert case.violation is not None
    v = case.violation.model_copy(
        update={"circumstances": case.violation.circumstances | {Circumstance(extra)}}
    )
    return case.model_copy(update={"violation": v})


def assert_monotonic(
    engine: Engine,
    case: Case | dict[str, Any],
    aggravating: Iterable[str] = AGGRAVATING,
    mitigating: Iterable[str] = MITIGATING,
) -> None:
    """Adding an aggravating circumstance never makes the permitted range
    lighter; adding a mitigating one never makes it heavier. Ranges are
    ordered as the lighter-law comparison orders fines: by the maximum, then
    the minimum. (Each end alone is not monotonic: an aggravating fact can
    make the later law heavier, so that the law in force at the act applies
    under 从旧兼从轻 — a range with a higher maximum and a lower minimum.)"""
    base_case = engine.validate(case)
    if base_case.violation is None:
        return
    base = _range(decide_or_fail(engine, base_case))
    if base is None:
        return
    present = base_case.violation.circumstances
    for extras, up in ((aggravating, True), (mitigating, False)):
        for extra in extras:
            if extra in present:
                continue
            after = _range(decide_or_fail(engine, _with(base_case, extra)))
            if after is None:
                continue
            a, b = (after.max, after.min), (base.max, base.min)
            ok = a >= b if up else a <= b
            assert ok, (
                f"adding {'aggravating' if up else 'mitigating'} {extra!r} made the "
                f"permitted range {'lighter' if up else 'heavier'}: "
                f"{base.min}–{base.max} to {after.min}–{after.max}"
            )


def assert_deterministic(engine: Engine, case: Case | dict[str, Any], times: int = 3) -> None:
    """The same case gives byte-identical JSON every time."""
    first = decide_or_fail(engine, case).to_json()
    for _ in range(times - 1):
        assert decide_or_fail(engine, case).to_json() == first, "two decisions of one case differ"


def assert_evaluators_agree(engine: Engine, case: Case | dict[str, Any], other: Engine | None = None) -> None:
    """The compiled and the durable-rules evaluators give the same decision.
    Pass ``other`` (``engine.with_evaluator("durable")``) to reuse one engine."""
    twin = other or engine.with_evaluator("durable" if engine.evaluator == "compiled" else "compiled")

    def run(e: Engine) -> Any:
        try:
            return e.decide(case).model_dump(exclude={"evaluator"})
        except (CaseError, CapExceeded) as exc:
            return ("error", type(exc).__name__, str(exc))

    a, b = run(engine), run(twin)
    assert a == b, f"{engine.evaluator} and {twin.evaluator} evaluators disagree"


def assert_single_jurisdiction(decision: Decision) -> None:
    """Exactly one level and authority, or an explicit designation outcome
    with its reason (never an arbitrary level)."""
    j = decision.jurisdiction
    if j is None:
        return  # a question about a matter only
    if j.level.value == "needs_designation":
        assert j.reason is not None and j.basis is not None, (
            "a designation outcome must give its reason and basis"
        )
        return
    assert j.rule, "a jurisdiction without the rule that decided it"
    assert j.basis is not None, f"jurisdiction rule {j.rule} has no basis"
    fired = [e for e in decision.trace if e.step == "jurisdiction" and e.fired]
    assert len(fired) == 1, f"{len(fired)} jurisdiction rules fired: expected exactly one"
