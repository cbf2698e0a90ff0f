"""The versions of the law a case is decided under (从旧兼从轻), each with its
whole consequence (整体适用), and the comparison that picks one.

A continuing act (持续状态) is under the law in force at its end — or at the
decision while it still continues — and the version at its start is shown for
the record only. A later version in force at the decision applies if it is
lighter on every axis — the fine (after its own grounds), the restrictive
measures, detention, the daily penalty — and heavier on none; if it is lighter
on some and heavier on others the old law stays and the choice goes to the
officer with legal review (docs/penalty.md §2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ...case import Measure, measures_weight
from ...core.errors import NoVersionInForce
from ...core.money import ZERO
from ...core.text import Text
from ...decision.results import Candidate
from ...plan import PlanKind

ACT_BEGAN, ACT, DECISION = (
    "in_force_when_act_began",
    "in_force_when_act_occurred",
    "in_force_on_decision_date",
)


def choose(
    kind: PlanKind, occurred: date, ended: date | None, decided: date, decided_given: bool
) -> list[tuple[Any, str, date, bool]]:
    """(version, role, reference date, compared) of every version considered."""
    act = (ended or decided) if kind.continuing else occurred
    out = []
    act_version = kind.version_on(act)
    if kind.continuing and act != occurred:
        try:
            began = kind.version_on(occurred)
        except NoVersionInForce:
            began = None
        if began is not None and began.id != act_version.id:
            out.append((began, ACT_BEGAN, occurred, False))
    out.append((act_version, ACT, act, True))
    if decided_given and decided > act:
        try:
            later = kind.version_on(decided)
        except NoVersionInForce:
            later = None
        if later is not None and later.id != act_version.id:
            out.append((later, DECISION, decided, True))
    return out


def _fine(c: Candidate) -> tuple[Decimal, Decimal] | None:
    if c.version.not_illegal:
        return ZERO, ZERO
    if c.adjusted is not None:
        r = c.adjusted.permitted
    elif c.span is not None:
        r = c.span
    else:
        return None
    return r.max, ZERO if c.fine_optional else r.min


def _days(c: Candidate) -> tuple[int, int]:
    return (c.detention.max, c.detention.min) if c.detention is not None else (0, 0)


def compare(new: Candidate, old: Candidate) -> tuple[str, Text]:
    """'new' (lighter), 'old' (not lighter) or 'mixed', with the reason."""
    if new.version.not_illegal:
        return "new", Text.of(
            "新的规定不认为该行为违法", "the later version no longer treats the act as illegal"
        )
    nf, of = _fine(new), _fine(old)
    if nf is None or of is None:
        missing = ", ".join(new.missing + old.missing)
        if missing:
            return "old", Text.of(
                f"缺少{missing}，无法比较轻重", f"the ranges cannot be compared without {missing}"
            )
        return "old", Text.of(
            "其中一个版本对本案无法计算幅度", "one version gives no computable range for this case"
        )
    nm = measures_weight(Measure(m) for m in new.measures)
    om = measures_weight(Measure(m) for m in old.measures)
    axes = [  # (name zh, name en, new <= old, new < old, old < new)
        ("罚款", "fine", nf <= of, nf < of, of < nf),
        ("限制性措施", "restrictive measures", nm <= om, nm < om, om < nm),
        ("行政拘留", "detention", _days(new) <= _days(old), _days(new) < _days(old), _days(old) < _days(new)),
        (
            "按日连续处罚",
            "daily penalty",
            new.daily <= old.daily,
            new.daily < old.daily,
            old.daily < new.daily,
        ),
    ]
    lighter = [a for a in axes if a[3]]
    heavier = [a for a in axes if not a[2]]  # not lighter-or-equal on an axis: heavier there
    nz, ez = _range_text(new), _range_text(old)
    if lighter and not heavier:
        return "new", Text.of(
            f"新规定较轻（{'、'.join(a[0] for a in lighter)}）：{nz[0]}，行为时规定{ez[0]}",
            f"the later version is lighter ({', '.join(a[1] for a in lighter)}): {nz[1]} against {ez[1]}",
        )
    if lighter and heavier:
        return "mixed", Text.of(
            f"新规定在{'、'.join(a[0] for a in lighter)}上较轻，在{'、'.join(a[0] for a in heavier)}"
            "上较重：不能认定为较轻，适用行为时的规定，由执法机关经法制审核后决定是否适用新规定",
            f"the later version is lighter in {', '.join(a[1] for a in lighter)} but heavier in "
            f"{', '.join(a[1] for a in heavier)}: not lighter as a whole; the old law applies "
            "and the officer decides, with legal review",
        )
    return "old", Text.of(
        f"新规定不轻于行为时的规定：{nz[0]}，行为时规定{ez[0]}",
        f"the later version is not lighter: {nz[1]} against {ez[1]}",
    )


def _range_text(c: Candidate) -> tuple[str, str]:
    r = c.adjusted.permitted if c.adjusted is not None else c.span
    if r is None:
        return "—", "—"
    return r.text(), r.text("en")
