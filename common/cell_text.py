"""Text in the cells of files socmap writes for other programs (CSV and XLSX): one rule for every writer.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and a tab or a carriage return
before them hides the same. Such text gets a leading apostrophe, which Excel and LibreOffice show as text
and never run (OWASP's advice for CSV injection). Numbers are left alone. Line breaks inside a cell are
kept, and the CSV writers quote them (`lineterminator="\\r\\n"`, so both CR and LF make a field quoted):
an unquoted CR would end the record and let the rest start a row of its own.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_LINE_END = "\r\n"  # RFC 4180; with it Python's csv quotes any field holding CR or LF


def escape_formula(value):
    """Text a spreadsheet would run as a formula, kept as text by a leading apostrophe; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
