"""Measure envrules beside its peers, in one run (``make bench``).

    .venv/bin/python benchmarks/bench_decide.py [--profile hebei/langfang] [--cases 5000]

Part 1, envrules on a shipped profile: decide(dict), decide_many full
decisions (trace built on demand), decide_many lean results, to_json, the p99
of a single decide(dict), with the compiled evaluator.

Part 2, one 60-rule first-hit decision table (10 matters × 6 counties) run by
envrules (compiled and durable-rules evaluators), zen-engine's evaluate_batch
(if installed) and generated Python (the floor), interleaved: each round runs
every peer once, the best round of each is reported with its ratio to zen.

Part 3, start-up in fresh processes, from bytecode: ``import envrules``, the
dependencies' own import (pydantic and its first model, attrs: the floor any
load pays), and ``load()`` of every shipped profile cold (no plan cache) and
warm (cache filled).

Times are CPU time of this process (time.process_time), best of several
rounds, so that other work on the machine disturbs them less. Cases are
generated once from the shipped strategies with a fixed seed."""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, given, seed, settings

import envrules
from envrules import Case
from envrules.rulesets import DirectorySource, InMemorySource, selectable_profiles
from envrules.testing import strategies as ers

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
RUNS = 5  # fresh processes per start-up figure (the best is reported)


