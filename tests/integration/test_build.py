"""The real build on the shipped data, and what happens when the input is bad."""

import datetime as dt
import hashlib
import io
import json

import duckdb
import openpyxl
import pytest

from etl.build import build, connect, status
from etl.errors import BuildError
from tests.conftest import DATA, rows


def test_liberecky_kraj_has_ten_orps_and_215_municipalities(built_db):
    assert rows(built_db, "SELECT kod_kraj, kod_ruian, name FROM kraj") == [("CZ051", "78", "Liberecký kraj")]
    orps = dict(rows(built_db, "SELECT name, kod_orp FROM orp"))
    assert len(orps) == 10
    assert orps["Liberec"] == "5105" and orps["Železný Brod"] == "5110"
    assert rows(built_db, "SELECT count(*) FROM municipality") == [(215,)]
    assert rows(built_db, "SELECT count(*) FROM okres") == [(4,)]


def test_every_municipality_has_an_orp_and_a_population(built_db):
    assert rows(built_db, """SELECT count(*) FROM municipality m LEFT JOIN orp o USING (kod_orp)
                             WHERE o.kod_orp IS NULL OR m.population IS NULL""") == [(0,)]
    assert rows(built_db, "SELECT sum(population), min(population_year) FROM municipality") == [(442476, 2021)]


def test_frydstejn_belongs_to_jablonec_since_2021(built_db):
    assert rows(built_db, "SELECT kod_orp FROM municipality WHERE kod_obce = '563579'") == [("5103",)]


def test_every_fact_row_points_at_an_existing_source(built_db):
    con = connect(built_db, read_only=True)
    tables = [r[0] for r in con.execute(
        "SELECT DISTINCT table_name FROM duckdb_columns() WHERE column_name = 'source_id' "
        "AND table_name <> 'source'").fetchall()]
    con.close()
    assert "fact" in tables and "funnel_stage" in tables
    for table in tables:
        orphans = rows(built_db, f"SELECT count(*) FROM {table} t LEFT JOIN source s USING (source_id) "
                                 "WHERE s.source_id IS NULL")
        assert orphans == [(0,)], table


def test_all_58_published_facts_load_each_with_its_own_page(built_db):
    assert rows(built_db, "SELECT count(*) FROM fact") == [(58,)]
    night_shelter = rows(built_db, """SELECT f.value, s.link FROM fact f JOIN source s USING (source_id)
                                      WHERE f.service_id = '9900008' AND f.metric = 'capacity' ORDER BY f.fact_id""")
    assert [v for v, _ in night_shelter] == [32, 32, 39]  # the conflict is kept, not merged
    assert all(link.startswith("http") for _, link in night_shelter)


def test_the_zitavska_funnel_keeps_uncounted_stages_unknown(built_db):
    stages = rows(built_db, "SELECT stage_order, count FROM funnel_stage WHERE round_id = 'ZITAVSKA-2020' "
                            "ORDER BY stage_order")
    assert stages == [(1, 53), (2, None), (3, None), (4, 25), (5, 11)]
    assert rows(built_db, "SELECT date FROM source WHERE source_id = "
                          "(SELECT source_id FROM funnel_round WHERE round_id = 'ZITAVSKA-2020')")[0][0].isoformat() \
        == "2020-01-13"


def test_the_minutes_facts_are_all_there(built_db):
    housing = dict(rows(built_db, "SELECT social_housing_id, units FROM social_housing"))
    assert housing["SB-ZITAVSKA"] == 11 and housing["SB-ZELEZNY-BROD"] == 12
    assert housing["KB-JILEMNICE"] == 1 and housing["KL-JILEMNICE"] is None
    codes = [r[0] for r in rows(built_db, "SELECT code FROM plan_measure ORDER BY code")]
    assert rows(built_db, "SELECT status, status_year FROM plan_measure WHERE code = '4.3.1'") == [("probíhá", 2020)]
    assert codes[0] == "4.1.1" and codes[-1] == "4.4.9" and len(codes) == 24
    assert "4.4.11" in codes
    occupancy = rows(built_db, "SELECT capacity, occupied FROM occupancy WHERE service_id = '9900001' "
                               "ORDER BY capacity_type")
    assert rows(built_db, "SELECT period_start, period_end FROM occupancy o JOIN source s USING (source_id) "
                          "WHERE service_id = '9900008' AND NOT s.is_illustrative")[0] == \
        (dt.date(2023, 7, 1), dt.date(2024, 1, 10))
    assert occupancy == [(3, 3), (None, None)]  # family units full; free women's beds not counted
    hf = rows(built_db, "SELECT count(*), count(count) FROM funnel_stage WHERE round_id = 'HF-LIBEREC'")
    assert hf == [(5, 0)]


def test_no_personal_data_is_loaded(built_db):
    text = " ".join(str(v) for table in ("source", "fact", "funnel_stage", "social_housing", "provider")
                    for row in rows(built_db, f"SELECT * FROM {table}") for v in row)
    for name in ("Haklová", "Prade", "Průcha", "Jandurová", "Tulpa", "Palečková"):
        assert name not in text


