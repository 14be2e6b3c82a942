"""A planner of Jilemnice writes a planned night shelter of 10 beds into the workbook's sheet Záměry: the
scenario gives ORP Jilemnice 10 / 21 954 × 10 000 = 4,55 beds per 10 000, today's figures stay as they were,
`socmap status` lists the plan, and a broken row is refused with its row and column."""

import pytest
from typer.testing import CliRunner

from dashboard.db import Database
from dashboard.scenario import TODAY, Plan, query_params
from etl.build import build
from etl.cli import app
from etl.errors import BuildError

JILEMNICE_ORP, JILEMNICE = "5104", "577197"
HEADER = "Druh;Obec;Kapacita;Jednotka;Od;Název;Poznámka;Zdroj\n"


def write(data, rows: str) -> None:
    (data / "planner" / "zamery.csv").write_text("\ufeff" + HEADER + rows, encoding="utf-8")


@pytest.fixture
def planned_db(data_copy, tmp_path):
    write(data_copy, "Noclehárny;Jilemnice (577197);10;lůžka;1. 1. 2027;Noclehárna Jilemnice;návrh PS;\n")
    db = tmp_path / "socmap.duckdb"
    build(db, data_copy)
    return db


def jilemnice(db, **scenario):
    areas = Database(db).query("capacity_by_area", level="orp", kinds=["63"], unit="luzka", target=1.0, **scenario)
    return areas.set_index("code").loc[JILEMNICE_ORP]


def test_the_workbook_plan_is_a_scenario_beside_today(planned_db):
    today = jilemnice(planned_db, **TODAY)
    assert today["state"] == "unlisted" and today["capacity"] != today["capacity"]
    planned = jilemnice(planned_db, **query_params([], workbook=True))
    assert planned["state"] == "counted" and planned["planned"] == 1
    assert planned["rate"] == pytest.approx(10 / 21954 * 10000) and round(planned["rate"], 2) == 4.55
    assert planned["gap"] == pytest.approx(21954 / 10000 - 10)


def test_a_plan_entered_on_a_page_gives_the_same_scenario(built_db):
    entered = jilemnice(built_db, **query_params([Plan("63", JILEMNICE, 10, "luzka")], workbook=False))
    assert round(entered["rate"], 2) == 4.55
    unknown = jilemnice(built_db, **query_params([Plan("63", JILEMNICE, None, "luzka")], workbook=False))
    assert unknown["state"] == "unknown"  # a plan without a capacity is not a 0


def test_status_lists_the_plans(planned_db):
    result = CliRunner().invoke(app, ["status", "--db", str(planned_db)])
    assert result.exit_code == 0
    assert "Záměry" in result.output and "Noclehárna Jilemnice" in result.output


def test_a_plan_in_no_municipality_is_refused_with_its_row(data_copy, tmp_path):
    write(data_copy, "Noclehárny;Jilemnicee;10;lůžka;;;;\n")
    with pytest.raises(BuildError) as failure:
        build(tmp_path / "x.duckdb", data_copy)
    text = str(failure.value)
    assert "zamery.csv" in text and "Obec" in text and "Jilemnice (577197)" in text  # the closest match


@pytest.fixture(scope="module")
def client(app_db):
    from common.settings import Settings
    from dashboard.app import create_app
    return create_app(Settings(db_path=app_db)).server.test_client()


def csv_rows(response) -> dict:
    import csv
    import io
    assert response.status_code == 200, response.data[:300]
    rows = csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";")
    return {r.get("Obec") or r.get("ORP"): r for r in rows}


JILEMNICE_SHELTER = "zamery=63%3A577197%3A10%3Aluzka"