def generate(engine: envrules.Engine, n: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    @seed(20261125)
    @settings(max_examples=n, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(ers.case_dicts(engine))
    def collect(case: dict[str, Any]) -> None:
        out.append(case)

    collect()
    valid = []
    for case in out:
        try:
            engine.validate(case)
            valid.append(case)
        except envrules.CaseError:
            pass
    return valid


def best(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        gc.collect()
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def drain(items: Iterable[object]) -> None:
    deque(items, maxlen=0)


def row(label: str, n: int, seconds: float, ratio: str = "") -> None:
    print(f"  {label:<44} {n / seconds:>12,.0f}/s {seconds / n * 1e6:>10.1f} µs  {ratio}")


# --------------------------------------------------------------------------- part 1


def part1(profile: str, n: int, rounds: int) -> None:
    engine = envrules.load(profile, ROOT / "rulesets")
    cases = generate(engine, n)
    objects = [engine.validate(c) for c in cases]
    n = len(cases)
    print(
        f"\n1. envrules on {profile}: {n} generated cases, {len(engine.plan.conditions)} "
        "conditions, compiled evaluator"
    )
    row("decide(dict)", n, best(lambda: drain(engine.decide(c) for c in cases), rounds))
    row("decide_many(Case) — full decisions", n, best(lambda: drain(engine.decide_many(objects)), rounds))
    row(
        "decide_many(Case, lean=True)", n, best(lambda: drain(engine.decide_many(objects, lean=True)), rounds)
    )
    # the floors under those figures: what the dependencies alone take for the
    # same work (pydantic validating the case dicts, orjson writing the JSON)
    row(
        "  floor: Case.model_validate(dict) alone",
        n,
        best(lambda: drain(map(Case.model_validate, cases)), rounds),
    )
    decided = list(engine.decide_many(objects))
    row(
        "to_json of a fresh decision",
        n,
        best(lambda: drain(envrules.Decision(d.result).to_json() for d in decided), rounds),
    )
    data = [d.data() for d in decided]
    row(
        "  floor: orjson.dumps(data).decode() alone",
        n,
        best(lambda: drain(orjson.dumps(x, option=orjson.OPT_INDENT_2).decode() for x in data), rounds),
    )
    single = []
    for c in cases:
        t0 = time.perf_counter()
        engine.decide(c)
        single.append(time.perf_counter() - t0)
    single.sort()
    print(
        f"  {'decide(dict) single call, wall':<44} p50 {statistics.median(single) * 1e6:.0f} µs, "
        f"p99 {single[int(len(single) * 0.99)] * 1e6:.0f} µs"
    )


# --------------------------------------------------------------------------- part 2

MATTERS, COUNTIES = 10, 6


def table_source() -> InMemorySource:
    rules = []
    for m in range(MATTERS):
        for c in range(COUNTIES):
            rules.append(
                f"      - id: bench.r{m}_{c}\n"
                f"        title: {{zh: 规则{m}-{c}, en: rule {m}-{c}}}\n"
                f"        when: {{matter: m{m}, region.county: bench.c{c}}}\n"
                f"        then: {{department: bench.d{m}_{c}}}\n"
                f"        basis: {{law: 基准测试, article: 第{m + 1}条}}\n"
                f"        effective_from: 2020-01-01\n"
            )
    regions = "\n".join(
        f"  - {{id: bench.c{c}, name: 县{c}, level: county, parent: bench}}" for c in range(COUNTIES)
    )
    matters = "\n".join(f"  - {{id: m{m}, title: {{zh: 事项{m}, en: matter {m}}}}}" for m in range(MATTERS))
    return InMemorySource(
        {
            "national/profile.yaml": "title: {zh: 国家, en: national}\nselectable: false\n",
            "bench/profile.yaml": (
                "title: {zh: 基准, en: bench}\nregions:\n  - {id: bench, name: 市, level: city}\n"
                f"{regions}\nmatters:\n{matters}\n"
            ),
            "bench/table.yaml": (
                "tables:\n  - id: bench.departments\n    title: {zh: 部门, en: departments}\n"
                "    decides: department\n    hit_policy: first\n    rules:\n" + "".join(rules)
            ),
        }
    )


def jdm() -> dict[str, Any]:
    rules = [
        {"_id": f"r{m}_{c}", "i1": f'"m{m}"', "i2": f'"bench.c{c}"', "o1": f'"bench.d{m}_{c}"'}
        for m in range(MATTERS)
        for c in range(COUNTIES)
    ]
    return {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 0}},
            {
                "id": "t",
                "type": "decisionTableNode",
                "name": "departments",
                "position": {"x": 0, "y": 0},
                "content": {
                    "hitPolicy": "first",
                    "inputs": [
                        {"id": "i1", "name": "matter", "field": "matter"},
                        {"id": "i2", "name": "county", "field": "county"},
                    ],
                    "outputs": [{"id": "o1", "name": "department", "field": "department"}],
                    "rules": rules,
                },
            },
            {"id": "out", "type": "outputNode", "name": "response", "position": {"x": 0, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "t", "type": "edge"},
            {"id": "e2", "sourceId": "t", "targetId": "out", "type": "edge"},
        ],
    }


def generated_python() -> Callable[[str, str], str | None]:
    lines = ["def decide(matter, county):"]
    for m in range(MATTERS):
        for c in range(COUNTIES):
            lines.append(f"    if matter == 'm{m}' and county == 'bench.c{c}': return 'bench.d{m}_{c}'")
    lines.append("    return None")
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), namespace)  # generated here from integers
    function: Callable[[str, str], str | None] = namespace["decide"]
    return function


