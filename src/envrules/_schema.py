"""Ruleset format v1: pydantic models of the YAML files under ``rulesets/``.

These models check structure (exported as JSON Schema by
``envrules schema ruleset``); meaning (facts, ids, dates across files) is
checked when the plan is compiled (:mod:`envrules._plan`). Each model with an
``at`` field remembers the file, line and column it came from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from ._conditions import ALWAYS, Condition, parse_condition
from ._errors import SourceLocation
from ._money import parse_money
from ._outcomes import Text

# --------------------------------------------------------------------------- basics

Id = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[a-z0-9_][a-z0-9_./-]*$")]
Money = Annotated[Decimal, BeforeValidator(parse_money), WithJsonSchema(
    {"type": ["string", "integer"], "description": "yuan, e.g. \"50000\""})]
Percent = Annotated[Decimal, BeforeValidator(
    lambda v: parse_money(repr(v) if isinstance(v, float) else v, places=4, what="percentage")
), WithJsonSchema({"type": ["string", "number"]})]


def _parse_when(value: Any, info: ValidationInfo) -> Condition:
    file = (info.context or {}).get("file")
    return parse_condition(value, file)


When = Annotated[
    Any,
    BeforeValidator(_parse_when),
    WithJsonSchema({"type": "object", "description": "condition (see docs/ruleset-format.md)"}),
]


class Spec(BaseModel):
    """Base of every ruleset model: strict keys, frozen, and the place in the
    file it was read from."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    at: SkipJsonSchema[SourceLocation | None] = Field(None, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _remember_place(cls, data: Any, info: ValidationInfo) -> Any:
        file = (info.context or {}).get("file")
        lc = getattr(data, "lc", None)
        if isinstance(data, dict) and file is not None and "at" not in data:
            data = dict(data)
            if lc is not None:
                data["at"] = SourceLocation(file, lc.line + 1, lc.col + 1)
            else:
                data["at"] = SourceLocation(file)
        return data


class Basis(Spec):
    """The legal basis of a rule: law (or source document), article or
    section, and optionally the seed file / URL and the words relied on."""

    law: str = Field(min_length=1)
    article: str | None = None
    source: str | None = None
    quote: str | None = None
    # the decision's Citation of this basis, made once (see _penalty.cite)
    _citation: Any = PrivateAttr(None)

    def cite(self) -> str:
        return " ".join(x for x in (self.law, self.article) if x)


class Dated(Spec):
    effective_from: date
    effective_to: date | None = Field(None, description="last day in force (inclusive)")

    @model_validator(mode="after")
    def _ordered(self) -> Any:
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(
                f"effective_to {self.effective_to} is before effective_from {self.effective_from}"
            )
        return self

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


# --------------------------------------------------------------------------- fines

MoneyBase = Literal["investment", "illegal_gain", "cost", "direct_loss", "person_income"]
CountBase = Literal["units", "continuing_days"]


class FineSpec(Spec):
    """Base of the fine formulas. ``optional``: the law says 可以处…罚款 (the
    authority may impose only the measures), so a version whose fine is
    optional is lighter, other things equal, than one whose fine is mandatory."""

    optional: bool = Field(False, description="可以处…罚款: the fine itself is discretionary")


class Fixed(FineSpec):
    formula: Literal["fixed"]
    min: Money
    max: Money

    @model_validator(mode="after")
    def _ordered(self) -> Fixed:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class UpTo(FineSpec):
    formula: Literal["up_to"]
    max: Money


class PercentOf(FineSpec):
    formula: Literal["percent_of"]
    base: MoneyBase
    min_percent: Percent
    max_percent: Percent
    floor: Money | None = Field(None, description="the result is at least this")
    cap: Money | None = Field(None, description="the result is at most this")

    @model_validator(mode="after")
    def _ordered(self) -> PercentOf:
        if self.min_percent > self.max_percent:
            raise ValueError("min_percent is above max_percent")
        return self


class MultipleOf(FineSpec):
    formula: Literal["multiple_of"]
    base: MoneyBase
    min_multiple: Percent = Decimal(0)
    max_multiple: Percent
    floor: Money | None = Field(None, description="the result is at least this (a fixed minimum)")
    cap: Money | None = Field(None, description="the result is at most this")
    otherwise: Fine | None = Field(None, description="formula when the base is absent or zero")

    @model_validator(mode="after")
    def _ordered(self) -> MultipleOf:
        if self.min_multiple > self.max_multiple:
            raise ValueError("min_multiple is above max_multiple")
        return self


