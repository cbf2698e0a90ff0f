"""What a decision table decides: the ``then`` of its rules, one shape per
``decides``. Frozen standard-library dataclasses that pydantic validates into
when a ruleset is read (it reads their annotations, config and validators) and
that the compiled plan keeps, so loading a cached plan needs no schema module."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, TypeAdapter, model_validator, with_config

from ..case import JurisdictionLevel, Role
from ..core.money import Money
from ..core.text import Text

_CONFIG = ConfigDict(extra="forbid")


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class DaysRange:
    """A range of days (detention), both ends inclusive."""

    min: Annotated[int, Field(ge=0, le=365)]
    max: Annotated[int, Field(ge=0, le=365)]

    @model_validator(mode="after")
    def _ordered(self) -> Any:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class JurisdictionThen:
    level: JurisdictionLevel
    authority: Annotated[
        str | None,
        Field(description="authority id; `{county}` / `{township}` / `{city}` take the case's region"),
    ] = None
    reason: Text | None = None


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class DepartmentThen:
    department: str
    role: Role = Role.lead
    duty: Text | None = None


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class OfficeThen:
    office: str
    duty: Text | None = None


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class SupervisionThen:
    enterprise_class: Literal["A", "B", "C"] | None = None
    supervisor: str | None = None
    inspection: Text | None = None
    sampling_ratio: str | None = None
    grid_level: Annotated[int | None, Field(ge=1, le=3)] = None


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class TransferThen:
    to: Annotated[str, Field(description="public_security, judicial, or an authority/department id")]
    reason: Text | None = None
    detention_days: Annotated[DaysRange | None, Field(description="detention the law provides")] = None
    lighter_detention_days: Annotated[
        DaysRange | None, Field(description="detention where the circumstances are lighter (情节较轻)")
    ] = None


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class MonitoringThen:
    level: JurisdictionLevel
    authority: str | None = None
    duty: Text | None = None
    reports_to: str | None = None
    duty_holder: str | None = None


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class LimitationThen:
    """The limitation period (追责时效) a rule gives."""

    years: Annotated[int, Field(ge=1, le=50)]


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class HearingThen:
    """A hearing right: from a fine of ``threshold`` yuan (较大数额), or, without
    a threshold, because the rule's condition holds (责令停产整治, 吊销 …)."""

    threshold: Annotated[Money | None, Field(description="fines from this amount")] = None
    inclusive: Annotated[
        bool,
        Field(
            description="以上 includes the amount itself (set false where the published reading excludes it)"
        ),
    ] = True


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class RequiredThen:
    """A procedural step the rule's condition makes necessary (法制审核, 集体讨论)."""

    reason: Text | None = None


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class DailyPenaltyThen:
    """The daily continuous penalty (按日连续处罚): the original amount per day."""

    per_day: Literal["original_fine"] = "original_fine"


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class FirstViolationThen:
    """What counts as a first violation (首违): no penalised prior violation
    in the window before the act (of the same kind, if ``same_kind``)."""

    window_years: Annotated[int, Field(ge=1, le=20)]
    same_kind: bool = False


@with_config(_CONFIG)
@dataclass(frozen=True, slots=True)
class NoteThen:
    """A rule that decides by holding (指定管辖 basis, an item of a list)."""

    reason: Text | None = None


OUTCOMES: dict[str, type] = {
    "jurisdiction": JurisdictionThen,
    "department": DepartmentThen,
    "office": OfficeThen,
    "supervision": SupervisionThen,
    "transfer": TransferThen,
    "monitoring": MonitoringThen,
    "limitation": LimitationThen,
    "hearing": HearingThen,
    "legal_review": RequiredThen,
    "collective_deliberation": RequiredThen,
    "daily_penalty": DailyPenaltyThen,
    "designation": NoteThen,
    "first_violation": FirstViolationThen,
    "minor_violation": NoteThen,
}
"""The outcome shape of each ``decides``."""

PROCEDURE = frozenset(
    {
        "limitation",
        "hearing",
        "legal_review",
        "collective_deliberation",
        "daily_penalty",
        "designation",
        "first_violation",
        "minor_violation",
    }
)
"""Tables the penalty procedure consults, rather than the decision's parts."""

ADAPTERS: dict[str, TypeAdapter[Any]] = {}


def adapter(decides: str) -> TypeAdapter[Any]:
    """The validator of a ``then`` (built on first use)."""
    if decides not in ADAPTERS:
        ADAPTERS[decides] = TypeAdapter(OUTCOMES[decides])
    return ADAPTERS[decides]


def fields_of(then: Any) -> dict[str, Any]:
    """A ``then`` as plain data, for traces and tables (None fields left out)."""
    out: dict[str, Any] = {}
    for name in then.__dataclass_fields__:
        value = getattr(then, name)
        if value is None:
            continue
        if isinstance(value, Decimal | str | int | bool):
            out[name] = value.value if hasattr(value, "value") else value
        elif isinstance(value, DaysRange):
            out[name] = f"{value.min}–{value.max}"
        elif isinstance(value, Text):
            out[name] = value
        else:
            out[name] = str(value)
    return out
