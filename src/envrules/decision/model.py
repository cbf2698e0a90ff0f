"""The decision as JSON: pydantic models that define what envrules answers
(``envrules schema decision``, the service's OpenAPI). The engine builds the
same data directly from its compact result; these models validate it when a
caller reads a decision's attributes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..case import AdjustmentKind, JurisdictionLevel, Measure, PenaltyOutcome, Role
from ..core.citation import Citation
from ..core.money import MoneyRange
from ..core.text import Text

_DEC = ConfigDict(extra="forbid", frozen=True)

_SUCCESSOR = (
    "the body that holds these duties on the decision date, where the named one was "
    "renamed or merged (e.g. 环保局 → 生态环境局 in the 2018 reform)"
)


class TraceEntry(BaseModel):
    """One step of the reasoning: a rule that fired (or was considered)."""

    model_config = _DEC
    step: str = Field(description="jurisdiction, department, office, penalty.version, …")
    rule: str
    title: Text | None = None
    outcome: Text
    basis: Citation | None = None
    fired: bool = True
    note: str | None = None


class Warning(BaseModel):
    """Something the caller should look at: a fact the decision had to assume."""

    model_config = _DEC
    code: str
    field: str | None = None
    message: Text


class Jurisdiction(BaseModel):
    model_config = _DEC
    level: JurisdictionLevel
    authority: str | None = None
    authority_name: str | None = None
    successor: str | None = Field(None, description=_SUCCESSOR)
    successor_name: str | None = None
    rule: str | None = None
    basis: Citation | None = None
    reason: Text | None = None


class Days(BaseModel):
    model_config = _DEC
    min: int
    max: int


class Transfer(BaseModel):
    model_config = _DEC
    to: str
    to_name: str | None = None
    reason: Text | None = None
    detention_days: Days | None = None
    lighter_detention_days: Days | None = None
    rule: str
    basis: Citation


class Department(BaseModel):
    model_config = _DEC
    department: str
    department_name: str | None = None
    successor: str | None = Field(None, description=_SUCCESSOR)
    successor_name: str | None = None
    role: Role
    duty: Text | None = None
    rule: str
    table: str
    basis: Citation


class Office(BaseModel):
    model_config = _DEC
    office: str
    office_name: str | None = None
    successor: str | None = Field(None, description=_SUCCESSOR)
    successor_name: str | None = None
    duty: Text | None = None
    rule: str
    basis: Citation


class Supervision(BaseModel):
    model_config = _DEC
    table: str
    enterprise_class: Literal["A", "B", "C"] | None = None
    supervisor: str | None = None
    supervisor_name: str | None = None
    inspection: Text | None = None
    sampling_ratio: str | None = None
    grid_level: int | None = None
    rule: str
    basis: Citation


class Monitoring(BaseModel):
    model_config = _DEC
    table: str
    level: JurisdictionLevel
    authority: str | None = None
    authority_name: str | None = None
    duty: Text | None = None
    reports_to: str | None = None
    duty_holder: str | None = None
    rule: str
    basis: Citation


CandidateRole = Literal["in_force_when_act_began", "in_force_when_act_occurred", "in_force_on_decision_date"]


class VersionCandidate(BaseModel):
    """A version of the law considered under 从旧兼从轻, with the whole
    consequence it gives this case (整体适用)."""

    model_config = _DEC
    version: str
    role: CandidateRole
    effective_from: date
    effective_to: date | None = None
    basis: Citation
    tier: str | None = None
    formula: str
    range: MoneyRange | None = Field(None, description="None when a needed fact is missing")
    permitted_range: MoneyRange | None = Field(
        None, description="the range after this version's own adjustments"
    )
    fine_optional: bool = False
    measures: tuple[Measure, ...] = ()
    detention_days: Days | None = None
    daily_penalty: bool = False
    missing_facts: tuple[str, ...] = ()
    not_illegal: bool = False
    compared: bool = Field(True, description="false: shown for the record, not compared")


class AdjustmentRecord(BaseModel):
    """An exception to the general range that was considered."""

    model_config = _DEC
    rule: str
    kind: AdjustmentKind
    title: Text
    mandatory: bool
    applied: bool
    basis: Citation
    effect: Text


class BenchmarkBand(BaseModel):
    model_config = _DEC
    min: Decimal
    max: Decimal


class BenchmarkFactorScore(BaseModel):
    model_config = _DEC
    factor: str
    title: Text
    level: str
    level_title: str
    percent: Decimal
    established: bool = Field(description="false: no level was established, the lowest applies")
    band: BenchmarkBand | None = Field(None, description="the level's band (幅度) the value was chosen from")
    chosen: bool = Field(False, description="the value is the officer's choice within the band")


class BenchmarkResult(BaseModel):
    """The discretion benchmark's computation for this case."""

    model_config = _DEC
    benchmark: str
    item: str
    title: Text
    start_percent: Decimal
    method: str = Field("weighted_sum", description="weighted_sum (权重累加) or percentage (百分比模式)")
    factors: tuple[BenchmarkFactorScore, ...]
    total_percent: Decimal
    amount: Decimal
    formula: str


