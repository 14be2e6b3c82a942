"""Reading a CSV table of ours: all cells as text, checked by a pandera model, problems by row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from etl.errors import Problems

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
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8", skip_blank_lines=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        problems.add(label, f"soubor nelze přečíst ({exc})", f"cannot read the file ({exc})")
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
