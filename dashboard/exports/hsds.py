"""Open Referral HSDS 3.x export: the directory as a tabular data package (CSV files + datapackage.json).

The table schemas are the official HSDS ones, vendored in `hsds_schema/` (see its PROVENANCE.md), turned into
Frictionless table schemas the way the specification's own generator does it, and written into the descriptor
so that the package validates offline, every required field included. Every id is a UUID derived (uuid5)
from our own keys, so repeated exports give the same ids. A value no source gave stays empty: nothing is
guessed.

Capacity is the one place where HSDS asks for more than socmap knows: `service_capacity.available` and
`updated` are required, and socmap holds the *registered* capacity of a service (the maximum in the
registry), never its free places. The honest form: the unit says what is counted — "lůžka – registrovaná
kapacita" (units of registered capacity, scheme: the registry's capacity types) — and `available` is the
number of those units the registration makes available, as of `updated`, the date of the source that
states it (or, where the source has no date, the time of the build that read it). `maximum` stays empty:
a second copy of the same number would read as "all places free". A capacity nobody stated is not
exported at all (its `available` would be a guess). See docs/hsds.md.

Every text goes through common.cell_text.escape_formula and the CSV quotes CR and LF, as every file socmap
writes for other programs.
"""

from __future__ import annotations

import copy
import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from uuid import NAMESPACE_URL, uuid5

import duckdb

from common.cell_text import CSV_LINE_END, escape_formula
from common.sqlfile import load_named
from common.vocabulary import REGISTRY_UNITS
from common.vocabulary import UNITS as UNITS_CS

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds_schema"
QUERIES = Path(__file__).resolve().parents[1] / "queries" / "hsds.sql"

# The tables we export, in the specification's order, with the columns we fill (required + relevant optional).
COLUMNS: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name", "description", "email", "website", "legal_status"),
    "service": ("id", "organization_id", "name", "description", "url", "email", "status"),
    "service_at_location": ("id", "service_id", "location_id"),
    "location": (
        "id", "location_type", "organization_id", "name", "description", "latitude", "longitude",
        "external_identifier", "external_identifier_type",
    ),
    "address": ("id", "location_id", "address_1", "city", "state_province", "postal_code", "country", "address_type"),
    "service_capacity": ("id", "service_id", "unit_id", "available", "maximum", "description", "updated"),
    "unit": ("id", "name", "scheme", "identifier"),
}

# Registry capacity types as HSDS units: what is counted is registered capacity, and the unit says so.
UNITS: dict[str, str] = {unit: UNITS_CS[unit] for unit in REGISTRY_UNITS}
UNIT_SUFFIX = " – registrovaná kapacita"
UNIT_SCHEME = "Registr poskytovatelů sociálních služeb (MPSV), typy kapacity: registrovaná kapacita, ne volná místa"
CAPACITY_NOTE = ("Registrovaná kapacita podle registru poskytovatelů ({form}): počet jednotek, pro které je služba "
                 "registrována – ne volná místa. / Registered capacity: the units the service is registered for, "
                 "not free places.")

ILLUSTRATIVE = "Ilustrativní záznam (pro ukázku), ne skutečná data registru."


def stable_id(kind: str, key: object) -> str:
    """A UUID that is the same in every export: uuid5 of `socmap:<kind>:<our key>`."""
    return str(uuid5(NAMESPACE_URL, f"socmap:{kind}:{key}"))


