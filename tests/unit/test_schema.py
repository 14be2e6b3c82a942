"""The schema holds the tables analysts rely on, each commented, each column documented."""

import re

import duckdb

from etl.build import SCHEMA
from tests.conftest import ROOT

EXPECTED = {
    "kraj", "okres", "orp", "municipality", "provider", "service", "service_place", "social_housing",
    "funnel_round", "funnel_stage", "occupancy", "plan", "plan_measure", "target_norm", "source",
}


def schema_connection():
    con = duckdb.connect()
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    return con


def test_the_schema_holds_every_table_the_issue_names():
    con = schema_connection()
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert EXPECTED <= tables


def test_every_table_has_a_comment():
    con = schema_connection()
    missing = con.execute("SELECT table_name FROM duckdb_tables() "
                          "WHERE comment IS NULL OR comment = ''").fetchall()
    assert missing == []


def test_named_columns_keep_their_names():
    con = schema_connection()

    def columns(table):
        return {r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]).fetchall()}

    assert {"kod_obce", "name", "kod_orp", "kod_okres", "population", "population_year", "lat", "lon"} \
        <= columns("municipality")
    assert {"round_id", "stage_order", "stage", "count", "note"} <= columns("funnel_stage")
    assert {"document", "date", "link", "is_illustrative"} <= columns("source")


def test_every_fact_table_points_at_a_source():
    con = schema_connection()
    without = con.execute("""
        SELECT t.table_name FROM duckdb_tables() t
        WHERE t.table_name NOT IN ('source', 'build_warning', 'geocode_cache', 'workbook_template', 'kept_span')
          AND t.table_name NOT LIKE '%_kept'  -- answers of views kept by the build, see kept_span
          AND NOT EXISTS (SELECT 1 FROM duckdb_columns() c
                          WHERE c.table_name = t.table_name AND c.column_name = 'source_id')
    """).fetchall()
    assert without == []


def test_the_analysts_view_keeps_its_columns():
    con = schema_connection()
    columns = [r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = "
                                         "'service_capacity' ORDER BY column_index").fetchall()]
    assert columns[:9] == ["identifikator", "druh_id", "druh", "forma", "capacity_type", "capacity", "kod_obce",
                           "kod_orp", "active"]
    assert con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'service_capacity'").fetchone()[0]


def test_docs_describe_every_column_of_every_table():
    docs = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## `(\w+)`[^\n]*\n(.*?)(?=^## |\Z)", docs, flags=re.MULTILINE | re.DOTALL))
    con = schema_connection()
    undocumented = []
    columns = con.execute("SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal "
                          "ORDER BY table_name, column_index").fetchall()
    for table, column in columns:
        if f"| `{column}` |" not in sections.get(table, ""):
            undocumented.append(f"{table}.{column}")
    assert undocumented == []
