"""Streaming writers of batch output: JSON lines, CSV and Parquet, into a
temporary file that replaces the output only when the run completes (never a
half-written output)."""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any, Protocol

import orjson

from ...core.errors import InputError, SourceLocation, problem


class Writer(Protocol):
    def write(self, records: Iterable[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...

    def discard(self) -> None:
        """Let go of the output without finishing it (a run that stopped early)."""
        ...


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return orjson.dumps(value).decode()
    return str(value)


class JsonlWriter:
    def __init__(self, f: IO[bytes], columns: tuple[tuple[str, str], ...]) -> None:
        self._f = f

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        self._f.write(b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in records))

    def close(self) -> None:
        pass

    def discard(self) -> None:
        pass


class CsvWriter:
    def __init__(self, f: IO[bytes], columns: tuple[tuple[str, str], ...]) -> None:
        import io

        self._text = io.TextIOWrapper(f, encoding="utf-8", newline="", write_through=True)
        self._names = [name for name, _ in columns]
        self._csv = csv.writer(self._text)
        self._csv.writerow(self._names)

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        self._csv.writerows([_cell(r.get(n)) for n in self._names] for r in records)

    def close(self) -> None:
        self._text.flush()
        self._text.detach()

    def discard(self) -> None:
        with contextlib.suppress(ValueError, OSError):
            self._text.detach()  # not closed through the wrapper: the output closes it


class ParquetWriter:
    """Row groups of ``group`` rows; money as strings, flags as booleans."""

    def __init__(self, f: IO[bytes], columns: tuple[tuple[str, str], ...], group: int = 10_000) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"int": pa.int64(), "bool": pa.bool_(), "str": pa.string(), "json": pa.string()}
        self._pa = pa
        self._columns = columns
        self._schema = pa.schema([(name, types[kind]) for name, kind in columns])
        self._writer = pq.ParquetWriter(f, self._schema, compression="zstd")
        self._group = group
        self._pending: list[dict[str, Any]] = []

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        self._pending.extend(records)
        if len(self._pending) >= self._group:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        arrays = {}
        for name, kind in self._columns:
            values = [r.get(name) for r in self._pending]
            if kind == "json":
                values = [None if v is None else orjson.dumps(v).decode() for v in values]
            arrays[name] = values
        self._writer.write_table(self._pa.table(arrays, schema=self._schema))
        self._pending = []

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def discard(self) -> None:
        # closed now, while its file is open: left to the garbage collector it would
        # write its footer into a closed file ("Exception ignored in __del__")
        self._pending = []
        with contextlib.suppress(Exception):
            self._writer.close()


WRITERS: dict[str, type[JsonlWriter] | type[CsvWriter] | type[ParquetWriter]] = {
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
    "parquet": ParquetWriter,
}


class AtomicOutput:
    """A temporary file beside ``path``; ``commit()`` moves it into place,
    leaving the context without it removes it."""

    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
        try:
            self.file: IO[bytes] = self.tmp.open("wb")
        except OSError as exc:
            raise InputError(
                [
                    problem(
                        f"cannot write: {exc.strerror or exc}",
                        f"无法写入：{exc.strerror or exc}",
                        where=SourceLocation(shown),
                    )
                ]
            ) from None
        self._done = False

    def commit(self) -> None:
        self.file.close()
        os.replace(self.tmp, self.path)
        self._done = True

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._done:
            self.file.close()
            with contextlib.suppress(OSError):
                self.tmp.unlink()
