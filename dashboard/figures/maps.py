"""Maps drawn with no network: own GeoJSON, white background, no tiles, no glyphs. Area maps are SVG with
the places named (figures/geo.py); maps of points stay WebGL maps (`Scattermap`), named on hover."""

from __future__ import annotations

import hashlib
import json
import math

import pandas as pd
import plotly.graph_objects as go

from common.vocabulary import fold
from dashboard.figures.common import INK, SEQUENTIAL, czech_layout
from dashboard.figures.geo import clockwise, fitted, label_trace, outline_trace
from dashboard.i18n import format_number, plural


class SharedGeoJSON(dict):
    """A parsed FeatureCollection shared by every figure of the process: plotly deep-copies a figure's data
    when it builds it and again when it serialises it, which for the country's 6 258 municipalities cost
    seconds per map. Nobody mutates it, so a copy is the object itself."""

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


_COLLECTIONS: dict[bytes, SharedGeoJSON] = {}


def feature_collection(boundaries: pd.DataFrame) -> dict:
    """The boundaries (code, name, geometry as GeoJSON text) as a FeatureCollection, parsed once per process
    for the same content (keyed by a digest of it, so a rebuilt file with new boundaries is parsed anew)."""
    digest = hashlib.blake2b(usedforsecurity=False)
    for column in ("code", "name", "geometry"):
        digest.update("\x00".join(map(str, boundaries[column])).encode() + b"\x01")
    key = digest.digest()
    if key not in _COLLECTIONS:
        if len(_COLLECTIONS) >= 8:  # a few levels of one or two files; never grows without bound
            _COLLECTIONS.pop(next(iter(_COLLECTIONS)))
        _COLLECTIONS[key] = SharedGeoJSON(type="FeatureCollection", features=[
            {"type": "Feature", "id": row.code, "properties": {"name": row.name},
             "geometry": json.loads(row.geometry)} for row in boundaries.itertuples()])
    return _COLLECTIONS[key]


def population_classes(values: pd.Series) -> list[float]:
    """Upper bounds of five classes: round numbers that split the areas into similar groups."""
    qs = values.quantile([0.2, 0.4, 0.6, 0.8]).tolist()
    bounds = []
    for q in qs:
        step = 10 ** max(int(math.log10(max(q, 1))), 1)
        bounds.append(round(q / step) * step or step)
    return sorted(set(bounds))


def class_labels(bounds: list[float]) -> list[str]:
    labels, low = [], 0
    for b in bounds:
        labels.append(f"{format_number(low)}–{format_number(b - 1)}")
        low = b
    labels.append(f"{format_number(low)} a více")
    return labels


def view(extent: dict, width: int = 650, height: int = 380) -> dict:
    """Centre and zoom (web-mercator tiles of 512 px) that fit the extent into width × height pixels."""
    lon_span = max(extent["lon_max"] - extent["lon_min"], 0.01)
    lat_mid = (extent["lat_min"] + extent["lat_max"]) / 2
    lat_span = max(extent["lat_max"] - extent["lat_min"], 0.01) / math.cos(math.radians(lat_mid))
    zoom = min(math.log2(width * 360 / (lon_span * 512)), math.log2(height * 360 / (lat_span * 512))) - 0.3
    return {"center": {"lat": (extent["lat_min"] + extent["lat_max"]) / 2,
                       "lon": (extent["lon_min"] + extent["lon_max"]) / 2},
            "zoom": round(zoom, 2)}


def geometry_of(boundaries: pd.DataFrame) -> dict | str:
    """The address of the boundaries' served file when the frame carries one (dashboard/geometry.py), else the
    clockwise FeatureCollection itself."""
    return boundaries.attrs.get("geometry_url") or clockwise(feature_collection(boundaries))


