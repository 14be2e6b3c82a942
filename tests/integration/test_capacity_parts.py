"""A planner drags the distance slider or types a target on Kapacity: only what depends on it is drawn again
and sent — the share of inhabitants and the white spots, or the table and the ranking — not three maps."""

from __future__ import annotations

import pytest

from bench.server import CAPACITY_OUTPUT, CAPACITY_PARTS
from common.settings import Settings

CALLBACK = "/_dash-update-component"
VALUES = {"kapacity-druh": "57", "kapacity-jednotka": "luzka", "kapacity-uroven": "orp", "kapacity-cil": 3.0,
          "kapacity-km": 15, "kapacity-se-zamery": [], "kapacity-zamery": ""}


@pytest.fixture(scope="module")
def client(app_db):
    from dashboard.app import create_app

    client = create_app(Settings(db_path=app_db)).server.test_client()
    assert client.get("/").status_code == 200
    return client


def post(client, changed: list[str], **values):
    sent = {**VALUES, **values}
    body = {"output": CAPACITY_OUTPUT,
            "outputs": [{"id": part, "property": "children"} for part in CAPACITY_PARTS]
            + [{"id": "kapacity-adresa", "property": "data"}],
            "inputs": [{"id": i, "property": "data" if i == "kapacity-zamery" else "value", "value": v}
                       for i, v in sent.items()],
            "changedPropIds": [f"{c}.{'data' if c == 'kapacity-zamery' else 'value'}" for c in changed]}
    response = client.post(CALLBACK, json=body)
    assert response.status_code == 200, response.text
    return response.json["response"]


def test_moving_the_distance_redraws_the_share_and_the_white_spots_only(client):
    answer = post(client, ["kapacity-km"], **{"kapacity-km": 25})
    assert set(answer) == {"kapacity-cast-podil", "kapacity-cast-bila-mista", "kapacity-adresa"}
    assert "Dál než 25 km" in str(answer["kapacity-cast-podil"])


def test_typing_a_target_redraws_the_table_the_ranking_and_the_map_links(client):
    answer = post(client, ["kapacity-cil"], **{"kapacity-cil": "5"})
    assert set(answer) == {"kapacity-cast-tabulka", "kapacity-cast-mapa-odkazy", "kapacity-adresa"}
    assert "cil=5.0" in str(answer["kapacity-cast-mapa-odkazy"])
    assert "zadaný cíl" in str(answer["kapacity-cast-tabulka"])


def test_another_kind_redraws_everything(client):
    answer = post(client, ["kapacity-druh"], **{"kapacity-druh": "63"})
    assert set(answer) == {*CAPACITY_PARTS, "kapacity-adresa"} - {"kapacity-cast-zamery"}


def test_the_scenario_switch_draws_the_scenario_only(client):
    answer = post(client, ["kapacity-se-zamery"], **{"kapacity-se-zamery": ["on"]})
    assert set(answer) == {"kapacity-cast-zamery", "kapacity-adresa"}
    assert "Se záměry" in str(answer["kapacity-cast-zamery"])
