"""Czech numbers and dates, as planners write them."""

from dashboard.i18n import format_date, format_number, format_percent

NBSP = "\u00a0"


def test_numbers_use_a_space_for_thousands_and_a_decimal_comma():
    assert format_number(1234.5, 1) == f"1{NBSP}234,5"
    assert format_number(442476) == f"442{NBSP}476"
    assert format_number(53) == "53"


def test_a_missing_count_reads_as_unknown_never_zero():
    assert format_number(None) == "nezjištěno"
    assert format_number(float("nan")) == "nezjištěno"


def test_dates_are_written_the_czech_way():
    import datetime as dt

    assert format_date(dt.date(2020, 1, 6)) == "6. 1. 2020"
    assert format_date("2020-01-06") == "6. 1. 2020"
    assert format_date("2023") == "2023"
    assert format_date("2023-05") == "5/2023"
    assert format_date(None) == "bez data"


def test_percentages():
    assert format_percent(25 / 53) == f"47,2{NBSP}%"


def test_halves_round_up_as_people_expect():
    assert format_number(2.5) == "3"
    assert format_number(0.125, 2) == "0,13"


def test_a_number_is_typed_with_a_comma_or_a_point_and_nothing_else_is_guessed():
    import pytest

    from dashboard.i18n import NotANumber, input_number, parse_number
    assert parse_number("3,5") == parse_number("3.5") == parse_number(" 3,5 ") == 3.5
    assert parse_number(f"1{NBSP}234,5") == parse_number("1 234,5") == 1234.5
    assert parse_number("") is None and parse_number(None) is None
    for text in ("tři", "3,5,1", "1.234,5", "3e5", "nan", "inf", "--1", "3,5 km"):
        with pytest.raises(NotANumber) as err:
            parse_number(text)
        assert "číslo" in err.value.message  # a Czech message for beside the field
    assert input_number(3.5) == "3,5" and input_number(12.0) == "12" and input_number(None) == ""


def test_one_decimal_policy_for_screen_workbook_and_report():
    from dashboard.i18n.formats import column_decimals, format_cell
    assert column_decimals("Na 10 000") == column_decimals("Průměr kraje") == ("number", 2)
    assert column_decimals("Cíl na 10 000") == ("number", 2)
    assert column_decimals("Kapacita (lůžka)") == column_decimals("Km k nejbližšímu") == ("number", 1)
    assert column_decimals("Jilemnice: km k nejbližší") == ("number", 1)
    assert column_decimals("Obyvatel") == column_decimals("Služeb") == ("number", 0)
    assert format_cell("Obsazenost", 0.8123) == f"81,2{NBSP}%"
    assert format_cell("Km k nejbližšímu", 27.952) == "28,0"
    assert format_cell("Obyvatel", None) == ""  # nobody counted: empty, never 0
    assert format_cell("Mezera", "chybí 7,4") == "chybí 7,4"
