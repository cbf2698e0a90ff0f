"""The decision: what envrules answers for one case. A pydantic model so it
serialises to JSON deterministically (money as decimal strings, dates as ISO
dates, lists in rule order) and its schema can be exported
(``envrules schema decision``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ._outcomes import JurisdictionLevel, Role, Text

_DEC = ConfigDict(extra="forbid", frozen=True)


class Citation(BaseModel):
    """Where a rule comes from."""

    model_config = _DEC
    law: str
    article: str | None = None
    source: str | None = None

    def __str__(self) -> str:
        text = " ".join(x for x in (self.law, self.article) if x)
        return f"{text} [{self.source}]" if self.source else text


class MoneyRange(BaseModel):
    """A range of yuan, both ends inclusive."""

    model_config = _DEC
    min: Decimal
    max: Decimal


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


_SUCCESSOR = "the body that holds these duties on the decision date, where the named one was " \
    "renamed or merged (e.g. 环保局 → 生态环境局 in the 2018 reform)"


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


class Transfer(BaseModel):
    model_config = _DEC
    to: str
    to_name: str | None = None
    reason: Text
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


class VersionCandidate(BaseModel):
    """A version of the law considered under 从旧兼从轻."""

    model_config = _DEC
    version: str
    role: Literal["in_force_when_act_occurred", "in_force_on_decision_date"]
    effective_from: date
    effective_to: date | None
    basis: Citation
    tier: str | None = None
    formula: str
    range: MoneyRange | None = Field(None, description="None when a needed fact is missing")
    missing_facts: tuple[str, ...] = ()
    not_illegal: bool = False


class Adjustment(BaseModel):
    """An exception to the general range that was considered."""

    model_config = _DEC
    rule: str
    kind: Literal["no_penalty", "reduced", "lighter_or_reduced", "lighter", "heavier"]
    title: Text
    mandatory: bool
    applied: bool
    basis: Citation
    effect: Text


class BenchmarkFactorScore(BaseModel):
    model_config = _DEC
    factor: str
    title: Text
    level: str
    level_title: str
    percent: Decimal
    established: bool = Field(description="false: no level was established, the lowest applies")


class BenchmarkResult(BaseModel):
    """The discretion benchmark's computation for this case."""

    model_config = _DEC
    benchmark: str
    item: str
    title: Text
    start_percent: Decimal
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
    basis: Citation


class DailyPenalty(BaseModel):
    """按日连续处罚, reported separately from the single fine."""

    model_config = _DEC
    eligible: bool
    basis: Citation
    reason: Text
    days: int | None = None
    per_day: Decimal | None = None
    total: Decimal | None = None


class Flag(BaseModel):
    model_config = _DEC
    required: bool
    reason: Text
    basis: Citation | None = None


class Penalty(BaseModel):
    model_config = _DEC
    kind: str
    kind_title: Text
    outcome: Literal["fine", "no_penalty", "may_waive", "measures_only", "undetermined"]
    outcome_reason: Text
    candidates: tuple[VersionCandidate, ...]
    applied_version: str
    lighter_law: Text = Field(description="why this version was applied (从旧兼从轻)")
    statutory_range: MoneyRange | None
    statutory_basis: Citation
    formula: str
    band: MoneyRange | None = Field(None, description="discretion band before adjustments")
    benchmark: BenchmarkResult | None = None
    adjustments: tuple[Adjustment, ...] = ()
    permitted_range: MoneyRange | None = None
    recommended: Decimal | None = None
    recommended_basis: Text | None = Field(None, description="how the recommended amount was set")
    person_fine: MoneyRange | None = None
    measures: tuple[str, ...] = ()
    discretionary_measures: tuple[str, ...] = ()
    limitation: Limitation
    daily_penalty: DailyPenalty | None = None
    detention_transfer: bool = False
    hearing_right: Flag | None = None
    legal_review: Flag | None = None
    collective_deliberation: Flag | None = None
    missing_facts: tuple[str, ...] = ()


class DecisionDates(BaseModel):
    model_config = _DEC
    occurred_on: date | None
    decided_on: date | None
    as_of: date = Field(description="the date procedural rules were taken at")
    as_of_source: Literal["decided_on", "discovered_on", "occurred_on"]


class Decision(BaseModel):
    """The answer for one case. ``explain()`` renders the trace as text."""

    model_config = _DEC
    case_id: str | None
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
    trace: tuple[TraceEntry, ...] = ()

    def explain(self, lang: Literal["zh", "en"] = "zh") -> str:
        """The decision as text a lawyer can follow: each rule that fired,
        its citation and its effect."""
        from ._explain import explain

        return explain(self, lang)

    def to_json(self, indent: int | None = 2) -> str:
        """Deterministic JSON (same case and rulesets → same bytes)."""
        return self.model_dump_json(indent=indent, exclude_none=True)
