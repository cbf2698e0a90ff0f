"""Measure the case timeline: evaluations per second of a 12-event case with
the durable-rules evaluator and the Python oracle, what durable-rules' state
costs (registering the ruleset, one live session), and RSS over many
evaluations (sessions are deleted after each: it must stay flat).

    make bench                          # or
    .venv/bin/python benchmarks/bench_timeline.py [--evaluations 100000]

Prints one table; docs/performance.md records the figures."""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

import envrules
from envrules.evaluate import durable_host
from envrules.timeline import rules_for

ROOT = Path(__file__).resolve().parents[1]

CASE: list[dict[str, Any]] = [
    {"type": "act", "date": "2025-02-20", "kind": "air.excess_emission", "continuing": True},
    {"type": "found", "date": "2025-03-01"},
    {"type": "filed", "date": "2025-03-02"},
    {"type": "order_to_correct", "date": "2025-03-03"},
    {"type": "penalty_notice", "date": "2025-03-05"},
    {"type": "decision_served", "date": "2025-03-20", "fine": "100000"},
    {"type": "reinspection", "date": "2025-03-28", "result": "continuing"},
    {"type": "order_to_correct", "date": "2025-03-29"},
    {"type": "review_filed", "date": "2025-04-15"},
    {"type": "seal_up", "date": "2025-04-20", "days": 30, "halts_discharge": True},
    {"type": "review_ended", "date": "2025-05-15"},
    {"type": "demand_served", "date": "2025-10-09"},
]
AS_OF = "2025-12-01"


def rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 1e6
    except OSError:  # pragma: no cover (not Linux)
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def rate(engine: envrules.Engine, evaluator: str, n: int, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(n):
            engine.timeline(CASE, as_of=AS_OF, evaluator=evaluator)
        best = min(best, time.perf_counter() - t0)
    return n / best


def state_cost(engine: envrules.Engine, sessions: int = 50) -> tuple[float, float]:
    """(MB to register the ruleset, KB per live session): the sessions of
    ``sessions`` evaluations are kept alive (deletion suspended), measured,
    then deleted."""
    before = rss_mb()
    name = rules_for(engine.plan).durable()._ruleset
    registered = rss_mb() - before
    host = durable_host.host()
    kept: list[str] = []
    delete = host.delete_state
    host.delete_state = lambda ruleset, sid: kept.append(sid)  # suspended while measuring
    try:
        start = rss_mb()
        for _ in range(sessions):
            engine.timeline(CASE, as_of=AS_OF)
        live = rss_mb() - start
    finally:
        host.delete_state = delete
        for sid in kept:
            host.delete_state(name, sid)
    return registered, live * 1e3 / sessions


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--evaluations", type=int, default=100_000, help="for the RSS run")
    ap.add_argument("--timed", type=int, default=1_000)
    args = ap.parse_args()
    engine = envrules.load("national", ROOT / "rulesets")
    engine.timeline(CASE, as_of=AS_OF)  # registers the ruleset; warms caches
    tp = engine.plan.timeline
    assert tp is not None
    durable = rules_for(engine.plan).durable()
    rows = len(tp.deadlines) + len(tp.daily) + len(tp.surcharges) + len(tp.measures)
    print(
        f"envrules {envrules.__version__} · Python {platform.python_version()} · "
        f"{platform.machine()} · profile national · {len(CASE)}-event case · "
        f"{len(durable.rules)} durable rules from {rows} timeline rows"
    )
    print(f"{'evaluator':<10} {'evaluations/s':>14} {'ms/evaluation':>14}")
    for name in ("durable", "python"):
        r = rate(engine, name, args.timed if name == "durable" else args.timed * 5)
        print(f"{name:<10} {r:>14,.0f} {1e3 / r:>14.2f}")
    registered, per_session = state_cost(envrules.load("national", ROOT / "rulesets", cache=False))
    print(
        f"durable state: registering the ruleset ≈ {registered:.1f} MB RSS; "
        f"a live session of this case ≈ {per_session:.0f} KB (deleted after each evaluation)"
    )
    rulesets_before = durable_host.registered()
    marks = sorted(
        m for m in {0, 1_000, 10_000, args.evaluations // 2, args.evaluations} if m <= args.evaluations
    )
    t0 = time.perf_counter()
    done = 0
    for mark in marks:
        while done < mark:
            engine.timeline(CASE, as_of=AS_OF)
            done += 1
        print(
            f"  after {done:>7,} durable evaluations: RSS {rss_mb():7.1f} MB, "
            f"rulesets registered {durable_host.registered()} (before: {rulesets_before}), "
            f"{time.perf_counter() - t0:6.0f} s"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
