"""Choropleth maps drawn with no network: own GeoJSON, white background, no tiles, no glyphs."""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import INK, SEQUENTIAL, czech_layout
from dashboard.i18n import format_number


def feature_collection(boundaries: pd.DataFrame) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": row.code, "properties": {"name": row.name},
         "geometry": json.loads(row.geometry)} for row in boundaries.itertuples()]}


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


def population_map(areas: pd.DataFrame, boundaries: pd.DataFrame, outlines: pd.DataFrame,
                   extent: dict, title: str, source_line: str, colour_title: str) -> go.Figure:
    """Areas (code, name, population) coloured by population class, ORP outlines on top."""
    bounds = population_classes(areas["population"])
    labels = class_labels(bounds)
    classes = areas["population"].map(lambda v: sum(v >= b for b in bounds))
    n = len(labels)
    colours = SEQUENTIAL[-n:] if n <= len(SEQUENTIAL) else SEQUENTIAL
    colorscale = []
    for i, colour in enumerate(colours):
        colorscale += [[i / n, colour], [(i + 1) / n, colour]]
    hover = [f"<b>{name}</b><br>{colour_title}: {format_number(pop)}"
             for name, pop in zip(areas["name"], areas["population"], strict=True)]
    fig = go.Figure(go.Choroplethmap(
        geojson=feature_collection(boundaries), locations=areas["code"], z=classes, zmin=-0.5, zmax=n - 0.5,
        colorscale=colorscale, marker={"line": {"width": 0.6, "color": "#555"}, "opacity": 1},
        text=hover, hovertemplate="%{text}<extra></extra>",
        colorbar={"title": {"text": colour_title}, "tickvals": list(range(n)), "ticktext": labels},
    ))
    fig.update_layout(map={"style": "white-bg", **view(extent), "layers": [
        {"source": feature_collection(outlines), "type": "line", "color": INK, "line": {"width": 1.8}}]})
    return czech_layout(fig, title, source_line, height=520)
