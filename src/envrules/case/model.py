"""The case: facts about a violation, the enterprise, the region and the
procedure, as handed to :meth:`envrules.Engine.decide`.

Every field is a *fact* ruleset conditions may test (``envrules schema case``,
docs/ruleset-format.md). Values are strict: dates as ``YYYY-MM-DD`` (never
timestamps or date-times), money as decimal strings, booleans as true/false
(never numbers), counts as integers (never booleans)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, model_validator

from ..core.money import Money
from .fields import (
    ID_PATTERN,
    STRICT_MODEL,
    Choice,
    Count,
    CreditCode,
    Day,
    Flag,
    Id,
    Label,
    Ratio,
)
from .vocabulary import (
    AcceptanceDefect,
    AccidentGrade,
    CardIssuerClass,
    Circumstance,
    Designation,
    DisclosureDefect,
    DiscoveryChannel,
    EiaDocument,
    EiaStage,
    EnterpriseKind,
    EvasionMethod,
    ExceededParameter,
    Harm,
    HazardousStorageDefect,
    Level,
    LocationClass,
    Medium,
    MonitoredLevel,
    NoiseSource,
    OutfallArea,
    PermitBreach,
    PermitClass,
    PollutantClass,
    ProjectStage,
    ReinspectionResult,
    Severity,
    Size,
    VocDefect,
    WasteCategory,
    WasteSource,
)


class Violation(BaseModel):
    """The act (违法行为)."""

    model_config = STRICT_MODEL

    kind: Id = Field(description="catalogue id, e.g. eia.unapproved_construction")
    occurred_on: Day = Field(description="day the act occurred (or began, if continuing)")
    ended_on: Day | None = Field(None, description="day the act ended; none = continuing")
    discovered_on: Day | None = Field(None, description="day the act was discovered")
    order_to_correct_on: Day | None = Field(
        None, description="day the order to correct was served (责令改正决定书送达)"
    )
    reinspected_on: Day | None = Field(None, description="day of the re-inspection (复查)")
    reinspection_result: ReinspectionResult | None = Field(None, description="what the re-inspection found")
    original_fine: Money | None = Field(
        None, description="the fine of the original decision (原处罚决定的罚款数额), for the daily penalty"
    )
    eia_document: EiaDocument | None = None
    eia_stage: EiaStage | None = Field(None, description="where the EIA document stands")
    medium: Medium | None = Field(None, description="the environmental medium concerned")
    evasion_method: EvasionMethod | None = None
    disclosure_defect: DisclosureDefect | None = None
    waste_source: WasteSource | None = None
    location_class: LocationClass | None = None
    project_stage: ProjectStage | None = None
    severity: Severity = Severity.ordinary
    accident_grade: AccidentGrade = AccidentGrade.none
    harm: Harm | None = Field(None, description="harmful consequence; none means proven harmless")
    pollution_or_damage: Flag = Field(
        False, description="the act caused environmental pollution or ecological damage"
    )
    life_health_or_financial_safety: Flag = Field(
        False,
        description="the act involves citizens' life and health or financial safety and "
        "had harmful consequences (the longer limitation tier of the general penalty law)",
    )
    waste_category: WasteCategory | None = None
    noise_source: NoiseSource | None = None
    item: Count | None = Field(
        None,
        ge=1,
        le=100,
        description="item (项) in the numbering the kind's note names (envrules kinds KIND), "
        "the same for every version of the kind",
    )
    acceptance_defect: AcceptanceDefect | None = Field(
        None, description="三同时 / 未验先投: what was wrong with the protection facilities"
    )
    outfall_area: OutfallArea | None = Field(None, description="where the outfall lies")
    outfall_newly_set: Flag | None = Field(
        None, description="the outfall was newly set (新设), not one existing before the area was designated"
    )
    permit_breach: PermitBreach | None = Field(
        None, description="discharging without a permit, or beyond its terms"
    )
    investment: Money | None = Field(None, description="total project investment, yuan")
    illegal_gain: Money | None = Field(None, description="illegal gains, yuan")
    cost: Money | None = Field(None, description="disposal cost / fee the formula multiplies")
    goods_value: Money | None = Field(
        None,
        description="value of the goods or products concerned (货值金额, market value of ore mined), yuan",
    )
    reclamation_fee: Money | None = Field(
        None, description="farmland reclamation fee for the land concerned (耕地开垦费), yuan"
    )
    discharge_fee: Money | None = Field(
        None,
        description="pollutant discharge fee due (应缴纳排污费数额), yuan; the base of "
        "pre-2018 Water Law fines",
    )
    direct_loss: Money | None = Field(None, description="direct economic loss, yuan")
    person_income: Money | None = Field(
        None, description="responsible person's income from the unit in the prior year, yuan"
    )
    units: Count | None = Field(None, ge=0, le=10**9, description="count the per-unit formula multiplies")
    continuing_days: Count | None = Field(
        None, ge=0, le=100_000, description="days the act continued after the order to correct"
    )
    exceedance_multiple: Ratio | None = Field(
        None, description="times over the standard, read as 超标倍数 = (measured − limit) / limit"
    )
    exceeding_factor_count: Count | None = Field(
        None,
        ge=0,
        le=1000,
        description="how many pollutants (factors) were found above the "
        "emission standard (超标因子数目); 0: every one within it (达标排放)",
    )
    exceeded_parameter: ExceededParameter | None = Field(
        None,
        description="where a single parameter is above the standard: pH, colour (色度) or another pollutant",
    )
    pollutant_class: PollutantClass | None = Field(
        None, description="A类 or B类 pollutant concerned, as the discretion standard in force defines them"
    )
    ph_value: Ratio | None = Field(None, le=14, description="the pH value measured (0–14)")
    waste_tonnes: Ratio | None = Field(None, description="quantity of the waste concerned, tonnes")
    hazardous_storage_defect: HazardousStorageDefect | None = Field(
        None,
        description="hazardous waste stored below the national standard, or mixed into "
        "non-hazardous waste in storage",
    )
    special_hazardous_waste: Flag | None = Field(
        None,
        description="the hazardous waste concerned is discarded highly toxic chemicals, "
        "medical waste, laboratory waste or flammable or explosive hazardous waste "
        "(废弃剧毒化学品、医疗废物、实验室废物及易燃易爆危险废物); unset: not stated",
    )
    voc_defect: VocDefect | None = Field(
        None,
        description="what a process producing volatile organic compounds lacked: "
        "enclosure (facilities in use), control facilities, or reduction measures where it "
        "cannot be enclosed",
    )
    circumstances: frozenset[Circumstance] = frozenset()
    benchmark_choices: dict[Id, Choice] = Field(
        default_factory=dict,
        max_length=100,
        description="the value the officer chose for each discretion factor whose level is a "
        'band (裁量因素取值), in percentage points: {factor id: "10"}; checked to lie in the band',
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Violation:
        for name in ("ended_on", "discovered_on", "order_to_correct_on", "reinspected_on"):
            value = getattr(self, name)
            if value is not None and value < self.occurred_on:
                raise ValueError(f"{name} ({value}) is before occurred_on ({self.occurred_on})")
        if (
            self.reinspected_on is not None
            and self.order_to_correct_on is not None
            and self.reinspected_on < self.order_to_correct_on
        ):
            raise ValueError(
                f"reinspected_on ({self.reinspected_on}) is before "
                f"order_to_correct_on ({self.order_to_correct_on})"
            )
        return self


class PriorViolation(BaseModel):
    """An earlier violation of the same party, for repeat-offence rules."""

    model_config = STRICT_MODEL

    decided_on: Day
    kind: Id | None = None
    penalized: Flag = True


class Enterprise(BaseModel):
    """The party (当事人)."""

    model_config = STRICT_MODEL

    name: Label | None = None
    credit_code: CreditCode | None = None
    kind: EnterpriseKind = EnterpriseKind.legal_person
    size: Size | None = None
    key_discharger: Flag = False
    monitored_level: MonitoredLevel = MonitoredLevel.none
    permit_class: PermitClass | None = Field(None, description="排污许可管理类别")
    industry: Id | None = None
    eia_approver: Id | None = Field(None, description="authority id that approved its EIA")
    major_project: Flag = Field(False, description="跨流域、跨区域等重大建设项目")
    card_issuer_class: CardIssuerClass | None = Field(
        None, description="single-purpose prepaid card issuer class (集团/品牌/规模/其他发卡企业)"
    )
    prior_violations: tuple[PriorViolation, ...] = Field((), max_length=1000)


class Region(BaseModel):
    """Where the act occurred. Region ids are the profile's (``envrules regions``)."""

    model_config = STRICT_MODEL

    city: Id | None = None
    counties: frozenset[Id] = Field(
        frozenset(),
        max_length=100,
        description="county-level units (县/市/区/开发区); several if it spans them",
    )
    townships: frozenset[Id] = Field(frozenset(), max_length=500, description="townships/streets/parks")
    central_urban_area: Flag = False
    urban_area: Flag | None = Field(None, description="城区 (built-up urban area); unset: not stated")
    key_supervision_grid: Flag = Field(False, description="a key-area supervision grid (重点区域网格)")
    special_zone: Id | None = None

    @model_validator(mode="before")
    @classmethod
    def _singular_shorthand(cls, data: Any) -> Any:
        # `county: x` and `township: y` are shorthand for one-element lists.
        if isinstance(data, dict) and ("county" in data or "township" in data):
            data = dict(data)
            for one, many in (("county", "counties"), ("township", "townships")):
                if one in data:
                    value = data.pop(one)
                    if value is not None:
                        if not isinstance(value, str):
                            raise ValueError(f"region.{one} is one region id (a string)")
                        many_value = data.get(many)
                        if many_value is None:
                            data[many] = [value]
                        elif isinstance(many_value, list | tuple):
                            data[many] = [*many_value, value]
                        # else: the field's own validation names region.counties
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core: Any, handler: Any) -> Any:
        schema = handler(core)
        schema = handler.resolve_ref_schema(schema)
        schema["properties"]["county"] = {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "shorthand for counties: [id]",
        }
        schema["properties"]["township"] = {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "shorthand for townships: [id]",
        }
        return schema


