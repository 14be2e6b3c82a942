"""Planners' files as they really come: Czech Excel CSV and XLSX, broken ones refused by row."""

import io
import re
import zipfile

import openpyxl
import pytest
from typer.testing import CliRunner

from etl.build import build, check_file
from etl.cli import app
from etl.errors import BuildError
from tests.conftest import rows

runner = CliRunner()
OCCUPANCY = "Identifikátor;Období;Jednotka;Kapacita;Obsazeno;Odmítnuto;Poznámka\r\n"


def problems_of(path, data):
    with pytest.raises(BuildError) as failure:
        check_file(path, data)
    return str(failure.value)


def test_a_csv_from_czech_excel_in_windows_1250_reads_right(data_copy):
    path = data_copy / "planner" / "noclehárna.csv"
    path.write_bytes((OCCUPANCY + "9900008;06.01.2020;lůžka;32;31;4;mráz, „plno“\r\n"
                      "9900008;1/2020;Lůžka;32;1 234,0;;\r\n").encode("cp1250"))
    assert check_file(path, data_copy)["occupancy"] == 2


def test_utf8_with_or_without_bom_and_an_empty_count_is_unknown(tmp_path, data_copy):
    text = OCCUPANCY + "9900011;2024-02;lůžka;25;;;nespočítáno\r\n"
    (data_copy / "planner" / "a.csv").write_bytes(text.encode("utf-8"))
    (data_copy / "planner" / "b.csv").write_bytes(text.replace("2024-02", "3/2024").encode("utf-8-sig"))
    db = tmp_path / "db.duckdb"
    build(db, data_copy)
    got = rows(db, "SELECT period_start, capacity, occupied FROM occupancy o JOIN source s USING (source_id) "
                   "WHERE s.kind = 'sešit' AND NOT s.is_illustrative ORDER BY 1")
    assert [(str(d), c, o) for d, c, o in got] == [("2024-02-01", 25, None), ("2024-03-01", 25, None)]


def test_every_problem_of_a_file_at_once_with_row_column_value_and_reason(data_copy):
    path = data_copy / "planner" / "spatne.csv"
    path.write_text(OCCUPANCY + "990008;1/2020;lůžka;32;31;;\r\n"
                    "9900008;zima 2020;postele;tři;;;\r\n"
                    "9900008;;lůžka;-3;;;\r\n", encoding="utf-8")
    message = problems_of(path, data_copy)
    expected = [
        "planner/spatne.csv, řádek/row 2, sloupec/column Identifikátor ['990008']: služba s tímto identifikátorem "
        "v registru není. Nejbližší: 9900008. / no service with this identifier in the registry. Closest: 9900008.",
        "řádek/row 3, sloupec/column Období ['zima 2020']: očekáváno den nebo měsíc (1/2020)",
        "řádek/row 3, sloupec/column Jednotka ['postele']: neznámá jednotka",
        "řádek/row 3, sloupec/column Kapacita ['tři']: očekáváno číslo / expected a number",
        "řádek/row 4, sloupec/column Období: prázdná povinná hodnota / required value is empty",
        "řádek/row 4, sloupec/column Kapacita ['-3']: není celé nezáporné číslo",
    ]
    for line in expected:
        assert line in message
    assert "problémů: 6" in message


def test_an_unknown_municipality_names_the_closest_match(data_copy):
    path = data_copy / "planner" / "byty.csv"
    path.write_text("Program;Adresa;Obec;Byty\r\nSociální byty;Nádražní 1;Jablonec nad Nisu;4\r\n"
                    "Krizové byty a lůžka;;Pěnčín;1\r\n", encoding="utf-8")
    message = problems_of(path, data_copy)
    assert "sloupec/column Obec ['Jablonec nad Nisu']: obec v kraji neexistuje nebo není jednoznačná. " \
           "Nejbližší: Jablonec nad Nisou (563510)." in message
    assert "['Pěnčín']: obec v kraji neexistuje nebo není jednoznačná" in message  # two Pěnčíns in the kraj


def test_a_file_whose_kind_cannot_be_told_is_refused(data_copy):
    path = data_copy / "planner" / "cosi.csv"
    path.write_text("Název;Poznámka\r\nNoclehárna;plno\r\n", encoding="utf-8")
    assert "druh tabulky nelze poznat ze záhlaví" in problems_of(path, data_copy)


def test_funnel_stages_must_not_repeat_and_counts_stay_unknown_when_empty(data_copy):
    path = data_copy / "planner" / "kolo.csv"
    path.write_text("Kolo;Program;Pořadí;Fáze;Počet\r\nTEST;Sociální byty;1;Žádosti;10\r\n"
                    "TEST;Sociální byty;1;Přijato;\r\n", encoding="utf-8")
    assert "row 3, sloupec/column Pořadí [1]: pořadí fáze se v kole opakuje" in problems_of(path, data_copy)