def digest(db):
    con = connect(db, read_only=True)
    h = hashlib.sha256()
    for (table,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall():
        if table == "workbook_template":  # an XLSX file carries the time it was written: its sheets count
            h.update(repr(template_cells(con.execute("SELECT content FROM workbook_template").fetchone()[0])).encode())
            continue
        for row in con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall():
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


def template_cells(content: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [(sheet.title, [tuple(row) for row in sheet.iter_rows(values_only=True)]) for sheet in book]


def test_building_twice_gives_the_same_content(tmp_path, built_db):
    again = tmp_path / "again.duckdb"
    build(again, DATA)
    assert digest(again) == digest(built_db)


def test_a_failed_build_leaves_the_previous_database_untouched(tmp_path, data_copy):
    db = tmp_path / "socmap.duckdb"
    build(db, data_copy)
    before = db.read_bytes()
    stages = data_copy / "planner" / "zadosti.csv"
    stages.write_text(stages.read_text(encoding="utf-8-sig").replace(";53;", ";padesát tři;"), encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        build(db, data_copy)
    assert db.read_bytes() == before
    assert list(tmp_path.glob("socmap.duckdb.tmp*")) == []
    problem = failure.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == \
        ("planner/zadosti.csv", 2, "Počet", "padesát tři")


def test_a_reference_to_an_unknown_municipality_names_file_row_and_column(data_copy, tmp_path):
    places = data_copy / "sources" / "service_places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("561380", "999999"), encoding="utf-8")
    with pytest.raises(BuildError) as failure:
        build(tmp_path / "x.duckdb", data_copy)
    message = str(failure.value)
    assert "sources/service_places.csv, řádek/row 2, sloupec/column kod_obce ['999999']" in message
    assert "neznámá hodnota (kód obce) / unknown municipality code" in message
    assert not (tmp_path / "x.duckdb").exists()


def test_an_unknown_kraj_is_refused(tmp_path):
    with pytest.raises(BuildError, match="neznámý kraj CZ099"):
        build(tmp_path / "x.duckdb", DATA, kraj="CZ099")


def test_the_whole_country_builds_with_all_kraje(tmp_path):
    db = tmp_path / "all.duckdb"
    counts = build(db, DATA, kraj="all")
    assert counts["municipality"] == 6258
    assert counts["kraj"] == 14
    assert counts["orp"] == 206
    assert rows(db, "SELECT count(DISTINCT kod_obce) FROM need_indicator") == [(6258,)]  # #19: the whole index


def test_status_counts_every_table_and_the_illustrative_share(built_db):
    result = status(built_db)
    assert result["tables"]["municipality"] == {"rows": 215, "illustrative": 0}
    assert result["tables"]["target_norm"] == {"rows": 5, "illustrative": 5}  # assumptions, flagged
    assert result["tables"]["service"]["illustrative"] > 0  # the shipped extract's made-up identifiers
    assert 0 < result["illustrative_share"] < 0.5


def test_the_database_opens_read_only_for_analysts(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    assert con.execute("SELECT name FROM orp ORDER BY name COLLATE cs LIMIT 2").fetchall() == \
        [("Česká Lípa",), ("Frýdlant",)]
    con.close()


def test_rows_are_file_lines_even_after_a_blank_line(tmp_path, data_copy):
    places = data_copy / "sources" / "service_places.csv"
    lines = places.read_text(encoding="utf-8").splitlines()
    places.write_text("\n".join([lines[0], "", lines[1].replace("561380", "999999")]) + "\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"service_places.csv, řádek/row 3, sloupec/column kod_obce"):
        build(tmp_path / "x.duckdb", data_copy)


def test_the_dashboard_reopens_the_file_a_build_swapped_in(tmp_path, data_copy):
    from dashboard.db import Database

    db = tmp_path / "socmap.duckdb"
    build(db, data_copy)
    reader = Database(db)
    before = reader.query("kpis").iloc[0]["social_flats"]
    housing = data_copy / "planner" / "socialni-bydleni.csv"
    housing.write_text(housing.read_text(encoding="utf-8-sig").replace(";Orlí 139, Liberec;563889;12;",
                                                                       ";Orlí 139, Liberec;563889;14;"),
                       encoding="utf-8")
    build(db, data_copy)
    assert reader.query("kpis").iloc[0]["social_flats"] == before + 2


def test_a_planners_real_figure_replaces_the_illustrative_one_for_its_month(tmp_path, data_copy):
    (data_copy / "planner" / "leden.csv").write_text(
        "Identifikátor;Období;Jednotka;Kapacita;Obsazeno;Odmítnuto\n9900008;1/2020;lůžka;32;30;9\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    build(db, data_copy)
    assert rows(db, "SELECT occupied, refused, s.is_illustrative FROM occupancy o JOIN source s USING (source_id) "
                    "WHERE service_id = '9900008' AND period_start = DATE '2020-01-01' "
                    "AND period_end = DATE '2020-01-31'") == [(30, 9, False)]


def test_an_ended_service_is_nobodys_nearest_place_by_kind_or_by_topic(data_copy, tmp_path):
    """Člověk v tísni's debt counselling in Liberec ends: it is no municipality's nearest place any more, neither
    as a service of its kind nor as debt counselling (one rule, the view active_service)."""
    registry = data_copy / "registry" / "rpss.json"
    services = json.loads(registry.read_text(encoding="utf-8"))
    ended = next(s for s in services["polozky"] if s["identifikator"] == "9900042")
    ended["datumPoskytovaniDo"] = "2020-12-31"
    registry.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "socmap.duckdb"
    build(db, data_copy)
    places = "SELECT place_id FROM service_place WHERE service_id = '9900042'"
    assert rows(db, places)
    assert rows(db, f"SELECT * FROM nearest_service WHERE place_id IN ({places})") == []
    assert rows(db, f"SELECT * FROM nearest_topic WHERE place_id IN ({places})") == []
