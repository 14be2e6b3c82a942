"""The ministry's index file read as published: headers with their typos, the school note, bands checked."""

from pathlib import Path

import openpyxl
import pytest

from etl.errors import Problems
from etl.sources import need

HEADERS = ["Kód obce", "Název obce", "Status obce", *[i.header for i in need.INDICATORS], need.BAND_HEADER]
NOTE = ("Daná obec nemá na svém území ZŠ s běžnými třídami. Údaj byl převzat z celkové sitauci v obci, která má ZŠ "
        "s běžnými třídami nejblíže středu intravilánu dané obce bez školy.")


def row(code, points, band, school=1.0):
    values = {i.code: (school if i.school else 10.0) for i in need.INDICATORS}
    values["index_points"] = points
    return [code, "Obec Žluťoučká", "O", *[values[i.code] for i in need.INDICATORS], band]


def write(tmp_path: Path, rows, headers=HEADERS, sheet=need.SHEET) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(headers)
    for r in rows:
        ws.append(r)
    (tmp_path / "need").mkdir(exist_ok=True)
    book.save(tmp_path / need.FILE)
    return tmp_path


def test_a_municipality_without_a_school_gets_the_note_not_zero(tmp_path):
    data = write(tmp_path, [row(564265, 24, "12 až 30"), row(564133, 12, "12 až 30", school=NOTE)])
    frame = need.read(data, {"564265", "564133"}, {"564265", "564133"}, Problems())
    school = frame[(frame["kod_obce"] == "564133") & (frame["indicator"] == "school_leavers_count")].iloc[0]
    assert school["value"] != school["value"] and school["note"] == "převzato z nejbližší obce se školou"
    index = frame[(frame["kod_obce"] == "564265") & (frame["indicator"] == "index_points")].iloc[0]
    assert index["value"] == 24 and index["as_of"].isoformat() == "2023-12-31"
    share = frame[frame["indicator"] == "jobseekers_6m_share"].iloc[0]
    assert share["base"] == "obyvatelé 15–64 (k 31. 12. 2023)"


def test_only_the_region_is_kept_but_every_row_is_checked(tmp_path):
    data = write(tmp_path, [row(564265, 24, "12 až 30"), row(500011, 0, "0 až 1")])
    frame = need.read(data, {"564265"}, {"564265", "500011"}, Problems())
    assert set(frame["kod_obce"]) == {"564265"}


@pytest.mark.parametrize(("rows", "headers", "expected"), [
    ([row(564265, 24, "8 až 11")], HEADERS, "kategorie neodpovídá bodům"),
    ([row(999999, 3, "2 až 7")], HEADERS, "neznámý kód obce"),
    ([row(564265, 24, "12 až 30", school="n/a")], HEADERS, "není nezáporné číslo"),
    ([row(564265, 24, "12 až 30")], [h.replace("obyvyatel", "obyvatel") for h in HEADERS], "chybí sloupec"),
])
def test_bad_input_is_refused_with_file_row_column_and_reason(tmp_path, rows, headers, expected):
    data = write(tmp_path, rows, headers)
    problems = Problems()
    assert need.read(data, {"564265"}, {"564265"}, problems) is None
    text = "\n".join(str(p) for p in problems.items)
    assert expected in text and "/" in text and need.FILE in text
    assert "řádek/row" in text and "sloupec/column" in text


def test_a_missing_sheet_is_named(tmp_path):
    data = write(tmp_path, [row(564265, 24, "12 až 30")], sheet="List1")
    problems = Problems()
    assert need.read(data, {"564265"}, {"564265"}, problems) is None
    assert "chybí list „Index soc. vyloučení 2023“" in str(problems.items[0])
