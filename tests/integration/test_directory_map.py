"""The directory's map: places known only by their municipality stand at its centre, one ring per municipality
that names them (rings at one centre hid each other, and a country has thousands); clicking the ring opens the
directory of that municipality, clicking a place with an address opens its service."""

from __future__ import annotations

import pytest

from common.settings import Settings
from dashboard import charts

CALLBACK = "/_dash-update-component"


@pytest.fixture(scope="module")
def client(app_db):
    from dashboard.app import create_app

    client = create_app(Settings(db_path=app_db)).server.test_client()
    assert client.get("/").status_code == 200
    return client


def rings(client):
    figure = charts.build("adresar-mapa", {}).figure.to_dict()
    return next(t for t in figure["data"] if t["name"] == "střed obce (přibližně)")


def test_one_ring_per_municipality_names_every_place_there(client):
    ring = rings(client)
    centres = list(zip(ring["lat"], ring["lon"], strict=True))
    assert len(centres) == len(set(centres))  # no two rings at one centre
    shared = [(text, target) for text, target in zip(ring["text"], ring["customdata"], strict=True)
              if target.startswith("obec:")]
    assert shared, "the shipped data has municipalities with several places known only by the municipality"
    text, target = shared[0]
    assert "poloha jen podle obce" in text and "míst" in text
    places = charts.build("adresar-mapa", {}).table  # every place is still one row of the map's numbers
    municipality = text.split("</b>")[0].removeprefix("<b>")
    assert (places["Obec"] == municipality).sum() >= 2


def click(client, target):
    return client.post(CALLBACK, json={
        "output": "adresar-nav.href", "outputs": {"id": "adresar-nav", "property": "href"},
        "inputs": [{"id": "adresar-map", "property": "clickData", "value": {"points": [{"customdata": target}]}}],
        "changedPropIds": ["adresar-map.clickData"]})


def test_clicking_a_ring_opens_the_directory_of_its_municipality(client):
    target = next(t for t in rings(client)["customdata"] if t.startswith("obec:"))
    response = click(client, target)
    assert response.status_code == 200
    assert response.json["response"]["adresar-nav"]["href"] == "/adresar?obec=" + target.removeprefix("obec:")


def test_clicking_a_place_opens_its_service_and_a_forged_municipality_is_refused(client):
    assert click(client, "9900008").json["response"]["adresar-nav"]["href"] == "/sluzba/9900008"
    assert click(client, "obec:999999").status_code == 400
    assert click(client, "obec:'; DROP").status_code == 400
