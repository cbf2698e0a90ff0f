"""Violation kinds: the statutory range of each act, as dated versions of
the law, each with its tiers (档次)."""

from __future__ import annotations

from pydantic import Field

from ...case import Measure
from ...core.text import Text
from ..fines import Fine
from .base import ALWAYS, Basis, Dated, Id, Spec, When


class Tier(Spec):
    id: Id
    title: Text | None = None
    when: When = ALWAYS
    fine: Fine
    person_fine: Fine | None = Field(None, description="fine on the persons directly responsible")
    measures: tuple[Measure, ...] = ()
    discretionary_measures: tuple[Measure, ...] = Field((), description="measures the law says 可以")
    refers_to: Id | None = Field(
        None,
        description="under this version the act is another kind: decide it as that kind "
        "(the tier gives no range and is never compared as lighter)",
    )
    consumes: tuple[str, ...] = Field(
        (),
        description="circumstances that select this tier beyond those its condition tests "
        "(they are not weighed again: 禁止重复评价)",
    )
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
    limitation_years: int | None = Field(None, ge=1, le=50)
    not_illegal: bool = Field(False, description="this version no longer treats the act as illegal")
    statute: Id | None = Field(
        None,
        description="the statute this version belongs to (e.g. eco_code): grounds of the "
        "same statute apply only together with it (整体适用)",
    )
    note: str | None = None


class Kind(Spec):
    id: Id
    title: Text
    continuing: bool = Field(
        False,
        description="an act in a continuing state by its nature (持续状态): the law is "
        "taken at its end and limitation runs from the end",
    )
    environmental: bool = Field(
        True,
        description="a violation of ecological-environment law "
        "(false for, e.g., commerce rules decided by the same engine)",
    )
    versions: tuple[Version, ...] = Field(min_length=1)
    replaces: Id | None = None
    note: str | None = None
