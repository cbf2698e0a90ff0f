"""Streaming readers of batch input: JSON lines, CSV and Parquet. Each yields
``(row, case_or_error)`` one row at a time (memory does not grow with the
file) and counts its progress (bytes read, or rows for Parquet)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Generator
from pathlib import Path
from typing import IO, Any

from ...core.errors import CaseError, EnvrulesError, InputError, SourceLocation, problem
from ...core.limits import DEFAULT_LIMITS, Limits
from ..jsonin import loads
from .cells import check_columns, unflatten

Row = tuple[int, Any]
"""The row number (from 1) and the case data, or the error that row is."""


class Progress:
    """How far a reader has got: ``done`` of ``total`` (bytes or rows)."""

    def __init__(self, total: int | None, unit: str) -> None:
        self.total, self.unit, self.done = total, unit, 0


class _Counting(io.RawIOBase):
    """A binary file that counts the bytes read from it."""

    def __init__(self, raw: IO[bytes], progress: Progress) -> None:
        self._raw, self._progress = raw, progress

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._progress.done += len(data)
        return len(data)

    def close(self) -> None:
        """Closing the counter closes the file it reads."""
        if not self.closed:
            self._raw.close()
        super().close()


def _open(path: Path, progress: Progress) -> io.BufferedReader:
    return io.BufferedReader(_Counting(path.open("rb"), progress), 1 << 16)


def _too_long(where: SourceLocation, limits: Limits) -> InputError:
    return InputError(
        [
            problem(
                f"line longer than {limits.batch_line_bytes:,} bytes",
                f"行超过{limits.batch_line_bytes:,}字节",
                where=where,
                code="limit.batch_line_bytes",
            )
        ]
    )


def read_jsonl(
    path: Path, shown: str, progress: Progress, limits: Limits = DEFAULT_LIMITS
) -> Generator[Row, None, None]:
    """One case per non-blank line; a bad line is that row's error."""
    row = 0
    with _open(path, progress) as f:
        for number in range(1, sys.maxsize):
            line = f.readline(limits.batch_line_bytes + 1)
            if not line:
                return
            where = SourceLocation(shown, number)
            if len(line) > limits.batch_line_bytes and not line.endswith(b"\n"):
                while (rest := f.readline(1 << 16)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the long line
                row += 1
                yield row, _too_long(where, limits)
                continue
            if not line.strip():
                continue
            row += 1
            try:
                yield row, loads(line, shown, limits, line=number)
            except EnvrulesError as exc:
                yield row, exc


def read_csv(
    path: Path, shown: str, progress: Progress, limits: Limits = DEFAULT_LIMITS
) -> Generator[Row, None, None]:
    """One case per record, columns named by dotted paths (``violation.kind``)."""
    csv.field_size_limit(limits.batch_line_bytes)
    with _open(path, progress) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise InputError(
                [
                    problem(
                        f"cannot read the header: {exc}",
                        f"无法读取表头：{exc}",
                        where=SourceLocation(shown, 1),
                    )
                ]
            ) from None
        if header is None:
            return
        header = [h.strip() for h in header]
        check_columns(header, shown)
        row = 0
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                row += 1
                yield (
                    row,
                    InputError(
                        [
                            problem(
                                f"unreadable record: {exc}",
                                f"无法读取的记录：{exc}",
                                where=SourceLocation(shown, reader.line_num),
                            )
                        ]
                    ),
                )
                continue
            if not any(cell.strip() for cell in record):
                continue
            row += 1
            yield row, _record(header, record, SourceLocation(shown, reader.line_num), limits)


def _record(header: list[str], record: list[str], where: SourceLocation, limits: Limits) -> Any:
    if len(record) != len(header):
        return InputError(
            [
                problem(
                    f"{len(record)} cells for {len(header)} columns",
                    f"有{len(record)}个单元格，表头有{len(header)}列",
                    where=where,
                    code="cell_count",
                )
            ]
        )
    try:
        return unflatten(dict(zip(header, record, strict=True)), where, limits)
    except CaseError as exc:
        return exc


def read_parquet(
    path: Path, shown: str, progress: Progress, limits: Limits = DEFAULT_LIMITS
) -> Generator[Row, None, None]:
    """One case per row; columns flat (``violation.kind``) or nested structs."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            "reading Parquet needs pyarrow: pip install 'envrules[batch]'",
            "读取 Parquet 需要 pyarrow：pip install 'envrules[batch]'",
        ) from None
    try:
        pf = pq.ParquetFile(path, buffer_size=1 << 20, pre_buffer=False)  # stream column chunks
    except Exception as exc:  # pyarrow raises its own errors for a bad file
        raise InputError(
            [problem(f"not a Parquet file: {exc}", f"不是 Parquet 文件：{exc}", where=SourceLocation(shown))]
        ) from None
    check_columns(list(pf.schema_arrow.names), shown)
    progress.total, progress.unit = pf.metadata.num_rows, "rows"
    row = 0
    for batch in pf.iter_batches(batch_size=2048):
        for data in batch.to_pylist():
            row += 1
            progress.done = row
            try:
                yield row, unflatten(data, SourceLocation(shown, row), limits)
            except CaseError as exc:
                yield row, exc


READERS = {"jsonl": read_jsonl, "csv": read_csv, "parquet": read_parquet}
