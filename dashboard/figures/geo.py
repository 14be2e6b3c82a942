"""Area maps as SVG (plotly's geo subplot), so that they can carry place names with no network.

The WebGL maps (`Choroplethmap`, `Scattermap`) draw text only from glyph files fetched from a server, so
offline they cannot name a place. A `Choropleth` on an invisible geo subplot fitted to our own GeoJSON
draws the same areas as SVG, and a `Scattergeo` in text mode writes the names as SVG text — on screen,
in headless Chromium and in the exported SVG, PDF and PNG alike. plotly.js still loads a topojson for a
geo subplot; it is vendored in `assets/vendor/topojson/` and the graphs point `topojsonURL` at it.

d3-geo wants outer rings clockwise (the other winding fills the rest of the globe instead of the area).
"""

from __future__ import annotations

import json

import pandas as pd
import shapely

from dashboard.figures.common import INK

# Geometry finer than this (degrees, ~35 m) is below a pixel of a kraj drawn 2000 px wide: dropping it
# makes the map lighter to send and to export, with no visible change.
SIMPLIFY = 0.0003
TOPOJSON_URL = "/assets/vendor/topojson/"
GEO = {"visible": False, "fitbounds": "locations", "projection": {"type": "mercator"}, "bgcolor": "white"}
# Names of municipalities are written for towns of at least this many inhabitants (all names on hover).
TOWN = 5_000
ALL_NAMES_UP_TO = 15  # areas: an ORP map, or an ORP's few municipalities, names every one
LABEL_FONT = {"size": 11, "color": INK, "family": "DejaVu Sans, Arial, sans-serif",
              "shadow": "1px 1px 2px #fff, -1px -1px 2px #fff, 1px -1px 2px #fff, -1px 1px 2px #fff"}


def clockwise(geojson: dict) -> dict:
    """The FeatureCollection simplified below print resolution, with every polygon's outer ring clockwise
    and its holes counter-clockwise; kept on a shared collection, so it is computed once per process."""
    cached = getattr(geojson, "clockwise", None)
    if cached is not None:
        return cached
    features = geojson.get("features", [])
    geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    turned = shapely.orient_polygons(shapely.simplify(geoms, SIMPLIFY, preserve_topology=True), exterior_cw=True)
    result = {"type": "FeatureCollection", "features": [
        {**f, "geometry": json.loads(g)} for f, g in zip(features, shapely.to_geojson(turned), strict=True)]}
    if hasattr(geojson, "__dict__"):
        geojson.clockwise = result
    return result


def outline_trace(geojson: dict, width: float = 1.8, color: str = INK) -> dict:
    """Area outlines (ORP borders) as one geo line trace."""
    lons, lats = [], []
    for feature in clockwise(geojson)["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            for ring in polygon:
                lons += [p[0] for p in ring] + [None]
                lats += [p[1] for p in ring] + [None]
    return {"type": "scattergeo", "lon": lons, "lat": lats, "mode": "lines", "hoverinfo": "skip",
            "showlegend": False, "line": {"color": color, "width": width}}


def shape_facts(boundaries: pd.DataFrame) -> pd.DataFrame:
    """The boundaries with a point inside each area to write its name at (never outside a crescent-shaped one,
    label_lon/lat) and its extent (min_lon … max_lat): worked out once, read by every map."""
    geoms = shapely.from_geojson(list(boundaries["geometry"]))
    points = shapely.point_on_surface(geoms)
    bounds = shapely.bounds(geoms)
    return boundaries.assign(label_lon=shapely.get_x(points), label_lat=shapely.get_y(points),
                             min_lon=bounds[:, 0], min_lat=bounds[:, 1], max_lon=bounds[:, 2], max_lat=bounds[:, 3])


def fitted(boundaries: pd.DataFrame) -> dict:
    """The geo subplot framed on the areas: plotly's own `fitbounds` leaves a third of the plot empty."""
    if "min_lon" not in boundaries:
        boundaries = shape_facts(boundaries)
    lon_min, lat_min = boundaries["min_lon"].min(), boundaries["min_lat"].min()
    lon_max, lat_max = boundaries["max_lon"].max(), boundaries["max_lat"].max()
    pad_lon, pad_lat = (lon_max - lon_min) * 0.02, (lat_max - lat_min) * 0.02
    return {**GEO, "fitbounds": False, "lonaxis": {"range": [lon_min - pad_lon, lon_max + pad_lon]},
            "lataxis": {"range": [lat_min - pad_lat, lat_max + pad_lat]}}


def label_points(boundaries: pd.DataFrame) -> pd.DataFrame:
    """A point inside each area (never outside a crescent-shaped one), to write its name at."""
    if "label_lon" not in boundaries:
        boundaries = shape_facts(boundaries)
    return pd.DataFrame({"code": list(boundaries["code"]), "lon": list(boundaries["label_lon"]),
                         "lat": list(boundaries["label_lat"])})


def labelled(areas: pd.DataFrame) -> pd.DataFrame:
    """Which areas get their name written: all of a few areas (ORPs), else the towns of TOWN inhabitants
    or more (at least the three largest); every area is named on hover anyway."""
    if len(areas) <= ALL_NAMES_UP_TO or "population" not in areas:
        return areas
    largest = areas.nlargest(3, "population")
    return areas[(areas["population"] >= TOWN) | areas["code"].isin(largest["code"])]


def label_trace(areas: pd.DataFrame, boundaries: pd.DataFrame) -> dict:
    """The names of `labelled(areas)` as SVG text at a point inside each."""
    chosen = labelled(areas)[["code", "name"]].merge(label_points(boundaries), on="code")
    return {"type": "scattergeo", "lon": list(chosen["lon"]), "lat": list(chosen["lat"]), "mode": "text",
            "text": list(chosen["name"]), "textfont": LABEL_FONT, "textposition": "middle center",
            "hoverinfo": "skip", "showlegend": False, "name": "názvy"}