class Procedure(BaseModel):
    """How the case reached the authority."""

    model_config = STRICT_MODEL

    discovered_through: DiscoveryChannel | None = None
    designation: Designation = Designation.none
    law_assigns_level: Level | None = Field(
        None, description="a law or regulation assigns the case to this level"
    )
    city_wide_impact: Flag = False
    filed_by: Id | None = Field(None, description="authority that filed the case first")
    simplified: Flag = Field(
        False, description="decided on the spot under the simplified procedure (简易程序)"
    )
    hearing_held: Flag = Field(False, description="a hearing was held (经过听证程序)")
    major_public_interest: Flag = Field(False, description="涉及重大公共利益 (the organ's finding)")
    complex_case: Flag = Field(False, description="案件情况疑难复杂、涉及多个法律关系 (the organ's finding)")
    major_violation: Flag = Field(
        False, description="情节复杂或者重大违法行为 (the organ's finding, by its own list)"
    )


class Case(BaseModel):
    """One case to decide. ``decided_on`` is the decision date (never the
    clock); when absent the decision says which date it used instead."""

    model_config = STRICT_MODEL

    id: Label | None = None
    profile: Id | None = None
    decided_on: Day | None = None
    matter: Id | None = Field(None, description="administrative matter for boundary tables")
    violation: Violation | None = Field(
        None, description="the act; may be absent for a question about a matter only"
    )
    enterprise: Enterprise = Enterprise()
    region: Region = Region()
    procedure: Procedure = Procedure()

    @model_validator(mode="after")
    def _decided_after_act(self) -> Case:
        if self.violation is None:
            if self.matter is None or self.decided_on is None:
                raise ValueError("a case without a violation needs a matter and decided_on")
            return self
        if self.decided_on is not None and self.decided_on < self.violation.occurred_on:
            raise ValueError(
                f"decided_on ({self.decided_on}) is before violation.occurred_on "
                f"({self.violation.occurred_on})"
            )
        return self
