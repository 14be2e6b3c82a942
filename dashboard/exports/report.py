"""The pack's short report as DOCX (python-docx): for each chart its picture, filter, numbers and source,
in Czech, ready to paste into a community plan.

A4 pages (python-docx makes US Letter unless told), Czech document properties (title, author, language
cs-CZ), every picture with its title as alternative text. Tables fit the page: each column is at least as
wide as its longest word (Word would otherwise break words mid-word), numbers right-aligned with the
decimals of the one policy (`dashboard.i18n.formats.column_decimals`); a table too wide for a portrait page
gets a landscape one. A chart that would carry no information is one sentence instead; a table equal to an
earlier one refers to it."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import docx
import pandas as pd
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from dashboard import data_state
from dashboard.charts import Chart
from dashboard.i18n import format_date, format_number
from dashboard.i18n.formats import format_cell

MAX_ROWS = 30  # a longer table is cut in the report (the whole one is in tabulky.xlsx)
A4 = (Mm(210), Mm(297))
MARGIN = Mm(20)
PORTRAIT_CM, LANDSCAPE_CM = 17.0, 25.7  # text width between the margins
CHAR_CM = 0.23  # one character of 9 pt text, bold, in the widest fallback font (DejaVu Sans where no Calibri)
CELL_PAD_CM = 0.5  # the cell margins of Word and LibreOffice
TABLE_FONT = Pt(9)


@dataclass
class Section:
    """One chart of the report: its picture (None when it would carry no information, `note` says why) and
    `same_as`, the number of an earlier chart whose table is identical (then only a reference is written)."""
    built: Chart
    png: bytes | None
    note: str | None = None
    same_as: int | None = None


def _czech(document: docx.Document, title: str) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "cs-CZ")
    normal.element.get_or_add_rPr().append(lang)
    props = document.core_properties
    props.language = "cs-CZ"
    props.title = title
    props.author = "socmap"
    props.last_modified_by = "socmap"
    props.subject = "Balíček pro strategii: grafy, jejich čísla a zdroje"


def _page(section, landscape: bool = False) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)


def _longest_word(texts) -> int:
    return max((len(word) for text in texts for word in str(text).split()), default=1)


def column_widths(frame: pd.DataFrame, texts: list[list[str]]) -> tuple[list[float], bool]:
    """Widths in cm that fit the page, and whether it must be landscape: every column at least as wide as
    its longest word; the rest of the page shared by how long each column's texts are."""
    columns = list(frame.columns)
    minimum = [_longest_word([name] + [row[i] for row in texts]) * CHAR_CM + CELL_PAD_CM
               for i, name in enumerate(columns)]
    wanted = [min(max([len(str(name)) / 2] + [len(row[i]) for row in texts]), 45) * CHAR_CM + CELL_PAD_CM
              for i, name in enumerate(columns)]
    landscape = sum(minimum) > PORTRAIT_CM
    usable = LANDSCAPE_CM if landscape else PORTRAIT_CM
    if sum(minimum) >= usable:
        return [w * usable / sum(minimum) for w in minimum], landscape
    extra = [max(w - m, 0) for w, m in zip(wanted, minimum, strict=True)]
    spare = usable - sum(minimum)
    grow = min(1.0, spare / sum(extra)) if sum(extra) else 0
    return [m + e * grow for m, e in zip(minimum, extra, strict=True)], landscape


def _numeric(frame: pd.DataFrame) -> list[bool]:
    return [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
            for c in frame.columns]


def _repeat_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _write_cell(cell, text: str, width: float, right: bool, bold: bool = False) -> None:
    cell.width = Cm(width)
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.font.size = TABLE_FONT
    run.bold = bold


def table_texts(frame: pd.DataFrame) -> list[list[str]]:
    """The cells as the report writes them: Czech numbers by the column's decimal policy, '' for unknown."""
    return [[format_cell(column, value) if not isinstance(value, dt.date | pd.Timestamp) else format_date(value)
             for column, value in zip(frame.columns, record, strict=True)]
            for record in frame.itertuples(index=False)]


