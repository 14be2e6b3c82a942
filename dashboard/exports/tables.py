"""Tables for Czech Excel: CSV with `;` in UTF-8 with BOM, and XLSX; formulas never run.

Every cell goes through common.cell_text.escape_formula, the one rule of every file socmap writes for other
programs (these downloads, the pack's tabulky.xlsx, the HSDS package, the planners' template)."""

from __future__ import annotations

import io

import pandas as pd

from common.cell_text import CSV_LINE_END, FORMULA_START, escape_formula
from dashboard.i18n import format_date

__all__ = ["FORMULA_START", "escape_formula", "safe", "sheets_to_xlsx_bytes", "to_csv_bytes", "to_xlsx_bytes"]


def safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell escaped (headers too: a column may be named after data)."""
    out = frame.apply(lambda col: col.map(escape_formula) if col.dtype == object or col.dtype == "str" else col)
    out.columns = [escape_formula(str(c)) if isinstance(c, str) else c for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """`;`-separated, decimal comma, UTF-8 with BOM: Czech Excel opens it with diacritics intact. CR and LF
    inside a cell are quoted (the line end is CRLF)."""
    return safe(frame).to_csv(sep=";", index=False, decimal=",", lineterminator=CSV_LINE_END).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "Adresář") -> bytes:
    return sheets_to_xlsx_bytes({sheet: frame})


def sheets_to_xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per frame (names of at most 31 characters, as Excel requires)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, frame in sheets.items():
            safe(frame).to_excel(writer, sheet_name=sheet, index=False)
            sheet_obj = writer.sheets[sheet]
            for cells in sheet_obj.iter_rows():
                for cell in cells:
                    if isinstance(cell.value, str) and cell.value.startswith("="):
                        cell.data_type = "s"  # belt and braces: openpyxl must never store a formula
            for column in sheet_obj.columns:
                width = max(len(str(c.value or "")) for c in column)
                sheet_obj.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
            sheet_obj.freeze_panes = "A2"
    return buffer.getvalue()


ILLUSTRATIVE_COLUMN = "Ilustrativní data"


def marked_table(built, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """A chart's numbers (or `table`, a prepared copy of them) for a file: when the chart rests on any
    illustrative input, every row says so."""
    table = built.table if table is None else table
    if not built.illustrative:
        return table
    return table.assign(**{ILLUSTRATIVE_COLUMN: "ano – údaje vymyšlené pro ukázku, ne skutečnost"})


TABLE_FORMATS = {"csv": "text/csv; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def chart_table_file(built, fmt: str, data_date=None) -> bytes:
    """A chart's numbers as CSV or XLSX. Unknown figures stay empty cells beside their "stav údaje"; the choice
    that made the chart (with any "předpoklad"), its source and any illustrative mark travel with every row of
    the CSV and on the XLSX's sheet "Popis"."""
    table = marked_table(built)
    about = pd.DataFrame({"Údaj": ["Graf", "Výběr", "Zdroj", "Stav dat k", "Ilustrativní data"],
                          "Hodnota": [built.title, built.filters, built.source,
                                      format_date(data_date) if data_date is not None else "",
                                      "ano – údaje vymyšlené pro ukázku, ne skutečnost" if built.illustrative
                                      else "ne"]})
    if fmt == "csv":
        return to_csv_bytes(table.assign(Výběr=built.filters, Zdroj=built.source))
    return sheets_to_xlsx_bytes({"Data": table, "Popis": about})
