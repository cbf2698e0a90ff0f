"""Measure envrules: load time, decide() and decide_many() throughput, for the
compiled and the durable-rules evaluators, on generated valid cases.

    make bench                       # or
    .venv/bin/python benchmarks/bench_decide.py [--profile hebei/langfang] [--cases 20000]

Prints one table; docs/performance.md records the figures. Cases are generated
once (hypothesis strategies, fixed seed) and validated before timing, so the
decide() figure includes validation of a dict case and decide_many() is fed
already-validated Case objects (as a batch caller holding Cases would)."""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections import deque
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, seed, settings

import envrules
from envrules.testing import strategies as ers

ROOT = Path(__file__).resolve().parents[1]


def generate(engine: envrules.Engine, n: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    @seed(20261125)
    @settings(max_examples=n, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
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


def best_of(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--profile", default="hebei/langfang")
    ap.add_argument("--cases", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        engine = envrules.load(args.profile, ROOT / "rulesets")
        loads.append(time.perf_counter() - t0)
    cases = generate(engine, args.cases)
    objects = [engine.validate(c) for c in cases]
    n = len(cases)
    print(f"envrules {envrules.__version__} · Python {platform.python_version()} · "
          f"{platform.machine()} · profile {args.profile} · {n} generated cases · "
          f"{len(engine.plan.conditions)} conditions")
    print(f"load + compile: median {statistics.median(loads) * 1000:.1f} ms "
          f"(min {min(loads) * 1000:.1f} ms, 5 runs)")
    print(f"{'evaluator':<10} {'call':<34} {'decisions/s':>12} {'µs/decision':>12}")
    for name in ("compiled", "durable"):
        eng = engine.with_evaluator(name)
        sample = cases if name == "compiled" else cases[: max(1, n // 5)]
        objs = objects if name == "compiled" else objects[: len(sample)]
        t = best_of(lambda e=eng, s=sample: deque((e.decide(c) for c in s), maxlen=0),
                    args.repeat)
        print(f"{name:<10} {'decide(dict)':<34} {len(sample) / t:>12,.0f} "
              f"{t / len(sample) * 1e6:>12.1f}")
        # decide_many streams: decisions are consumed, not kept (as a batch writer would)
        t = best_of(lambda e=eng, o=objs: deque(e.decide_many(o), maxlen=0), args.repeat)
        print(f"{name:<10} {'decide_many(Case objects)':<34} {len(objs) / t:>12,.0f} "
              f"{t / len(objs) * 1e6:>12.1f}")
        t = best_of(lambda e=eng, o=objs: deque((d.to_json() for d in e.decide_many(o)),
                                                  maxlen=0), 1)
        print(f"{name:<10} {'decide_many + to_json':<34} {len(objs) / t:>12,.0f} "
              f"{t / len(objs) * 1e6:>12.1f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
