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
