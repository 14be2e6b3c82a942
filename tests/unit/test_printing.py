"""A chart made ready for print: vector maps with clockwise rings, title, filter, source and date on it,
patterns on bars; the parameters of an export link are checked before anything runs."""

import datetime as dt

import plotly.graph_objects as go
import pytest
import shapely

from dashboard import charts, inputs
from dashboard.exports.printing import clockwise, for_print, vector_map

SQUARE_CCW = {"type": "Polygon", "coordinates": [[[15, 50], [15.1, 50], [15.1, 50.1], [15, 50.1], [15, 50]]]}
COLLECTION = {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "A", "properties": {},
                                                         "geometry": SQUARE_CCW}]}


def test_outer_rings_are_turned_clockwise_for_d3_geo():
    assert shapely.is_ccw(shapely.from_geojson(str(SQUARE_CCW).replace("'", '"')).exterior)
    turned = clockwise(COLLECTION)["features"][0]["geometry"]
    ring = shapely.LinearRing(turned["coordinates"][0])
    assert not shapely.is_ccw(ring)


def screen_map() -> go.Figure:
    fig = go.Figure(go.Choroplethmap(geojson=COLLECTION, locations=["A"], z=[1], colorscale="Blues"))
    fig.add_trace(go.Scattermap(lat=[50.05], lon=[15.05], mode="markers", marker={"size": 9, "color": "red"}))
    fig.update_layout(map={"style": "white-bg", "layers": [{"source": COLLECTION, "type": "line"}]})
    return fig


def test_a_tile_map_becomes_a_vector_geo_map_with_its_outlines():
    fig = go.Figure(vector_map(screen_map().to_dict()))  # still a valid figure for plotly
    assert [t.type for t in fig.data] == ["choropleth", "scattergeo", "scattergeo"]
    assert fig.layout.geo.fitbounds == "locations" and fig.layout.geo.visible is False
    assert not fig.layout.map.layers


def test_the_printed_chart_says_what_where_whence_and_when():
    fig = go.Figure(go.Bar(x=[1], y=["Noclehárny"]))
    fig.add_annotation(text="Zdroj: obrazovka", xref="paper", yref="paper", x=0, y=0, yshift=-45)
    printed = go.Figure(for_print(fig, "Kapacita", "ORP Jilemnice, Azylové domy", "Zdroj: registr MPSV",
                                  dt.date(2026, 11, 25), dt.date(2026, 11, 26)))
    assert "Kapacita" in printed.layout.title.text and "ORP Jilemnice, Azylové domy" in printed.layout.title.text
    footer = [a.text for a in printed.layout.annotations]
    assert footer == ["Zdroj: registr MPSV; stav dat k 25. 11. 2026. Vytvořeno v socmap 26. 11. 2026."]
    assert printed.layout.width == 1000 and printed.layout.separators == ",\u00a0"


def test_several_bar_series_differ_by_pattern_for_greyscale_print():
    fig = go.Figure([go.Bar(name="Liberec", x=[1], y=["a"]), go.Bar(name="Frýdlant", x=[2], y=["a"])])
    shapes = [t.marker.pattern.shape for t in go.Figure(for_print(fig, "t", "f", "s")).data]
    assert len(set(shapes)) == 2


@pytest.fixture
def registered(monkeypatch):
    known = {"kind": frozenset({"57", "63"}), "orp": frozenset({"5104", "5105"})}
    monkeypatch.setattr(inputs, "allowed", lambda field: known.get(field, frozenset()))
    monkeypatch.setitem(charts.REGISTRY, "test-chart", charts.Spec(
        "test-chart", "Test", lambda **v: v,
        {"druh": charts.Param("kind", "57"), "km": charts.Param("km", "15"), "uzemi": charts.Param("areas", "")}))


@pytest.mark.parametrize(("query", "message"), [
    ({"druh": "'; DROP TABLE service; --"}, "v načtených datech není"),
    ({"km": "abc"}, "není číslo"),
    ({"km": "9999"}, "mimo rozsah"),
    ({"uzemi": "5104,5104"}, "různé hodnoty"),
    ({"uzemi": "5104,9999"}, "v načtených datech není"),
    ({"druh": "5" * 10_000}, "příliš dlouhý"),
    ({"x": "1"}, "takový parametr nemá"),
])
def test_bad_export_parameters_are_refused_in_czech_and_english(registered, query, message):
    with pytest.raises(inputs.InvalidInput, match=message) as err:
        charts.values_of("test-chart", query)
    assert "/ parameter" in str(err.value)


def test_good_parameters_are_typed_and_defaulted(registered):
    assert charts.values_of("test-chart", {"uzemi": "5104,5105"}) == {"druh": "57", "km": 15.0,
                                                                      "uzemi": ["5104", "5105"]}
    with pytest.raises(inputs.InvalidInput, match="Neznámý graf"):
        charts.values_of("no-such-chart", {})


def test_export_links_carry_the_choice_in_the_url():
    assert charts.href("srovnani", "svg", uroven="orp", uzemi=["5105", "5102"], cil=None) == \
        "/export/graf/srovnani.svg?uroven=orp&uzemi=5105%2C5102"
