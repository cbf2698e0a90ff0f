"""Measure ``envrules batch`` (JSONL, CSV, Parquet) and the service.

    .venv/bin/python benchmarks/bench_batch.py [--rows 100000] [--requests 3000]

Batch: generates ROWS rows (valid cases from the shipped hypothesis strategies,
fixed seed, cycled with distinct ids; 2 % bad rows), writes them as JSONL, CSV
and Parquet, and runs ``envrules batch`` on each in a fresh process: rows/s
and the peak resident memory (RSS) of that process. A second JSONL run at four
times the rows shows whether memory grows with the file.

Service: starts ``envrules serve`` on a free loopback port and sends REQUESTS
``POST /v1/decisions`` from a small asyncio client with 16 connections
(a minimal keep-alive HTTP/1.1 client, bounded in count and time): requests/s
and latency percentiles.
docs/performance.md records the figures."""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import envrules

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_decide import generate

ROOT = Path(__file__).resolve().parents[1]
PROFILE = "hebei/langfang"


def flat(case: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in case.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        elif isinstance(value, list):
            objects = any(isinstance(v, dict) for v in value)
            out[prefix + key] = json.dumps(value) if objects else ";".join(map(str, value))
        elif isinstance(value, bool):
            out[prefix + key] = "true" if value else "false"
        elif value is not None:
            out[prefix + key] = str(value)
    return out


def rows_of(valid: list[dict[str, Any]], n: int) -> list[dict[str, Any] | None]:
    rows: list[dict[str, Any] | None] = []
    for i in range(n):
        if i % 50 == 7:
            rows.append(None)  # a bad row
            continue
        case = dict(valid[i % len(valid)])
        case["id"] = f"B-{i}"
        rows.append(case)
    return rows


def write_inputs(rows: list[dict[str, Any] | None], folder: Path) -> dict[str, Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    jsonl = folder / "cases.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for case in rows:
            f.write(("{bad" if case is None else json.dumps(case, ensure_ascii=False)) + "\n")
    flats = [{"violation.units": "many"} if c is None else flat(c) for c in rows]
    columns = sorted({k for r in flats for k in r})
    with (folder / "cases.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, columns)
        w.writeheader()
        w.writerows(flats)
    pq.write_table(pa.table({c: [r.get(c) for r in flats] for c in columns}), folder / "cases.parquet")
    return {"jsonl": jsonl, "csv": folder / "cases.csv", "parquet": folder / "cases.parquet"}


_MEASURE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " r.returncode); print(r.stderr.strip().splitlines()[-1], file=sys.stderr)"
)


def run_batch(src: Path, out: Path, jobs: int = 1) -> tuple[float, int, str]:
    cmd = [
        sys.executable,
        "-c",
        _MEASURE,
        str(ROOT / ".venv" / "bin" / "envrules"),
        "batch",
        str(src),
        "-p",
        PROFILE,
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "--lang",
        "en",
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds, rss_kb, code = r.stdout.split()
    assert code == "1", r.stderr  # the bad rows fail
    return float(seconds), int(rss_kb) // 1024, r.stderr.strip()


def bench_batch(n: int, valid: list[dict[str, Any]]) -> None:
    print(f"\nbatch: {n:,} rows ({n // 50:,} bad), profile {PROFILE}, one process unless noted")
    print("| input → output | rows/s | seconds | peak RSS |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = write_inputs(rows_of(valid, n), folder)
        for src, dst, jobs in (
            ("jsonl", "jsonl", 1),
            ("csv", "csv", 1),
            ("parquet", "parquet", 1),
            ("jsonl", "csv", 2),
        ):
            seconds, rss, _ = run_batch(inputs[src], folder / f"out.{dst}", jobs)
            label = f"{src} → {dst}" + (f" (--jobs {jobs})" if jobs > 1 else "")
            print(f"| {label} | {n / seconds:,.0f} | {seconds:.1f} | {rss} MiB |", flush=True)
        big = folder / "big.jsonl"
        with big.open("w", encoding="utf-8") as f:
            for _ in range(4):
                f.write(inputs["jsonl"].read_text(encoding="utf-8"))
        seconds, rss, _ = run_batch(big, folder / "big.out.jsonl")
        print(f"| jsonl → jsonl, {4 * n:,} rows | {4 * n / seconds:,.0f} | {seconds:.1f} | {rss} MiB |")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _connection(port: int, bodies: list[bytes], latencies: list[float], deadline: float) -> None:
    """One keep-alive HTTP/1.1 connection sending its share of the requests."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for body in bodies:
            if time.perf_counter() > deadline:
                return
            t = time.perf_counter()
            writer.write(
                b"POST /v1/decisions HTTP/1.1\r\nHost: bench\r\nContent-Type: "
                b"application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body
            )
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(
                int(line[15:]) for line in head.split(b"\r\n") if line[:15].lower() == b"content-length:"
            )
            await reader.readexactly(length)
            assert head[9:12] == b"200", head
            latencies.append(time.perf_counter() - t)
    finally:
        writer.close()


async def load(port: int, bodies: list[bytes], connections: int, limit_s: float) -> list[float]:
    """Send every body (or stop at the time limit) over ``connections`` connections: a
    minimal client, so that the load generator takes little of the machine's CPU."""
    latencies: list[float] = []
    deadline = time.perf_counter() + limit_s
    await asyncio.gather(
        *(_connection(port, bodies[i::connections], latencies, deadline) for i in range(connections))
    )
    return latencies


def bench_service(requests: int, valid: list[dict[str, Any]], workers: int) -> None:
    import httpx

    port = free_port()
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "envrules"),
            "serve",
            "--port",
            str(port),
            "--profile",
            PROFILE,
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        bodies = [json.dumps(valid[i % len(valid)]).encode() for i in range(requests)]
        asyncio.run(load(port, bodies[:200], 16, 30))  # warm up
        t = time.perf_counter()
        lat = asyncio.run(load(port, bodies, 16, 120))
        seconds = time.perf_counter() - t
        lat.sort()
        print(
            f"| {workers} | {len(lat) / seconds:,.0f} | {statistics.median(lat) * 1000:.1f} ms | "
            f"{lat[int(len(lat) * 0.99) - 1] * 1000:.1f} ms |",
            flush=True,
        )
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=3_000)
    ap.add_argument("--skip-service", action="store_true")
    args = ap.parse_args()
    engine = envrules.load(PROFILE)
    valid = [json.loads(json.dumps(c, default=str)) for c in generate(engine, 2000)]
    print(
        f"envrules {envrules.__version__} · Python {platform.python_version()} · "
        f"{platform.machine()} · {os.cpu_count()} cores · {len(valid)} distinct generated cases"
    )
    bench_batch(args.rows, valid)
    if not args.skip_service:
        print(
            f"\nservice: POST /v1/decisions, {args.requests:,} requests, 16 connections, "
            "client on the same machine"
        )
        print("| --workers | requests/s | median latency | p99 latency |")
        print("|---|---|---|---|")
        for workers in (1, 2):
            bench_service(args.requests, valid, workers)


if __name__ == "__main__":
    main()
