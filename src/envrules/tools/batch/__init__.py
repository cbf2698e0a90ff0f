"""``envrules batch``: decide JSONL, CSV or Parquet files row by row,
streaming, with a result or an error per row (never all-or-nothing)."""

from .cells import check_columns, column_kinds, unflatten
from .readers import READERS, Progress, read_csv, read_jsonl, read_parquet
from .records import KEY_COLUMNS, columns
from .run import FORMATS, Job, Summary, decide_chunk, format_of, run_batch
from .writers import WRITERS, AtomicOutput

__all__ = [
    "FORMATS",
    "KEY_COLUMNS",
    "READERS",
    "WRITERS",
    "AtomicOutput",
    "Job",
    "Progress",
    "Summary",
    "check_columns",
    "column_kinds",
    "columns",
    "decide_chunk",
    "format_of",
    "read_csv",
    "read_jsonl",
    "read_parquet",
    "run_batch",
    "unflatten",
]
