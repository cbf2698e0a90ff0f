"""Scenario files: a case, a profile and the parts of the decision a legal
officer expects (docs/scenarios.md). Used by ``envrules test`` and by the
pytest plugin; no pytest import here."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import attrs
from pydantic import BaseModel, ConfigDict, Field, model_validator
from rich.console import Console

from ._engine import Engine, load
from ._errors import CaseError, EnvrulesError, Problem, RulesetError, SourceLocation
from ._sources import SCENARIO_SUFFIX
from ._yaml import parse_yaml, validate

MISSING = object()


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: str = Field(min_length=1)
    title: str | None = None
    profile: str | None = None
    case: dict[str, Any]
    expect: dict[str, Any] = Field(min_length=1)
    note: str | None = None
    line: int | None = Field(None, exclude=True)

    @model_validator(mode="after")
    def _special_keys(self) -> Scenario:
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


@attrs.frozen
class Mismatch:
    path: str
    expected: Any
    actual: Any
    message: str = ""


@attrs.frozen
class Outcome:
    scenario: Scenario
    file: str
    profile: str | None
    mismatches: tuple[Mismatch, ...] = ()
    fired: tuple[str, ...] = ()
    error: str | None = None  # an unexpected error (bad case, ruleset problem)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.mismatches and self.error is None

    @property
    def name(self) -> str:
        return f"{self.file}::{self.scenario.id}"

    def report(self) -> str:
        """Plain-text report of a failure (what pytest and JUnit show)."""
        lines = [f"scenario {self.scenario.id!r}"
                 + (f" — {self.scenario.title}" if self.scenario.title else "")
                 + f" ({self.file}:{self.scenario.line or '?'}, profile {self.profile})"]
        if self.error:
            lines.append(f"  error: {self.error}")
        for m in self.mismatches:
            lines.append(f"  {m.path}:")
            lines.append(f"    expected: {_show(m.expected)}")
            lines.append(f"    actual:   {_show(m.actual)}"
                         + (f"   ({m.message})" if m.message else ""))
        if self.fired:
            lines.append("  rules fired: " + ", ".join(self.fired))
        return "\n".join(lines)


def _show(value: Any) -> str:
    if value is MISSING:
        return "(absent)"
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(_trim(value), ensure_ascii=False, default=str)
    return repr(value)


def _trim(value: Any) -> Any:
    """Drop bulky citation texts from shown values; keep what identifies a rule."""
    if isinstance(value, dict):
        return {k: _trim(v) for k, v in value.items() if k not in ("basis", "reason", "duty")
                and v is not None}
    if isinstance(value, list):
        return [_trim(v) for v in value]
    return value


# --------------------------------------------------------------------------- loading


def load_file(path: Path) -> tuple[str | None, list[Scenario]]:
    """Parse a scenario file; errors name file:line:column."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesetError([Problem(f"cannot read: {exc}", SourceLocation(shown))]) from None
    data = parse_yaml(text, shown)
    parsed = validate(ScenarioFile, data, shown)  # the raw nodes: errors keep their lines
    raw = data.get("scenarios") if hasattr(data, "get") else None
    scenarios = []
    seen: set[str] = set()
    problems = []
    for i, sc in enumerate(parsed.scenarios):
        line = None
        if raw is not None and hasattr(raw, "lc"):
            try:
                line = raw.lc.item(i)[0] + 1
            except (KeyError, IndexError, TypeError):
                line = None
        if sc.id in seen:
            problems.append(Problem(f"duplicate scenario id {sc.id!r}", SourceLocation(shown, line)))
        seen.add(sc.id)
        scenarios.append(sc.model_copy(update={
            "line": line, "case": _plain(sc.case), "expect": _plain(sc.expect)}))
    if problems:
        raise RulesetError(problems)
    return parsed.profile, scenarios


