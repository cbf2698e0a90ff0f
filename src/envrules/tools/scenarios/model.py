"""Scenario files: a case, a profile and the parts of the decision a legal
officer expects (docs/scenarios.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ...core.errors import LimitExceeded, RulesetError, SourceLocation, problem
from ...core.limits import DEFAULT_LIMITS, Limits
from ...rulesets import locate, parse_yaml, plain, validation_problems


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=200)
    title: str | None = None
    profile: str | None = None
    case: dict[str, Any] | None = None
    timeline: dict[str, Any] | None = Field(
        None,
        description=("instead of a case: {as_of, events} evaluated as a case timeline (docs/timeline.md)"),
    )
    expect: dict[str, Any] = Field(min_length=1)
    note: str | None = None
    line: int | None = Field(None, exclude=True)

    @model_validator(mode="after")
    def _special_keys(self) -> Scenario:
        if (self.case is None) == (self.timeline is None):
            raise ValueError("a scenario has either a case or a timeline")
        if self.timeline is not None and (
            set(self.timeline) - {"as_of", "events", "evaluator"}
            or "as_of" not in self.timeline
            or not isinstance(self.timeline.get("events"), list)
        ):
            raise ValueError("a timeline is {as_of, events: [...], evaluator?}")
        for key in ("fired", "not_fired"):
            value = self.expect.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"expect.{key} is a list of rule ids")
        error = self.expect.get("error")
        if error is not None and not isinstance(error, dict):
            raise ValueError("expect.error is a mapping, e.g. {field: violation.kind}")
        return self


class ScenarioFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    profile: str | None = None
    scenarios: list[Scenario] = Field(min_length=1)


def _longest_list(node: Any) -> int:
    longest = 0
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            longest = max(longest, len(item))
            stack.extend(item)
    return longest


def load_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[str | None, list[Scenario]]:
    """Parse a scenario file; every problem names file:line:column."""
    shown = str(path)
    try:
        if not path.is_file():
            raise OSError("not a regular file")
        if path.stat().st_size > limits.yaml_file_bytes:
            raise LimitExceeded(
                [
                    problem(
                        f"the file is larger than {limits.yaml_file_bytes:,} bytes",
                        f"文件超过{limits.yaml_file_bytes:,}字节",
                        where=SourceLocation(shown),
                    )
                ]
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesetError(
            [problem(f"cannot read: {exc}", f"无法读取：{exc}", where=SourceLocation(shown))]
        ) from None
    data = parse_yaml(text, shown, limits)
    try:
        parsed = ScenarioFile.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise RulesetError(validation_problems(exc, data, shown)) from None
    scenarios: list[Scenario] = []
    seen: set[str] = set()
    problems = []
    for i, sc in enumerate(parsed.scenarios):
        at = locate(data, ["scenarios", i], shown)
        if sc.id in seen:
            problems.append(problem(f"duplicate scenario id {sc.id!r}", f"重复的情景 id {sc.id!r}", where=at))
        seen.add(sc.id)
        if _longest_list(sc.expect) > limits.scenario_list_items:
            problems.append(
                problem(
                    f"scenario {sc.id}: an expected list has more than {limits.scenario_list_items} items",
                    f"情景{sc.id}：期望的列表超过{limits.scenario_list_items}项",
                    where=at,
                    code="limit.scenario_list_items",
                )
            )
        scenarios.append(
            sc.model_copy(
                update={
                    "line": at.line,
                    "case": plain(sc.case),
                    "timeline": plain(sc.timeline),
                    "expect": plain(sc.expect),
                }
            )
        )
    if problems:
        raise RulesetError(problems)
    return parsed.profile, scenarios
