"""The exception hierarchy. Every error a caller can cause derives from
:class:`EnvrulesError`, names its place — a case's field path
(``violation.occurred_on``), a ruleset's ``file:line:column`` or a
spreadsheet's ``sheet!cell`` — and says what to fix in Chinese and English."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import attrs


@attrs.frozen(slots=True)
class SourceLocation:
    """A place in a file (1-based line and column)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@attrs.frozen(slots=True)
class CellLocation:
    """A cell of a spreadsheet: ``裁量基准!D14`` (optionally in a file)."""

    sheet: str
    cell: str
    file: str | None = None

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}"
        return f"{self.file}: {where}" if self.file else where


Location = SourceLocation | CellLocation


@attrs.frozen(slots=True)
class Problem:
    """One problem: a message in English and Chinese, and its place."""

    message: str
    where: Location | None = None
    field: str | None = None
    message_zh: str | None = None
    code: str | None = None

    def place(self) -> str:
        return str(self.where) if self.where is not None else (self.field or "")

    def text(self, lang: str = "en") -> str:
        message = self.message_zh if lang == "zh" and self.message_zh else self.message
        place = self.place()
        return f"{place}: {message}" if place else message

    def __str__(self) -> str:
        return self.text("en")


def problem(
    en: str, zh: str, *, where: Location | None = None, field: str | None = None, code: str | None = None
) -> Problem:
    """A problem in both languages (the usual way to make one)."""
    return Problem(en, where, field, zh, code)


class EnvrulesError(Exception):
    """Base class of every error envrules raises on purpose. ``problems``
    lists each problem with its place; :meth:`text` renders them in a language."""

    problems: tuple[Problem, ...] = ()
    head_en = "error"
    head_zh = "错误"

    def __init__(self, problems: Sequence[Problem] | str, zh: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, message_zh=zh)]
        self.problems = tuple(problems)
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        lines = [p.text(lang) for p in self.problems]
        if len(lines) == 1 and not self.head_for(lang, 1).endswith(":"):
            return lines[0]
        return self.head_for(lang, len(lines)) + "\n  " + "\n  ".join(lines)

    def head_for(self, lang: str, count: int) -> str:
        return self.head_zh if lang == "zh" else self.head_en

    def __str__(self) -> str:
        return self.text("en")


class RulesetError(EnvrulesError):
    """A ruleset (or a scenario file, or a spreadsheet) could not be loaded or
    compiled; every problem names its file:line:column or sheet!cell."""

    def head_for(self, lang: str, count: int) -> str:
        if lang == "zh":
            return f"规则集有{count}处问题:" if count > 1 else "规则集错误:"
        return f"{count} problem(s) in the rulesets:" if count > 1 else "ruleset error:"


class LimitExceeded(RulesetError):
    """An input went past a documented resource limit (docs/limits.md)."""


class CaseError(EnvrulesError):
    """A case is invalid; each problem carries the dotted field path."""

    def __init__(self, problems: Sequence[Problem], case_id: str | None = None) -> None:
        self.case_id = case_id
        super().__init__(problems)

    def head_for(self, lang: str, count: int) -> str:
        label = repr(self.case_id) if self.case_id else ""
        return f"案件{label}无效:" if lang == "zh" else f"invalid case{' ' + label if label else ''}:"

    @classmethod
    def not_an_object(cls, value: object) -> CaseError:
        """The error for a case that is not a JSON object (a list, a string …)."""
        name = type(value).__name__
        return cls(
            [
                problem(
                    f"a case is a JSON object, not {name}",
                    f"案件应为 JSON 对象，而不是{name}",
                    field="case",
                    code="model_type",
                )
            ]
        )


class InputError(EnvrulesError):
    """A file or argument given to a command is unusable (not JSON, too deep,
    a folder that does not exist)."""


class UnknownProfile(EnvrulesError):
    """No profile of that name exists in the rulesets."""

    def __init__(self, profile: str, available: Sequence[str]) -> None:
        self.profile = profile
        self.available = tuple(available)
        near = difflib.get_close_matches(profile, self.available, n=1)
        listing = ", ".join(self.available) or "(none)"
        super().__init__(
            [
                problem(
                    f"unknown profile {profile!r}"
                    + (f" (did you mean {near[0]!r}?)" if near else "")
                    + f"; profiles: {listing}",
                    f"没有规则集{profile!r}"
                    + (f"（是否指{near[0]!r}？）" if near else "")
                    + f"；可用的规则集：{listing}",
                    field="profile",
                    code="unknown_profile",
                )
            ]
        )


class NoVersionInForce(EnvrulesError):
    """No version of a violation kind's statutory range is in force on a date."""

    def __init__(self, kind: str, on: date) -> None:
        self.kind = kind
        self.on = on
        super().__init__(
            [
                problem(
                    f"no version of {kind!r} is in force on {on.isoformat()}",
                    f"{on.isoformat()}没有有效的{kind!r}法律规定",
                    field="violation.occurred_on",
                    code="no_version_in_force",
                )
            ]
        )


class AmbiguousRules(EnvrulesError):
    """A unique- or priority-hit table matched more than one rule for a case."""

    def __init__(self, table: str, rules: Sequence[str]) -> None:
        self.table, self.rules = table, tuple(rules)
        ids = ", ".join(self.rules)
        super().__init__(
            [
                problem(
                    f"table {table!r} (unique/priority hit) matched several rules: {ids}; "
                    "run `envrules lint` on the profile",
                    f"决策表{table!r}（唯一命中/优先级）同时命中多条规则：{ids}；"
                    "请对规则集运行 envrules lint",
                    code="ambiguous_rules",
                )
            ]
        )


class CapExceeded(EnvrulesError):
    """A ruleset would let the permitted maximum exceed the statutory cap: the
    engine refuses to decide rather than return such a decision."""

    def __init__(self, rule: str, amount: Decimal, cap: Decimal) -> None:
        self.rule, self.amount, self.cap = rule, amount, cap
        super().__init__(
            [
                problem(
                    f"adjustment {rule} would permit {amount}, above the statutory maximum {cap} "
                    "(不得超过法定罚款限度): fix the ruleset (`envrules lint`)",
                    f"调整规则{rule}会使可处罚款达到{amount}元，超过法定最高限额{cap}元：请修改规则集",
                    code="cap_exceeded",
                )
            ]
        )