def test_a_rejected_file_changes_nothing_in_the_database(tmp_path, data_copy):
    db = tmp_path / "socmap.duckdb"
    build(db, data_copy)
    before = db.read_bytes()
    (data_copy / "planner" / "spatne.csv").write_text(OCCUPANCY + "9900008;1/2020;lůžka;x;;;\r\n",
                                                     encoding="utf-8")
    with pytest.raises(BuildError):
        build(db, data_copy)
    assert db.read_bytes() == before


def test_check_exits_non_zero_and_names_the_sheet(tmp_path, data_copy):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Normy"
    sheet.append(["Druh služby", "Jednotka", "Na 10 000 obyvatel"])
    sheet.append(["Noclehárnyy", "lůžka", "1,5"])
    path = tmp_path / "normy.xlsx"
    book.save(path)
    result = runner.invoke(app, ["check", str(path), "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "normy.xlsx [list Normy], řádek/row 2, sloupec/column Druh služby ['Noclehárnyy']: neznámý druh " \
           "služby. Nejbližší: Noclehárny." in result.output


def with_cached_formula_value(path, formula, value):
    """openpyxl writes formulas without the value Excel would save: add it, as Excel does."""
    data = io.BytesIO(path.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rf"<f>{re.escape(formula)}</f>(<v>\s*</v>|<v/>)?".encode(),
                                 f"<f>{formula}</f><v>{value}</v>".encode(), content)
            dst.writestr(item, content)
    path.write_bytes(out.getvalue())


def test_xlsx_with_a_merged_title_merged_header_trailing_rows_and_formulas(tmp_path, data_copy):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Obsazenost"
    sheet.append(["Obsazenost noclehárny 2020"])
    sheet.merge_cells("A1:F1")
    sheet.append(["Identifikátor", "Období", None, "Kapacita", "Obsazeno", "Odmítnuto"])
    sheet.merge_cells("B2:C2")
    sheet.append(["9900008", "1/2020", None, 32, "=E4-2", 3])
    sheet.append(["9900008", "2/2020", None, 32, 30, None])
    for _ in range(5):
        sheet.append([None, None, None, None, None, None])
    path = data_copy / "planner" / "nocleharna-2020.xlsx"
    book.save(path)
    with_cached_formula_value(path, "E4-2", 28)
    db = tmp_path / "db.duckdb"
    build(db, data_copy)
    got = rows(db, "SELECT strftime(period_start, '%m/%Y'), occupied, refused FROM occupancy o "
                   "JOIN source s USING (source_id) WHERE s.document LIKE '%nocleharna-2020.xlsx%' ORDER BY 1")
    assert got == [("01/2020", 28, 3), ("02/2020", 30, None)]


def test_round_trip_template_filled_in_then_imported(tmp_path, data_copy, built_db):
    template = tmp_path / "sablona.xlsx"
    assert runner.invoke(app, ["template", str(template), "--db", str(built_db)]).exit_code == 0
    book = openpyxl.load_workbook(template)
    assert book["Číselníky"].sheet_state == "hidden"
    validations = [dv.sqref for dv in book["Sociální bydlení"].data_validations.dataValidation]
    assert validations, "the municipality column offers a list"
    lists = book["Číselníky"]
    municipalities = [c.value for c in lists["B"][1:] if c.value]
    assert "Pěnčín (563749)" in municipalities and len(municipalities) == 215
    book["Sociální bydlení"].append(["Krizové byty a lůžka", "Nádražní 12", "Pěnčín (563749)", 2, "2+1",
                                     None, "Krizové byty Pěnčín"])
    book["Normy"].append(["Noclehárny", "lůžka", 1.5, "orp", "PS Liberec", "1. 3. 2026"])
    book["Obsazenost"].append(["9900011", "12/2024", "lůžka", 25, 25, 6])
    path = data_copy / "planner" / "vyplneno.xlsx"
    book.save(path)
    result = runner.invoke(app, ["check", str(path), "--data", str(data_copy)])
    assert result.exit_code == 0, result.output
    db = tmp_path / "db.duckdb"
    build(db, data_copy)
    assert rows(db, "SELECT kod_obce, units, status FROM social_housing WHERE name = 'Krizové byty Pěnčín'") == \
        [("563749", 2, "v provozu")]
    assert rows(db, "SELECT per_10000, set_by FROM target_norm WHERE set_by = 'PS Liberec'") == [(1.5, "PS Liberec")]
