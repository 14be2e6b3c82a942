"""The pack's short report as DOCX (python-docx): for each chart its picture, filter, numbers and
source, in Czech, ready to paste into a community plan. The document's language is cs-CZ and every
picture carries its title as alternative text."""

from __future__ import annotations

import datetime as dt
import io
import math

import docx
import pandas as pd
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from dashboard.charts import Chart
from dashboard.i18n import format_date, format_number

MAX_ROWS = 30  # a longer table is cut in the report (the whole one is in tabulky.xlsx)


def _czech(document: docx.Document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "cs-CZ")
    normal.element.get_or_add_rPr().append(lang)
    document.core_properties.language = "cs-CZ"


def cell_text(value) -> str:
    """Czech numbers (1 234,5), dates (6. 1. 2020); empty for a value nobody counted."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "ano" if value else "ne"
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return format_number(value, 0 if value.is_integer() else 2)
    if isinstance(value, dt.date | pd.Timestamp):
        return format_date(value)
    return str(value)


def _table(document: docx.Document, frame: pd.DataFrame) -> None:
    shown = frame.head(MAX_ROWS)
    table = document.add_table(rows=1, cols=len(shown.columns))
    table.style = "Light Grid Accent 1"
    for cell, name in zip(table.rows[0].cells, shown.columns, strict=True):
        cell.text = str(name)
    for record in shown.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, record, strict=True):
            cell.text = cell_text(value)
    if len(frame) > MAX_ROWS:
        document.add_paragraph(f"Prvních {MAX_ROWS} z {format_number(len(frame))} řádků; celá tabulka je "
                               "v souboru tabulky.xlsx.").runs[0].italic = True


def report_docx(area_name: str, pictures: list[tuple[Chart, bytes]], today: dt.date, built_on) -> bytes:
    document = docx.Document()
    _czech(document)
    document.core_properties.title = f"Balíček pro strategii: {area_name}"
    document.add_heading(f"Balíček pro strategii: {area_name}", 0)
    document.add_paragraph(
        f"Vytvořeno v socmap {format_date(today)} z dat sestavených {format_date(built_on)}. Každý graf má "
        "pod sebou svá čísla a zdroj. Registrovaná kapacita je maximum, které služba smí poskytnout, ne volná "
        "místa. Počet, který nikdo nezjistil, je uveden jako nezjištěný, nikdy jako nula. Údaje označené jako "
        "ilustrativní nejsou skutečné a do strategických dokumentů nepatří bez ověření.")
    for i, (built, png) in enumerate(pictures, start=1):
        document.add_heading(f"{i}. {built.title}", 1)
        document.add_paragraph(built.filters).runs[0].italic = True
        if built.summary:
            document.add_paragraph(built.summary)
        if built.illustrative:
            run = document.add_paragraph().add_run("Obsahuje ilustrativní data (ne skutečná).")
            run.bold = True
            run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
        shape = document.add_picture(io.BytesIO(png), width=Cm(16))
        shape._inline.docPr.set("descr", f"{built.title}: {built.filters}")  # alternative text
        _table(document, built.table)
        document.add_paragraph(built.source).runs[0].font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
