"""Values as Czech planners write them in Excel."""

import datetime as dt

import pytest

from common.vocabulary import fold_key as fold
from etl.sources.workbook import detect_kind, parse_date, parse_number, parse_period


def test_headers_match_without_case_diacritics_or_order():
    assert fold("Pořadí") == "poradi"
    kind, mapping = detect_kind(["FÁZE", "kolo", "Počet", "Program", "pořadí"])
    assert kind == "zadosti"
    assert mapping == {0: "faze", 1: "kolo", 2: "pocet", 3: "program", 4: "poradi"}
    assert detect_kind(["Druh služby", "Jednotka", "Na 10 000 obyvatel"])[0] == "normy"
    assert detect_kind(["identifikator", "obdobi", "kapacita", "obsazeno", "odmitnuto"])[0] == "obsazenost"
    assert detect_kind(["Název", "Poznámka"])[0] is None


def test_numbers_with_spaces_for_thousands_and_decimal_commas():
    assert parse_number("1 234,5") == 1234.5
    assert parse_number("1\u00a0234") == 1234
    assert parse_number(7) == 7
    with pytest.raises(ValueError):
        parse_number("padesát")


@pytest.mark.parametrize("text", ["6. 1. 2020", "06.01.2020", "2020-01-06", "6.1.2020"])
def test_dates_in_every_czech_form(text):
    assert parse_date(text) == dt.date(2020, 1, 6)


def test_periods_are_days_months_or_ranges():
    assert parse_period("6. 1. 2020") == (dt.date(2020, 1, 6), dt.date(2020, 1, 6))
    assert parse_period("1/2020") == (dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    assert parse_period("02.2024") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert parse_period("2019-12") == (dt.date(2019, 12, 1), dt.date(2019, 12, 31))
    assert parse_period("leden 2021") == (dt.date(2021, 1, 1), dt.date(2021, 1, 31))
    assert parse_period("1. 7. 2023 – 10. 1. 2024") == (dt.date(2023, 7, 1), dt.date(2024, 1, 10))
    with pytest.raises(ValueError):
        parse_period("zima 2020")


def test_the_docs_list_every_column_of_every_kind():
    from pathlib import Path

    from etl.sources.workbook import SHEETS

    docs = (Path(__file__).parents[2] / "docs" / "workbooks.md").read_text(encoding="utf-8")
    for sheet in SHEETS.values():
        assert f"### {sheet.title} (`{sheet.kind}`)" in docs
        for column in sheet.columns:
            assert f"| {column.header} |" in docs, (sheet.kind, column.header)
