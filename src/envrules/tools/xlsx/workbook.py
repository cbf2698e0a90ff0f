"""The .xlsx file (openpyxl): write a :class:`Book` with its two header rows,
widths, wrapping, frozen headers and drop-down lists; read the sheets back
as rows of raw cell values with their cell names."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import attrs

from ...core.errors import CellLocation, InputError, problem
from .book import Book
from .layout import Column, Sheet

ABOUT = "说明"
_FILES_MARK = "@files"
_PROFILE_MARK = "@profile"
_EXTRA_ROWS = 300  # rows below the data that keep the drop-down lists


def _require() -> Any:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - the extra is installed by `make install`
        raise InputError(
            [
                problem(
                    "spreadsheets need openpyxl: pip install 'envrules[xlsx]'",
                    "读写电子表格需要 openpyxl：pip install 'envrules[xlsx]'",
                    code="xlsx",
                )
            ]
        ) from None
    return openpyxl


def _about(wb: Any, book: Book) -> None:
    ws = wb.active
    ws.title = ABOUT
    lines = [
        ("envrules 规则表（导出）", None),
        ("画像 / profile", None),
        (_PROFILE_MARK, book.profile),
        ("第1行为中文表头，第2行为字段键（导入时读取，请勿修改）；数据从第3行开始。", None),
        (
            "一行即一条规则（或违法类型、版本、档次、裁量基准、事项、因素、档次）；"
            "“文件”列指明该行所在的 YAML 文件，新增行可留空以沿用上一行的文件。",
            None,
        ),
        (
            "空单元格表示不设置该项；“无”表示明确设为空（如合计不封顶）；"
            "条件和“其他”列写一行 YAML，如 {gte: 4} 或 [a, b]。",
            None,
        ),
        (
            "导入：envrules import 本文件 --into rulesets/（先按 envrules lint 检查，问题指明到单元格）。",
            None,
        ),
        ("本工作簿包含的文件 / files", None),
    ]
    for i, (a, b) in enumerate(lines, 1):
        ws.cell(i, 1, a)
        if b is not None:
            ws.cell(i, 2, b)
    start = len(lines) + 1
    ws.cell(start, 1, _FILES_MARK)
    for i, f in enumerate(book.files, start + 1):
        ws.cell(i, 1, f)
    ws.column_dimensions["A"].width = 110
    ws.cell(1, 1).font = _font(bold=True, size=14)


def _font(**kw: Any) -> Any:
    from openpyxl.styles import Font

    return Font(**kw)


def _header(ws: Any, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    fill = PatternFill("solid", fgColor="DDEBF7")
    cond = PatternFill("solid", fgColor="FFF2CC")
    outcome = PatternFill("solid", fgColor="E2EFDA")
    for j, col in enumerate(sheet.columns, 1):
        top = ws.cell(1, j, col.zh)
        top.font = _font(bold=True)
        top.alignment = Alignment(wrap_text=True, vertical="top")
        top.fill = cond if col.key.startswith("when") else outcome if col.key.startswith("then/") else fill
        key = ws.cell(2, j, col.key)
        key.font = _font(size=8, color="808080", italic=True)
        ws.column_dimensions[get_column_letter(j)].width = col.width
    ws.freeze_panes = "B3"
    ws.row_dimensions[1].height = 32


def _validation(ws: Any, j: int, col: Column, last: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    formula = '"' + ",".join(col.options) + '"'
    if not col.options or len(formula) > 255:
        return
    dv = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="envrules",
        error="请从列表中选择 / choose from the list",
    )
    letter = get_column_letter(j)
    dv.add(f"{letter}3:{letter}{last}")
    ws.add_data_validation(dv)


def _lines(text: str, width: int) -> int:
    """Lines a wrapped cell needs (a CJK character is two units wide)."""
    units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
    return -(-units // max(width - 1, 4)) if text else 1


def _body(ws: Any, sheet: Sheet, rows: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Border, Side

    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i, row in enumerate(rows, 3):
        lines = 1
        for j, col in enumerate(sheet.columns, 1):
            value = row.get(col.key)
            ws.cell(i, j).border = border
            if value is None:
                continue
            cell = ws.cell(i, j, value)
            if isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            if col.kind in ("text", "yaml", "rest") or col.width >= 30:
                cell.alignment = wrap
                lines = max(lines, _lines(str(value), col.width))
            else:
                cell.alignment = top
        if lines > 1:  # Excel does not fit a row to wrapped text written by a program
            ws.row_dimensions[i].height = min(18 * lines + 2, 200)
    for j, col in enumerate(sheet.columns, 1):
        _validation(ws, j, col, len(rows) + _EXTRA_ROWS)
    ws.auto_filter.ref = ws.dimensions if rows else None


def write(book: Book, path: Path) -> None:
    """Write the workbook atomically (a temporary file renamed over ``path``)."""
    openpyxl = _require()
    wb = openpyxl.Workbook()
    _about(wb, book)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name)
        _header(ws, sheet)
        _body(ws, sheet, book.rows[sheet.name])
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=".envrules-", suffix=".xlsx", dir=folder)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(
            [problem(f"cannot write {path}: {exc.strerror}", f"无法写入{path}：{exc.strerror}", code="xlsx")]
        ) from None


@attrs.frozen
class RawRow:
    sheet: str
    number: int  # the row number in the sheet
    values: dict[str, Any]  # column key → raw cell value
    cells: dict[str, str]  # column key → "D14"


@attrs.frozen
class RawBook:
    profile: str
    files: tuple[str, ...]
    headers: dict[str, list[tuple[str, str]]]  # sheet → [(column key, cell of its header)]
    rows: dict[str, list[RawRow]]


def read(path: Path) -> RawBook:
    """Read every sheet's rows (raw values; nothing is interpreted yet)."""
    openpyxl = _require()
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InputError([problem(f"{path}: no such file", f"{path}：文件不存在", code="xlsx")]) from None
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(
            [
                problem(
                    f"{path}: not an .xlsx workbook ({type(exc).__name__})",
                    f"{path}：不是 .xlsx 工作簿",
                    code="xlsx",
                )
            ]
        ) from None
    if ABOUT not in wb.sheetnames:
        raise InputError(
            [
                problem(
                    f"{path}: no sheet {ABOUT!r}: not exported by envrules",
                    f"{path}：缺少“{ABOUT}”工作表，不是 envrules 导出的工作簿",
                    code="xlsx",
                )
            ]
        )
    profile, files = _read_about(wb[ABOUT])
    headers: dict[str, list[tuple[str, str]]] = {}
    rows: dict[str, list[RawRow]] = {}
    for ws in wb.worksheets[1:]:
        keys = [
            (str(c.value).strip() if c.value is not None else "", c.coordinate)
            for c in next(ws.iter_rows(min_row=2, max_row=2), ())
        ]
        headers[ws.title] = keys
        found = []
        for number, cells in enumerate(ws.iter_rows(min_row=3), 3):
            values = {k: c.value for (k, _), c in zip(keys, cells, strict=False) if k}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
                continue
            refs = {k: c.coordinate for (k, _), c in zip(keys, cells, strict=False) if k}
            found.append(RawRow(ws.title, number, values, refs))
        rows[ws.title] = found
    return RawBook(profile, files, headers, rows)


def _read_about(ws: Any) -> tuple[str, tuple[str, ...]]:
    profile = ""
    files: list[str] = []
    listing = False
    for a, b, *_ in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        if a == _PROFILE_MARK:
            profile = str(b or "")
        elif a == _FILES_MARK:
            listing = True
        elif listing and a:
            files.append(str(a).strip())
    if not profile:
        raise InputError(
            [
                problem(
                    "the workbook names no profile",
                    "工作簿未写明画像",
                    where=CellLocation(ABOUT, "B3"),
                    code="xlsx",
                )
            ]
        )
    return profile, tuple(files)
