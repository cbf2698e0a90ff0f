"""Decide a file of cases into a file of results, streaming: one output row
per input row, in order, with ``jobs`` worker processes deciding chunks."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing
from itertools import islice
from pathlib import Path
from typing import Any

import attrs

from ... import Engine, load
from ...core.errors import EnvrulesError, InputError, SourceLocation, problem
from ...core.limits import DEFAULT_LIMITS, Limits
from . import records
from .readers import READERS, Progress, Row
from .writers import WRITERS, AtomicOutput

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
CHUNK = 500


@attrs.frozen
class Summary:
    rows: int
    decided: int
    failed: int
    seconds: float


def format_of(path: Path, given: str | None, shown: str) -> str:
    if given:
        return given
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            [
                problem(
                    f"cannot tell the format from {path.suffix or 'no extension'!r}: name the file "
                    ".jsonl, .csv or .parquet, or give the format",
                    f"无法从扩展名{path.suffix or '（无）'!r}判断格式："
                    "请使用 .jsonl、.csv 或 .parquet，或指定格式",
                    where=SourceLocation(shown),
                )
            ]
        )
    return fmt


@attrs.frozen
class Job:
    """What each chunk is decided with (sent once to each worker process)."""

    profile: str
    rulesets: str | None
    lang: str
    full: bool
    evaluator: str = "compiled"


_ENGINE: dict[str, Engine] = {}


def _engine(job: Job) -> Engine:
    engine = _ENGINE.get(job.profile)
    if engine is None:
        engine = _ENGINE[job.profile] = load(job.profile, job.rulesets, evaluator=job.evaluator)
    return engine


def decide_chunk(job: Job, chunk: list[Row]) -> list[dict[str, Any]]:
    """The records of a chunk of rows (run in a worker, or in this process)."""
    engine = _engine(job)
    out = []
    for row, data in chunk:
        cid = data.get("id") if isinstance(data, dict) else None
        if isinstance(data, EnvrulesError):
            out.append(records.failed(row, data, job.lang, cid, job.full))
            continue
        try:
            out.append(records.decided(row, engine.decide(data), job.full))
        except EnvrulesError as exc:
            out.append(records.failed(row, exc, job.lang, cid, job.full))
    return out


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    it = iter(rows)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def _decided(job: Job, rows: Iterable[Row], jobs: int) -> Iterator[list[dict[str, Any]]]:
    """Records chunk by chunk, in input order; at most 2×jobs chunks in flight."""
    if jobs <= 1:
        for chunk in _chunks(rows):
            yield decide_chunk(job, chunk)
        return
    with ProcessPoolExecutor(jobs, initializer=_engine, initargs=(job,)) as pool:
        pending: deque[Future[list[dict[str, Any]]]] = deque()
        for chunk in _chunks(rows):
            pending.append(pool.submit(decide_chunk, job, chunk))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def run_batch(
    src: Path,
    dst: Path,
    job: Job,
    *,
    jobs: int = 1,
    in_format: str | None = None,
    out_format: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    shown: tuple[str, str] | None = None,
    on_progress: Callable[[Progress, int], None] | None = None,
) -> Summary:
    """Decide every row of ``src`` into ``dst``; ``on_progress(progress, rows)``
    is called after each chunk. Raises :class:`EnvrulesError` only for a
    problem of the whole run (unreadable input, unknown profile)."""
    src_shown, dst_shown = shown or (str(src), str(dst))
    reader = READERS[format_of(src, in_format, src_shown)]
    writer_cls = WRITERS[format_of(dst, out_format, dst_shown)]
    if not src.is_file():
        raise InputError([problem("no such file", "文件不存在", where=SourceLocation(src_shown))])
    _engine(job)  # an unknown profile fails the run before any output
    start = time.perf_counter()
    progress = Progress(src.stat().st_size, "bytes")
    rows = decided = 0
    # closing(): a run that stops early (a bad column, a failing writer) closes the input now
    with AtomicOutput(dst, dst_shown) as output, closing(reader(src, src_shown, progress, limits)) as rows_in:
        writer = writer_cls(output.file, records.columns(job.full))
        try:
            for recs in _decided(job, rows_in, jobs):
                writer.write(recs)
                rows += len(recs)
                decided += sum(1 for r in recs if r["status"] == records.DECIDED)
                if on_progress is not None:
                    on_progress(progress, rows)
        except BaseException:
            writer.discard()
            raise
        writer.close()
        output.commit()
    return Summary(rows, decided, rows - decided, time.perf_counter() - start)