def test_the_exported_scenario_says_4_55_and_that_it_is_a_plan_while_today_is_unchanged(client):
    today_before = client.get("/export/graf/kapacity-poradi.csv?druh=63&jednotka=luzka&uroven=orp").data
    ranking = "/export/graf/kapacity-zamery.csv?druh=63&jednotka=luzka&uroven=orp"
    rows = csv_rows(client.get(f"{ranking}&{JILEMNICE_SHELTER}"))
    assert rows["Jilemnice"]["Se záměry na 10 000"] == "4,55" and rows["Jilemnice"]["Dnes na 10 000"] == ""
    assert rows["Jilemnice"]["Scénář"] == "záměr, ne skutečnost"
    assert client.get("/export/graf/kapacity-poradi.csv?druh=63&jednotka=luzka&uroven=orp").data == today_before
    svg = client.get(f"/export/graf/kapacity-zamery.svg?druh=63&jednotka=luzka&uroven=orp&{JILEMNICE_SHELTER}")
    if svg.status_code == 503:
        pytest.skip("Chromium for exports is not installed")
    text = svg.data.decode("utf-8")
    assert "4,55" in text and "záměr, ne skutečnost" in text


def test_in_the_scenario_jilemnice_is_0_km_from_a_night_shelter(client):
    rows = csv_rows(client.get(f"/export/graf/kapacity-vzdalenost-zamery.csv?druh=63&km=15&{JILEMNICE_SHELTER}"))
    assert rows["Jilemnice"]["Km se záměry"] == "0,0"
    assert float(rows["Jilemnice"]["Km dnes"].replace(",", ".")) > 20
    assert rows["Jilemnice"]["Změna"] == "blíž se záměrem"


@pytest.mark.parametrize("query", ["zamery=63:999999:10:luzka", "zamery=xx", "zamery=63:577197:10:luzka;" * 7])
def test_a_broken_scenario_link_is_refused_with_a_reason(client, query):
    r = client.get(f"/export/graf/kapacity-zamery.png?druh=63&jednotka=luzka&{query}")
    assert r.status_code == 400 and "zamery" in r.data.decode("utf-8")


def test_the_pack_of_orp_jilemnice_includes_its_planned_services(planned_db):
    from dashboard import db
    from dashboard.exports.pack import contents

    db.init(planned_db)
    names = [(i.name, i.params.get("druh")) for i in contents("5104")]
    assert ("kapacity-zamery", "63") in names and ("kapacity-vzdalenost-zamery", "63") in names
    assert not [i for i in contents("5105") if i.name.endswith("zamery")]  # Liberec's pack: no plan there


def test_comparing_orps_with_the_workbook_plans_shows_both(planned_db):
    from dashboard import db
    from dashboard.charts import compare

    db.init(planned_db)
    frame = compare.comparison("orp", ["5104", "5105"], with_plans=True).set_index("kind")
    shelters = frame.loc["Noclehárny"]
    assert shelters["state_5104"] == "unlisted" and round(shelters["plan_5104"], 2) == 4.55
    assert shelters["rate_5105"] == shelters["plan_5105"]  # Liberec has no plan: the same figure
    built = compare.comparison_chart("orp", ["5104", "5105"], "1")
    assert "záměr, ne skutečnost" in built.filters and "Jilemnice: se záměry na 10 000" in built.table


def test_need_beside_supply_with_the_plans_asks_again_which_orps_stay_thin(planned_db):
    """Potřeba a síť, switch "se záměry": with a night shelter planned in Jilemnice, its high-need
    municipalities are measured from Jilemnice's centre too — never into today's answer."""
    from dashboard import db
    from dashboard.charts import need

    db.init(planned_db)
    today = need.high_need("63", 0)
    planned = need.high_need("63", 0, with_plans=True)
    jilemnice = "577197"
    assert today.set_index("code").loc[jilemnice, "distance_km"] > 20
    assert planned.set_index("code").loc[jilemnice, "distance_km"] == 0
    built = need.thin_chart("orp", 0, 15, "63", "luzka", "1")
    assert "záměr, ne skutečnost" in built.filters and built.title.endswith("(se záměry)")
    assert "záměr" not in need.thin_chart("orp", 0, 15, "63", "luzka").filters