def _table(document: docx.Document, frame: pd.DataFrame, widths: list[float]) -> None:
    shown = frame.head(MAX_ROWS)
    texts = table_texts(shown)
    numeric = _numeric(shown)
    table = document.add_table(rows=1, cols=len(shown.columns))
    table.style = "Light Grid Accent 1"
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _repeat_header(table.rows[0])
    for cell, name, width, right in zip(table.rows[0].cells, shown.columns, widths, numeric, strict=True):
        _write_cell(cell, str(name), width, right, bold=True)
    for row in texts:
        for cell, text, width, right in zip(table.add_row().cells, row, widths, numeric, strict=True):
            _write_cell(cell, text, width, right)
    if len(frame) > MAX_ROWS:
        document.add_paragraph(f"Prvních {MAX_ROWS} z {format_number(len(frame))} řádků; celá tabulka je "
                               "v souboru tabulky.xlsx.").runs[0].italic = True


def _about(document: docx.Document) -> None:
    """The report's section "O datech": how complete the registry is, what is illustrative or assumed,
    and what socmap does not know."""
    document.add_heading("O datech", 1)
    document.add_paragraph(data_state.registry_sentence())
    inputs = data_state.illustrative_inputs()
    if inputs:
        document.add_paragraph("Ilustrativní nebo předpokládané vstupy (nepatří do strategie bez ověření):")
        for text in inputs:
            document.add_paragraph(text, style="List Bullet")
    document.add_paragraph("Co socmap neví:")
    for text in data_state.unknown_sentences():
        document.add_paragraph(text, style="List Bullet")


def report_docx(area_name: str, sections: list[Section], today: dt.date, built_on) -> bytes:
    document = docx.Document()
    title = f"Balíček pro strategii: {area_name}"
    _czech(document, title)
    _page(document.sections[0])
    landscape = False
    document.add_heading(title, 0)
    document.add_paragraph(
        f"Vytvořeno v socmap {format_date(today)} z dat sestavených {format_date(built_on)}. Každý graf má "
        "pod sebou svá čísla a zdroj. Registrovaná kapacita je maximum, které služba smí poskytnout, ne volná "
        "místa. Počet, který nikdo nezjistil, je v tabulkách prázdný, nikdy nula. Údaje označené jako "
        "ilustrativní nejsou skutečné a do strategických dokumentů nepatří bez ověření.")
    for i, part in enumerate(sections, start=1):
        built = part.built
        widths, wide = column_widths(built.table, table_texts(built.table.head(MAX_ROWS)))
        wide = wide and part.same_as is None and part.png is not None
        if wide != landscape:  # a wide table gets a landscape page, the next narrow one a portrait page again
            _page(document.add_section(WD_SECTION.NEW_PAGE), landscape=wide)
            landscape = wide
        document.add_heading(f"{i}. {built.title}", 1)
        document.add_paragraph(built.filters).runs[0].italic = True
        if built.summary:
            document.add_paragraph(built.summary)
        if part.png is None:
            document.add_paragraph(part.note or "Graf by nenesl žádnou informaci.")
            continue
        if built.illustrative:
            run = document.add_paragraph().add_run("Obsahuje ilustrativní data (ne skutečná).")
            run.bold = True
            run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
        # on a landscape page a smaller picture leaves room for the start of its table
        shape = document.add_picture(io.BytesIO(part.png), width=Cm(13 if landscape else 16))
        shape._inline.docPr.set("descr", f"{built.title}: {built.filters}")  # alternative text
        if part.same_as is not None:
            document.add_paragraph(f"Čísla tohoto grafu jsou stejná jako u grafu č. {part.same_as}; "
                                   "tabulka je uvedena tam.").runs[0].italic = True
        else:
            _table(document, built.table, widths)
        document.add_paragraph(built.source).runs[0].font.size = Pt(9)
    _about(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