def _plain(node: Any) -> Any:
    """ruamel round-trip nodes → plain dicts/lists (dates and scalars kept)."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def find_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.rglob("*" + SCENARIO_SUFFIX)))
        elif p.exists():
            files.append(p)
        else:
            raise RulesetError([Problem("no such file or directory", SourceLocation(str(p)))])
    return files


# --------------------------------------------------------------------------- matching


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool | float):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str):
        try:
            d = Decimal(value.replace(",", ""))
        except InvalidOperation:
            return None
        return d if d.is_finite() else None
    return None


def _scalar_equal(expected: Any, actual: Any) -> tuple[bool, str]:
    if isinstance(expected, float):
        return False, "write amounts and numbers as strings or integers, not floats"
    if isinstance(expected, date):
        expected = expected.isoformat()
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual, ""
    if expected == actual:
        return True, ""
    e, a = _as_decimal(expected), _as_decimal(actual)
    if e is not None and a is not None:
        return e == a, ""
    return False, ""


def compare(expected: Any, actual: Any, path: str = "") -> list[Mismatch]:
    """Partial match of an expectation against decision data (docs/scenarios.md)."""
    if isinstance(expected, dict) and set(expected) in ({"contains"}, {"ordered"}):
        (how, items), = expected.items()
        if not isinstance(items, list):
            return [Mismatch(path, expected, actual, f"{how} takes a list")]
        if how == "contains":
            return _match_list(items, actual, path, exact_length=False)
        if not isinstance(actual, list) or len(actual) != len(items):
            return [Mismatch(path, items, actual, "different length")]
        out: list[Mismatch] = []
        for i, (e, a) in enumerate(zip(items, actual, strict=True)):
            out.extend(compare(e, a, f"{path}[{i}]"))
        return out
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [Mismatch(path, expected, actual if actual is not None else MISSING)]
        out = []
        for key, value in expected.items():
            sub = f"{path}.{key}" if path else str(key)
            if key not in actual:
                if value is None:
                    continue
                out.append(Mismatch(sub, value, MISSING))
                continue
            out.extend(compare(value, actual[key], sub))
        return out
    if isinstance(expected, list):
        return _match_list(expected, actual, path, exact_length=True)
    if expected is None:
        return [] if actual is None else [Mismatch(path, None, actual)]
    ok, why = _scalar_equal(expected, actual)
    return [] if ok else [Mismatch(path, expected, actual, why)]


def _match_list(expected: Sequence[Any], actual: Any, path: str,
                exact_length: bool) -> list[Mismatch]:
    if not isinstance(actual, list):
        return [Mismatch(path, list(expected), actual if actual is not None else MISSING)]
    if exact_length and len(expected) != len(actual):
        return [Mismatch(path, list(expected), actual,
                         f"{len(expected)} expected, {len(actual)} found")]
    # match each expected item to a distinct actual item (backtracking; lists are short)
    candidates = [[j for j, a in enumerate(actual) if not compare(e, a)] for e in expected]

    def assign(i: int, used: frozenset[int]) -> bool:
        if i == len(candidates):
            return True
        return any(assign(i + 1, used | {j}) for j in candidates[i] if j not in used)

    if assign(0, frozenset()):
        return []
    unmatched = [e for e, c in zip(expected, candidates, strict=True) if not c]
    return [Mismatch(path, unmatched or list(expected), actual, "no matching item")]


# --------------------------------------------------------------------------- running


def rulesets_root(near: Path) -> Path | None:
    """The rulesets tree a scenario file lives in: the nearest ancestor
    directory holding ``national/profile.yaml``."""
    for folder in [near.resolve(), *near.resolve().parents]:
        if (folder / "national" / "profile.yaml").is_file():
            return folder
    return None


class EngineCache:
    """Engines by (rulesets tree, profile), built once and shared (engines are
    immutable and thread-safe). Without an explicit rulesets directory, a
    scenario file is decided with the rulesets tree it lives in, else with the
    shipped rulesets."""

    def __init__(self, rulesets: str | Path | None = None) -> None:
        self.rulesets = rulesets
        self._engines: dict[tuple[str, str], Engine | EnvrulesError] = {}
        self._lock = threading.Lock()
        self.roots_used: set[str] = set()

    def root_for(self, near: Path | None) -> Path | None:
        if self.rulesets is not None:
            return Path(self.rulesets)
        return rulesets_root(near) if near is not None else None

    def get(self, profile: str, near: Path | None = None) -> Engine:
        root = self.root_for(near)
        key = (str(root) if root else "(shipped)", profile)
        with self._lock:
            self.roots_used.add(key[0])
            if key not in self._engines:
                try:
                    self._engines[key] = load(profile, root)
                except EnvrulesError as exc:
                    self._engines[key] = exc
            got = self._engines[key]
        if isinstance(got, EnvrulesError):
            raise got
        return got


def _fired(data: dict[str, Any]) -> list[str]:
    return [e["rule"] for e in data.get("trace", []) if e.get("fired", True)]


def run_scenario(scenario: Scenario, file: str, default_profile: str | None,
                 engines: EngineCache, override_profile: str | None = None) -> Outcome:
    start = time.perf_counter()
    profile = override_profile or scenario.profile or default_profile or scenario.case.get(
        "profile")
    if not profile:
        return Outcome(scenario, file, None, error="no profile: set `profile:` in the file or "
                       "the scenario, or pass --profile")
    expect = dict(scenario.expect)
    want_error = expect.pop("error", None)
    fired_req = expect.pop("fired", [])
    not_fired = expect.pop("not_fired", [])
    try:
        engine = engines.get(profile, Path(file))
        decision = engine.decide(scenario.case)
    except CaseError as exc:
        if want_error is None:
            return Outcome(scenario, file, profile, error=str(exc),
                           seconds=time.perf_counter() - start)
        fields = [p.field for p in exc.problems]
        want_field = want_error.get("field") if isinstance(want_error, dict) else None
        want_text = want_error.get("message") if isinstance(want_error, dict) else None
        mism = []
        if want_field and not any(f == want_field or (f or "").startswith(want_field + ".")
                                  for f in fields):
            mism.append(Mismatch("error.field", want_field, fields))
        if want_text and not any(want_text in p.message for p in exc.problems):
            mism.append(Mismatch("error.message", want_text, [p.message for p in exc.problems]))
        return Outcome(scenario, file, profile, tuple(mism), seconds=time.perf_counter() - start)
    except EnvrulesError as exc:
        return Outcome(scenario, file, profile, error=str(exc),
                       seconds=time.perf_counter() - start)
    data = decision.model_dump(mode="json")
    fired = _fired(data)
    mismatches = compare(expect, data)
    if want_error is not None:
        mismatches.append(Mismatch("error", want_error, "(the case was accepted)"))
    for rule in fired_req:
        if rule not in fired:
            mismatches.append(Mismatch("fired", rule, "(not fired)"))
    for rule in not_fired:
        if rule in fired:
            mismatches.append(Mismatch("not_fired", rule, "(fired)"))
    return Outcome(scenario, file, profile, tuple(mismatches), tuple(fired),
                   seconds=time.perf_counter() - start)


def iter_outcomes(files: Sequence[Path], engines: EngineCache,
                  profile: str | None = None) -> Iterator[Outcome | RulesetError]:
    for f in files:
        try:
            default, scenarios = load_file(f)
        except RulesetError as exc:
            yield exc
            continue
        for sc in scenarios:
            yield run_scenario(sc, str(f), default, engines, profile)


def write_junit(outcomes: Sequence[Outcome], path: Path) -> None:
    suite = ET.Element("testsuite", name="envrules-scenarios", tests=str(len(outcomes)),
                       failures=str(sum(1 for o in outcomes if o.mismatches)),
                       errors=str(sum(1 for o in outcomes if o.error)))
    for o in outcomes:
        case = ET.SubElement(suite, "testcase", classname=o.file, name=o.scenario.id,
                             time=f"{o.seconds:.4f}")
        if o.error:
            ET.SubElement(case, "error", message=o.error.splitlines()[0]).text = o.report()
        elif o.mismatches:
            ET.SubElement(case, "failure", message=f"{len(o.mismatches)} mismatch(es)").text = (
                o.report())
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def run_paths(paths: Sequence[Path], *, profile: str | None, rulesets: Path | None,
              junit_xml: Path | None, console: Console, quiet: bool = False) -> int:
    """Run scenario files; print a summary; 0 all passed, 1 failures, 2 bad input."""
    files = find_files(paths)
    engines = EngineCache(rulesets)
    outcomes: list[Outcome] = []
    bad_files: list[RulesetError] = []
    for item in iter_outcomes(files, engines, profile):
        if isinstance(item, RulesetError):
            bad_files.append(item)
            continue
        outcomes.append(item)
        if not item.passed:
            _print_failure(console, item)
        elif not quiet:
            console.print(f"[green]PASS[/] {item.name}", highlight=False)
    if junit_xml is not None:
        write_junit(outcomes, junit_xml)
    for exc in bad_files:
        console.print("[bold red]BAD SCENARIO FILE[/]", highlight=False)
        console.print(str(exc).replace("ruleset error:", "scenario file error:", 1), markup=False)
    failed = [o for o in outcomes if not o.passed]
    passed = len(outcomes) - len(failed)
    for root in sorted(engines.roots_used):
        console.print(f"rulesets: {root}", markup=False, highlight=False)
    colour = "green" if not failed and not bad_files else "red"
    console.print(f"[{colour}]{passed} passed, {len(failed)} failed[/]"
                  + (f", {len(bad_files)} bad file(s)" if bad_files else ""), highlight=False)
    if bad_files:
        return 2
    return 1 if failed else 0


def _print_failure(console: Console, o: Outcome) -> None:
    console.print(f"[bold red]FAIL[/] {o.name}  ({o.file}:{o.scenario.line or '?'})",
                  highlight=False)
    if o.scenario.title:
        console.print(f"     {o.scenario.title}", markup=False)
    if o.error:
        console.print(f"     error: {o.error}", markup=False)
    for m in o.mismatches:
        # expected and actual one above the other, never truncated
        console.print(f"     {m.path}:", style="bold", markup=False)
        console.print(f"       expected: {_show(m.expected)}", markup=False)
        console.print(f"       actual:   {_show(m.actual)}"
                      + (f"   ({m.message})" if m.message else ""), markup=False)
    if o.fired:
        console.print("     rules fired: " + ", ".join(o.fired), markup=False)