def load_official(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _foreign_keys(schemas: dict[str, dict]) -> dict[str, list[dict]]:
    """Foreign keys as the specification's generator derives them from the schemas' references."""
    pairs: list[tuple[str, str]] = []
    for name, schema in schemas.items():
        for prop in schema["properties"].values():
            array_ref = prop.get("items", {}).get("$ref")
            if array_ref and array_ref not in ("attribute.json", "metadata.json"):
                pairs.append((array_ref.removesuffix(".json"), name))
            obj_ref = prop.get("$ref")
            if obj_ref:
                pairs.append((name, obj_ref.removesuffix(".json")))
    keys: dict[str, list[dict]] = {name: [] for name in schemas}
    for table, target in dict.fromkeys(pairs):
        if table in schemas and target in schemas:
            keys[table].append({"fields": f"{target}_id", "reference": {"resource": target, "fields": "id"}})
    return keys


def table_schema(schema: dict, columns: tuple[str, ...], foreign_keys: list[dict]) -> dict:
    """A Frictionless table schema of the columns we write, from one vendored HSDS schema file."""
    name = schema["name"]
    required = set(schema.get("required", [])) | set(schema.get("tabular_required", []))
    missing = sorted(required - set(columns) - {p for p, v in schema["properties"].items() if "$ref" in v})
    if missing:
        raise ValueError(f"HSDS {name}: required columns not exported: {missing}")
    fields = []
    for column in columns:
        prop = copy.deepcopy(schema["properties"][column])
        if "constraints" not in prop:
            raise ValueError(f"HSDS {name}.{column} is not a tabular field")
        prop["constraints"]["required"] = column in required
        enum = prop.pop("enum", None)
        if enum:
            prop["constraints"]["enum"] = enum
        datapackage_type = prop.pop("datapackage_type", None)
        if datapackage_type:
            prop["type"] = datapackage_type
            # "date-time" is a JSON Schema format; for a Frictionless datetime it would be read as a pattern.
            prop.pop("format", None)
        fields.append(prop)
    result = {"primaryKey": "id", "fields": fields}
    keys = [fk for fk in foreign_keys if fk["fields"] in columns]
    if keys:
        result["foreignKeys"] = keys
    return result


def descriptor(counts: dict[str, int]) -> dict:
    schemas = {name: load_official(name) for name in COLUMNS}
    foreign_keys = _foreign_keys(schemas)
    resources = []
    for name in sorted(COLUMNS, key=lambda n: schemas[n]["datapackage_metadata"]["order"]):
        official = schemas[name]
        meta = official["datapackage_metadata"]
        description = official["description"]
        if name == "service_capacity":
            description += (" socmap: units of registered capacity (see units.csv), available = the registered "
                            "number as of updated, never free places; maximum left empty.")
        resources.append({
            "name": name,
            "path": official["path"],
            "description": description,
            "format": meta["format"],
            "mediatype": meta["mediatype"],
            "encoding": "utf-8",
            "profile": meta["profile"],
            "schema": table_schema(official, COLUMNS[name], foreign_keys[name]),
        })
    return {
        "name": "socmap-hsds",
        "title": "Sociální služby Libereckého kraje (socmap) – Open Referral HSDS",
        "description": (
            "Adresář sociálních služeb ze socmap jako tabulkový balíček Open Referral HSDS 3.x. "
            "Kapacity jsou registrovaná kapacita (jednotka „… – registrovaná kapacita“, pole available), nikdy "
            "volná místa. Záznamy s poznámkou "
            f"„{ILLUSTRATIVE}“ jsou ilustrativní. Řádků: "
            + ", ".join(f"{name} {counts[name]}" for name in COLUMNS)
            + "."
        ),
        "profile": "tabular-data-package",
        "homepage": "http://docs.openreferral.org",
        "resources": resources,
    }


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _sentences(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def build_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict]]:
    """The HSDS rows of every exported table, read from the socmap database."""
    q = load_named(QUERIES)
    tables: dict[str, list[dict]] = {name: [] for name in COLUMNS}

    for r in _rows(con, q["hsds_organizations"]):
        tables["organization"].append({
            "id": stable_id("provider", r["provider_id"]),
            "name": r["name"],
            "description": _sentences(
                "Poskytovatel sociálních služeb" + (f" (IČO {r['ico']})." if r["ico"] else "."),
                ILLUSTRATIVE if r["is_illustrative"] else None,
            ),
            "email": r["email"],
            "website": r["web"],
            "legal_status": r["legal_form"],
        })

    for r in _rows(con, q["hsds_services"]):
        tables["service"].append({
            "id": stable_id("service", r["service_id"]),
            "organization_id": stable_id("provider", r["provider_id"]) if r["provider_id"] else None,
            "name": r["name"],
            "description": _sentences(
                f"{r['kind_name']} ({r['paragraf']})." if r["paragraf"] else f"{r['kind_name']}.",
                f"Identifikátor v registru poskytovatelů: {r['identifikator']}." if r["identifikator"] else None,
                ILLUSTRATIVE if r["is_illustrative"] else None,
            ),
            "url": None,
            "email": None,
            "status": r["status"],
        })

    for r in _rows(con, q["hsds_locations"]):
        location_id = stable_id("location", r["place_id"])
        point_note = {
            "municipality": "Souřadnice jsou střed obce, ne přesná adresa.",
            "street": "Souřadnice jsou ulice, ne přesná adresa.",
        }.get(r["geo_precision"])
        tables["location"].append({
            "id": location_id,
            "location_type": "physical",
            "organization_id": stable_id("provider", r["provider_id"]) if r["provider_id"] else None,
            "name": r["name"],
            "description": _sentences(f"Adresa podle zdroje: {r['address']}." if r["address"] else None, point_note),
            "latitude": r["lat"],
            "longitude": r["lon"],
            "external_identifier": r["address_point"],
            "external_identifier_type": "RÚIAN kód adresního místa" if r["address_point"] else None,
        })
        tables["service_at_location"].append({
            "id": stable_id("service_at_location", r["place_id"]),
            "service_id": stable_id("service", r["service_id"]),
            "location_id": location_id,
        })

    for r in _rows(con, q["hsds_addresses"]):
        tables["address"].append({
            "id": stable_id("address", r["place_id"]),
            "location_id": stable_id("location", r["place_id"]),
            "address_1": r["address_1"],
            "city": r["city"],
            "state_province": r["state_province"],
            "postal_code": r["postal_code"],
            "country": "CZ",
            "address_type": "physical",
        })

    for code, name in UNITS.items():
        tables["unit"].append({"id": stable_id("unit", code), "name": name + UNIT_SUFFIX, "scheme": UNIT_SCHEME,
                               "identifier": code})

    built = _built_at(con)
    for r in _rows(con, q["hsds_capacities"]):
        if r["capacity_type"] not in UNITS:
            raise ValueError(f"unknown capacity type {r['capacity_type']!r} of service {r['service_id']}")
        if r["capacity"] is None:
            continue  # a capacity nobody stated: `available` is required, and it would be a guess
        tables["service_capacity"].append({
            "id": stable_id("service_capacity", f"{r['service_id']}:{r['form']}:{r['capacity_type']}"),
            "service_id": stable_id("service", r["service_id"]),
            "unit_id": stable_id("unit", r["capacity_type"]),
            "available": r["capacity"],
            "maximum": None,
            "description": _sentences(CAPACITY_NOTE.format(form=r["form_name"]), r["description"]),
            "updated": f"{r['source_date'].isoformat()}T00:00:00Z" if r["source_date"] else built,
        })
    return tables


def _built_at(con: duckdb.DuckDBPyConnection) -> str:
    """When the file was built (its modification time: the build swaps in a finished file); now in memory."""
    path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    when = datetime.fromtimestamp(Path(path).stat().st_mtime, UTC) if path else datetime.now(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_hsds(con: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, int]:
    """Write the HSDS tabular data package into out_dir; return the number of rows of each table."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = build_tables(con)
    counts = {name: len(rows) for name, rows in tables.items()}
    package = descriptor(counts)
    for resource in package["resources"]:
        columns = COLUMNS[resource["name"]]
        with (out_dir / resource["path"]).open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator=CSV_LINE_END)
            writer.writerow(columns)
            for row in tables[resource["name"]]:
                writer.writerow("" if row[c] is None else escape_formula(row[c]) for c in columns)
    (out_dir / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return counts
