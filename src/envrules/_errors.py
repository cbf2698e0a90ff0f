"""The exception hierarchy. Every error a caller can cause derives from
:class:`EnvrulesError` and says what to fix: the field path of a case, or the
``file:line:column`` of a ruleset."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs


@attrs.frozen
class SourceLocation:
    """A place in a ruleset file (1-based line and column)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


class EnvrulesError(Exception):
    """Base class of every error envrules raises on purpose."""


@attrs.frozen
class Problem:
    """One problem found in a ruleset or a case."""

    message: str
    where: SourceLocation | None = None
    field: str | None = None

    def __str__(self) -> str:
        prefix = str(self.where) if self.where else (self.field or "")
        return f"{prefix}: {self.message}" if prefix else self.message


class RulesetError(EnvrulesError):
    """A ruleset could not be loaded or compiled. ``problems`` lists each
    problem with its file, line and column."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems]
        head = f"{len(lines)} problem(s) in the rulesets" if len(lines) > 1 else "ruleset error"
        super().__init__(head + ":\n  " + "\n  ".join(lines))


class CaseError(EnvrulesError):
    """A case is invalid. ``problems`` carry the dotted field path
    (``violation.occurred_on``) of each problem."""

    def __init__(self, problems: Sequence[Problem], case_id: str | None = None) -> None:
        self.problems = tuple(problems)
        self.case_id = case_id
        label = f"case {case_id!r}" if case_id else "case"
        super().__init__(
            f"invalid {label}:\n  " + "\n  ".join(str(p) for p in self.problems)
        )


class UnknownProfile(EnvrulesError):
    """No profile of that name exists in the rulesets directory."""

    def __init__(self, profile: str, available: Sequence[str]) -> None:
        import difflib

        self.profile = profile
        self.available = tuple(available)
        near = difflib.get_close_matches(profile, self.available, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        super().__init__(
            f"unknown profile {profile!r}{hint}; profiles: {', '.join(self.available) or '(none)'}"
        )


class NoVersionInForce(EnvrulesError):
    """No version of a violation kind's statutory range is in force on a date."""

    def __init__(self, kind: str, on: date) -> None:
        self.kind = kind
        self.on = on
        super().__init__(f"no version of {kind!r} is in force on {on.isoformat()}")
