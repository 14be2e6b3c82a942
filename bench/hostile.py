"""Benchmark of `socmap check` on hostile workbooks: time and peak memory, each refused with its place.

    .venv/bin/python -m bench.hostile [--runs 3] [--keep DIR]

Makes the workbooks of issue #17 (small files that unpack to a lot) and runs `socmap check` on each
under `/usr/bin/time -v`, in a child process, so peak memory (maximum resident set size) is that run's
own. Prints a Markdown table for the README and the command of every run. The same files are made by
tests/integration/test_hostile_files.py (smaller where a test must be quick).

- `huge-cell.xlsx`: one 20 MB cell (the Identifikátor of an occupancy row) in a 25 kB file, as an inline string
  (what openpyxl writes); `huge-shared-string.xlsx`: the same in the shared strings (what Excel writes);
- `empty-cells.xlsx`: 1.2 million empty cells (styled, no value) in a small file;
- `far-cell.xlsx`: one cell at XFD1048576, the last cell Excel has (a "dimension bomb");
- `bad-rows.xlsx`: 20 000 rows, each with a mistyped identifier, period, unit and count;
- `bad-rows.csv`: the same as a Czech Excel CSV;
- `utf16.csv`: a CSV saved as "Unicode text" (UTF-16 with a BOM, tab separated), which is read.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["Identifikátor", "Období", "Jednotka", "Kapacita", "Obsazeno", "Odmítnuto", "Poznámka"]


def _book(rows: list[list]) -> bytes:
    """A real workbook made by openpyxl with one sheet "Obsazenost"."""
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Obsazenost"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replace_sheet(data: bytes, transform) -> bytes:
    """The workbook with its first sheet's XML passed through transform(xml) -> xml."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = transform(content.decode("utf-8")).encode("utf-8")
            dst.writestr(item.filename, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def huge_cell(path: Path, chars: int = 20_000_000, shared: bool = False) -> Path:
    """openpyxl cuts a cell at Excel's 32 767 characters: the 20 MB goes into the file by hand, as an inline
    string (what openpyxl writes) or into the shared strings (what Excel writes)."""
    import io

    data = _replace_sheet(_book([HEADER, ["POZNAMKA", "1/2020", "lůžka", 32, 31, None, "pozn."]]),
                          lambda xml: xml.replace("POZNAMKA", "A" * chars))
    if shared:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                content = src.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    content = re.sub(rb'<c r="A2" t="inlineStr"><is><t>A+</t></is></c>',
                                     b'<c r="A2" t="s"><v>0</v></c>', content)
                elif item.filename == "[Content_Types].xml":
                    content = content.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                                              b'"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                                              b'sharedStrings+xml"/></Types>')
                elif item.filename == "xl/_rels/workbook.xml.rels":
                    content = content.replace(b"</Relationships>", b'<Relationship Id="rIdSS" Type="http://schemas.'
                                              b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
                                              b'Target="sharedStrings.xml"/></Relationships>')
                dst.writestr(item.filename, content, zipfile.ZIP_DEFLATED)
            strings = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                       b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>' + b"A" * chars
                       + b"</t></si></sst>")
            dst.writestr("xl/sharedStrings.xml", strings, zipfile.ZIP_DEFLATED)
        data = out.getvalue()
    path.write_bytes(data)
    return path


def empty_cells(path: Path, rows: int = 12_000, columns: int = 100) -> Path:
    """Rows of styled cells without values after a good header and row (what 'format the whole sheet' leaves)."""
    from etl.sources.spreadsheet import column_letter

    letters = [column_letter(i) for i in range(1, columns + 1)]

    def transform(xml: str) -> str:
        empty = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="0"/>' for c in letters) + "</row>"
                        for r in range(3, rows + 3))
        return xml.replace("</sheetData>", empty + "</sheetData>")
    path.write_bytes(_replace_sheet(_book([HEADER, ["9900008", "1/2020", "lůžka", 32, 31]]), transform))
    return path


def far_cell(path: Path) -> Path:
    def transform(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        return xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                                           "</c></row></sheetData>")
    path.write_bytes(_replace_sheet(_book([HEADER, ["9900008", "1/2020", "lůžka", 32, 31]]), transform))
    return path


def _bad_row(i: int) -> list:
    return [f"99{i % 100:05d}", f"zima {2000 + i % 20}", "postele", f"{i}x", None, None, "pozn."]


def bad_rows(path: Path, rows: int = 20_000) -> Path:
    path.write_bytes(_book([HEADER] + [_bad_row(i) for i in range(rows)]))
    return path


def bad_rows_csv(path: Path, rows: int = 20_000) -> Path:
    lines = [";".join(HEADER)] + [";".join("" if v is None else str(v) for v in _bad_row(i)) for i in range(rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return path


def utf16_csv(path: Path) -> Path:
    lines = ["\t".join(HEADER), "\t".join(["9900008", "2/2020", "lůžka", "32", "30", "", "Unicode text z Excelu"])]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    return path


MAKERS = {"huge-cell.xlsx": huge_cell, "huge-shared-string.xlsx": lambda path: huge_cell(path, shared=True),
          "empty-cells.xlsx": empty_cells, "far-cell.xlsx": far_cell,
          "bad-rows.xlsx": bad_rows, "bad-rows.csv": bad_rows_csv, "utf16.csv": utf16_csv}


def measure(path: Path) -> dict:
    """One `socmap check` under /usr/bin/time -v: exit code, wall seconds, peak RSS, the first problem."""
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "etl.cli", "check", str(path), "--data",
               str(ROOT / "data")]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    stats = dict(line.strip().rpartition(": ")[::2] for line in done.stderr.splitlines() if ": " in line)
    wall = stats["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.startswith("- ")]
    return {"exit": done.returncode, "seconds": seconds, "rss_mb": int(stats["Maximum resident set size (kbytes)"])
            / 1024, "first": (lines[0] if lines else done.stdout.strip())[:160],
            "problems": re.search(r"problémů: (\d+)", done.stderr + done.stdout)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="make the workbooks in this folder and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="socmap-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("| file | size | exit | time (median of runs) | peak RSS | first problem |")
    print("|---|---|---|---|---|---|")
    for name, make in MAKERS.items():
        path = make(folder / name)
        runs = [measure(path) for _ in range(args.runs)]
        problems = runs[0]["problems"]
        first = runs[0]["first"].replace("|", "\\|") + (f" ({problems[1]} problems)" if problems else "")
        print(f"| `{name}` | {path.stat().st_size / 1024:.0f} kB | {runs[0]['exit']} | "
              f"{statistics.median(r['seconds'] for r in runs):.2f} s | "
              f"{max(r['rss_mb'] for r in runs):.0f} MB | {first} |")
    print(f"\nCommand of each run: /usr/bin/time -v {sys.executable} -m etl.cli check FILE --data data  "
          f"(files in {folder})")


if __name__ == "__main__":
    main()