def layer_source(outlines: pd.DataFrame) -> dict | str:
    """A tile map's line layer: the served file's address when the frame is that whole file (the browser has
    it already), else the shapes themselves (a part of the file, a document)."""
    address = outlines.attrs.get("geometry_url")
    return address if address and len(outlines) == outlines.attrs.get("geometry_rows") else feature_collection(outlines)


def outlines_of(outlines: pd.DataFrame, width: float = 1.8) -> dict:
    """ORP borders on top of a geo map: from the served file, a transparent choropleth of the outlined areas
    (nothing but the lines is drawn, no hover); without one, the lines themselves."""
    address = outlines.attrs.get("geometry_url")
    if not address:
        return outline_trace(feature_collection(outlines), width)
    clear = "rgba(0,0,0,0)"
    return {"type": "choropleth", "geojson": address, "locations": list(outlines["code"]),
            "z": [0] * len(outlines), "colorscale": [[0, clear], [1, clear]], "showscale": False,
            "marker": {"line": {"width": width, "color": INK}}, "hoverinfo": "skip", "name": "hranice ORP"}


def population_map(areas: pd.DataFrame, boundaries: pd.DataFrame, outlines: pd.DataFrame,
                   extent: dict, title: str, source_line: str, colour_title: str) -> go.Figure:
    """Areas (code, name, population) coloured by population class, ORP outlines on top, names written."""
    bounds = population_classes(areas["population"])
    labels = class_labels(bounds)
    classes = areas["population"].map(lambda v: sum(v >= b for b in bounds))
    n = len(labels)
    colours = SEQUENTIAL[-n:] if n <= len(SEQUENTIAL) else SEQUENTIAL
    hover = [f"<b>{name}</b><br>{colour_title}: {format_number(pop)}"
             for name, pop in zip(areas["name"], areas["population"], strict=True)]
    return class_map(areas, list(classes), labels, colours, boundaries, outlines, extent, title, source_line,
                     colour_title, hover)


PRECISION_LABELS = {"address": "přesná adresa", "street": "ulice (přibližně)", "municipality": "střed obce (přibližně)"}
GROUP_COLOURS = {"poradenství": "#1b9e77", "péče": "#7570b3", "prevence": "#d95f02", "mimo registr": "#555555"}


