"""Check a case against the profile it is decided with: known kinds, matters
and regions (with a suggestion for a near miss), and the region completed from
the profile's regions. Also the bounded parsing of a JSON-like case."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from ..case import Case, Region, RegionView, case_problems, complete
from ..core.errors import CaseError, Problem, problem
from ..core.limits import DEFAULT_LIMITS, Limits
from ..plan import Plan


def _too_deep(data: Any, limit: int) -> str | None:
    """The field path of a container nested deeper than ``limit``, or None
    (iterative: no recursion; only containers are visited, and the path is
    spelled only for the one reported)."""
    if not isinstance(data, dict | list | tuple):
        return None
    Trail = tuple[Any, Any, bool] | None  # (parent trail, key, parent is a mapping)
    stack: list[tuple[Any, int, Trail]] = [(data, 1, None)]
    while stack:
        node, depth, trail = stack.pop()
        if depth > limit:
            return _spelled(trail)
        mapping = isinstance(node, dict)
        items = node.items() if mapping else enumerate(node)
        for key, value in items:
            if isinstance(value, dict | list | tuple):
                stack.append((value, depth + 1, (trail, key, mapping)))
    return None


def _spelled(trail: Any) -> str:
    steps = []
    while trail is not None:
        trail, key, mapping = trail
        steps.append((key, mapping))
    path = ""
    for key, mapping in reversed(steps):
        path = (f"{path}.{key}" if path else str(key)) if mapping else f"{path}[{key}]"
    return path


def parse_case(data: Case | Mapping[str, Any], limits: Limits = DEFAULT_LIMITS) -> Case:
    """A validated :class:`Case` from a Case or a JSON-like mapping."""
    if isinstance(data, Case):
        return data
    if not isinstance(data, Mapping):
        raise CaseError.not_an_object(data)
    cid = data.get("id")
    label = cid if isinstance(cid, str) and len(cid) <= 200 and cid.isprintable() else None
    deep = _too_deep(data, limits.json_depth)
    if deep is not None:
        field = deep.split("[")[0] or "case"
        raise CaseError(
            [
                problem(
                    f"nested deeper than {limits.json_depth} levels",
                    f"嵌套超过{limits.json_depth}层",
                    field=field,
                    code="limit.json_depth",
                )
            ],
            label,
        )
    try:
        return Case.model_validate(dict(data))
    except ValidationError as exc:
        raise CaseError(case_problems(exc), label) from None
    except RecursionError:
        raise CaseError(
            [problem("nested too deeply", "嵌套过深", field="case", code="limit.json_depth")], label
        ) from None


def _unknown(
    what_en: str, what_zh: str, value: str, known: Mapping[str, Any], plan: Plan, field: str, command: str
) -> Problem:
    near = difflib.get_close_matches(value, list(known), n=1)
    hint_en = f" (did you mean {near[0]!r}?)" if near else f" (see `envrules {command}`)"
    hint_zh = f"（是否指{near[0]!r}？）" if near else f"（见 envrules {command}）"
    return problem(
        f"unknown {what_en} {value!r} in profile {plan.profile}{hint_en}",
        f"规则集{plan.profile}中没有{what_zh}{value!r}{hint_zh}",
        field=field,
        code=f"unknown_{command.rstrip('s')}",
    )


class RegionCache:
    """Regions by their content (cases repeat places): the completed view, or
    the problems of a region the profile does not know."""

    def __init__(self, plan: Plan, size: int = 4096) -> None:
        self.plan = plan
        self.size = size
        self._views: dict[Any, RegionView | tuple[Problem, ...]] = {}

    def lookup(self, region: Region) -> RegionView | tuple[Problem, ...]:
        key = (
            region.city,
            region.counties,
            region.townships,
            region.special_zone,
            region.central_urban_area if "central_urban_area" in region.model_fields_set else None,
            region.urban_area,
            region.key_supervision_grid,
        )
        found = self._views.get(key)
        if found is None:
            problems = _region_problems(region, self.plan)
            found = problems if problems else complete(region, self.plan.regions)
            if len(self._views) >= self.size:
                self._views.clear()
            self._views[key] = found
        return found


def _region_problems(region: Region, plan: Plan) -> tuple[Problem, ...]:
    problems = []
    known = plan.regions
    for field, ids in (
        ("region.counties", region.counties),
        ("region.townships", region.townships),
        ("region.city", (region.city,) if region.city else ()),
    ):
        for rid in sorted(ids):
            if rid not in known:
                problems.append(_unknown("region", "地区", rid, known, plan, field, "regions"))
    if region.special_zone is not None and region.special_zone not in known:
        problems.append(
            _unknown(
                "special zone", "特殊区域", region.special_zone, known, plan, "region.special_zone", "regions"
            )
        )
    return tuple(problems)


def check_case(case: Case, plan: Plan, regions: RegionCache) -> RegionView:
    """Problems of a case for this profile, else its completed region."""
    v = case.violation
    found = regions.lookup(case.region)
    if (
        not isinstance(found, tuple)
        and (case.profile is None or case.profile == plan.profile)
        and (v is None or v.kind in plan.kinds)
        and (case.matter is None or case.matter in plan.matters)
    ):
        return found
    problems = []
    if case.profile is not None and case.profile != plan.profile:
        problems.append(
            problem(
                f"case is for profile {case.profile!r}, this engine decides {plan.profile!r}",
                f"案件指定的规则集是{case.profile!r}，本引擎使用{plan.profile!r}",
                field="profile",
                code="profile_mismatch",
            )
        )
    if v is not None and v.kind not in plan.kinds:
        problems.append(
            _unknown("violation kind", "违法行为类别", v.kind, plan.kinds, plan, "violation.kind", "kinds")
        )
    if case.matter is not None and case.matter not in plan.matters:
        problems.append(_unknown("matter", "事项", case.matter, plan.matters, plan, "matter", "matters"))
    if isinstance(found, tuple):
        problems.extend(found)
    raise CaseError(problems, case.id)
