"""Boundaries sent once (#18): a map on a page carries the address of its boundaries, not the shapes; the
browser keeps that file for a year, and a build with other boundaries gives it another address."""

from __future__ import annotations

import json

import pytest

from common.settings import Settings
from dashboard import charts


@pytest.fixture(scope="module")
def client(app_db):
    from dashboard.app import create_app

    return create_app(Settings(db_path=app_db)).server.test_client()


def test_the_capacity_map_names_its_boundaries_by_address_and_the_file_is_kept(client):
    built = charts.build("kapacity-mapa", {"druh": "57", "jednotka": "luzka"}).figure
    figure = built.to_dict()
    areas, outlines = figure["data"][0], figure["data"][1]
    assert isinstance(areas["geojson"], str) and areas["geojson"].startswith("/geo/")
    assert outlines["geojson"] == areas["geojson"]  # ORP map: the areas and their outlines are one file
    assert len(built.to_json()) < 30_000  # values, classes and names only
    served = client.get(areas["geojson"])
    assert served.status_code == 200 and "immutable" in served.headers["Cache-Control"]
    collection = json.loads(served.data)
    assert {f["id"] for f in collection["features"]} >= set(areas["locations"])


def test_an_address_of_other_boundaries_is_not_found(client):
    address = charts.build("kapacity-mapa", {"druh": "57", "jednotka": "luzka", "uroven": "obec"}) \
        .figure.to_dict()["data"][0]["geojson"]
    assert client.get(address.replace("/geo/", "/geo/0")).status_code == 404
    assert client.get(address.replace("obec.json", "kraj.json")).status_code == 404


def test_a_picture_for_a_document_carries_the_shapes(client):
    from dashboard.exports.printing import chart_for_print

    built = charts.build("kapacity-mapa", {"druh": "57", "jednotka": "luzka"})
    printed = chart_for_print(built)
    assert all(isinstance(t["geojson"], dict) for t in printed["data"] if t.get("type") == "choropleth")


def test_the_directory_map_draws_the_orp_outlines_from_the_served_file(client):
    from dashboard.exports.printing import chart_for_print

    built = charts.build("adresar-mapa", {})
    layers = built.figure.to_dict()["layout"]["map"]["layers"]
    assert len(layers) == 1
    address = layers[0]["source"]
    assert isinstance(address, str) and address.startswith("/geo/") and address.endswith("/orp.json")
    assert client.get(address).status_code == 200
    # a document has no server to ask: its outlines are the shapes, drawn as lines
    printed = chart_for_print(built)
    lines = [t for t in printed["data"] if t.get("type") == "scattergeo" and t.get("mode") == "lines"]
    assert lines and len([v for v in lines[0]["lon"] if v is not None]) > 100


def test_one_orp_of_the_directory_keeps_its_own_outline(client):
    built = charts.build("mista", {"uzemi": "5105"})
    layers = built.figure.to_dict()["layout"]["map"]["layers"]
    assert isinstance(layers[0]["source"], dict) and len(layers[0]["source"]["features"]) == 1
