"""The socmap command, as a user runs it."""

import json

from typer.testing import CliRunner

from etl.cli import app
from tests.conftest import DATA

runner = CliRunner()


def test_build_then_status_json(tmp_path):
    db = tmp_path / "socmap.duckdb"
    result = runner.invoke(app, ["build", "--db", str(db), "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "215 obcí" in result.output
    status = runner.invoke(app, ["status", "--db", str(db), "--json"])
    assert status.exit_code == 0
    counts = json.loads(status.stdout)
    assert counts["tables"]["orp"]["rows"] == 10
    assert counts["tables"]["funnel_stage"]["rows"] == 10
    assert counts["tables"]["service"]["rows"] == 50  # 47 of the extract, Noc v teple, 2 debt counselling (#19)
    kinds = {row["kind"]: row for row in counts["services_by_kind"]}
    assert kinds["Noclehárny"]["services"] == 2


def test_build_reads_its_paths_from_the_environment(tmp_path):
    db = tmp_path / "env.duckdb"
    result = runner.invoke(app, ["build"], env={"SOCMAP_DB": str(db), "SOCMAP_DATA": str(DATA)})
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_a_bad_file_fails_with_a_bilingual_message_and_keeps_the_old_database(tmp_path, data_copy):
    db = tmp_path / "socmap.duckdb"
    assert runner.invoke(app, ["build", "--db", str(db), "--data", str(data_copy)]).exit_code == 0
    before = db.read_bytes()
    facts = data_copy / "facts" / "liberecky-kraj-facts.csv"
    facts.write_text(facts.read_text(encoding="utf-8").replace(",563510,", ",56351,", 1), encoding="utf-8")
    result = runner.invoke(app, ["build", "--db", str(db), "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "facts/liberecky-kraj-facts.csv, řádek/row 12, sloupec/column kod_obce" in result.output
    assert "beze změny / the previous database is" in result.output
    assert db.read_bytes() == before


def test_status_without_a_database_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "socmap build" in result.output


def test_export_hsds_writes_a_data_package(tmp_path, built_db):
    result = runner.invoke(app, ["export-hsds", str(tmp_path / "hsds"), "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    assert "service 50" in result.stdout
    assert (tmp_path / "hsds" / "datapackage.json").exists()
