"""The compact result of deciding one case: references into the plan and the
amounts computed, nothing rendered. The decision's JSON and its trace are
built from it only when asked (:mod:`envrules.decision.data`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from ..case import Case, Measure, PenaltyOutcome, RegionView
from ..core.citation import Citation
from ..core.money import MoneyRange
from ..core.text import Text, TextLike
from ..plan import (
    Plan,
    PlanAdjustment,
    PlanKind,
    PlanRule,
    PlanStandard,
    PlanTable,
    PlanTier,
    PlanVersion,
)
from ..rulesets.outcomes import DaysRange


@attrs.frozen(slots=True)
class Step:
    """One step of the penalty's reasoning, for the trace."""

    step: str
    rule: str
    outcome: TextLike
    basis: Citation | None = None
    title: Text | None = None
    fired: bool = True
    note: str | None = None


@attrs.frozen(slots=True)
class AdjustmentOutcome:
    adjustment: PlanAdjustment
    applied: bool
    effect: TextLike


@attrs.frozen(slots=True)
class Adjusted:
    """A version's range after its adjustments (the exceptions to it)."""

    permitted: MoneyRange
    outcome: PenaltyOutcome
    reason: TextLike
    records: tuple[AdjustmentOutcome, ...]
    standard: PlanStandard | None
    below_minimum: bool
    no_floor: bool  # 减轻 with no published floor: no recommended amount


@attrs.frozen(slots=True)
class BenchmarkScore:
    benchmark: str
    item: str
    title: Text
    start_percent: Decimal
    # (factor, title, level, level title, value, established, band (lo, hi) or None,
    #  chosen by the officer)
    factors: tuple[tuple[str, Text, str, str, Decimal, bool, tuple[Decimal, Decimal] | None, bool], ...]
    total_percent: Decimal
    amount: Decimal
    formula: str
    basis: Citation
    grounds: frozenset[tuple[str, object]]
    method: str = "weighted_sum"


@attrs.frozen(slots=True)
class Candidate:
    """A version of the law considered, with its whole consequence for the case."""

    version: PlanVersion
    role: str
    tier: PlanTier | None
    span: MoneyRange | None
    missing: tuple[str, ...]
    known_minimum: Decimal | None
    compared: bool
    reference: date  # the date its own grounds are taken at
    adjusted: Adjusted | None = None
    detention: DaysRange | None = None
    detention_rule: PlanRule | None = None
    lighter_detention: DaysRange | None = None
    daily: bool = False
    withheld: frozenset[tuple[str, object]] = frozenset()
    benchmark: BenchmarkScore | None = None

    @property
    def measures(self) -> tuple[Measure, ...]:
        return self.tier.measures if self.tier is not None else ()

    @property
    def fine_optional(self) -> bool:
        return self.tier is not None and self.tier.fine.optional


@attrs.frozen(slots=True)
class LimitationResult:
    years: int
    runs_from: date | None
    expires_on: date | None
    found_on: date | None
    expired: bool
    rule: str | None
    basis: Citation


@attrs.frozen(slots=True)
class DailyResult:
    eligible: bool
    basis: Citation
    reason: TextLike
    rule: str | None = None
    counted_from: date | None = None
    counted_to: date | None = None
    days: int | None = None
    per_day: Decimal | None = None
    per_day_source: str | None = None
    total: Decimal | None = None


@attrs.frozen(slots=True)
class FlagResult:
    required: bool
    reason: TextLike
    basis: Citation | None = None
    rule: str | None = None
    threshold: Decimal | None = None


@attrs.frozen(slots=True)
class PenaltyResult:
    kind: PlanKind
    candidates: tuple[Candidate, ...]
    applied: Candidate
    lighter_law: Text
    choice_needed: Text | None
    outcome: PenaltyOutcome
    outcome_reason: TextLike
    limitation: LimitationResult
    benchmark: BenchmarkScore | None = None
    permitted: MoneyRange | None = None
    recommended: Decimal | None = None
    recommended_basis: Text | None = None
    person_fine: MoneyRange | None = None
    daily: DailyResult | None = None
    hearing: FlagResult | None = None
    legal_review: FlagResult | None = None
    collective: FlagResult | None = None
    missing: tuple[str, ...] = ()
    listed: tuple[PlanRule, ...] = ()  # rows of the list of minor violations that hold

    @property
    def statutory(self) -> MoneyRange | None:
        return self.applied.span


@attrs.frozen(slots=True)
class WarningResult:
    code: str
    field: str | None
    message: Text


@attrs.frozen(slots=True)
class Result:
    """Everything one decision found, compactly."""

    plan: Plan
    case: Case
    region: RegionView
    evaluator: str
    as_of: date
    as_of_source: str
    hits: tuple[tuple[PlanTable, PlanRule], ...]  # decision-table rules that fired, in order
    jurisdiction: PlanRule | None  # None: needs designation (or a matter-only question)
    designation: PlanRule | None  # the designation basis when no rule reached the case
    needs_jurisdiction: bool
    penalty: PenaltyResult | None
    warnings: tuple[WarningResult, ...] = ()
