"""``envrules export``: a profile's rules as an .xlsx workbook."""

from __future__ import annotations

from pathlib import Path

from ...rulesets import RulesetSource
from .book import Book, build
from .workbook import write


def export_workbook(source: RulesetSource, profile: str, path: Path) -> Book:
    """Write the workbook of ``profile`` to ``path`` and return what it holds."""
    book = build(source, profile)
    write(book, path)
    return book