def part2(n: int, rounds: int) -> None:
    import random

    rnd = random.Random(7)
    inputs = [(f"m{rnd.randrange(MATTERS)}", f"bench.c{rnd.randrange(COUNTIES)}") for _ in range(n)]
    engine = envrules.load("bench", table_source(), cache=False)
    durable = engine.with_evaluator("durable")
    cases = [
        envrules.Case.model_validate({"decided_on": "2026-11-25", "matter": m, "region": {"county": c}})
        for m, c in inputs
    ]
    check = engine.decide(cases[0]).data()["departments"][0]["department"]
    floor = generated_python()
    assert floor(*inputs[0]) == check
    peers: dict[str, Callable[[], object]] = {
        "generated Python (floor)": lambda: drain(floor(m, c) for m, c in inputs),
        "envrules decide_many lean (compiled)": lambda: drain(engine.decide_many(cases, lean=True)),
        "envrules decide_many full (compiled)": lambda: drain(engine.decide_many(cases)),
    }
    durable_cases = cases[: max(1, n // 20)]
    try:
        import zen

        zen_engine = zen.ZenEngine({"loader": {"type": "static", "content": {"departments": jdm()}}})
        requests = [{"key": "departments", "context": {"matter": m, "county": c}} for m, c in inputs]
        answer = zen_engine.evaluate_batch(requests[:1])[0]["data"]["result"]["department"]
        assert answer == check, (answer, check)
        peers["zen-engine evaluate_batch"] = lambda: zen_engine.evaluate_batch(requests)
    except ImportError:
        print("  (zen-engine is not installed: pip install zen-engine)")
    times = {name: [] for name in peers}
    for _ in range(rounds):  # interleaved: every peer once per round
        for name, fn in peers.items():
            times[name].append(best(fn, 1))
    durable_time = best(lambda: drain(durable.decide_many(durable_cases, lean=True)), 2)
    zen_time = min(times["zen-engine evaluate_batch"]) if "zen-engine evaluate_batch" in times else None
    print(f"\n2. one 60-rule first-hit table, {n} cases, peers interleaved ({rounds} rounds)")
    for name, ts in times.items():
        ratio = f"{zen_time / min(ts):.2f}× zen" if zen_time else ""
        row(name, n, min(ts), ratio)
    row(
        "envrules decide_many lean (durable-rules)",
        len(durable_cases),
        durable_time,
        f"{zen_time / (durable_time / len(durable_cases) * n):.2f}× zen" if zen_time else "",
    )


# --------------------------------------------------------------------------- part 3


def _seconds(code: str, env: dict[str, str]) -> float:
    runs = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run([PYTHON, "-c", code], check=True, env=env, capture_output=True)
        runs.append(time.perf_counter() - t0)
    return min(runs)


def _inside(code: str, env: dict[str, str]) -> float:
    """The time a statement takes inside a fresh process (best of RUNS)."""
    runs = []
    for _ in range(RUNS):
        out = subprocess.run([PYTHON, "-c", code], check=True, env=env, capture_output=True, text=True).stdout
        runs.append(float(out.strip().splitlines()[-1]))
    return min(runs)


def part3() -> None:
    # an installed package runs from bytecode; a checkout whose shell sets
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module on each start
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "src" / "envrules")], check=True, env=env)
    baseline = _seconds("pass", env)
    imported = _seconds("import envrules", env)
    print(f"\n3. start-up, fresh processes (best of {RUNS})")
    print(f"  {'import envrules (process − bare python)':<44} {(imported - baseline) * 1000:>8.0f} ms")
    # the yardstick: what a load pays for its dependencies alone (pydantic's import
    # and first model, attrs) on this machine, in the same kind of fresh process
    floor = _seconds("import attrs, pydantic\nclass A(pydantic.BaseModel):\n    x: int", env)
    print(f"  {'yardstick: import pydantic + attrs, one model':<44} {(floor - baseline) * 1000:>8.0f} ms")
    with tempfile.TemporaryDirectory() as cache:
        env = {**env, "ENVRULES_CACHE_DIR": cache}
        profiles = [name for name, _ in selectable_profiles(DirectorySource(ROOT / "rulesets"))]
        for profile in profiles:
            timed = (
                "import time, envrules; t = time.perf_counter(); "
                f"envrules.load({profile!r}, {str(ROOT / 'rulesets')!r}, cache={{}}); "
                "print(time.perf_counter() - t)"
            )
            cold = _inside(timed.format("False"), env)
            _inside(timed.format("True"), env)  # fill the cache
            warm = _inside(timed.format("True"), env)
            print(
                f"  {'load ' + profile:<44} cold {cold * 1000:>6.0f} ms   warm-cache {warm * 1000:>6.0f} ms"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--profile", default="hebei/langfang")
    ap.add_argument("--cases", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--skip-startup", action="store_true")
    args = ap.parse_args()
    print(
        f"envrules {envrules.__version__} · Python {platform.python_version()} · "
        f"{platform.machine()} · {os.cpu_count()} CPUs"
    )
    part1(args.profile, args.cases, args.rounds)
    part2(args.cases, args.rounds)
    if not args.skip_startup:
        part3()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
