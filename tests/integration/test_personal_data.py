"""No personal data anywhere: the shipped data has no column that could hold a person's name, birth date or
birth number; columns that could hold a person's e-mail or phone (kept only where a published format has
them) are empty; the registry extract carries no statutory bodies or heads of facilities; the built
database neither."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import DATA, rows

# A column (or JSON key) whose folded name contains one of these could hold who a person is.
PERSONAL = ("jmeno", "prijmeni", "osoba", "statutar", "vedouc", "reditel", "narozen", "rodnecislo", "podpis",
            "zastupce", "zapisovatel", "ucastnik", "pritomn", "clenove", "firstname", "lastname", "surname",
            "person", "birth", "contactname")
# Contacts: allowed as columns only where a published format has them, and then empty in what we ship.
CONTACT = ("email", "mail", "telefon", "phone", "mobil", "fax")
# Surnames from the working-group minutes (attendees): they must appear in no shipped file.
MINUTES_NAMES = ("Haklová", "Prade", "Průcha", "Jandurová", "Tulpa", "Palečková")


def fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c)).casefold()


def personal(name: str) -> bool:
    return any(p in fold(name) for p in PERSONAL)


def contact(name: str) -> bool:
    return any(p in fold(name) for p in CONTACT)


def empty(value) -> bool:
    return value in (None, "", [], {}) or (isinstance(value, list) and all(empty(v) for v in value))


def csv_columns(path: Path) -> dict[str, list[str]]:
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns: dict[str, list[str]] = {name: [] for name in reader.fieldnames or []}
    for row in reader:
        for name in columns:
            columns[name].append(row.get(name) or "")
    return columns


def json_keys(value, found: dict[str, list]) -> dict[str, list]:
    """Every key anywhere in a JSON document, with the values it holds."""
    if isinstance(value, dict):
        for key, item in value.items():
            found.setdefault(key, []).append(item)
            json_keys(item, found)
    elif isinstance(value, list):
        for item in value:
            json_keys(item, found)
    return found


def xlsx_columns(path: Path) -> dict[str, list]:
    book = openpyxl.load_workbook(path, read_only=True)
    columns: dict[str, list] = {}
    for sheet in book.worksheets:
        table = list(sheet.iter_rows(values_only=True))
        if table:
            for i, name in enumerate(table[0]):
                if name is not None:
                    columns.setdefault(str(name), []).extend(r[i] for r in table[1:] if i < len(r))
    return columns


def shipped_columns() -> dict[str, dict[str, list]]:
    files = {}
    for path in sorted(DATA.rglob("*")):
        if path.suffix == ".csv":
            files[str(path.relative_to(DATA))] = csv_columns(path)
        elif path.suffix in (".json", ".geojson"):
            files[str(path.relative_to(DATA))] = json_keys(json.loads(path.read_text("utf-8")), {})
        elif path.suffix == ".xlsx":
            files[str(path.relative_to(DATA))] = xlsx_columns(path)
    return files


@pytest.fixture(scope="module")
def columns():
    return shipped_columns()


def test_the_scan_reads_every_shipped_data_file(columns):
    assert "registry/rpss.json" in columns and "facts/liberecky-kraj-facts.csv" in columns
    assert len(columns) == len([p for p in DATA.rglob("*") if p.suffix in (".csv", ".json", ".geojson", ".xlsx")])
    assert "Druh služby" in columns["planner/normy.csv"]  # semicolon CSV with a BOM, read right


def test_the_scan_recognises_personal_columns():
    for name in ("Jméno", "příjmení", "Kontaktní osoba", "statutarniOrgany", "vedoucíZařízení", "Datum narození",
                 "rodné číslo", "Ředitel", "Přítomni", "contact_person"):
        assert personal(name), name
    for name in ("Název", "Poskytovatel", "cilovaSkupina", "Druh služby", "nazev", "provider", "Obec", "Stanovil"):
        assert not personal(name), name
    assert contact("E-mail") and contact("telefony") and contact("emaily") and not contact("Zdroj")


def test_no_shipped_file_has_a_column_for_people(columns):
    found = [f"{file}: {name}" for file, cols in columns.items() for name in cols if personal(name)]
    assert found == []


def test_contact_columns_in_shipped_files_are_empty(columns):
    """The registry format has e-mails and phones (often a named person's): the extract keeps them empty."""
    found = [f"{file}: {name}" for file, cols in columns.items() for name, values in cols.items()
             if contact(name) and not all(empty(v) for v in values)]
    assert found == []


def test_the_registry_extract_has_no_statutory_bodies_or_heads():
    keys = json_keys(json.loads((DATA / "registry" / "rpss.json").read_text("utf-8")), {})
    assert not {"statutarniOrgany", "statutarniOrgan", "vedouci", "osoby"} & set(keys)
    assert not [k for k in keys if personal(k)]


def test_no_shipped_file_names_the_attendees_of_the_minutes():
    for path in sorted(DATA.rglob("*")):
        if path.is_file() and path.suffix in (".csv", ".json", ".geojson", ".md"):
            text = path.read_text("utf-8")
            assert not [n for n in MINUTES_NAMES if n in text], path


def test_the_built_database_has_no_column_for_people_and_no_contacts(built_db):
    columns = rows(built_db, "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'")
    assert [f"{t}.{c}" for t, c in columns if personal(c)] == []
    for table, column in [(t, c) for t, c in columns if contact(c)]:
        assert rows(built_db, f'SELECT count("{column}") FROM "{table}"') == [(0,)], f"{table}.{column}"


def test_the_registry_reader_skips_people_in_a_full_record(tmp_path, data_copy):
    """A record as the national file has it, with statutory bodies and service contacts: none of it is loaded."""
    from etl.build import build

    path = data_copy / "registry" / "rpss.json"
    registry = json.loads(path.read_text("utf-8"))
    record = registry["polozky"][0]
    record["statutarniOrgany"] = [{"jmeno": "Jan", "prijmeni": "Zkušební", "funkce": "ředitel"}]
    record["emaily"] = [{"email": "jan.zkusebni@example.invalid"}]
    record["telefony"] = [{"telefon": "+420 777 000 111"}]
    record["zarizeni"][0]["vedouci"] = {"jmeno": "Eva", "prijmeni": "Pokusná"}
    path.write_text(json.dumps(registry, ensure_ascii=False), "utf-8")
    db = tmp_path / "socmap.duckdb"
    build(db, data_copy)
    tables = [t for (t,) in rows(db, "SELECT table_name FROM duckdb_tables()")]
    text = " ".join(str(v) for t in tables for row in rows(db, f'SELECT * FROM "{t}"') for v in row)
    for trace in ("Zkušební", "Pokusná", "jan.zkusebni", "777 000 111"):
        assert trace not in text
