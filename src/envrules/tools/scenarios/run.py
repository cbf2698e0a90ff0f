"""Running scenarios: an engine per (rulesets tree, profile), one outcome per
scenario, JUnit XML, and the summary ``envrules test`` prints. No pytest here:
the CLI and the pytest plugin both call it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import attrs
from rich.console import Console

from ... import Engine, load
from ...core.errors import CaseError, EnvrulesError, InputError, RulesetError, SourceLocation, problem
from ...rulesets import SCENARIO_SUFFIX
from ...timeline import TimelineError
from .match import Mismatch, compare, show
from .model import Scenario, load_file


def find_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.rglob("*" + SCENARIO_SUFFIX)))
        elif p.exists():
            files.append(p)
        else:
            raise InputError(
                [problem("no such file or directory", "文件或目录不存在", where=SourceLocation(str(p)))]
            )
    return files


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
        lines = [
            f"scenario {self.scenario.id!r}"
            + (f" — {self.scenario.title}" if self.scenario.title else "")
            + f" ({self.file}:{self.scenario.line or '?'}, profile {self.profile})"
        ]
        if self.error:
            lines.append(f"  error: {self.error}")
        for m in self.mismatches:
            lines.append(f"  {m.path}:")
            lines.append(f"    expected: {show(m.expected)}")
            lines.append(f"    actual:   {show(m.actual)}" + (f"   ({m.message})" if m.message else ""))
        if self.fired:
            lines.append("  rules fired: " + ", ".join(self.fired))
        return "\n".join(lines)


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
    if "trace" not in data:  # a timeline: the rules its items come from
        return sorted(
            {item["rule"] for part in ("deadlines", "amounts", "measures") for item in data.get(part, [])}
        )
    return [e["rule"] for e in data.get("trace", []) if e.get("fired", True)]


def _timeline(engine: Engine, spec: dict[str, Any]) -> tuple[dict[str, Any], list[Mismatch]]:
    """A timeline scenario's status; both evaluators run and must agree."""
    evaluator = spec.get("evaluator", "durable")
    status = engine.timeline(spec["events"], as_of=spec["as_of"], evaluator=evaluator)
    data: dict[str, Any] = status.data()
    other = engine.timeline(
        spec["events"], as_of=spec["as_of"], evaluator="python" if evaluator == "durable" else "durable"
    )
    theirs = other.data()
    ours = {k: v for k, v in data.items() if k != "evaluator"}
    if ours != {k: v for k, v in theirs.items() if k != "evaluator"}:
        return data, [Mismatch("evaluators", "durable and python agree", "they differ")]
    return data, []


def _error_mismatches(exc: EnvrulesError, want_error: Any) -> list[Mismatch]:
    fields = [p.field for p in exc.problems]
    want_field = want_error.get("field") if isinstance(want_error, dict) else None
    want_text = want_error.get("message") if isinstance(want_error, dict) else None
    mism = []
    if want_field and not any(f == want_field or (f or "").startswith(want_field + ".") for f in fields):
        mism.append(Mismatch("error.field", want_field, fields))
    if want_text and not any(
        want_text in p.message or want_text in (p.message_zh or "") for p in exc.problems
    ):
        mism.append(Mismatch("error.message", want_text, [p.message for p in exc.problems]))
    return mism


def run_scenario(
    scenario: Scenario,
    file: str,
    default_profile: str | None,
    engines: EngineCache,
    override_profile: str | None = None,
    lang: str = "en",
) -> Outcome:
    start = time.perf_counter()
    profile = override_profile or scenario.profile or default_profile or (scenario.case or {}).get("profile")
    if not profile:
        return Outcome(
            scenario,
            file,
            None,
            error="no profile: set `profile:` in the file or the scenario, or pass --profile",
        )
    expect = dict(scenario.expect)
    want_error = expect.pop("error", None)
    fired_req = expect.pop("fired", [])
    not_fired = expect.pop("not_fired", [])
    try:
        engine = engines.get(profile, Path(file))
        if scenario.timeline is not None:
            data, mismatches = _timeline(engine, scenario.timeline)
        else:
            data, mismatches = engine.decide(scenario.case or {}).data(), []
    except EnvrulesError as exc:
        expected = isinstance(exc, CaseError) or (
            scenario.timeline is not None and isinstance(exc, TimelineError)
        )
        if want_error is None or not expected:
            return Outcome(scenario, file, profile, error=exc.text(lang), seconds=time.perf_counter() - start)
        return Outcome(
            scenario,
            file,
            profile,
            tuple(_error_mismatches(exc, want_error)),
            seconds=time.perf_counter() - start,
        )
    fired = _fired(data)
    mismatches += compare(expect, data)
    if want_error is not None:
        mismatches.append(Mismatch("error", want_error, "(the case was accepted)"))
    for rule in fired_req:
        if rule not in fired:
            mismatches.append(Mismatch("fired", rule, "(not fired)"))
    for rule in not_fired:
        if rule in fired:
            mismatches.append(Mismatch("not_fired", rule, "(fired)"))
    return Outcome(
        scenario, file, profile, tuple(mismatches), tuple(fired), seconds=time.perf_counter() - start
    )


