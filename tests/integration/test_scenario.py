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