class PerUnit(FineSpec):
    formula: Literal["per_unit"]
    base: CountBase
    min: Money
    max: Money


class NoFine(FineSpec):
    formula: Literal["none"]


class Unspecified(FineSpec):
    """The law provides a fine but sets no amount (e.g. 1996 Noise Law art. 56):
    the range comes from local rules, so envrules cannot compute it."""

    formula: Literal["unspecified"]


Fine = Annotated[
    Fixed | UpTo | PercentOf | MultipleOf | PerUnit | NoFine | Unspecified,
    Field(discriminator="formula"),
]
MultipleOf.model_rebuild()

Measure = Literal[
    "order_to_correct", "order_stop_construction", "order_restore", "order_make_up_procedure",
    "order_stop_production", "production_restriction", "suspension_rectification",
    "suspension_or_closure", "confiscate_illegal_gains", "confiscate_equipment",
    "order_disclose", "public_notice", "revoke_license", "transfer_public_security",
    "warning", "order_to_file", "order_to_eliminate", "seal_or_seize", "revoke_qualification",
    "business_ban", "public_criticism", "order_time_limited_treatment", "order_demolish",
    "order_close", "lower_qualification", "order_stop_discharge", "confiscate_items",
    "order_remove_outfall", "order_stop_use",
]


class Tier(Spec):
    id: Id
    title: Text | None = None
    when: When = ALWAYS
    fine: Fine
    person_fine: Fine | None = Field(None, description="fine on the persons directly responsible")
    measures: tuple[Measure, ...] = ()
    discretionary_measures: tuple[Measure, ...] = Field((), description="measures the law says 可以")
    refers_to: Id | None = Field(
        None, description="under this version the act is another kind: decide it as that kind "
        "(the tier gives no range and is never compared as lighter)")
    consumes: tuple[str, ...] = Field(
        (), description="circumstances that select this tier (e.g. refused_correction for a "
        "逾期未改正 tier) and so are not weighed again as 从重 grounds (禁止重复评价)")
    basis: Basis | None = Field(None, description="overrides the version's basis for this tier")
    note: str | None = None


class Version(Dated):
    """One dated text of the law for a kind."""

    id: Id
    basis: Basis
    tiers: tuple[Tier, ...] = Field(min_length=1)
    person_fine: Fine | None = Field(None, description="fine on responsible persons (all tiers)")
    daily_penalty: bool = Field(False, description="按日连续处罚 applies")
    detention: bool = Field(False, description="transfer to public security for detention")
    limitation_years: int | None = Field(None, ge=1)
    not_illegal: bool = Field(False, description="this version no longer treats the act as illegal")
    statute: Id | None = Field(
        None, description="the statute this version belongs to (e.g. eco_code): adjustments "
        "of the same statute apply only together with it (整体适用)")
    note: str | None = None


class Kind(Spec):
    id: Id
    title: Text
    continuing: bool = Field(
        False, description="an act in a continuing state by its nature (持续状态, e.g. operating "
        "without a permit): the law is taken at its end and limitation runs from the end")
    versions: tuple[Version, ...] = Field(min_length=1)
    replaces: Id | None = None
    note: str | None = None


# --------------------------------------------------------------------------- tables

Decides = Literal["jurisdiction", "department", "office", "supervision", "transfer", "monitoring"]
HitPolicy = Literal["unique", "first", "priority", "collect"]


class Rule(Dated):
    id: Id
    title: Text
    when: When = ALWAYS
    then: dict[str, Any]
    basis: Basis
    priority: int | None = None
    replaces: Id | None = None
    note: str | None = None


class Table(Spec):
    id: Id
    title: Text
    decides: Decides
    hit_policy: HitPolicy
    as_of: Literal["decided_on", "occurred_on"] = "decided_on"
    rules: tuple[Rule, ...] = ()
    note: str | None = None


class TableExtension(Spec):
    extend: Id
    position: Literal["before", "after"] = "before"
    rules: tuple[Rule, ...] = Field(min_length=1)


class Disable(Spec):
    ids: tuple[Id, ...] = Field(min_length=1)
    basis: Basis
    note: str | None = None


