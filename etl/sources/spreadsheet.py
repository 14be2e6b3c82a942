"""Planners' files read as cells by row, streaming and within limits: XLSX and CSV.

A file from outside is read as an attacker or a careless user may have made it: a 25 kB workbook can
unpack to a 20 MB cell or a million empty cells, a CSV can come as UTF-16 from "Unicode text". So the
XLSX is read in openpyxl's read-only mode for its sheets, dates and styles, its shared strings and sheets
are streamed with expat (never a whole tree), and every limit below is checked while reading. A file
over a limit is refused with its file, sheet, row, column and the limit named; nothing is echoed whole.

Values come back as Python values; three markers say what a value is not: `TooLong` (a cell over
MAX_CELL_CHARS: its first characters and its length), `Formula` (a formula and the value Excel saved
for it, if any) and `CellError` (#N/A, #DIV/0! …).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from etl.errors import Problems

MAX_FILE_BYTES = 30 * 1024 * 1024        # the country's occupancy for 5 years as one CSV is 9 MB; a planner's, kB
MAX_UNPACKED_BYTES = 200 * 1024 * 1024   # all parts of one XLSX unpacked (what a zip bomb would exceed)
MAX_PART_BYTES = 10 * 1024 * 1024        # one part that is not a sheet or the shared strings (styles …)
MAX_SHEETS = 50
MAX_ROWS = 250_000                       # the last row number read in a sheet or CSV (the country: 182 340)
MAX_CELLS = 3_000_000                    # filled cells of one file
MAX_EMPTY_CELLS = 1_000_000              # cells of one file with a style and no value ("format the sheet")
MAX_COLUMNS = 100                        # a filled cell farther right is refused
MAX_CELL_CHARS = 4_000                   # the longest text of one cell (a measure's text: < 200 now)
MAX_TEXT_CHARS = 100_000_000             # all text of one file
MAX_MERGED = 10_000                      # merged ranges of one sheet
SHOWN = 60                               # characters of a cell over the limit kept for the message

LIMITS = {  # for the README and the messages
    "file": f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
    "unpacked": f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB",
}


@dataclass(frozen=True)
class TooLong:
    """A cell over MAX_CELL_CHARS: only its start is kept."""
    start: str
    length: int

    def __str__(self) -> str:
        return self.start


@dataclass(frozen=True)
class Formula:
    """A formula and the value Excel saved with it (None when the file was never calculated)."""
    text: str
    cached: object

    def __str__(self) -> str:
        return "" if self.cached is None else str(self.cached)


@dataclass(frozen=True)
class CellError:
    """An error value of a cell (#N/A, #DIV/0!, #VALUE! …)."""
    code: str

    def __str__(self) -> str:
        return self.code


class Refused(Exception):
    """Reading stops: the problem has been added; the file gives no rows."""


def column_letter(index: int) -> str:
    """1 -> A, 28 -> AB."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


class _Budget:
    """The limits of one file, counted while it is read."""

    def __init__(self, label: str, problems: Problems) -> None:
        self.label, self.problems = label, problems
        self.cells = self.empty = self.chars = 0

    def refuse(self, cs: str, en: str, label: str | None = None, row=None, column=None, value=None):
        self.problems.add(label or self.label, cs, en, row=row, column=column, value=value)
        raise Refused

    def cell(self, label: str, row: int, column: int) -> None:
        self.cells += 1
        self.check(label, row, column)

    def check(self, label: str, row: int, column: int) -> None:
        if self.cells > MAX_CELLS:
            self.refuse(f"soubor má víc než {MAX_CELLS:_} vyplněných buněk (limit); zbytek se nečte"
                        .replace("_", " "), f"the file has more than {MAX_CELLS:,} filled cells (the limit); the "
                        "rest is not read", label, row, column_letter(column))
        if self.empty > MAX_EMPTY_CELLS:
            self.refuse(f"soubor má víc než {MAX_EMPTY_CELLS:_} prázdných buněk s formátem (limit); zbytek se "
                        "nečte".replace("_", " "), f"the file has more than {MAX_EMPTY_CELLS:,} empty formatted "
                        "cells (the limit); the rest is not read", label, row, column_letter(column))
        if row > MAX_ROWS:
            self.refuse(f"řádek {row} je za limitem {MAX_ROWS:_} řádků".replace("_", " "),
                        f"row {row} is beyond the limit of {MAX_ROWS:,} rows", label, row, column_letter(column))

    def text(self, label: str, row: int, column: int, length: int) -> None:
        self.chars += length
        if self.chars > MAX_TEXT_CHARS:
            self.refuse(f"soubor má víc než {MAX_TEXT_CHARS:_} znaků textu (limit)".replace("_", " "),
                        f"the file holds more than {MAX_TEXT_CHARS:,} characters of text (the limit)",
                        label, row, column_letter(column))


class _Text:
    """Character data collected up to MAX_CELL_CHARS, the rest only counted."""
    __slots__ = ("parts", "kept", "length")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = self.length = 0

    def add(self, data: str) -> None:
        self.length += len(data)
        if self.kept <= MAX_CELL_CHARS:
            piece = data[: MAX_CELL_CHARS + 1 - self.kept]
            self.parts.append(piece)
            self.kept += len(piece)

    def value(self):
        text = "".join(self.parts)
        return TooLong(text[:SHOWN] + "…", self.length) if self.length > MAX_CELL_CHARS else text


def _parser(start, end, data) -> expat.XMLParserType:
    """An expat parser refusing DTDs and entities (no entity expansion at all); handlers get names without a
    namespace prefix ("x:c" -> "c": OOXML's main namespace, with or without a prefix)."""
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def no_dtd(*_args):
        raise ValueError("DTD")

    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    return parser


def _local(name: str) -> str:
    return name[name.find(":") + 1:]


def shared_strings(source) -> list:
    """The shared-string table of a workbook, each string cut at MAX_CELL_CHARS (a TooLong marker)."""
    strings: list = []
    state = {"text": None, "in_t": False, "phonetic": 0}

    def start(name, _attrs):
        name = _local(name)
        if name == "si":
            state["text"] = _Text()
            if len(strings) >= MAX_CELLS:
                raise ValueError(f"more than {MAX_CELLS} shared strings")
        elif name == "rPh":
            state["phonetic"] += 1
        elif name == "t":
            state["in_t"] = True

    def end(name):
        name = _local(name)
        if name == "si":
            strings.append(state["text"].value())
            state["text"] = None
        elif name == "rPh":
            state["phonetic"] -= 1
        elif name == "t":
            state["in_t"] = False

    def data(text):
        if state["in_t"] and state["text"] is not None and not state["phonetic"]:
            state["text"].add(text)

    _parser(start, end, data).ParseFile(source)
    return strings


_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
_COLUMNS = {column_letter(i): i for i in range(1, 16_385)}  # A … XFD, Excel's columns


def _column_index(letters: str) -> int:
    return _COLUMNS[letters]


class _SheetReader:
    """One worksheet's XML streamed into rows of values (only the first MAX_COLUMNS columns kept)."""

    def __init__(self, label: str, budget: _Budget, strings: list, epoch, date_styles, timedelta_styles) -> None:
        self.label, self.budget, self.strings = label, budget, strings
        self.epoch, self.date_styles, self.timedelta_styles = epoch, date_styles, timedelta_styles
        self.rows: list[tuple[int, list]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self.row = self.column = 0
        self.values: dict[int, object] = {}
        self.cell: dict | None = None
        self.target: _Text | None = None

    def start(self, name, attrs):
        if ":" in name:
            name = _local(name)
        if name == "c":
            ref = attrs.get("r")
            column = _COLUMNS.get(ref.rstrip("0123456789")) if ref else None
            if column is not None and len(ref) < 12:
                self.column = column
                self.row = int(ref[len(ref.rstrip("0123456789")):])
            else:
                self.column += 1
            if self.row > MAX_ROWS:
                self.budget.cell(self.label, self.row, self.column)
            self.cell = {"t": attrs.get("t", "n"), "s": attrs.get("s"), "v": None, "f": None, "is": None}
        elif name == "row":
            number = attrs.get("r", "")
            self.row = int(number) if number.isdigit() and len(number) <= 7 else self.row + 1
            self.column = 0
            self.values = {}
        elif self.cell is not None and name in ("v", "f"):
            self.cell[name] = self.target = _Text()
        elif self.cell is not None and name == "is":
            self.cell["is"] = _Text()
        elif self.cell is not None and name == "t" and self.cell["is"] is not None:
            self.target = self.cell["is"]
        elif name == "mergeCell":
            if len(self.merged) >= MAX_MERGED:
                self.budget.refuse(f"list má víc než {MAX_MERGED} sloučených oblastí (limit)",
                                   f"the sheet has more than {MAX_MERGED} merged ranges (the limit)", self.label)
            parts = [_CELL_REF.match(p) for p in attrs.get("ref", "").split(":")]
            if len(parts) == 2 and all(parts) and parts[0][1] in _COLUMNS and parts[1][1] in _COLUMNS:
                self.merged.append((int(parts[0][2]), _column_index(parts[0][1]),
                                    int(parts[1][2]), _column_index(parts[1][1])))

    def end(self, name):
        if ":" in name:
            name = _local(name)
        if name == "c" and self.cell is not None:
            cell, self.cell = self.cell, None
            budget = self.budget
            if cell["v"] is None and cell["is"] is None and cell["f"] is None:
                budget.empty += 1  # an empty cell (a style only)
                if budget.empty > MAX_EMPTY_CELLS:
                    budget.check(self.label, self.row, self.column)
                return
            budget.cells += 1
            if budget.cells > MAX_CELLS:
                budget.check(self.label, self.row, self.column)
            value = self._value(cell)
            if value is None or value == "":
                return
            if self.column > MAX_COLUMNS:
                self.budget.refuse(f"vyplněná buňka za sloupcem {column_letter(MAX_COLUMNS)} (limit "
                                   f"{MAX_COLUMNS} sloupců)", f"a filled cell beyond column "
                                   f"{column_letter(MAX_COLUMNS)} (the limit of {MAX_COLUMNS} columns)",
                                   self.label, self.row, column_letter(self.column))
            self.values[self.column] = value
        elif name in ("v", "f", "t"):
            self.target = None
        elif name == "row":
            if self.values:
                width = max(self.values)
                self.rows.append((self.row, [self.values.get(i) for i in range(1, width + 1)]))
            self.values = {}

    def data(self, text):
        if self.target is not None:
            self.target.add(text)

    def _value(self, cell: dict):
        kind = cell["t"]
        raw = cell["v"].value() if cell["v"] is not None else None
        if kind == "inlineStr":
            raw = cell["is"].value() if cell["is"] is not None else None
        if isinstance(raw, str) and kind in ("s", "str", "inlineStr"):
            self.budget.text(self.label, self.row, self.column, len(raw))
        value = raw
        if isinstance(raw, TooLong):
            value = raw
        elif raw is None or raw == "":
            value = None
        elif kind == "s":
            try:
                value = self.strings[int(raw)]
            except (ValueError, IndexError):
                value = CellError("#REF!")
            if isinstance(value, str):
                self.budget.text(self.label, self.row, self.column, len(value))
        elif kind == "b":
            value = raw.strip() in ("1", "true")
        elif kind == "e":
            value = CellError(raw[:20])
        elif kind == "d":
            from openpyxl.utils.datetime import from_ISO8601
            try:
                value = from_ISO8601(raw)
            except ValueError:
                value = CellError("#VALUE!")
        elif kind == "n":
            value = self._number(raw, cell["s"])
        if cell["f"] is not None:
            formula = cell["f"].value()
            text = "=" + (formula.start if isinstance(formula, TooLong) else formula)
            return Formula(text, value)
        return value

    def _number(self, raw: str, style):
        try:
            number = float(raw) if any(c in raw for c in ".eEnN") else int(raw)
        except ValueError:
            return CellError("#VALUE!")
        if style is not None and style.isdigit() and int(style) in self.date_styles:
            from openpyxl.utils.datetime import from_excel
            try:
                return from_excel(number, self.epoch, timedelta=int(style) in self.timedelta_styles)
            except (OverflowError, ValueError, TypeError):
                return CellError("#VALUE!")
        return number

    def read(self, source) -> None:
        _parser(self.start, self.end, self.data).ParseFile(source)
        self._fill_merged()

    def _fill_merged(self) -> None:
        """A merged cell's value fills its whole range (a merged header spans columns), in rows read only."""
        if not self.merged:
            return
        by_row = dict(self.rows)
        for top, left, bottom, right in self.merged:
            first = by_row.get(top)
            value = first[left - 1] if first is not None and left <= len(first) else None
            if value is None or right > MAX_COLUMNS:
                continue
            for number, values in self.rows:
                if top <= number <= bottom:
                    values.extend([None] * (right - len(values)))
                    for col in range(left, right + 1):
                        if values[col - 1] is None:
                            values[col - 1] = value


def _check_archive(path: Path, budget: _Budget) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        budget.refuse("soubor je starý sešit .xls nebo je zašifrovaný; uložte jej v Excelu jako .xlsx bez hesla",
                      "the file is an old .xls workbook or encrypted; save it as .xlsx without a password")
    if not zipfile.is_zipfile(path):
        budget.refuse("soubor není sešit XLSX (uvnitř není zip); je to CSV nebo jiný formát s příponou .xlsx?",
                      "the file is not an XLSX workbook (not a zip inside)")
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
    if len(parts) > 10_000:
        budget.refuse("sešit má příliš mnoho částí", "the workbook has too many parts")
    total = sum(p.file_size for p in parts)
    if total > MAX_UNPACKED_BYTES:
        budget.refuse(f"sešit má po rozbalení {_mb(total)}, víc než limit {LIMITS['unpacked']}",
                      f"the workbook unpacks to {_mb(total)}, over the limit of {LIMITS['unpacked']}")
    for part in parts:
        bulky = part.filename.startswith("xl/worksheets/") or part.filename == "xl/sharedStrings.xml"
        if not bulky and part.file_size > MAX_PART_BYTES:
            budget.refuse(f"část sešitu {part.filename[:60]} má {_mb(part.file_size)}, víc než limit "
                          f"{_mb(MAX_PART_BYTES)}", f"the workbook part {part.filename[:60]} is "
                          f"{_mb(part.file_size)}, over the limit of {_mb(MAX_PART_BYTES)}")


def read_xlsx(path: Path, label: str, problems: Problems) -> dict[str, list[tuple[int, list]]] | None:
    """Visible sheets' rows by sheet label ("file [list Name]"); None after adding the file's problem."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    budget = _Budget(label, problems)

    class BoundedReader(ExcelReader):
        def read_strings(self):
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as source:
                    self.shared_strings = shared_strings(source)

    try:
        _check_archive(path, budget)
        reader = BoundedReader(str(path), read_only=True, data_only=True)
        try:
            reader.read()
        except Refused:
            raise
        except Exception as exc:  # noqa: BLE001 — a broken workbook, whatever openpyxl says about it
            budget.refuse(f"sešit nelze otevřít ({type(exc).__name__}: {str(exc)[:120]})",
                          f"cannot open the workbook ({type(exc).__name__}: {str(exc)[:120]})")
        book = reader.wb
        sheets = {}
        try:
            if len(book.worksheets) > MAX_SHEETS:
                budget.refuse(f"sešit má víc než {MAX_SHEETS} listů (limit)",
                              f"the workbook has more than {MAX_SHEETS} sheets (the limit)")
            for sheet in book.worksheets:
                if sheet.sheet_state != "visible":
                    continue
                sheet_label = f"{label} [list {sheet.title}]"
                parser = _SheetReader(sheet_label, budget, reader.shared_strings, book.epoch,
                                      set(book._date_formats), set(book._timedelta_formats))
                try:
                    with book._archive.open(sheet._worksheet_path) as source:
                        parser.read(source)
                except (expat.ExpatError, ValueError, zipfile.BadZipFile, OSError) as exc:
                    budget.refuse(f"list nelze přečíst za řádkem {parser.row} ({str(exc)[:120]})",
                                  f"cannot read the sheet after row {parser.row} ({str(exc)[:120]})",
                                  sheet_label, parser.row or None)
                sheets[sheet_label] = parser.rows
        finally:
            book.close()
        return sheets
    except Refused:
        return None
    except (expat.ExpatError, ValueError, zipfile.BadZipFile, OSError, KeyError) as exc:
        problems.add(label, f"sešit nelze otevřít ({type(exc).__name__}: {str(exc)[:120]})",
                     f"cannot open the workbook ({type(exc).__name__}: {str(exc)[:120]})")
        return None


# --- CSV -----------------------------------------------------------------------------------------

def _encoding(path: Path, budget: _Budget) -> str:
    """The encoding of a CSV: read UTF-8 (with or without BOM), UTF-16 with BOM and Windows-1250;
    name what else it seems to be."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        budget.refuse("soubor je v kódování UTF-32; uložte jej jako CSV UTF-8",
                      "the file is UTF-32; save it as CSV UTF-8")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"\xef\xbb\xbf"):
        return _valid(path, "utf-8-sig", budget)
    if head.count(b"\x00") > len(head) // 4:
        budget.refuse("soubor je zřejmě v kódování UTF-16 bez značky BOM; uložte jej jako CSV UTF-8",
                      "the file seems to be UTF-16 without a byte-order mark; save it as CSV UTF-8")
    try:
        return _valid(path, "utf-8", None)
    except Refused:
        return _valid(path, "cp1250", budget)


def _valid(path: Path, encoding: str, budget: _Budget | None) -> str:
    """The encoding if the whole file decodes in it, streamed; else the line where it does not."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with path.open("rb") as handle:
        while chunk := handle.read(65536):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                if budget is None:
                    raise Refused from None
                line += chunk[: max(exc.start, 0)].count(b"\n")
                byte = chunk[exc.start:exc.start + 1].hex() if 0 <= exc.start < len(chunk) else "??"
                budget.refuse(f"soubor není v UTF-8 ani ve Windows-1250 (bajt 0x{byte} na řádku {line}); "
                              "uložte jej jako CSV UTF-8", f"the file is neither UTF-8 nor Windows-1250 (byte "
                              f"0x{byte} on line {line}); save it as CSV UTF-8", row=line)
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            if budget is None:
                raise Refused from None
            budget.refuse("soubor končí uprostřed znaku (useknutý?)", "the file ends inside a character (cut off?)")
    return encoding


def read_csv(path: Path, label: str, problems: Problems) -> list[tuple[int, list]] | None:
    """The rows of a CSV (`;`, `,` or tab separated) with the line where each record starts."""
    budget = _Budget(label, problems)
    try:
        encoding = _encoding(path, budget)
        with path.open("rb") as raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
            sample = text.read(4096)
            delimiter = max((";", ",", "\t"), key=lambda d: (sample.count(d), d == ";"))
            text.seek(0)
            previous = csv.field_size_limit()
            csv.field_size_limit(MAX_FILE_BYTES)  # the file's own limit bounds a field; longer cells are cut below
            try:
                return _csv_rows(csv.reader(text, delimiter=delimiter), label, budget)
            finally:
                csv.field_size_limit(previous)
    except Refused:
        return None
    except (UnicodeDecodeError, OSError) as exc:
        problems.add(label, f"soubor nelze přečíst ({str(exc)[:120]})", f"cannot read the file ({str(exc)[:120]})")
        return None


def _csv_rows(reader, label: str, budget: _Budget) -> list[tuple[int, list]]:
    rows, line = [], 1
    try:
        for record in reader:  # a quoted cell may span lines: report the line where the record starts
            while record and not record[-1].strip():
                record.pop()  # trailing separators (";;;;" of a formatted sheet) are no cells
            values = []
            for column, cell in enumerate(record, start=1):
                budget.cell(label, line, column)
                budget.text(label, line, column, len(cell))
                if column > MAX_COLUMNS and cell.strip():
                    budget.refuse(f"vyplněná buňka za sloupcem {MAX_COLUMNS} (limit)",
                                  f"a filled cell beyond column {MAX_COLUMNS} (the limit)", label, line,
                                  column_letter(column))
                values.append(TooLong(cell[:SHOWN] + "…", len(cell)) if len(cell) > MAX_CELL_CHARS else cell)
            rows.append((line, values))
            line = reader.line_num + 1
    except csv.Error as exc:
        budget.refuse(f"řádek nelze přečíst jako CSV ({str(exc)[:120]})", f"the line is not valid CSV "
                      f"({str(exc)[:120]})", label, reader.line_num or line)
    return rows


def read(path: Path, label: str, problems: Problems) -> dict[str, list[tuple[int, list]]] | None:
    """Rows by sheet label of an XLSX or CSV within the limits; None after adding the file's problem."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.add(label, f"soubor má {_mb(size)}, víc než limit {LIMITS['file']}",
                     f"the file is {_mb(size)}, over the limit of {LIMITS['file']}")
        return None
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path, label, problems)
    rows = read_csv(path, label, problems)
    return None if rows is None else {label: rows}
