"""Reading a CSV table of ours: all cells as text, checked by a pandera model, problems by row.

Within limits, like the planners' files: the file's size and each cell's length; a file that is not UTF-8
says what it seems to be instead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from etl.errors import Problems

MAX_TABLE_BYTES = 50 * 1024 * 1024  # the largest shipped table, all of the country's municipalities, is 0.6 MB
MAX_TABLE_CELL_CHARS = 10_000       # a fact's note, the longest text of these tables, is < 500

CHECK_REASONS = {
    "column_in_dataframe": ("chybí sloupec", "column is missing"),
    "not_nullable": ("prázdná povinná hodnota", "required value is empty"),
    "field_uniqueness": ("hodnota se opakuje", "value is not unique"),
    "real_date": ("neexistující datum", "not a real calendar date"),
}


def _is_date(cell: str) -> bool:
    try:
        dt.date.fromisoformat(str(cell)[:10])
        return True
    except ValueError:
        return False


# A date that matches the shape but not the calendar (2020-02-30) is an error, not a crash.
REAL_DATE = pa.Check(lambda s: s.map(_is_date), element_wise=False, name="real_date", error="real_date")


def text(pattern: str | None = None, nullable: bool = False, unique: bool = False, date: bool = False) -> pa.Column:
    checks = [pa.Check.str_matches(pattern)] if pattern else []
    if date:
        checks.append(REAL_DATE)
    return pa.Column(str, checks=checks, nullable=nullable, unique=unique)


def read_table(path: Path, model: pa.DataFrameSchema, problems: Problems, label: str | None = None):
    """Return the table with empty cells as None, or None after adding its problems."""
    label = label or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            problems.add(label, f"soubor má {size / 1e6:.1f} MB, víc než limit {MAX_TABLE_BYTES / 1e6:.0f} MB",
                         f"the file is {size / 1e6:.1f} MB, over the limit of {MAX_TABLE_BYTES / 1e6:.0f} MB")
            return None
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", skip_blank_lines=False)
    except UnicodeDecodeError as exc:
        problems.add(label, *_not_utf8(path, exc))
        return None
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        message = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        problems.add(label, f"soubor nelze přečíst ({message})", f"cannot read the file ({message})")
        return None
    too_long = False
    for column in frame.columns:
        lengths = frame[column].str.len()
        for index in lengths[lengths > MAX_TABLE_CELL_CHARS].index:
            problems.add(label, f"buňka má {lengths[index]} znaků, víc než limit {MAX_TABLE_CELL_CHARS}",
                         f"the cell holds {lengths[index]} characters, over the limit of {MAX_TABLE_CELL_CHARS}",
                         row=int(index) + 2, column=str(column), value=frame.at[index, column])
            too_long = True
    if too_long:
        return None
    frame = frame.apply(lambda col: col.str.strip())
    frame = frame.where(frame.ne(""))
    frame = frame.dropna(how="all")  # blank lines: skipped, but the index keeps counting file lines
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        for case in err.failure_cases.itertuples():
            check = str(case.check)
            cs, en = CHECK_REASONS.get(check, (f"neplatná hodnota ({check})", f"invalid value ({check})"))
            if check == "column_in_dataframe":
                problems.add(label, cs, en, column=str(case.failure_case))
                continue
            row = None if pd.isna(case.index) else int(case.index) + 2
            problems.add(label, cs, en, row=row, column=case.column, value=case.failure_case)
        return None
    return frame.astype(object).where(frame.notna(), None)


def _not_utf8(path: Path, exc: UnicodeDecodeError) -> tuple[str, str]:
    """What a file that is not UTF-8 seems to be, in Czech and English."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("soubor je v kódování UTF-16 (Unicode text z Excelu); uložte jej jako CSV UTF-8",
                "the file is UTF-16 (Excel's Unicode text); save it as CSV UTF-8")
    byte = exc.object[exc.start:exc.start + 1].hex() if isinstance(exc.object, bytes) else "??"
    return (f"soubor není v kódování UTF-8 (bajt 0x{byte} na pozici {exc.start}; Windows-1250?); uložte jej v UTF-8",
            f"the file is not UTF-8 (byte 0x{byte} at position {exc.start}; Windows-1250?); save it as UTF-8")


def check_refs(frame, column: str, valid: set, problems: Problems, label: str, what_cs: str, what_en: str):
    """Every non-empty value of `column` (or each of its `|`-separated items) must be in `valid`."""
    for index, cell in frame[column].items():
        if cell is None:
            continue
        for item in str(cell).split("|"):
            if item not in valid:
                problems.add(label, f"neznámá hodnota ({what_cs})", f"unknown {what_en}",
                             row=int(index) + 2, column=column, value=item)


def split_list(cell) -> list[str]:
    return [] if cell is None else [item.strip() for item in str(cell).split("|") if item.strip()]


def to_int(cell):
    return None if cell is None else int(cell)
