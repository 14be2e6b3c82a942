"""Pure figure functions: what a chart shows, without a browser."""

import json

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.funnels import funnel_figure
from dashboard.figures.maps import class_labels, feature_collection, population_classes, view

STAGES = pd.DataFrame({
    "stage_order": [1, 2, 3, 4],
    "stage": ["Rozdané žádosti", "Odevzdané žádosti", "Přijaté", "Byty"],
    "count": pd.array([53, None, 25, 11], dtype="Int32"),
    "unit": ["žádosti", "žádosti", "žádosti", "byty"],
})


def test_the_funnel_draws_counted_stages_with_their_numbers():
    fig = funnel_figure(STAGES, "Žitavská", "Zdroj: zápis", "nezjištěno")
    counted = fig.data[0]
    assert list(counted.x) == [53, 25, 11]
    assert list(counted.text) == ["53", "25", "11"]


def test_an_uncounted_stage_is_drawn_as_unknown_between_its_neighbours_not_as_zero():
    fig = funnel_figure(STAGES, "Žitavská", "Zdroj: zápis", "nezjištěno")
    unknown = [trace for trace in fig.data[1:]]
    assert len(unknown) == 1
    assert unknown[0].y == ("Odevzdané žádosti",)
    assert unknown[0].base == (25.0,) and unknown[0].x == (28.0,)
    assert unknown[0].text[0].startswith("nezjištěno (mezi 25 a 53)")
    assert 0 not in fig.data[0].x


def test_the_funnel_carries_its_source_line_and_czech_separators():
    fig = funnel_figure(STAGES, "Žitavská", "Zdroj: zápis, 13. 1. 2020", "nezjištěno")
    assert fig.layout.separators == ",\u00a0"
    assert any(a.text == "Zdroj: zápis, 13. 1. 2020" for a in fig.layout.annotations)


def test_population_classes_have_round_bounds_and_czech_labels():
    bounds = population_classes(pd.Series([100, 250, 900, 1500, 4000, 12000, 104000]))
    assert bounds == sorted(bounds)
    assert all(b % 100 == 0 for b in bounds)
    labels = class_labels([1000, 20000])
    assert labels == ["0–999", "1\u00a0000–19\u00a0999", "20\u00a0000 a více"]


def test_the_map_view_centres_on_the_extent():
    v = view({"lat_min": 50.4, "lat_max": 51.0, "lon_min": 14.4, "lon_max": 15.6})
    assert v["center"] == {"lat": 50.7, "lon": 15.0}
    assert 6 < v["zoom"] < 10


def test_stage_shares_compare_counted_stages_of_the_same_unit():
    from dashboard.charts.funnels import stage_shares

    assert stage_shares(STAGES) == ["", "", "47,2\u00a0%", ""]


def test_boundaries_are_parsed_once_and_never_copied_into_figures():
    square = json.dumps({"type": "Polygon", "coordinates": [[[15, 50], [15.1, 50], [15.1, 50.1], [15, 50]]]})
    frame = pd.DataFrame({"code": ["1", "2"], "name": ["A", "B"], "geometry": [square, square]})
    shared = feature_collection(frame)
    assert feature_collection(frame.copy()) is shared  # same content: parsed once per process
    assert feature_collection(frame.assign(name=["A", "C"])) is not shared  # new content: parsed anew
    fig = go.Figure(go.Choroplethmap(geojson=shared, locations=["1", "2"], z=[1, 2]))
    assert fig.data[0].geojson is shared and fig.to_dict()["data"][0]["geojson"] is shared
    assert json.loads(fig.to_json())["data"][0]["geojson"]["features"][1]["properties"]["name"] == "B"
