"""The engine: a compiled plan plus an evaluator. Immutable, and safe to share
across threads; every decision is a pure function of the case, the rulesets
and the dates the case gives (never the clock)."""

from __future__ import annotations

import decimal
import difflib
import typing
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ._case import Case
from ._decision import (
    Citation,
    Decision,
    DecisionDates,
    Department,
    Jurisdiction,
    Monitoring,
    Office,
    Supervision,
    TraceEntry,
    Transfer,
)
from ._errors import CaseError, EnvrulesError, NoVersionInForce, Problem
from ._evaluators import Evaluator, Matcher, make_evaluator
from ._facts import LazyFacts, _unwrap_optional
from ._loader import profile_chain
from ._money import CONTEXT
from ._outcomes import (
    DepartmentOutcome,
    JurisdictionLevel,
    JurisdictionOutcome,
    MonitoringOutcome,
    OfficeOutcome,
    SupervisionOutcome,
    Text,
    TransferOutcome,
)
from ._penalty import cite, decide_penalty
from ._plan import Plan, PlanRule, PlanTable, compile_plan
from ._sources import RulesetSource, source_for

_DESIGNATION_BASIS = Citation(law="中华人民共和国行政处罚法（2021年修订）", article="第二十五条")


class AmbiguousRules(EnvrulesError):
    """A unique- or priority-hit table matched more than one rule for a case."""

    def __init__(self, table: str, rules: list[str]) -> None:
        self.table, self.rules = table, tuple(rules)
        super().__init__(f"table {table!r} (unique/priority hit) matched several rules: "
                         f"{', '.join(rules)}; run `envrules lint` on the profile")


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The case model class that holds the field at ``loc`` (for suggestions)."""
    model: type[BaseModel] = Case
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return None
        inner = _unwrap_optional(field.annotation)
        if typing.get_origin(inner) is tuple:
            inner = typing.get_args(inner)[0]
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return None
        model = inner
    return model


def _where_else(name: str) -> str | None:
    """Which part of a case a misplaced field belongs to."""
    for part in ("violation", "enterprise", "region", "procedure"):
        sub = _unwrap_optional(Case.model_fields[part].annotation)
        if isinstance(sub, type) and issubclass(sub, BaseModel) and name in sub.model_fields:
            return part
    return None


def case_problems(exc: ValidationError, prefix: str = "") -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        path = prefix + ".".join(str(x) for x in loc)
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden" and loc:
            name = str(loc[-1])
            model = _model_at(loc)
            known = sorted(model.model_fields) if model is not None else []
            near = difflib.get_close_matches(name, known, n=1)
            home = _where_else(name) if len(loc) == 1 else None
            msg = f"unknown field {name!r}"
            if near:
                msg += f" (did you mean {near[0]!r}?)"
            elif home:
                msg += f" (it belongs under {home!r}: {home}.{name})"
            elif known:
                msg += f"; fields here: {', '.join(known)}"
        out.append(Problem(msg, field=path or "case"))
    return out


class Engine:
    """Decides cases for one profile. Create it with :func:`envrules.load`."""

    __slots__ = ("_evaluator", "_plan")

    def __init__(self, plan: Plan, evaluator: str = "compiled") -> None:
        self._plan = plan
        self._evaluator: Evaluator = make_evaluator(plan, evaluator)

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "_evaluator"):
            raise AttributeError("Engine is immutable")
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return (f"<Engine profile={self._plan.profile!r} rulesets={self._plan.digest} "
                f"evaluator={self._evaluator.name}>")

    @property
    def profile(self) -> str:
        return self._plan.profile

    @property
    def plan(self) -> Plan:
        """The compiled rulesets (read-only)."""
        return self._plan

    @property
    def evaluator(self) -> str:
        return self._evaluator.name

    @property
    def digest(self) -> str:
        """Content hash of the rulesets this engine decides with."""
        return self._plan.digest

    def with_evaluator(self, evaluator: str) -> Engine:
        """The same plan executed by another evaluator ('compiled' or 'durable')."""
        return Engine(self._plan, evaluator)

    # ------------------------------------------------------------------ public

    def decide(self, case: Case | Mapping[str, Any]) -> Decision:
        """Decide one case (a :class:`Case` or a JSON-like mapping).

        Raises :class:`CaseError` naming the field when the case is invalid
        for this profile (unknown region or kind, bad values)."""
        return self._decide(self.validate(case))

    def decide_many(self, cases: Iterable[Case | Mapping[str, Any]]) -> Iterator[Decision]:
        """Decide cases lazily, in order. An invalid case raises CaseError
        (with its id) when reached; decisions already yielded stand."""
        for case in cases:
            yield self._decide(self.validate(case))

    def validate(self, case: Case | Mapping[str, Any]) -> Case:
        """Validate a case for this profile; returns it with region facts
        completed from the profile (parents, central urban area)."""
        if not isinstance(case, Case):
            try:
                case = Case.model_validate(case)
            except ValidationError as exc:
                cid = case.get("id") if isinstance(case, Mapping) else None
                raise CaseError(case_problems(exc), str(cid) if cid else None) from None
        return self._complete(case)

    # ------------------------------------------------------------------ internals

    def _complete(self, case: Case) -> Case:
        plan = self._plan
        problems = []
        if case.profile is not None and case.profile != plan.profile:
            problems.append(Problem(f"case is for profile {case.profile!r}, this engine decides "
                                    f"{plan.profile!r}", field="profile"))
        if case.violation is not None and case.violation.kind not in plan.kinds:
            problems.append(Problem(
                f"unknown violation kind {case.violation.kind!r} in profile {plan.profile} "
                "(see `envrules kinds`)", field="violation.kind"))
        if case.matter is not None and case.matter not in plan.matters:
            problems.append(Problem(f"unknown matter {case.matter!r} in profile {plan.profile} "
                                    "(see `envrules matters`)", field="matter"))
        region = case.region
        regions = plan.regions
        for field, ids in (("region.counties", region.counties),
                           ("region.townships", region.townships),
                           ("region.city", {region.city} if region.city else set())):
            for rid in sorted(ids):
                if rid not in regions:
                    near = difflib.get_close_matches(rid, list(regions), n=1)
                    hint = f" (did you mean {near[0]!r}?)" if near else " (see `envrules regions`)"
                    problems.append(Problem(f"unknown region {rid!r} in profile "
                                            f"{plan.profile}{hint}", field=field))
        if region.special_zone is not None and region.special_zone not in regions:
            problems.append(Problem(f"unknown special zone {region.special_zone!r} in profile "
                                    f"{plan.profile}", field="region.special_zone"))
        if problems:
            raise CaseError(problems, case.id)
        counties = set(region.counties)
        for t in region.townships:
            parent = regions[t].parent
            if parent and regions[parent].level == "county":
                counties.add(parent)
        city = region.city
        if city is None:
            for c in counties:
                parent = regions[c].parent
                if parent and regions[parent].level == "city":
                    city = parent
        update: dict[str, Any] = {}
        if counties != region.counties:
            update["counties"] = frozenset(counties)
        if city != region.city:
            update["city"] = city
        if "central_urban_area" not in region.model_fields_set:
            central = any(regions[r].central_urban_area for r in (*region.townships, *counties))
            if central != region.central_urban_area:
                update["central_urban_area"] = central
        if update:
            case = case.model_copy(update={"region": region.model_copy(update=update)})
        return case

    def _decide(self, case: Case) -> Decision:
        with decimal.localcontext(CONTEXT):  # never the caller's decimal settings
            return self._decide_in_context(case)

    def _decide_in_context(self, case: Case) -> Decision:
        plan = self._plan
        v = case.violation
        as_of = _as_of(case)
        source = ("decided_on" if case.decided_on is not None else
                  "discovered_on" if v is not None and v.discovered_on is not None
                  else "occurred_on")
        occurred = v.occurred_on if v is not None else None
        match = self._rematch(case)
        trace: list[TraceEntry] = []
        if source != "decided_on":
            trace.append(TraceEntry(
                step="dates", rule="dates.as_of",
                outcome=Text(zh=f"未给出决定日期：规则按{source} {as_of}适用，不与之后的新规定比较轻重",
                             en=f"decided_on not given: rules taken as of {source} {as_of}; the "
                                "lighter-law comparison with a later law is not made"),
            ))
        outcomes: dict[str, list[tuple[PlanTable, PlanRule]]] = {}
        for table in plan.tables:
            on = as_of if table.as_of == "decided_on" or occurred is None else occurred
            for rule in _hits(table, on, match):
                outcomes.setdefault(table.decides, []).append((table, rule))
                trace.append(TraceEntry(
                    step=table.decides, rule=rule.id, title=rule.title,
                    outcome=self._describe(rule, case), basis=cite(rule.basis), note=rule.note,
                ))
        hits = outcomes.get("jurisdiction", [])
        jurisdiction = (self._jurisdiction(case, hits, trace)
                        if hits or v is not None else None)
        penalty = None
        kind = plan.kinds.get(v.kind) if v is not None else None
        if kind is not None:
            try:
                penalty = decide_penalty(plan, kind, case, match, as_of, trace, self._rematch)
            except NoVersionInForce as exc:
                raise CaseError([Problem(str(exc), field="violation.occurred_on")],
                                case.id) from None
        office = None
        for _table, rule in outcomes.get("office", [])[:1]:
            then = rule.then
            assert isinstance(then, OfficeOutcome)
            office_id, office_name = self._resolve(then.office, case)
            now, now_name = self._successor(office_id, _as_of(case))
            office = Office(office=office_id or then.office, office_name=office_name,
                            successor=now, successor_name=now_name,
                            duty=then.duty, rule=rule.id, basis=cite(rule.basis))
        return Decision(
            case_id=case.id,
            profile=plan.profile,
            ruleset_digest=plan.digest,
            evaluator=self._evaluator.name,
            dates=DecisionDates(occurred_on=occurred, decided_on=case.decided_on,
                                as_of=as_of, as_of_source=source),
            jurisdiction=jurisdiction,
            transfers=tuple(self._transfer(case, r) for _, r in outcomes.get("transfer", [])),
            departments=tuple(self._department(case, t, r)
                              for t, r in outcomes.get("department", [])),
            office=office,
            supervision=tuple(self._supervision(case, t, r)
                              for t, r in outcomes.get("supervision", [])),
            monitoring=tuple(self._monitoring(case, t, r)
                             for t, r in outcomes.get("monitoring", [])),
            penalty=penalty,
            trace=tuple(trace),
        )

    def _rematch(self, case: Case) -> Matcher:
        v = case.violation
        return self._evaluator.matcher(LazyFacts(case, {
            "violation.delegated_to_township": v is not None
            and self._plan.delegated(v.kind, _as_of(case)),
        }))

    def _describe(self, rule: PlanRule, case: Case) -> Text:
        """A rule's outcome for the trace, with authority templates filled in."""
        data = rule.then.model_dump(mode="json", exclude_none=True)
        parts = []
        for key, value in data.items():
            if isinstance(value, dict):
                continue
            if key in _NAMED and isinstance(value, str):
                ident, name = self._resolve(value, case)
                value = f"{ident} ({name})" if name else ident
            parts.append(f"{key}={value}")
        text = ", ".join(parts) or "—"
        return Text(zh=text, en=text)

    def _name(self, authority: str | None) -> str | None:
        if authority is None:
            return None
        spec = self._plan.authorities.get(authority)
        return spec.name if spec else None

    def _successor(self, ident: str | None, on: date) -> tuple[str | None, str | None]:
        """The body that holds a renamed or merged body's duties on ``on``."""
        seen: set[str] = set()
        current = ident
        while current is not None and current not in seen:
            seen.add(current)
            spec = self._plan.authorities.get(current)
            if spec is None or spec.successor is None or spec.effective_to is None \
                    or spec.effective_to >= on:
                break
            current = spec.successor
        if current is None or current == ident:
            return None, None
        return current, self._name(current)

    def _resolve(self, template: str | None, case: Case) -> tuple[str | None, str | None]:
        """Fill ``{city}``, ``{county}``, ``{township}`` from the case's region."""
        if template is None:
            return None, None
        region = case.region
        values = {
            "city": region.city or "",
            "county": next(iter(region.counties)) if len(region.counties) == 1 else "",
            "township": next(iter(region.townships)) if len(region.townships) == 1 else "",
        }
        ident = template
        for key, value in values.items():
            ident = ident.replace("{" + key + "}", value)
        name = self._name(ident)
        if name is None:
            spec = self._plan.authorities.get(template)
            for key, value in values.items():
                if spec is not None and "{" + key + "}" in template and value:
                    name = spec.name.replace("{name}", self._plan.regions[value].name)
        return ident, name

    def _jurisdiction(self, case: Case, hits: list[tuple[PlanTable, PlanRule]],
                      trace: list[TraceEntry]) -> Jurisdiction:
        if hits:
            _, rule = hits[0]
            then = rule.then
            assert isinstance(then, JurisdictionOutcome)
            ident, name = self._resolve(then.authority, case)
            now, now_name = self._successor(ident, _as_of(case))
            return Jurisdiction(level=then.level, authority=ident, authority_name=name,
                                successor=now, successor_name=now_name,
                                rule=rule.id, basis=cite(rule.basis),
                                reason=then.reason or rule.title)
        reason = Text(
            zh="没有管辖规则适用于本案：由共同的上一级机关指定管辖",
            en="no jurisdiction rule reaches this case: the common superior must designate "
               "the authority (指定管辖)",
        )
        trace.append(TraceEntry(step="jurisdiction", rule="jurisdiction.needs_designation",
                                outcome=reason, basis=_DESIGNATION_BASIS))
        return Jurisdiction(level=JurisdictionLevel.needs_designation, basis=_DESIGNATION_BASIS,
                            reason=reason, rule="jurisdiction.needs_designation")

    def _transfer(self, case: Case, rule: PlanRule) -> Transfer:
        then = rule.then
        assert isinstance(then, TransferOutcome)
        to, name = self._resolve(then.to, case)
        return Transfer(to=to or then.to, to_name=name, reason=then.reason, rule=rule.id,
                        basis=cite(rule.basis))

    def _department(self, case: Case, table: PlanTable, rule: PlanRule) -> Department:
        then = rule.then
        assert isinstance(then, DepartmentOutcome)
        ident, name = self._resolve(then.department, case)
        now, now_name = self._successor(ident, _as_of(case))
        return Department(department=ident or then.department, department_name=name,
                          successor=now, successor_name=now_name,
                          role=then.role, duty=then.duty, rule=rule.id, table=table.id,
                          basis=cite(rule.basis))

    def _supervision(self, case: Case, table: PlanTable, rule: PlanRule) -> Supervision:
        then = rule.then
        assert isinstance(then, SupervisionOutcome)
        ident, name = self._resolve(then.supervisor, case)
        return Supervision(table=table.id, enterprise_class=then.enterprise_class,
                           supervisor=ident, supervisor_name=name,
                           inspection=then.inspection, sampling_ratio=then.sampling_ratio,
                           grid_level=then.grid_level, rule=rule.id, basis=cite(rule.basis))

    def _monitoring(self, case: Case, table: PlanTable, rule: PlanRule) -> Monitoring:
        then = rule.then
        assert isinstance(then, MonitoringOutcome)
        authority, name = self._resolve(then.authority, case)
        reports_to, _ = self._resolve(then.reports_to, case)
        return Monitoring(table=table.id, level=then.level, authority=authority,
                          authority_name=name, duty=then.duty, reports_to=reports_to,
                          duty_holder=then.duty_holder,
                          rule=rule.id, basis=cite(rule.basis))


