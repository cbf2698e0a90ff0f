"""Make docs/_static/spreadsheet-handan-levels.png: the 裁量档次 sheet of the
hebei/handan workbook as LibreOffice prints it (headless → PDF → PNG).

    python docs/screenshot_workbook.py     # needs soffice and pdftoppm (Debian: libreoffice-calc, poppler-utils)
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl

from envrules.rulesets import source_for
from envrules.tools.xlsx import export_workbook

HERE = Path(__file__).resolve().parent
OUT = HERE / "_static" / "spreadsheet-handan-levels.png"
SHEET = "裁量档次"
HIDE = ("@benchmark", "*", "@file")  # columns left out of the picture (still in the workbook)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "handan.xlsx"
        export_workbook(source_for(HERE.parent / "rulesets"), "hebei/handan", book)
        wb = openpyxl.load_workbook(book)
        for name in wb.sheetnames:
            if name != SHEET:
                del wb[name]
        ws = wb[SHEET]
        for cell in ws[2]:
            if cell.value in HIDE:
                ws.column_dimensions[cell.column_letter].hidden = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        one = Path(tmp) / "levels.xlsx"
        wb.save(one)
        pdf = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}'
        subprocess.run(["soffice", "--headless", "--convert-to", pdf, "--outdir", tmp, str(one)],
                       check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", "96", "-f", "1", "-l", "1",
                        str(Path(tmp) / "levels.pdf"), str(Path(tmp) / "page")], check=True)
        page = next(Path(tmp).glob("page*.png"))
        shutil.copy(page, OUT)
    print(OUT)


if __name__ == "__main__":
    main()