# --------------------------------------------------------------------------- adjustments

AdjustmentKind = Literal["no_penalty", "reduced", "lighter_or_reduced", "lighter", "heavier"]


class AdjustmentRange(Spec):
    """Where an adjustment puts the permitted range, as fractions of the
    statutory span above the minimum: [min + lower × span, min + upper × span].
    A range reaching past the statutory maximum is a ruleset error: the engine
    refuses to decide with it (CapExceeded) and ``envrules lint`` reports it."""

    lower: Percent
    upper: Percent

    @model_validator(mode="after")
    def _ordered(self) -> AdjustmentRange:
        if self.lower > self.upper:
            raise ValueError("lower is above upper")
        return self


class Adjustment(Dated):
    """An exception to the general range: 不予处罚 / 减轻 / 从轻 / 从重."""

    @model_validator(mode="after")
    def _range_keeps_direction(self) -> Adjustment:
        # a mitigating range may not raise the minimum, an aggravating one may not lower
        # the maximum; an aggravating range past the maximum is a cap error (lint E011)
        r = self.range
        if r is None:
            return self
        if self.kind in ("lighter", "lighter_or_reduced") and r.lower != 0:
            raise ValueError("a 从轻 range starts at the statutory minimum: lower must be 0")
        if self.kind == "heavier" and r.upper < 1:
            raise ValueError("a 从重 range ends at the statutory maximum: upper must be at least 1")
        if self.kind in ("no_penalty", "reduced"):
            raise ValueError(f"a {self.kind} adjustment takes no range")
        return self

    id: Id
    title: Text
    kind: AdjustmentKind
    mandatory: bool = Field(True, description="应当 (true) or 可以 (false)")
    when: When = ALWAYS
    kinds: tuple[Id, ...] | None = Field(None, description="only these violation kinds")
    statute: Id | None = Field(
        None, description="a ground of this statute (e.g. eco_code): it applies only when a "
        "version of the same statute is applied (整体适用); without it, a general-law ground")
    range: AdjustmentRange | None = Field(
        None, description="this adjustment's own part of the range (从轻/从重 only); "
        "default: the profile's adjustment_policy")
    basis: Basis
    replaces: Id | None = None
    note: str | None = None


class AdjustmentPolicy(Spec):
    """How an adjustment moves the range, as fractions of the statutory
    span (max − min). 从轻: [min, min + lighter_upper × span]; 从重:
    [min + heavier_lower × span, max]; 减轻: [reduced_floor × min, min]."""

    lighter_upper: Percent = Decimal("0.5")
    heavier_lower: Percent = Decimal("0.5")
    reduced_floor: Percent = Decimal("0")
    basis: Basis

    @field_validator("lighter_upper", "heavier_lower", "reduced_floor")
    @classmethod
    def _fraction(cls, v: Decimal) -> Decimal:
        if not (Decimal(0) <= v <= Decimal(1)):
            raise ValueError("a fraction between 0 and 1")
        return v


# --------------------------------------------------------------------------- benchmarks


class BenchmarkLevel(Spec):
    """One level (档次) of a discretion factor, with its weight."""

    id: Id
    title: str = Field(min_length=1)
    percent: Percent
    when: When = ALWAYS


class BenchmarkFactor(Spec):
    """A discretion factor (裁量因素): the first level whose condition holds
    gives its weight; if none holds the benchmark's ``unknown_factor`` rule applies."""

    id: Id
    title: Text
    levels: tuple[BenchmarkLevel, ...] = Field(min_length=1)


class BenchmarkItem(Spec):
    """The factor table of one violation item (裁量表的一项)."""

    id: Id
    title: Text
    kinds: tuple[Id, ...] = Field(min_length=1)
    versions: tuple[Id, ...] | None = Field(
        None, description="only when one of these statutory versions is applied"
    )
    when: When = ALWAYS
    start_percent: Percent = Decimal(0)
    floor_percent: Percent | None = None
    basis: Basis
    factors: tuple[BenchmarkFactor, ...] = ()
    note: str | None = None