def _as_of(case: Case) -> date:
    """The decision date, or the date the decision says it used instead."""
    if case.decided_on is not None:
        return case.decided_on
    v = case.violation
    assert v is not None
    return v.discovered_on or v.occurred_on


def _hits(table: PlanTable, on: date, match: Matcher) -> list[PlanRule]:
    policy = table.hit_policy
    if policy == "first":
        for rule in table.rules:
            if rule.in_force(on) and match(rule.cond):
                return [rule]
        return []
    matched = [r for r in table.rules if r.in_force(on) and match(r.cond)]
    if policy == "collect" or len(matched) <= 1:
        return matched
    if policy == "unique":
        raise AmbiguousRules(table.id, [r.id for r in matched])
    top = max(r.priority or 0 for r in matched)
    best = [r for r in matched if (r.priority or 0) == top]
    if len(best) > 1:
        raise AmbiguousRules(table.id, [r.id for r in best])
    return best


_NAMED = ("authority", "department", "office", "supervisor", "to", "reports_to")


def load(
    profile: str,
    rulesets_dir: str | Path | RulesetSource | None = None,
    *,
    evaluator: str = "compiled",
) -> Engine:
    """Load and compile a profile (e.g. ``"hebei/langfang"``) into an Engine.

    ``rulesets_dir`` defaults to the rulesets shipped with envrules. Raises
    :class:`RulesetError` (every problem with file:line:column) or
    :class:`UnknownProfile`."""
    source = source_for(rulesets_dir)
    layers = profile_chain(source, profile)
    return Engine(compile_plan(profile, layers), evaluator)
