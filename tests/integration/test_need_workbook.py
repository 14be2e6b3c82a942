"""A planner tags a service as debt counselling and writes local counts of need; empty counts stay unknown."""

import io

import openpyxl
import pytest
from typer.testing import CliRunner

from etl.build import build
from etl.cli import app
from etl.errors import BuildError
from tests.conftest import rows


def test_a_planner_tags_debt_counselling_and_counts_people_sleeping_rough(tmp_path, data_copy):
    (data_copy / "planner" / "zamereni.csv").write_bytes(
        "Identifikátor;Zaměření;Poznámka\r\n9900027;Dluhové poradenství;poradna radí i s dluhy\r\n".encode())
    (data_copy / "planner" / "potreba.csv").write_bytes((
        "Ukazatel;Obec;ORP;Počet;Datum;Poznámka\r\n"
        "lidé bez přístřeší venku;Liberec;;87;15. 1. 2026;sčítání v noci\r\n"
        "čekatelé na sociální byt;;Frýdlant;;1. 3. 2026;seznam nevede\r\n").encode())
    db = tmp_path / "db.duckdb"
    build(db, data_copy)
    assert ("9900027", ["sesit"]) in rows(db, "SELECT service_id, evidence FROM debt_counselling")
    counts = rows(db, "SELECT kod_obce, kod_orp, measure, count, date::VARCHAR FROM need_local_count "
                      "ORDER BY measure COLLATE cs")
    assert counts == [(None, "5102", "čekatelé na sociální byt", None, "2026-03-01"),
            ("563889", "5105", "lidé bez přístřeší venku", 87, "2026-01-15")]


def test_the_census_marks_and_the_records_own_words_find_debt_counselling(built_db):
    found = dict(rows(built_db, "SELECT service_id, evidence FROM debt_counselling"))
    assert found["9900042"] == ["soupis", "text"]  # Člověk v tísni, Liberec, Hrádek, Frýdlant, Ralsko, NMpS
    assert rows(built_db, "SELECT count(DISTINCT kod_obce) FROM service_place WHERE service_id IN "
                          "(SELECT service_id FROM debt_counselling)") == [(6,)]


def test_a_count_without_place_or_with_an_unknown_orp_is_refused(data_copy, tmp_path):
    (data_copy / "planner" / "potreba.csv").write_bytes((
        "Ukazatel;Obec;ORP;Počet;Datum\r\nlidé bez přístřeší venku;;;3;15. 1. 2026\r\n"
        "lidé bez přístřeší venku;;Atlantida;3;15. 1. 2026\r\n").encode())
    with pytest.raises(BuildError) as failure:
        build(tmp_path / "db.duckdb", data_copy)
    text = str(failure.value)
    assert "řádek/row 2, sloupec/column Obec: vyplňte obec nebo ORP / give a municipality or an ORP" in text
    assert "řádek/row 3, sloupec/column ORP ['Atlantida']: neznámé ORP." in text


def test_the_template_has_the_local_need_sheet_with_orp_choices(built_db, tmp_path):
    out = tmp_path / "sesit.xlsx"
    result = CliRunner().invoke(app, ["template", str(out), "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    sheet = book["Potřeba v místě"]
    assert [c.value for c in sheet[1]][:5] == ["Ukazatel", "Obec", "ORP", "Počet", "Datum"]
    formulas = {str(v.formula1) for v in sheet.data_validations.dataValidation}
    assert any("$C$" in f for f in formulas)  # the ORP list
    assert "Zaměření služeb" in book.sheetnames
