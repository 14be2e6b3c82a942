"""The HSDS export of the real build: a package any Open Referral directory can take, valid offline."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from frictionless import validate

from dashboard.exports.hsds import COLUMNS, SCHEMA_DIR, stable_id, write_hsds
from etl.build import connect


@pytest.fixture(scope="module")
def con(built_db):
    connection = connect(built_db, read_only=True)  # the dashboard's config: one process may hold both
    yield connection
    connection.close()


@pytest.fixture
def package(con, tmp_path) -> Path:
    write_hsds(con, tmp_path / "hsds")
    return tmp_path / "hsds"


def read(package: Path, path: str) -> list[dict]:
    with (package / path).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def errors(report) -> list[str]:
    return [f"{task.name}: {e.type}: {e.message}" for task in report.tasks for e in task.errors] + [
        f"{e.type}: {e.message}" for e in report.errors
    ]


def test_the_package_validates_against_the_official_schemas_with_foreign_keys(package):
    report = validate(package / "datapackage.json")
    assert report.valid, errors(report)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in descriptor["resources"]} == set(COLUMNS)
    assert "http" not in json.dumps([r["schema"] for r in descriptor["resources"]]).replace("http://example", "")
    keys = {r["name"]: r["schema"].get("foreignKeys", []) for r in descriptor["resources"]}
    assert {"fields": "unit_id", "reference": {"resource": "unit", "fields": "id"}} in keys["service_capacity"]
    assert {"fields": "location_id", "reference": {"resource": "location", "fields": "id"}} in keys["address"]


def test_the_required_fields_of_service_capacity_are_required_and_filled(package):
    """No relaxing of the official schema: available and updated are required, and every row has them."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    (capacity,) = [r for r in descriptor["resources"] if r["name"] == "service_capacity"]
    fields = {f["name"]: f for f in capacity["schema"]["fields"]}
    assert fields["available"]["constraints"]["required"] is True
    assert fields["updated"]["constraints"]["required"] is True and fields["updated"]["type"] == "datetime"
    assert "socmap_deviation" not in json.dumps(descriptor)
    rows = read(package, "service_capacity.csv")
    assert rows and all(r["available"].isdigit() and r["updated"] and not r["maximum"] for r in rows)


def test_every_field_comes_from_the_vendored_schema(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        official = json.loads((SCHEMA_DIR / f"{resource['name']}.json").read_text(encoding="utf-8"))
        for field in resource["schema"]["fields"]:
            assert official["properties"][field["name"]]["description"] == field["description"]


def test_every_service_of_the_database_is_exported(con, package):
    services = read(package, "services.csv")
    assert len(services) == con.execute("SELECT count(*) FROM service").fetchone()[0]
    assert {s["status"] for s in services} <= {"active", "inactive"}
    assert len(read(package, "locations.csv")) == con.execute("SELECT count(*) FROM service_place").fetchone()[0]


def test_a_planner_finds_the_jablonec_home_with_its_59_clients(package):
    services = {s["id"]: s for s in read(package, "services.csv")}
    home = services[stable_id("service", "9139875")]
    assert "Domov důchodců Jablonecké Paseky" in home["name"]
    assert "9139875" in home["description"]
    organizations = {o["id"]: o for o in read(package, "organizations.csv")}
    assert "Jablonecké Paseky" in organizations[home["organization_id"]]["name"]

    # Registered capacity, in units that say so: `available` counts registered places, never free ones.
    capacities = [c for c in read(package, "service_capacity.csv") if c["service_id"] == home["id"]]
    assert [(c["available"], c["maximum"]) for c in capacities] == [("59", "")]
    assert "ne volná místa" in capacities[0]["description"] and capacities[0]["updated"].endswith("Z")
    units = {u["id"]: u for u in read(package, "units.csv")}
    assert units[capacities[0]["unit_id"]]["name"] == "klienti – registrovaná kapacita"
    assert {u["name"].split(" – ")[0] for u in units.values()} == {
        "lůžka", "klienti", "kontakty (10 min)", "intervence (30 min)", "hovory"
    }
    assert all("ne volná místa" in u["scheme"] for u in units.values())

    places = {s["location_id"] for s in read(package, "service_at_location.csv") if s["service_id"] == home["id"]}
    addresses = [a for a in read(package, "addresses.csv") if a["location_id"] in places]
    assert [(a["address_1"], a["postal_code"], a["city"], a["country"]) for a in addresses] == [
        ("Vítězslava Nezvala 87/14", "466 02", "Jablonec nad Nisou", "CZ")
    ]


def test_ids_are_stable_between_two_exports(con, tmp_path):
    write_hsds(con, tmp_path / "a")
    write_hsds(con, tmp_path / "b")
    for path in ("organizations.csv", "services.csv", "locations.csv", "service_capacity.csv", "units.csv"):
        assert (tmp_path / "a" / path).read_bytes() == (tmp_path / "b" / path).read_bytes()


def test_czech_characters_survive(package):
    text = (package / "services.csv").read_text(encoding="utf-8")
    assert "Domov důchodců Jablonecké Paseky" in text
    assert "Liberecký kraj" in (package / "addresses.csv").read_text(encoding="utf-8")


def test_illustrative_records_say_so(con, package):
    illustrative = con.execute(
        "SELECT count(*) FROM service JOIN source USING (source_id) WHERE is_illustrative"
    ).fetchone()[0]
    services = read(package, "services.csv")
    assert sum("Ilustrativní záznam" in s["description"] for s in services) == illustrative > 0


def test_a_service_without_its_required_name_fails_validation(package):
    path = package / "services.csv"
    rows = read(package, "services.csv")
    rows[0]["name"] = ""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    report = validate(package / "datapackage.json")
    assert not report.valid
    assert "constraint-error" in {e.type for task in report.tasks for e in task.errors}


def test_a_capacity_of_an_unknown_service_fails_the_foreign_key(package):
    path = package / "service_capacity.csv"
    rows = read(package, "service_capacity.csv")
    rows[0]["service_id"] = stable_id("service", "no-such-service")
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    report = validate(package / "datapackage.json")
    assert "foreign-key" in {e.type for task in report.tasks for e in task.errors}
