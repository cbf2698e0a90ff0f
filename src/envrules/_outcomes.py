"""What a decision table may decide: the ``then`` of its rules. Shared by the
ruleset schema (validating ``then``) and the decision (reporting it)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Text(BaseModel):
    """A text in Chinese and English."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _unquoted_comma(cls, data: Any) -> Any:
        # `{zh: 甲, en: a, b}` parses as an extra key `b` with no value: say why.
        if isinstance(data, dict) and len(data) > 2:
            stray = [k for k, v in data.items() if k not in ("zh", "en") and v is None]
            if stray:
                raise ValueError(
                    f"the text contains an unquoted comma before {stray[0]!r}; "
                    'put the text in quotes: en: "…, …"'
                )
        return data

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class JurisdictionLevel(StrEnum):
    province = "province"
    city = "city"
    county = "county"
    township = "township"
    needs_designation = "needs_designation"  # 由共同上级指定管辖


class Role(StrEnum):
    lead = "lead"  # 牵头 / 主责
    cooperating = "cooperating"  # 配合
    participating = "participating"  # 参与
    informed = "informed"  # 知会
    sole = "sole"  # 独立承担


_OUT = ConfigDict(extra="forbid", frozen=True)


class JurisdictionOutcome(BaseModel):
    model_config = _OUT
    level: JurisdictionLevel
    authority: str | None = Field(
        None, description="authority id; `{county}` / `{township}` / `{city}` take the case's region"
    )
    reason: Text | None = None


class DepartmentOutcome(BaseModel):
    model_config = _OUT
    department: str
    role: Role = Role.lead
    duty: Text | None = None


class OfficeOutcome(BaseModel):
    model_config = _OUT
    office: str
    duty: Text | None = None


class SupervisionOutcome(BaseModel):
    model_config = _OUT
    enterprise_class: Literal["A", "B", "C"] | None = None
    supervisor: str | None = None
    inspection: Text | None = None
    sampling_ratio: str | None = None
    grid_level: int | None = Field(None, ge=1, le=3)


class DaysRange(BaseModel):
    """A range of days (detention), both ends inclusive."""

    model_config = _OUT
    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> DaysRange:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


class TransferOutcome(BaseModel):
    model_config = _OUT
    to: str = Field(description="public_security, judicial, or an authority/department id")
    reason: Text
    detention_days: DaysRange | None = Field(None, description="detention the law provides")
    lighter_detention_days: DaysRange | None = Field(
        None, description="detention where the circumstances are lighter (情节较轻)")


class MonitoringOutcome(BaseModel):
    model_config = _OUT
    level: JurisdictionLevel
    authority: str | None = None
    duty: Text | None = None
    reports_to: str | None = None
    duty_holder: str | None = Field(
        None, description="who must carry out the monitoring when it is not the authority, e.g. "
        "permit_discharger (自行监测): the authority then supervises")


OUTCOME_MODELS: dict[str, type[BaseModel]] = {
    "jurisdiction": JurisdictionOutcome,
    "department": DepartmentOutcome,
    "office": OfficeOutcome,
    "supervision": SupervisionOutcome,
    "transfer": TransferOutcome,
    "monitoring": MonitoringOutcome,
}