class Limitation(BaseModel):
    model_config = _DEC
    years: int
    found_on: date | None = Field(None, description="the date compared with the deadline")
    runs_from: date | None = Field(None, description="None while the act continues")
    expires_on: date | None = None
    expired: bool
    rule: str | None = None
    basis: Citation


class DailyPenalty(BaseModel):
    """按日连续处罚, reported separately from the single fine."""

    model_config = _DEC
    eligible: bool
    basis: Citation
    reason: Text
    rule: str | None = None
    counted_from: date | None = None
    counted_to: date | None = None
    days: int | None = None
    per_day: Decimal | None = None
    per_day_source: Literal["original_fine", "recommended", "statutory_max"] | None = None
    total: Decimal | None = None


class Flag(BaseModel):
    model_config = _DEC
    required: bool
    reason: Text
    basis: Citation | None = None
    rule: str | None = None
    threshold: Decimal | None = Field(None, description="the fine from which it is required")


class Detention(BaseModel):
    """Transfer to public security for administrative detention."""

    model_config = _DEC
    days: Days | None = None
    lighter_days: Days | None = None
    rule: str | None = None
    basis: Citation | None = None


class Penalty(BaseModel):
    model_config = _DEC
    kind: str
    kind_title: Text
    outcome: PenaltyOutcome
    outcome_reason: Text
    candidates: tuple[VersionCandidate, ...]
    applied_version: str
    lighter_law: Text = Field(description="why this version was applied (从旧兼从轻)")
    choice_needed: Text | None = Field(
        None,
        description="set when neither version is lighter on every axis: the officer "
        "chooses, with legal review (the reason says why)",
    )
    statutory_range: MoneyRange | None = None
    statutory_basis: Citation
    formula: str
    fine_optional: bool = False
    band: MoneyRange | None = Field(None, description="discretion band before adjustments")
    benchmark: BenchmarkResult | None = None
    adjustments: tuple[AdjustmentRecord, ...] = ()
    withheld_grounds: tuple[str, ...] = Field(
        (),
        description="facts already priced (by the tier, the daily penalty or the benchmark) "
        "and not weighed again as adjustments (禁止重复评价)",
    )
    permitted_range: MoneyRange | None = None
    recommended: Decimal | None = None
    recommended_basis: Text | None = Field(None, description="how the recommended amount was set")
    discretion_standard: Citation | None = Field(
        None, description="the standard that placed 从轻/从重/减轻 in the range"
    )
    person_fine: MoneyRange | None = None
    measures: tuple[Measure, ...] = ()
    discretionary_measures: tuple[Measure, ...] = ()
    limitation: Limitation
    daily_penalty: DailyPenalty | None = None
    detention_transfer: bool = False
    detention: Detention | None = None
    hearing_right: Flag | None = None
    legal_review: Flag | None = None
    collective_deliberation: Flag | None = None
    missing_facts: tuple[str, ...] = ()


class DecisionDates(BaseModel):
    model_config = _DEC
    occurred_on: date | None = None
    decided_on: date | None = None
    as_of: date = Field(description="the date procedural rules were taken at")
    as_of_source: Literal["decided_on", "discovered_on", "occurred_on"]


class DecisionModel(BaseModel):
    """The answer for one case, as JSON."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Decision")
    case_id: str | None = None
    profile: str
    ruleset_digest: str = Field(description="content hash of the rulesets used")
    evaluator: str
    dates: DecisionDates
    jurisdiction: Jurisdiction | None = Field(
        None, description="absent only for a question about a matter with no violation"
    )
    transfers: tuple[Transfer, ...] = ()
    departments: tuple[Department, ...] = ()
    office: Office | None = None
    supervision: tuple[Supervision, ...] = ()
    monitoring: tuple[Monitoring, ...] = ()
    penalty: Penalty | None = None
    warnings: tuple[Warning, ...] = ()
    trace: tuple[TraceEntry, ...] = ()
