"""Every CSV and XLSX socmap writes for other programs keeps a formula a formula-looking text (#17): the
directory's downloads, the comparison table, the plan's evaluation, the pack's tabulky.xlsx, the planners'
template and the HSDS package all go through one helper (common.cell_text), and CR/LF inside a cell is quoted.
"""

from __future__ import annotations

import csv
import io
import shutil

import duckdb
import openpyxl
import pandas as pd
import pytest
from frictionless import validate

from common.cell_text import escape_formula
from dashboard.exports.hsds import write_hsds
from dashboard.exports.tables import sheets_to_xlsx_bytes, to_csv_bytes, to_xlsx_bytes
from etl.template import template_bytes
from tests.conftest import ROOT

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
           "\t=1+1", "\r=1+1", "Noclehárna\r=2+2", "Azylový dům\n=3+3"]


def test_the_helper_escapes_exactly_what_a_spreadsheet_would_run():
    assert [escape_formula(v) for v in HOSTILE[:6]] == ["'" + v for v in HOSTILE[:6]]
    assert escape_formula("Noclehárna") == "Noclehárna" and escape_formula(-2) == -2 and escape_formula(None) is None


def test_csv_downloads_escape_and_quote_every_hostile_cell():
    frame = pd.DataFrame({"Název": HOSTILE, "Kapacita": range(len(HOSTILE)), "=vzorec": ["x"] * len(HOSTILE)})
    data = to_csv_bytes(frame).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline=""), delimiter=";"))
    assert rows[0] == ["Název", "Kapacita", "'=vzorec"]
    assert len(rows) == len(HOSTILE) + 1  # a CR or LF inside a cell never starts a row
    assert [r[0] for r in rows[1:]] == [escape_formula(v) for v in HOSTILE]
    assert '"Noclehárna\r=2+2"' in data and '"Azylový dům\n=3+3"' in data
    for line in data.split("\r\n")[1:]:
        assert not line.startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("writer", [lambda f: to_xlsx_bytes(f), lambda f: sheets_to_xlsx_bytes({"01 Graf": f})],
                         ids=["directory, comparison, plan", "pack tabulky.xlsx"])
def test_xlsx_downloads_store_hostile_text_as_text(writer):
    frame = pd.DataFrame({"Název": HOSTILE, "Kapacita": range(len(HOSTILE))})
    book = openpyxl.load_workbook(io.BytesIO(writer(frame)))
    cells = [row[0] for row in book.worksheets[0].iter_rows(min_row=2)]
    assert [c.value for c in cells] == [escape_formula(v) for v in HOSTILE]
    assert {c.data_type for c in cells} == {"s"}


def test_the_template_lists_names_from_data_as_text():
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(["=1+1 druh", "Noclehárny"], ["@Obec (000000)"], [])))
    lists = book["Číselníky"]
    assert [lists["A2"].value, lists["B2"].value] == ["'=1+1 druh", "'@Obec (000000)"]
    assert lists["A2"].data_type == "s"


def raw_text(path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:  # line ends as written
        return handle.read()


@pytest.fixture
def hostile_db(built_db, tmp_path):
    """A copy of the build whose provider and service names an attacker chose."""
    path = tmp_path / "hostile.duckdb"
    shutil.copy(built_db, path)
    con = duckdb.connect(str(path))
    first, second = (r[0] for r in con.execute("SELECT service_id FROM service ORDER BY 1 LIMIT 2").fetchall())
    con.execute("UPDATE provider SET name = ? WHERE provider_id = (SELECT min(provider_id) FROM provider)",
                [HOSTILE[0]])
    con.execute("UPDATE service SET name = ? WHERE service_id = ?", ["Noclehárna\r=2+2", first])
    con.execute("UPDATE service SET name = ? WHERE service_id = ?", ["@SUM(A1:A9)", second])
    con.close()
    return path


def test_the_hsds_package_escapes_quotes_and_still_validates(hostile_db, tmp_path):
    con = duckdb.connect(str(hostile_db), read_only=True)
    try:
        write_hsds(con, tmp_path / "hsds")
        services = con.execute("SELECT count(*) FROM service").fetchone()[0]
    finally:
        con.close()
    raw = raw_text(tmp_path / "hsds" / "services.csv")
    assert '"\'Noclehárna\r=2+2"' not in raw and '"Noclehárna\r=2+2"' in raw  # quoted; starts with a letter
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert len(rows) == services
    assert "'@SUM(A1:A9)" in {r["name"] for r in rows}
    organizations = (tmp_path / "hsds" / "organizations.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in organizations and ",=HYPERLINK" not in organizations
    for name in ("services.csv", "organizations.csv", "locations.csv", "service_capacity.csv"):
        for line in raw_text(tmp_path / "hsds" / name).split("\r\n"):
            assert not line.startswith(("=", "+", "-", "@", "\t", "\r")), (name, line[:40])
    report = validate(tmp_path / "hsds" / "datapackage.json")
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:5]


WRITERS = ("csv.writer(", "DictWriter(", ".to_csv(", ".to_excel(", "ExcelWriter(", "Workbook(")


def test_every_writer_of_csv_or_xlsx_uses_the_one_helper():
    """A new export that writes CSV or XLSX must escape through common.cell_text: the list below is all of them."""
    writers = set()
    for folder in ("etl", "dashboard"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            # calls as written (a PDF writer named `writer` is not a CSV writer)
            if any(w in text for w in WRITERS) and "load_workbook" not in text:
                writers.add(str(path.relative_to(ROOT)))
    assert writers == {"dashboard/exports/tables.py", "dashboard/exports/hsds.py", "etl/template.py"}
    for path in writers:
        assert "from common.cell_text import" in (ROOT / path).read_text(encoding="utf-8"), path