def places_map(places: pd.DataFrame, outlines: pd.DataFrame, extent: dict, title: str,
               source_line: str) -> go.Figure:
    """Places of provision: exact points one by one; places known only to their municipality
    gathered into one larger, paler bubble per municipality, so that nobody reads them as addresses."""
    fig = go.Figure()
    exact = places[places["geo_precision"].isin(["address", "street"])]
    for group, rows in exact.groupby("kind_group", sort=True):
        fig.add_trace(go.Scattermap(
            lat=rows["lat"], lon=rows["lon"], mode="markers", name=f"{group}: adresa nebo ulice",
            marker={"size": 11, "color": GROUP_COLOURS.get(group, "#333")},
            text=[f"<b>{s}</b><br>{k}<br>{a}<br>{PRECISION_LABELS.get(p, p)}" for s, k, a, p in
                  zip(rows["service"], rows["kind"], rows["address"], rows["geo_precision"], strict=True)],
            hovertemplate="%{text}<extra></extra>"))
    approx = places[places["geo_precision"] == "municipality"]
    if not approx.empty:
        towns = approx.fillna({"municipality": "obec mimo kraj"}).groupby(
            ["kod_obce", "municipality", "lat", "lon"], as_index=False, dropna=False).agg(
            places=("place_id", "count"), services=("service", lambda s: "<br>".join(sorted(set(s))[:12])))
        fig.add_trace(go.Scattermap(
            lat=towns["lat"], lon=towns["lon"], mode="markers", name=PRECISION_LABELS["municipality"],
            marker={"size": 10 + 3 * towns["places"].clip(upper=12), "color": "#2c7fb8", "opacity": 0.45},
            text=[f"<b>{m}</b>: {plural(n, 'misto')}, poloha jen podle obce<br>{s}"
                  for m, n, s in zip(towns["municipality"], towns["places"], towns["services"], strict=True)],
            hovertemplate="%{text}<extra></extra>"))
    fig.update_layout(map={"style": "white-bg", **view(extent), "layers": [
        {"source": layer_source(outlines), "type": "line", "color": INK, "line": {"width": 1.2}}]},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"}, showlegend=True)
    return czech_layout(fig, title, source_line, height=540)


def directory_map(places: pd.DataFrame, outlines: pd.DataFrame, extent: dict, title: str,
                  source_line: str) -> go.Figure:
    """Filtered places: exact points one by one, marker size by registered capacity, customdata the service id
    for clicks. Places known only by their municipality stand at its centre: one paler, larger ring for each
    municipality (sized by how many places, naming them; customdata "obec:<code>" opens the directory of that
    municipality) — rings at the same centre would hide each other, and a country has thousands."""
    exact = places[places["geo_precision"].isin(["address", "street"])]
    capacity = pd.to_numeric(exact["capacity_max"], errors="coerce").fillna(0).astype(float)
    traces = [{"type": "scattermap", "lat": list(exact["lat"]), "lon": list(exact["lon"]), "mode": "markers",
               "customdata": list(exact["id"]), "name": "adresa nebo ulice",
               "marker": {"size": (9 + capacity.clip(upper=170).pow(0.5) * 1.6).tolist(), "color": "#d95f02",
                          "opacity": 0.95},
               "text": [f"<b>{n}</b><br>{k}<br>kapacita: {c}<br>{a or m}" for n, k, c, a, m in
                        zip(exact["service"], exact["kind"], exact["capacity"], exact["address"], exact["municipality"],
                            strict=True)],
               "hovertemplate": "%{text}<extra></extra>"}]
    approx = places[places["geo_precision"] == "municipality"]
    towns = approx.fillna({"municipality": "obec mimo kraj"}).groupby(
        ["kod_obce", "municipality", "lat", "lon"], as_index=False, dropna=False, sort=False).agg(
        places=("place_id", "count"), ids=("id", "first"), services=("service", lambda s: sorted(set(s), key=fold)),
        kinds=("kind", "first"), capacities=("capacity", "first"))
    texts, ids = [], []
    for town in towns.itertuples():
        if town.places == 1:
            texts.append(f"<b>{town.services[0]}</b><br>{town.kinds}<br>kapacita: {town.capacities}<br>"
                         f"{town.municipality} (poloha jen podle obce)")
            ids.append(town.ids)
        else:
            shown = town.services[:TOWN_SERVICES]
            more = len(town.services) - len(shown)
            texts.append(f"<b>{town.municipality}</b>: {plural(town.places, 'misto')}, poloha jen podle obce<br>"
                         + "<br>".join(shown) + (f"<br>… a {format_number(more)} dalších" if more > 0 else "")
                         + "<br><i>klepnutím adresář této obce</i>")
            ids.append(f"obec:{town.kod_obce}")
    traces.append({"type": "scattermap", "lat": list(towns["lat"]), "lon": list(towns["lon"]), "mode": "markers",
                   "customdata": ids, "name": PRECISION_LABELS["municipality"],
                   "marker": {"size": [13 + 3 * min(n, 12) for n in towns["places"]], "color": "#2c7fb8",
                              "opacity": 0.5},
                   "text": texts, "hovertemplate": "%{text}<extra></extra>"})
    fig = go.Figure(data=traces, layout={
        "map": {"style": "white-bg", **view(extent, width=520, height=420), "layers": [
            {"source": layer_source(outlines), "type": "line", "color": INK, "line": {"width": 1.2}}]},
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top"}, "showlegend": True, "clickmode": "event"},
        _validate=False)
    return czech_layout(fig, title, source_line, height=560)


TOWN_SERVICES = 12  # services named in a municipality's ring; the directory of the municipality lists them all


ZERO_COLOUR = "#d9d9d9"


def class_map(areas: pd.DataFrame, classes: list[int], labels: list[str], colours: list[str], boundaries: pd.DataFrame,
              outlines: pd.DataFrame, extent: dict, title: str, source_line: str, colour_title: str,
              hover: list[str]) -> go.Figure:
    """A choropleth of discrete classes (class i has colour i and label i), with ORP outlines on top and the
    names of the areas written on the map (all ORPs; the larger towns), drawn as SVG (see figures/geo.py).
    `extent` is kept for callers; the map fits its areas itself."""
    n = len(labels)
    colorscale = []
    for i, colour in enumerate(colours):
        colorscale += [[i / n, colour], [(i + 1) / n, colour]]
    areas_trace = {
        "type": "choropleth", "geojson": geometry_of(boundaries), "locations": list(areas["code"]),
        "z": [int(c) for c in classes], "zmin": -0.5, "zmax": n - 0.5, "colorscale": colorscale,
        "marker": {"line": {"width": 0.6, "color": "#555"}}, "text": list(hover),
        "hovertemplate": "%{text}<extra></extra>",
        "colorbar": {"title": {"text": colour_title}, "tickvals": list(range(n)), "ticktext": labels,
                     "thickness": 14}}
    # Plain lists and numbers, checked by the tests rather than by plotly on every request: its validation of
    # 6 258 municipalities was most of a national map's time.
    fig = go.Figure(data=[areas_trace, outlines_of(outlines),
                          label_trace(areas, boundaries[boundaries["code"].isin(areas["code"])])],
                    layout={"geo": fitted(boundaries), "dragmode": False}, _validate=False)
    return czech_layout(fig, title, source_line, height=520)


UNKNOWN_COLOUR = "#f4a6a6"


UNLISTED_COLOUR = "#f7f7f7"


def rate_classes(rates: pd.Series, states: pd.Series) -> tuple[list[int], list[str], list[str]]:
    """Classes of capacity per 10 000 that keep apart what is known and what is not: "0 – žádná služba"
    (a complete registry says none), "v načtených datech žádná služba" (a partial extract lists none),
    "neuvedeno" (services without a stated capacity, or one only in another unit); the known rates —
    partial ones by their lower bound — split at round quantiles."""
    known = rates[states.isin(["counted", "partial"]) & (rates > 0)]
    qs = sorted(set(round(q, 1) for q in known.quantile([0.25, 0.5, 0.75]).tolist() if q > 0)) if len(known) else []
    labels, low = [], 0.0
    for b in qs:
        labels.append(f"{format_number(low, 1)}–{format_number(b, 1)}")
        low = b
    labels.append(f"nad {format_number(low, 1)}" if qs else "více než 0")
    n_known = len(labels)
    labels += ["0 – žádná služba", "v načtených datech žádná služba", "neuvedeno"]
    colours = SEQUENTIAL[-n_known:] + [ZERO_COLOUR, UNLISTED_COLOUR, UNKNOWN_COLOUR]

    def klass(rate, state):
        if state in ("counted", "partial") and rate > 0:
            return sum(rate > b for b in qs)
        if state in ("counted", "partial", "zero"):
            return n_known  # a counted 0 is a 0
        return n_known + 1 if state == "unlisted" else n_known + 2

    classes = [klass(r, s) for r, s in zip(rates.fillna(0), states, strict=True)]
    return classes, labels, colours


DISTANCE_BOUNDS = [5, 10, 20, 30]


def distance_classes(distances: pd.Series) -> tuple[list[int], list[str], list[str]]:
    labels = ["do 5 km", "5–10 km", "10–20 km", "20–30 km", "nad 30 km", "žádné místo"]
    colours = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494", "#7a0177"]
    classes = [5 if pd.isna(d) else sum(d > b for b in DISTANCE_BOUNDS) for d in distances]
    return classes, labels, colours
