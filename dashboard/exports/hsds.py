"""Open Referral HSDS 3.x export: the directory as a tabular data package (CSV files + datapackage.json).

The table schemas are the official HSDS ones, vendored in `hsds_schema/` (see its PROVENANCE.md), turned into
Frictionless table schemas the way the specification's own generator does it, and written into the descriptor
so that the package validates offline. Every id is a UUID derived (uuid5) from our own keys, so repeated
exports give the same ids. A value no source gave stays empty: nothing is guessed.
"""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path
from uuid import NAMESPACE_URL, uuid5

import duckdb

from etl.sqlfile import load_named

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

# Registry capacity types as HSDS units, with their Czech names.
UNITS: dict[str, str] = {
    "luzka": "lůžka",
    "klient": "klienti",
    "kontakt": "kontakty (10 min)",
    "interv": "intervence (30 min)",
    "hovor": "hovory",
}

# Where we knowingly depart from the official schema, and why. socmap holds the *registered maximum* of a
# service, never free places, so `available` stays empty; `updated` is the date of the source document where
# it has one. Both are required by HSDS; relaxing them is declared here and in the resource's description.
DEVIATIONS: dict[tuple[str, str], str] = {
    ("service_capacity", "available"): (
        "not required here: socmap knows only the registered maximum (column maximum), never free places"
    ),
    ("service_capacity", "updated"): (
        "not required here: the date of the source document that states the capacity, empty when undated"
    ),
}

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
        deviation = DEVIATIONS.get((name, column))
        if deviation:
            prop["constraints"]["required"] = False
            prop["socmap_deviation"] = deviation
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
        deviations = [f"{col}: {why}" for (table, col), why in DEVIATIONS.items() if table == name]
        if deviations:
            description += " socmap deviations from HSDS: " + "; ".join(deviations) + "."
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
            "Kapacity jsou registrované maximum (maximum), nikdy volná místa. Záznamy s poznámkou "
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
        tables["unit"].append({"id": stable_id("unit", code), "name": name, "scheme": "socmap", "identifier": code})

    for r in _rows(con, q["hsds_capacities"]):
        if r["capacity_type"] not in UNITS:
            raise ValueError(f"unknown capacity type {r['capacity_type']!r} of service {r['service_id']}")
        tables["service_capacity"].append({
            "id": stable_id("service_capacity", f"{r['service_id']}:{r['form']}:{r['capacity_type']}"),
            "service_id": stable_id("service", r["service_id"]),
            "unit_id": stable_id("unit", r["capacity_type"]),
            "available": None,
            "maximum": r["capacity"],
            "description": _sentences(f"Registrovaná kapacita, {r['form_name']}.", r["description"]),
            "updated": f"{r['source_date'].isoformat()}T00:00:00Z" if r["source_date"] else None,
        })
    return tables


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
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(columns)
            for row in tables[resource["name"]]:
                writer.writerow("" if row[c] is None else row[c] for c in columns)
    (out_dir / "datapackage.json").write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return counts
