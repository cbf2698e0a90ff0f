"""The service's own JSON models: problems (RFC 9457), batch items and the
catalogue of a profile. Decisions and cases are the library's models."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...core.citation import Citation
from ...core.text import Text
from ...decision import DecisionModel

_OUT = ConfigDict(extra="forbid", frozen=True)


class FieldProblem(BaseModel):
    """One problem of a request: the field it concerns and what to fix, in both languages."""

    model_config = _OUT
    field: str | None = Field(None, description="dotted path in the case, e.g. violation.occurred_on")
    where: str | None = Field(None, description="a place in the request body (body:line:column)")
    message: str = Field(description="English")
    message_zh: str | None = Field(None, description="中文")
    code: str | None = Field(None, description="machine-readable kind, e.g. missing, date_type")


class Problem(BaseModel):
    """An error as ``application/problem+json`` (RFC 9457)."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Problem")
    type: str = Field(description="URI naming the kind of problem")
    title: str
    status: int = Field(ge=400, le=599)
    detail: str = Field(description="every problem, in the language asked for")
    errors: list[FieldProblem] = []
    case_id: str | None = None
    index: int | None = Field(None, description="position of the case in a batch")


class BatchItem(BaseModel):
    """The outcome of one case of a batch: a decision or a problem, never both."""

    model_config = _OUT
    index: int = Field(ge=0, description="position of the case in the request, from 0")
    case_id: str | None = None
    decision: DecisionModel | None = None
    explanation: str | None = Field(None, description="the decision as text (explain=true)")
    problem: Problem | None = None


class BatchSummary(BaseModel):
    model_config = _OUT
    cases: int
    decided: int
    failed: int


class BatchResponse(BaseModel):
    """The outcomes of a batch, in the order of its cases."""

    model_config = _OUT
    summary: BatchSummary
    results: list[BatchItem]


class ProfileInfo(BaseModel):
    model_config = _OUT
    id: str = Field(description="profile name, e.g. hebei/langfang")
    title: Text
    loaded: bool = Field(description="its engine is loaded in this process")


class VersionInfo(BaseModel):
    model_config = _OUT
    id: str
    effective_from: date
    effective_to: date | None = None
    basis: Citation


class KindInfo(BaseModel):
    model_config = _OUT
    id: str
    title: Text
    continuing: bool
    versions: list[VersionInfo]


class RegionInfo(BaseModel):
    model_config = _OUT
    id: str
    name: str
    level: str
    parent: str | None = None
    code: str | None = Field(None, description="statistical division code")
    effective_from: date | None = None
    effective_to: date | None = None
    successor: str | None = None


class MatterInfo(BaseModel):
    model_config = _OUT
    id: str
    title: Text


class Health(BaseModel):
    model_config = _OUT
    status: Literal["ok", "ready"]
    version: str
    profiles: list[str] = Field([], description="profiles whose engines are loaded")
