"""The planners' workbook template: one sheet per kind with Czech headers, a note on every header,
drop-down lists (kinds of service, municipalities, ORPs, units, statuses) and a sheet of instructions."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from common.cell_text import escape_formula
from common.vocabulary import WORKBOOK_UNITS
from etl.sources.workbook import SHEETS

LISTS = "Číselníky"


def template_bytes(kinds: list[str], municipalities: list[str], orps: list[str]) -> bytes:
    """kinds: Czech names of kinds of service; municipalities: 'Name (code)'; orps: ORP names."""
    book = Workbook()
    guide = book.active
    guide.title = "Návod"
    guide.append(["Sešit socmap pro plánovače"])
    guide["A1"].font = Font(bold=True, size=14)
    for line in (
        "Každý list je jeden druh údajů; záhlaví (první řádek) neměňte, pořadí sloupců může být jiné.",
        "Prázdná buňka počtu znamená „nezjištěno“, nikdy nulu. Nulu pište jen tam, kde opravdu nikdo nebyl.",
        "Data pište 6. 1. 2020, měsíce 1/2020; čísla s desetinnou čárkou.",
        "Sloupec Zdroj: id dokumentu, fakt (F05) nebo adresa stránky; prázdný = tento sešit.",
        "Soubor lze uložit i jako CSV (oddělený středníkem), jeden list na soubor.",
        "Kontrola bez sestavení: socmap check SOUBOR; načtení: soubor do data/planner/ a socmap build.",
        "",
    ):
        guide.append([line])
    for sheet in SHEETS.values():
        guide.append([sheet.title, sheet.description])
        guide.cell(guide.max_row, 1).font = Font(bold=True)
        for column in sheet.columns:
            guide.append(["", column.header, ("povinný" if column.required else "nepovinný"), column.description])
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 30
    guide.column_dimensions["D"].width = 90

    lists = book.create_sheet(LISTS)
    columns = {"druhy": kinds, "obce": municipalities, "orp": orps, "jednotky": list(WORKBOOK_UNITS.values())}
    refs = {}
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = chr(ord("A") + index - 1)
        lists.cell(1, index, name)
        for row, value in enumerate(values, start=2):
            lists.cell(row, index, escape_formula(value))  # names from data: never a formula
        refs[name] = f"'{LISTS}'!${letter}$2:${letter}${max(len(values) + 1, 2)}"
    lists.sheet_state = "hidden"

    header_fill = PatternFill("solid", fgColor="DDE6F0")
    for sheet in SHEETS.values():
        ws = book.create_sheet(sheet.title)
        for col, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(1, col, column.header)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            note = column.description + (" (povinné)" if column.required else "")
            cell.comment = Comment(note, "socmap")
            ws.column_dimensions[cell.column_letter].width = max(14, len(column.header) + 4)
            source = None
            if column.kind in ("kind",):
                source = refs["druhy"]
            elif column.kind == "obec":
                source = refs["obce"]
            elif column.kind == "orp":
                source = refs["orp"]
            elif column.kind == "capacity_type":
                source = refs["jednotky"]
            elif column.kind == "enum":
                source = '"' + ",".join(column.choices) + '"'
            if source:
                validation = DataValidation(type="list", formula1=source if source.startswith('"') else f"={source}",
                                            allow_blank=True, showErrorMessage=True,
                                            errorTitle="Neplatná hodnota", error="Vyberte hodnotu ze seznamu.")
                ws.add_data_validation(validation)
                validation.add(f"{cell.column_letter}2:{cell.column_letter}2000")
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def lists_from_db(con) -> tuple[list[str], list[str], list[str]]:
    """The drop-down lists from a built database: kinds of service, 'Name (code)' of municipalities, ORPs."""
    kinds = [r[0] for r in con.execute("SELECT name_cs FROM service_kind ORDER BY kind_group, name_cs COLLATE cs")
             .fetchall()]
    obce = [f"{n} ({k})" for n, k in con.execute("SELECT name, kod_obce FROM municipality "
                                                 "ORDER BY name COLLATE cs, kod_obce").fetchall()]
    orps = [r[0] for r in con.execute("SELECT name FROM orp ORDER BY name COLLATE cs").fetchall()]
    return kinds, obce, orps