class Benchmark(Dated):
    """A discretion benchmark (裁量基准) by the weighted-sum method
    (权重累加): amount = min(start + Σ weights, cap) × statutory maximum,
    kept within the statutory range."""

    id: Id
    title: Text
    basis: Basis
    method: Literal["weighted_sum"] = "weighted_sum"
    cap_percent: Percent = Decimal(100)
    unknown_factor: Literal["lowest", "error"] = "lowest"
    items: tuple[BenchmarkItem, ...] = ()
    note: str | None = None


# --------------------------------------------------------------------------- regions, authorities

RegionLevel = Literal["province", "city", "county", "township"]


DivisionCode = Annotated[str, Field(
    pattern=r"^[0-9]{12}$",
    description="统计用区划代码 as published by the National Bureau of Statistics: 12 digits, "
    "e.g. 131002000000 (a county-level unit), 131002001000 (a township)")]


class FormerName(Spec):
    """A name (and code) a region had before, e.g. 大洼县 before it became 大洼区."""

    name: str = Field(min_length=1)
    code: DivisionCode | None = None
    until: date | None = Field(None, description="last day the name was in use, where known")
    note: str | None = None


class RegionSpec(Spec):
    id: Id
    name: str = Field(min_length=1)
    level: RegionLevel
    parent: Id | None = None
    type: str | None = Field(None, description="county, district, zone, township, street, park …")
    central_urban_area: bool = False
    code: DivisionCode | None = Field(None, description="statistical division code; none for "
                                      "zones the statistics do not list")
    effective_from: date | None = Field(None, description="first day the unit existed, where known")
    effective_to: date | None = Field(None, description="last day the unit existed (inclusive), "
                                      "where known")
    successor: Id | None = Field(None, description="the region that took over its territory")
    former_names: tuple[FormerName, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Any:
        if (self.effective_from is not None and self.effective_to is not None
                and self.effective_to < self.effective_from):
            raise ValueError(
                f"effective_to {self.effective_to} is before effective_from {self.effective_from}"
            )
        return self


class AuthoritySpec(Spec):
    id: Annotated[str, Field(min_length=1, max_length=200,
                             pattern=r"^([a-z0-9_][a-z0-9_./-]*|\{(city|county|township)\}/[a-z0-9_]+)$")]
    name: str = Field(min_length=1, description="name in Chinese")
    name_en: str | None = None
    level: RegionLevel | None = None
    region: Id | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    successor: Id | None = Field(None, description="the body that took over its duties")
    note: str | None = None


class MatterSpec(Spec):
    """An administrative matter (事项) that boundary tables, duty registries and
    monitoring tables decide on; a case names it in ``matter``."""

    id: Id
    title: Text
    note: str | None = None


class Delegation(Dated):
    """A dated list of penalty items delegated to townships and streets
    (行政处罚法 art. 24), e.g. one version of a province's guidance list."""

    kinds: tuple[Id, ...] = Field(min_length=1)
    basis: Basis
    note: str | None = None


class HearingThreshold(Dated):
    """Fines at or above these amounts carry a hearing right (行政处罚法 art. 63)."""

    unit: Money = Field(description="legal persons and other organisations")
    individual: Money = Field(description="natural persons")
    basis: Basis


class ProfileMeta(Spec):
    """``profile.yaml`` of a layer."""

    title: Text
    extends: tuple[str, ...] = ()
    selectable: bool | None = Field(None, description="loadable as a profile (default: has regions)")
    regions: tuple[RegionSpec, ...] = ()
    authorities: tuple[AuthoritySpec, ...] = ()
    matters: tuple[MatterSpec, ...] = ()
    delegated_to_township: tuple[Id | Delegation, ...] = Field(
        (), description="violation kinds whose penalty power is delegated to townships: kind "
        "ids, or dated entries {kinds, effective_from, effective_to, basis} (a list's versions)"
    )
    hearing_thresholds: tuple[HearingThreshold, ...] = ()
    adjustment_policy: AdjustmentPolicy | None = None
    note: str | None = None


class RulesetFile(Spec):
    """One YAML file of a layer."""

    kinds: tuple[Kind, ...] = ()
    tables: tuple[Table, ...] = ()
    extend: tuple[TableExtension, ...] = ()
    disable: tuple[Disable, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    benchmarks: tuple[Benchmark, ...] = ()
    regions: tuple[RegionSpec, ...] = ()
    authorities: tuple[AuthoritySpec, ...] = ()
    matters: tuple[MatterSpec, ...] = ()