def iter_outcomes(
    files: Sequence[Path], engines: EngineCache, profile: str | None = None, lang: str = "en"
) -> Iterator[Outcome | RulesetError]:
    for f in files:
        try:
            default, scenarios = load_file(f)
        except RulesetError as exc:
            yield exc
            continue
        for sc in scenarios:
            yield run_scenario(sc, str(f), default, engines, profile, lang)


def write_junit(outcomes: Sequence[Outcome], path: Path) -> None:
    suite = ET.Element(
        "testsuite",
        name="envrules-scenarios",
        tests=str(len(outcomes)),
        failures=str(sum(1 for o in outcomes if o.mismatches)),
        errors=str(sum(1 for o in outcomes if o.error)),
    )
    for o in outcomes:
        case = ET.SubElement(suite, "testcase", classname=o.file, name=o.scenario.id, time=f"{o.seconds:.4f}")
        if o.error:
            ET.SubElement(case, "error", message=o.error.splitlines()[0]).text = o.report()
        elif o.mismatches:
            ET.SubElement(case, "failure", message=f"{len(o.mismatches)} mismatch(es)").text = o.report()
    try:
        ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)
    except OSError as exc:
        raise InputError(
            [
                problem(
                    f"cannot write the JUnit report: {exc.strerror}",
                    f"无法写入 JUnit 报告：{exc.strerror}",
                    where=SourceLocation(str(path)),
                )
            ]
        ) from None


_WORDS = {
    "zh": {
        "pass": "通过",
        "fail": "未通过",
        "bad": "情景文件有误",
        "rulesets": "规则集",
        "summary": "通过{p}个，未通过{f}个",
        "bad_files": "，{n}个文件有误",
        "error": "错误",
        "expected": "期望",
        "actual": "实际",
        "fired": "适用的规则",
    },
    "en": {
        "pass": "PASS",
        "fail": "FAIL",
        "bad": "BAD SCENARIO FILE",
        "rulesets": "rulesets",
        "summary": "{p} passed, {f} failed",
        "bad_files": ", {n} bad file(s)",
        "error": "error",
        "expected": "expected",
        "actual": "actual",
        "fired": "rules fired",
    },
}


def run_paths(
    paths: Sequence[Path],
    *,
    profile: str | None,
    rulesets: Path | None,
    junit_xml: Path | None,
    console: Console,
    quiet: bool = False,
    lang: str = "en",
) -> int:
    """Run scenario files; print a summary; 0 all passed, 1 failures, 2 bad input."""
    w = _WORDS[lang]
    files = find_files(paths)
    engines = EngineCache(rulesets)
    outcomes: list[Outcome] = []
    bad_files: list[RulesetError] = []
    for item in iter_outcomes(files, engines, profile, lang):
        if isinstance(item, RulesetError):
            bad_files.append(item)
            continue
        outcomes.append(item)
        if not item.passed:
            _print_failure(console, item, w)
        elif not quiet:
            console.print(f"[green]{w['pass']}[/] ", end="", highlight=False)
            console.print(item.name, markup=False, highlight=False)
    if junit_xml is not None:
        write_junit(outcomes, junit_xml)
    for exc in bad_files:
        console.print(f"[bold red]{w['bad']}[/]", highlight=False)
        console.print(exc.text(lang), markup=False)
    failed = [o for o in outcomes if not o.passed]
    for root in sorted(engines.roots_used):
        console.print(f"{w['rulesets']}: {root}", markup=False, highlight=False)
    colour = "green" if not failed and not bad_files else "red"
    summary = w["summary"].format(p=len(outcomes) - len(failed), f=len(failed))
    if bad_files:
        summary += w["bad_files"].format(n=len(bad_files))
    console.print(f"[{colour}]{summary}[/]", highlight=False)
    if bad_files:
        return 2
    return 1 if failed else 0


def _print_failure(console: Console, o: Outcome, w: dict[str, str]) -> None:
    console.print(f"[bold red]{w['fail']}[/] ", end="", highlight=False)
    console.print(f"{o.name}  ({o.file}:{o.scenario.line or '?'})", markup=False)
    if o.scenario.title:
        console.print(f"     {o.scenario.title}", markup=False)
    if o.error:
        console.print(f"     {w['error']}: {o.error}", markup=False)
    for m in o.mismatches:
        # expected and actual one above the other, never truncated
        console.print(f"     {m.path}:", style="bold", markup=False)
        console.print(f"       {w['expected']}: {show(m.expected)}", markup=False)
        console.print(
            f"       {w['actual']}:   {show(m.actual)}" + (f"   ({m.message})" if m.message else ""),
            markup=False,
        )
    if o.fired:
        console.print(f"     {w['fired']}: " + ", ".join(o.fired), markup=False)
