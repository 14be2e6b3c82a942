"""Numbers in a written workbook shown by the one decimal policy of `dashboard.i18n.formats.column_decimals`
(rates 2 decimals, capacities and km 1, occupancy in per cent, counts none), right-aligned: what the screen
and the DOCX report show. Applied to the finished file, so any writer's workbook can go through it."""

from __future__ import annotations

import io

import openpyxl
import openpyxl.styles

from dashboard.i18n.formats import column_decimals


def czech_number_formats(data: bytes) -> bytes:
    """Every numeric column of the workbook shown with its policy's decimals (Excel shows them in the
    reader's locale: 1 234,5 in a Czech Excel)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        headers = [c.value for c in sheet[1]]
        for index, header in enumerate(headers, start=1):
            kind, decimals = column_decimals(str(header or ""))
            pattern = ("0." + "0" * decimals + "%" if decimals else "0%") if kind == "percent" else \
                ("#,##0." + "0" * decimals if decimals else "#,##0")
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    cell.number_format = pattern
                    cell.alignment = openpyxl.styles.Alignment(horizontal="right")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
