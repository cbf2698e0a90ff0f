"""Fuzz envrules as a hostile case-management feed and as careless ruleset
edits would (``make fuzz``; a bounded slice runs in the test suite):

    python -m envrules.testing.fuzz --cases 1000000 --rulesets 10000 --jobs 2

Cases: valid cases of every shipped profile (its scenario cases and cases
generated from its own kinds and regions) mutated one to four times —
hostile values, near misses, deletions, grafts, deep nesting. Rulesets:
profiles generated from scratch (valid: they must load, decide within caps
and decide the same with both evaluators) and such profiles, or shipped
files, after careless edits (they must load or say where they are wrong).

Every outcome must be a decision within its caps and the penalty method's
invariants, or a typed envrules error naming its field or file:line in both
languages, within one second. Anything else is a finding; the run prints
the counts and exits 1 if there is any. Deterministic for a given seed."""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from .. import Engine, load
from ..rulesets import default_source, selectable_profiles
from ._fuzz.check import Finding, check_case, check_ruleset
from ._fuzz.choices import RandomChoices
from ._fuzz.generate import case_for, ruleset_files
from ._fuzz.mutate import harvest, mutate_case, mutate_text

__all__ = ["Report", "fuzz_cases", "fuzz_rulesets", "main"]


@attrs.define
class Report:
    """Counts of one fuzz run and what it found."""

    cases: int = 0
    decided: int = 0
    refused: int = 0
    rulesets: int = 0
    loaded: int = 0
    seconds: float = 0.0
    findings: list[Finding] = attrs.Factory(list)

    def add(self, other: Report) -> None:
        for name in ("cases", "decided", "refused", "rulesets", "loaded", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.findings.extend(other.findings)

    def summary(self) -> dict[str, Any]:
        kinds = Counter(f.what for f in self.findings)
        return {
            "cases": self.cases,
            "decided": self.decided,
            "refused_with_typed_error": self.refused,
            "rulesets": self.rulesets,
            "rulesets_loaded": self.loaded,
            "findings": dict(sorted(kinds.items())),
            "cpu_seconds": round(self.seconds, 1),
        }


def _scenario_cases(root: Path, profile: str) -> list[dict[str, Any]]:
    from ..tools.scenarios.model import load_file

    out = []
    for path in sorted(root.rglob("*.scenarios.yaml")):
        try:
            declared, scenarios = load_file(path)
        except Exception:  # a broken scenario file is the scenario runner's business
            continue
        out += [s.case for s in scenarios if (s.profile or declared) == profile and s.case]
    return out


def seeds(engine: Engine, root: Path | None, ch: RandomChoices, n: int) -> list[dict[str, Any]]:
    """Valid cases to mutate: the profile's scenario cases and generated ones."""
    plan = engine.plan
    counties = sorted(r for r, info in plan.regions.items() if info.level == "county")
    kinds = sorted(plan.kinds)
    corpus = _scenario_cases(root, plan.profile) if root is not None else []
    if kinds:
        corpus += [case_for(ch, kinds, counties) for _ in range(n)]
    return corpus


def fuzz_cases(profile: str, n: int, seed: int, rulesets: str | None = None) -> Report:
    """``n`` mutated cases against one profile."""
    report = Report()
    started = time.process_time()
    engine = load(profile, rulesets)
    ch = RandomChoices(random.Random(f"cases:{profile}:{seed}"))
    root = Path(rulesets) if rulesets else _checkout()
    corpus = seeds(engine, root, ch, 200)
    seen = harvest(corpus)
    for _ in range(n):
        case = mutate_case(ch, ch.choice(corpus), seen, corpus) if ch.integer(0, 9) else ch.choice(corpus)
        report.cases += 1
        decided, finding = check_case(engine, case)
        report.decided += decided
        report.refused += not decided and finding is None
        if finding is not None:
            report.findings.append(finding)
    report.seconds = time.process_time() - started
    return report


def _cases_for(ch: RandomChoices, n: int) -> Any:
    def make(engine: Engine) -> list[Any]:
        plan = engine.plan
        kinds = sorted(plan.kinds) or ["none"]
        counties = sorted(r for r, info in plan.regions.items() if info.level == "county")
        return [case_for(ch, kinds, counties) for _ in range(n)]

    return make


def _shipped_files(source: Any) -> list[tuple[str, str]]:
    return [
        (p, source.read(p))
        for p in source.paths()
        if p.startswith("national/") and not p.endswith(".scenarios.yaml")
    ]


def fuzz_rulesets(n: int, seed: int) -> Report:
    """``n`` generated or mutated rulesets, each loaded and (if it loads) decided."""
    report = Report()
    started = time.process_time()
    ch = RandomChoices(random.Random(f"rulesets:{seed}"))
    shipped = _shipped_files(default_source())
    profile_text = dict(shipped).get("national/profile.yaml", "title: {zh: 国家, en: national}\n")
    for i in range(n):
        how = ch.integer(0, 9)
        if how <= 3 or not shipped:  # a generated profile, then perhaps edited
            files = ruleset_files(ch)
            if how >= 2:
                path = ch.choice(sorted(files))
                files[path] = mutate_text(ch, files[path])
        else:  # a shipped national file, edited, on the national profile file
            path, text = ch.choice(shipped)
            files = {"national/profile.yaml": profile_text, path: mutate_text(ch, text)}
        report.rulesets += 1
        engine, found = check_ruleset(files, "national", _cases_for(ch, 5))
        report.findings.extend(found)
        if engine is not None:
            report.loaded += 1
            report.cases += 5
            if how <= 1 and i % 10 == 0:
                report.findings.extend(_agree(engine, _cases_for(ch, 10)(engine)))
        elif how <= 1 and not found:
            report.findings.append(Finding("refused_valid", "a generated profile did not load", files))
    report.seconds = time.process_time() - started
    return report


def _agree(engine: Engine, cases: Iterable[Any]) -> list[Finding]:
    """The durable-rules evaluator decides generated cases as the compiled one."""
    from .. import EnvrulesError

    durable = engine.with_evaluator("durable")
    out = []
    for case in cases:
        try:
            a = dict(engine.decide(case).data())
            b = dict(durable.decide(case).data())
        except EnvrulesError:
            continue
        a.pop("evaluator"), b.pop("evaluator")
        if a != b:
            out.append(Finding("evaluators_disagree", "compiled and durable differ", case))
    return out


def _checkout() -> Path | None:
    here = Path(__file__).resolve().parents[3] / "rulesets"
    return here if here.is_dir() else None


def _job(task: tuple[str, str, int, int]) -> Report:
    what, profile, n, seed = task
    return fuzz_cases(profile, n, seed) if what == "cases" else fuzz_rulesets(n, seed)


def _tasks(
    cases: int, rulesets: int, seed: int, profiles: Sequence[str], chunk: int
) -> list[tuple[str, str, int, int]]:
    tasks = []
    per = -(-cases // len(profiles)) if profiles else 0
    for p in profiles:
        for k, start in enumerate(range(0, per, chunk)):
            tasks.append(("cases", p, min(chunk, per - start), seed * 1000 + k))
    for k, start in enumerate(range(0, rulesets, max(1, chunk // 50))):
        tasks.append(("rulesets", "", min(chunk // 50, rulesets - start), seed * 1000 + k))
    return tasks


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m envrules.testing.fuzz",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--cases", type=int, default=20_000)
    ap.add_argument("--rulesets", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--report", type=Path, help="write the counts and findings as JSON here")
    args = ap.parse_args(argv)
    profiles = [name for name, _ in selectable_profiles(default_source())]
    tasks = _tasks(args.cases, args.rulesets, args.seed, profiles, chunk=5000)
    total = Report()
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for report in pool.map(_job, tasks):
            total.add(report)
    summary = {
        **total.summary(),
        "wall_seconds": round(time.perf_counter() - started, 1),
        "seed": args.seed,
        "profiles": profiles,
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    for f in total.findings[:20]:
        shown = json.dumps(f.input, ensure_ascii=False, default=str)[:500]
        print(f"\n[{f.what}] {f.detail}\n  input: {shown}")
    if args.report:
        args.report.write_text(
            json.dumps(
                {**summary, "findings_detail": [attrs.asdict(f) for f in total.findings]},
                ensure_ascii=False,
                default=str,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 1 if total.findings else 0


if __name__ == "__main__":
    sys.exit(main())
