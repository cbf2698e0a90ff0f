"""The dated events of a case's history (a pydantic discriminated union on
``type``). Events carry dates only; nothing reads the clock. An event that
names another (``decision``: the index of the decision a payment pays) must
point backwards; without it, the latest such event before it is meant."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError

from ..case.problems import _ZH
from ..core.dates import parse_date
from ..core.errors import EnvrulesError, Problem, problem
from ..core.money import Money

Day = Annotated[date, BeforeValidator(parse_date), Field(json_schema_extra={"format": "date"})]
MAX_EVENTS = 2_000
"""The longest history evaluated (a real case has tens of events)."""


class TimelineError(EnvrulesError):
    """A case history that cannot be evaluated: an invalid event, or events
    that cannot have happened (a payment before any decision, a seal-up
    extended twice); each problem names the event (``events[3]``)."""

    def head_for(self, lang: str, count: int) -> str:
        return "案件经过无效:" if lang == "zh" else "invalid case history:"


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)

    date: Day = Field(description="the day it happened (YYYY-MM-DD)")
    ref: str | None = Field(None, max_length=200, description="your reference (file number)")
    note: str | None = Field(None, max_length=2_000)


class Act(_Event):
    """The violation itself: ``date`` is the day it occurred."""

    type: Literal["act"]
    ended_on: Day | None = Field(None, description="the day a continuous act ended")
    continuing: bool = Field(False, description="the act has not ended")
    harm: bool = Field(False, description="it caused pollution or ecological damage")
    kind: str | None = Field(None, max_length=200, description="violation kind id (envrules kinds)")
    daily_penalty: bool | None = Field(None, description="the daily penalty can apply to the act")
    detention: Literal["after_refusal", "on_act"] | None = Field(
        None, description="a detention ground: after a refused order, or the act itself"
    )


class Found(_Event):
    type: Literal["found"]


class Filed(_Event):
    type: Literal["filed"]


class OrderToCorrect(_Event):
    type: Literal["order_to_correct"]
    deadline: Day | None = Field(None, description="the last day the order gives to correct")


class CorrectionReported(_Event):
    type: Literal["correction_reported"]


class Reinspection(_Event):
    type: Literal["reinspection"]
    result: Literal["corrected", "continuing", "refused", "obstructed"]


class Inspection(_Event):
    type: Literal["inspection"]
    finding: Literal["compliant", "violation"]


class PenaltyNotice(_Event):
    type: Literal["penalty_notice"]
    hearing_right: bool = Field(True, description="the notice told of the right to a hearing")


class Statement(_Event):
    type: Literal["statement"]


class HearingRequested(_Event):
    type: Literal["hearing_requested"]


class HearingHeld(_Event):
    type: Literal["hearing_held"]


class DecisionServed(_Event):
    type: Literal["decision_served"]
    fine: Money | None = Field(None, description="the fine in yuan (a daily penalty's total)")
    kind: Literal["penalty", "daily_penalty"] = "penalty"
    made_on: Day | None = Field(None, description="the day it was made, if not the day served")


class _OfDecision(_Event):
    decision: int | None = Field(None, ge=0, description="index of the decision it concerns")


class Payment(_OfDecision):
    type: Literal["payment"]
    amount: Money


class ReviewFiled(_OfDecision):
    type: Literal["review_filed"]


class ReviewEnded(_OfDecision):
    type: Literal["review_ended"]
    outcome: Literal["upheld", "revoked"] = "upheld"


class SuitFiled(_OfDecision):
    type: Literal["suit_filed"]


class SuitEnded(_OfDecision):
    type: Literal["suit_ended"]
    outcome: Literal["upheld", "revoked"] = "upheld"


class DemandServed(_OfDecision):
    type: Literal["demand_served"]


class EnforcementApplied(_OfDecision):
    type: Literal["enforcement_applied"]


class SealUp(_Event):
    type: Literal["seal_up"]
    days: int | None = Field(None, ge=1, le=100_000, description="the period the decision sets")
    halts_discharge: bool = Field(False, description="the seal-up stops the discharge")


class SealUpExtended(_Event):
    type: Literal["seal_up_extended"]
    days: int = Field(ge=1, le=100_000)


class SealUpLifted(_Event):
    type: Literal["seal_up_lifted"]


class ProductionOrder(_Event):
    type: Literal["production_order"]
    measure: Literal["restrict", "suspend"] = Field(description="限制生产 or 停产整治")
    halts_discharge: bool | None = Field(
        None, description="the order stops the discharge (default: yes for suspend, no for restrict)"
    )


class ProductionOrderLifted(_Event):
    type: Literal["production_order_lifted"]


class TransferToPolice(_Event):
    type: Literal["transfer_to_police"]


Event = Annotated[
    Act
    | Found
    | Filed
    | OrderToCorrect
    | CorrectionReported
    | Reinspection
    | Inspection
    | PenaltyNotice
    | Statement
    | HearingRequested
    | HearingHeld
    | DecisionServed
    | Payment
    | ReviewFiled
    | ReviewEnded
    | SuitFiled
    | SuitEnded
    | DemandServed
    | EnforcementApplied
    | SealUp
    | SealUpExtended
    | SealUpLifted
    | ProductionOrder
    | ProductionOrderLifted
    | TransferToPolice,
    Field(discriminator="type"),
]

EVENT_TYPES: tuple[type[_Event], ...] = (
    Act,
    Found,
    Filed,
    OrderToCorrect,
    CorrectionReported,
    Reinspection,
    Inspection,
    PenaltyNotice,
    Statement,
    HearingRequested,
    HearingHeld,
    DecisionServed,
    Payment,
    ReviewFiled,
    ReviewEnded,
    SuitFiled,
    SuitEnded,
    DemandServed,
    EnforcementApplied,
    SealUp,
    SealUpExtended,
    SealUpLifted,
    ProductionOrder,
    ProductionOrderLifted,
    TransferToPolice,
)
_ADAPTER: TypeAdapter[Any] = TypeAdapter(Event)
_LIST: TypeAdapter[list[Any]] = TypeAdapter(list[Event])


def event_schema() -> dict[str, Any]:
    """The JSON Schema of a list of events."""
    return _LIST.json_schema()


def _field(index: int, loc: Sequence[Any]) -> str:
    rest = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in loc[1:])
    return f"events[{index}]{rest}"


def parse_events(data: Any) -> tuple[Any, ...]:
    """Events from a list of mappings (or of event models); every problem
    names its field, e.g. ``events[2].date``."""
    if isinstance(data, BaseModel | dict) or not isinstance(data, Sequence) or isinstance(data, str | bytes):
        raise TimelineError(
            [
                problem(
                    "events are a list of {type, date, …} objects",
                    "案件经过是由 {type, date, …} 对象组成的列表",
                    field="events",
                )
            ]
        )
    if len(data) > MAX_EVENTS:
        raise TimelineError(
            [
                problem(
                    f"more than {MAX_EVENTS} events",
                    f"事件超过{MAX_EVENTS}个",
                    field="events",
                    code="limit.events",
                )
            ]
        )
    out: list[Any] = []
    problems: list[Problem] = []
    for i, item in enumerate(data):
        if isinstance(item, _Event):
            out.append(item)
            continue
        try:
            out.append(_ADAPTER.validate_python(item))
        except ValidationError as exc:
            problems.extend(_problems(i, exc))
    if problems:
        raise TimelineError(problems)
    return tuple(out)


def _problems(index: int, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = err["loc"]
        en = err["msg"].removeprefix("Value error, ")
        kind = err["type"]
        tag = str(loc[0]) if loc else ""
        where = _field(index, loc) if tag in _TAGS else f"events[{index}]" + "".join(f".{x}" for x in loc)
        if kind in ("union_tag_not_found", "union_tag_invalid"):
            en = f"type is one of {', '.join(sorted(_TAGS))}"
            zh = f"type 应为以下之一：{', '.join(sorted(_TAGS))}"
            where = f"events[{index}].type"
        elif kind == "missing":
            zh = _ZH["missing"]
        else:
            zh = f"{_ZH.get(kind, '取值无效')}：{en}"
        out.append(problem(en, zh, field=where, code=kind))
    return out


_TAGS = frozenset(
    t.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
    for t in EVENT_TYPES
)


def event_fine(event: Any) -> Decimal | None:
    fine = getattr(event, "fine", None)
    return fine if isinstance(fine, Decimal) else None
