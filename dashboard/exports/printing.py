"""A screen chart made ready for a strategy document: title, filter, source and date on the picture,
print size, a palette that survives black-and-white printing, and vector maps.

Screen maps are `Choroplethmap`/`Scattermap` (WebGL, drawn as a bitmap even in SVG or PDF). For print
they become `Choropleth`/`Scattergeo` on an invisible geo subplot fitted to the data, with our own
GeoJSON whose outer rings are turned clockwise — the winding d3-geo expects; the other winding fills
the rest of the globe instead of the area.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import textwrap

import plotly.graph_objects as go
import shapely

from dashboard.figures.common import FONT, INK
from dashboard.i18n import format_date

# Bars told apart by pattern as well as colour, so that a grey print still shows which is which.
PATTERNS = ["", "/", ".", "x", "\\", "+"]
SIZE = {"width": 1000}
FOOTER_CHARS = 120  # about the width of the page at 12 px


# Geometry finer than this (degrees, ~35 m) is below a pixel of a kraj printed 2000 px wide: dropping it
# makes the file smaller and the export faster, with no visible change.
SIMPLIFY = 0.0003


def clockwise(geojson: dict) -> dict:
    """The FeatureCollection simplified below print resolution, with every polygon's outer ring
    clockwise and its holes counter-clockwise."""
    features = geojson.get("features", [])
    geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    turned = shapely.orient_polygons(shapely.simplify(geoms, SIMPLIFY, preserve_topology=True), exterior_cw=True)
    return {"type": "FeatureCollection", "features": [
        {**f, "geometry": json.loads(g)} for f, g in zip(features, shapely.to_geojson(turned), strict=True)]}


def _outline_traces(layers: list, oriented: dict) -> list[go.Scattergeo]:
    """The screen map's line layers (ORP outlines) as geo lines."""
    traces = []
    for layer in layers or []:
        if layer.get("type") != "line" or not isinstance(layer.get("source"), dict):
            continue
        lons, lats = [], []
        for feature in clockwise(layer["source"])["features"]:
            geometry = feature["geometry"]
            polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
            for polygon in polygons:
                for ring in polygon:
                    lons += [p[0] for p in ring] + [None]
                    lats += [p[1] for p in ring] + [None]
        line = layer.get("line", {}) or {}
        traces.append(go.Scattergeo(lon=lons, lat=lats, mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"color": layer.get("color", INK), "width": line.get("width", 1.2)}))
    return traces


def vector_map(fig: go.Figure) -> go.Figure:
    """Map traces to geo traces on an invisible, fitted geo subplot; other figures unchanged."""
    map_types = {"choroplethmap", "scattermap"}
    if not any(trace.type in map_types for trace in fig.data):
        return fig
    out = go.Figure(layout=copy.deepcopy(fig.layout))
    oriented: dict[int, dict] = {}
    for trace in fig.data:
        spec = trace.to_plotly_json()
        spec.pop("type", None)
        spec.pop("subplot", None)
        if trace.type == "choroplethmap":
            key = id(trace.geojson)
            oriented.setdefault(key, clockwise(spec.pop("geojson")))
            marker = spec.pop("marker", {}) or {}
            spec.pop("below", None)
            out.add_trace(go.Choropleth(geojson=oriented[key], marker={"line": marker.get("line", {})},
                                        **{k: v for k, v in spec.items() if k in _CHOROPLETH_KEYS}))
        elif trace.type == "scattermap":
            marker = spec.pop("marker", {}) or {}
            out.add_trace(go.Scattergeo(marker={k: v for k, v in marker.items() if k in _MARKER_KEYS},
                                        **{k: v for k, v in spec.items() if k in _SCATTER_KEYS}))
        else:
            out.add_trace(trace)
    layers = (fig.layout.map.layers if fig.layout.map else ()) or ()
    for outline in _outline_traces([layer.to_plotly_json() for layer in layers], oriented):
        out.add_trace(outline)
    out.update_layout(map=None, geo={"visible": False, "fitbounds": "locations", "projection": {"type": "mercator"},
                                     "bgcolor": "white"})
    return out


_CHOROPLETH_KEYS = {"locations", "z", "zmin", "zmax", "colorscale", "colorbar", "showscale", "text", "hovertemplate",
                    "featureidkey", "name", "customdata", "reversescale", "autocolorscale", "zauto", "showlegend"}
_SCATTER_KEYS = {"lat", "lon", "mode", "name", "text", "hovertemplate", "customdata", "showlegend", "legendgroup"}
_MARKER_KEYS = {"size", "color", "opacity", "symbol", "line", "sizemode", "sizeref", "sizemin"}


def _greyscale_safe(fig: go.Figure) -> None:
    """Several bar series: add a pattern to each, so they differ in a black-and-white print too."""
    bars = [t for t in fig.data if t.type == "bar" and t.showlegend is not False]
    if len(bars) < 2:
        return
    for i, bar in enumerate(bars):
        if not (bar.marker.pattern and bar.marker.pattern.shape):
            bar.marker.pattern = {"shape": PATTERNS[i % len(PATTERNS)], "fgcolor": "#111", "size": 7,
                                  "solidity": 0.25}


def for_print(figure: go.Figure | dict, title: str, filters: str, source: str, data_date=None,
              made: dt.date | None = None) -> go.Figure:
    """The figure for a document: the title and the filter that made it on top; the source, the date of
    the data and the date of the export at the bottom; print width; vector maps; patterns on bars."""
    fig = vector_map(go.Figure(figure))
    _greyscale_safe(fig)
    made = made or dt.date.today()
    # The screen's own source annotation is replaced by the full one below.
    fig.layout.annotations = [a for a in fig.layout.annotations if not (a.yshift and a.yshift < 0 and a.y == 0)]
    dated = f"; stav dat k {format_date(data_date)}" if data_date is not None else ""
    footer = textwrap.wrap(f"{source}{dated}. Vytvořeno v socmap {format_date(made)}.", FOOTER_CHARS)
    fig.add_annotation(text="<br>".join(footer), xref="paper", yref="paper", x=0, y=0, yshift=-58,
                       xanchor="left", yanchor="top", showarrow=False, align="left",
                       font={"size": 12, "color": "#333"})
    is_map = any(t.type in ("choropleth", "scattergeo") for t in fig.data)
    # A legend goes above the plot, under the title, out of the way of the axis title and the footer.
    legend = sum(1 for t in fig.data if t.showlegend is not False) > 1 and fig.layout.showlegend is not False
    if legend:
        fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"})
    height = (760 if is_map else max(int(fig.layout.height or 500), 460) + 40) + 17 * len(footer) + 35 * legend
    fig.update_layout(
        title={"text": f"<b>{title}</b><br><span style='font-size:14px'>{filters}</span>", "x": 0.01,
               "xanchor": "left", "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 18},
               "font": {"size": 20, "color": INK}},
        font={"family": FONT, "color": INK}, separators=",\u00a0", width=SIZE["width"], height=height,
        margin={"l": 20, "r": 30, "t": 130 if legend else 95, "b": 80 + 17 * len(footer)}, paper_bgcolor="white",
        plot_bgcolor="white")
    return fig
