"""Czech number and date formats: 1 234,5 (non-breaking space), 6. 1. 2020."""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from common.vocabulary import plural_word

NBSP = "\u00a0"
UNKNOWN = "nezjištěno"


def _missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def format_number(value, decimals: int = 0) -> str:
    """1234.5 -> '1 234,5' with a non-breaking space; None/NaN -> 'nezjištěno'."""
    if _missing(value):
        return UNKNOWN
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{exact:,.{decimals}f}" if decimals else f"{int(exact):,d}"
    return text.replace(",", NBSP).replace(".", ",")


def format_percent(value, decimals: int = 1) -> str:
    if _missing(value):
        return UNKNOWN
    return f"{format_number(value * 100, decimals)}{NBSP}%"


def format_date(value) -> str:
    """Dates as 6. 1. 2020; partial ISO dates as 1/2023 or 2023."""
    if _missing(value) or value == "":
        return "bez data"
    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            return f"{int(parts[1])}/{parts[0]}"
        value = dt.date.fromisoformat(value)
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    return f"{value.day}. {value.month}. {value.year}"




def plural(n: int, unit: str) -> str:
    return f"{format_number(n)} {plural_word(n, unit)}"


_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


class NotANumber(ValueError):
    """Text typed into a number field that is not a number; `message` is the Czech text shown beside it."""

    def __init__(self, text: str, message: str) -> None:
        super().__init__(f"not a number: {text!r}")
        self.message = message


def parse_number(value) -> float | None:
    """A number as a person types it: '3,5' and '3.5' are 3.5, '1 234,5' is 1234.5; '' or None is None.
    Anything else raises NotANumber with a Czech message: a value is never guessed or silently changed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise NotANumber(str(value), "Zadejte číslo, např. 3,5.")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace(NBSP, "").replace("\u202f", "").replace(" ", "")
        if not _NUMBER.fullmatch(text):
            raise NotANumber(str(value), f"„{str(value)[:20]}“ není číslo. Zadejte číslo, např. 3,5 nebo 3.5.")
        number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise NotANumber(str(value), "Zadejte konečné číslo, např. 3,5.")
    return number


def input_number(value, decimals: int = 2) -> str:
    """A number as a Czech input field shows it: 3.5 -> '3,5', 12.0 -> '12', None -> ''."""
    if _missing(value):
        return ""
    return format_number(value, decimals).replace(NBSP, "").rstrip("0").rstrip(",") if decimals else \
        format_number(value).replace(NBSP, "")


def column_decimals(column: str) -> tuple[str, int]:
    """The one decimal policy of a table column, by its Czech header, for the screen, XLSX and DOCX alike:
    ('percent', 1) for occupancy; ('number', 2) for rates per 10 000, the kraj average and targets;
    ('number', 1) for capacities and kilometres; ('number', 0) for everything else (people, services, counts)."""
    name = column.lower()
    if "obsazenost" in name or name.startswith("podíl"):
        return "percent", 1
    if "10 000" in name or "průměr" in name or name.startswith("cíl"):
        return "number", 2
    if "kapacita" in name or "km" in name.split() or name.startswith("km"):
        return "number", 1
    return "number", 0


def format_cell(column: str, value) -> str:
    """A table cell as text by the column's policy: '' for a value nobody counted (never 0), Czech numbers."""
    if _missing(value):
        return ""
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
        return str(value)
    kind, decimals = column_decimals(column)
    return format_percent(value, decimals) if kind == "percent" else format_number(value, decimals)
