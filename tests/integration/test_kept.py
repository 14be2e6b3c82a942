"""A planner opens Kapacity: the capacity of every area was computed once, when the database was built, and is
read as a table — but only on the days it is still true. When a service begins or ends, the views answer from
their rules again (slower, never stale)."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest

from etl.build import KEPT, build, connect, switch
from tests.conftest import rows

ENDS_IN = 30  # days from today


@pytest.fixture(scope="module")
def ending_db(tmp_path_factory):
    """The shipped data, with Člověk v tísni's debt counselling in Liberec ending a month from today."""
    data = tmp_path_factory.mktemp("data") / "data"
    from tests.conftest import DATA
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.duckdb*"))
    registry = data / "registry" / "rpss.json"
    services = json.loads(registry.read_text(encoding="utf-8"))
    ending = next(s for s in services["polozky"] if s["identifikator"] == "9900042")
    ending["datumPoskytovaniDo"] = (date.today() + timedelta(days=ENDS_IN)).isoformat()
    registry.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    db = tmp_path_factory.mktemp("db") / "socmap.duckdb"
    build(db, data)
    return db


def test_the_kept_answer_holds_until_the_next_day_a_service_begins_or_ends(ending_db):
    assert rows(ending_db, "SELECT valid_until FROM kept_span") == [(date.today() + timedelta(days=ENDS_IN),)]
    (valid_from,), = rows(ending_db, "SELECT valid_from FROM kept_span")
    assert valid_from <= date.today()


@pytest.mark.parametrize("view", KEPT)
def test_each_kept_view_answers_as_its_rule_today(ending_db, view):
    assert rows(ending_db, f"SELECT count(*) FROM {view}") == rows(ending_db, f"SELECT count(*) FROM {view}_live")
    for one, other in ((view, f"{view}_live"), (f"{view}_live", view)):  # the same figures, to the last digit
        assert rows(ending_db, f"SELECT * FROM {one} EXCEPT ALL SELECT * FROM {other}") == []


def test_the_ending_service_still_counts_today(ending_db):
    assert rows(ending_db, "SELECT count(*) FROM active_service WHERE service_id = '9900042'") == [(1,)]
    assert rows(ending_db, "SELECT services FROM area_capacity WHERE level = 'kraj' AND kind_code = '37' "
                           "AND capacity_type = 'klient'") == rows(
        ending_db, "SELECT count(*) FROM active_service WHERE kind_code = '37'")


def _switch(db, valid_from: date, valid_until: date) -> None:
    con = connect(db)
    try:
        for view in KEPT:
            switch(con, view, valid_from, valid_until)
        # a mark no rule can produce: if it shows, the kept table was read
        con.execute("UPDATE area_capacity_kept SET services = -1 WHERE level = 'kraj'")
    finally:
        con.close()


def test_on_a_day_outside_the_span_the_rule_answers_not_the_kept_table(ending_db, tmp_path):
    db = tmp_path / "later.duckdb"
    shutil.copy(ending_db, db)
    _switch(db, date.today() - timedelta(days=60), date.today())  # the span ended yesterday
    assert rows(db, "SELECT min(services) FROM area_capacity WHERE level = 'kraj'") != [(-1,)]
    assert rows(db, "SELECT * FROM area_capacity EXCEPT ALL SELECT * FROM area_capacity_live") == []


def test_inside_the_span_the_kept_table_is_read_and_the_rule_is_not_run(ending_db, tmp_path):
    db = tmp_path / "today.duckdb"
    shutil.copy(ending_db, db)
    _switch(db, date.today(), date.today() + timedelta(days=1))
    assert rows(db, "SELECT min(services) FROM area_capacity WHERE level = 'kraj'") == [(-1,)]
    plan = "\n".join(r[1] for r in rows(db, "EXPLAIN SELECT * FROM area_capacity WHERE level = 'orp'"))
    assert "area_capacity_kept" in plan and "capacity_allocation" not in plan
