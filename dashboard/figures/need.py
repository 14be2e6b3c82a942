"""Figures of need beside the network: a vector map with names, need against capacity, the thin places.

The need map is drawn on a geo subplot (SVG), not on a tile map: names of places are plain SVG text there,
while a tile map's text needs glyphs from the network. The browser fetches the world topojson plotly.js
insists on from this server (`/topojson/`), never from a CDN.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.exports.printing import clockwise
from dashboard.figures.common import INK, KNOWN, SEQUENTIAL, UNKNOWN, czech_layout
from dashboard.figures.maps import feature_collection, outlines_of
from dashboard.i18n import format_number

TOPOJSON_URL = "/topojson/"
BANDS = ("0 až 1", "2 až 7", "8 až 11", "12 až 30")
BAND_COLOURS = ("#ffffcc", "#a1dab4", "#2c7fb8", "#253494")
NOTE_COLOUR = "#d9c3e6"   # a figure taken from the nearest municipality with a school
MISSING_COLOUR = "#d9d9d9"
HIGH_COLOUR = "#b2182b"
_TURNED: dict[int, tuple[dict, dict]] = {}


def _turned(boundaries: pd.DataFrame) -> dict:
    """The boundaries as a FeatureCollection with clockwise outer rings (d3-geo's winding), once per content
    (feature_collection keeps one object per content; holding it here keeps its id from being reused)."""
    collection = feature_collection(boundaries)
    kept = _TURNED.get(id(collection))
    if kept is None or kept[0] is not collection:
        if len(_TURNED) >= 8:
            _TURNED.pop(next(iter(_TURNED)))
        kept = _TURNED[id(collection)] = (collection, clockwise(collection))
    return kept[1]


def band_classes(points: pd.Series) -> tuple[list[int], list[str], list[str]]:
    """The published bands of the index; an area without a value is shown apart, never as 0."""
    def band(p):
        if p != p or p is None:
            return len(BANDS)
        return 0 if p < 1.5 else 1 if p < 7.5 else 2 if p < 11.5 else 3
    return [band(p) for p in points], [*BANDS, "bez údaje"], [*BAND_COLOURS, MISSING_COLOUR]


def value_classes(values: pd.Series, notes: pd.Series, unit: str) -> tuple[list[int], list[str], list[str]]:
    """Four classes at round quartiles; a school figure taken from a neighbour and a missing value apart."""
    known = values.dropna()
    decimals = 0 if unit in ("osob", "dávek", "žáků") else 1 if unit == "%" else 2
    bounds = sorted({round(q, decimals) for q in known.quantile([0.25, 0.5, 0.75]).tolist()}) if len(known) else []
    labels, low = [], None
    for b in bounds:
        labels.append(f"do {format_number(b, decimals)}" if low is None else
                      f"{format_number(low, decimals)}–{format_number(b, decimals)}")
        low = b
    labels.append(f"nad {format_number(low, decimals)}" if low is not None else "všechny")
    colours = SEQUENTIAL[-len(labels):]
    classes = []
    for v, note in zip(values, notes, strict=True):
        if v == v and v is not None:
            classes.append(sum(v > b for b in bounds))
        elif isinstance(note, str) and note.startswith("převzato"):
            classes.append(len(labels))
        else:
            classes.append(len(labels) + 1)
    return classes, [*labels, "převzato z nejbližší obce se školou", "není k dispozici"], \
        [*colours, NOTE_COLOUR, MISSING_COLOUR]


def need_map(areas: pd.DataFrame, classes: list[int], labels: list[str], colours: list[str],
             boundaries: pd.DataFrame, outlines: pd.DataFrame, names: pd.DataFrame, hover: list[str],
             title: str, source_line: str, colour_title: str) -> go.Figure:
    """A choropleth of classes with ORP outlines and the names of ORP seats and larger towns."""
    n = len(labels)
    colorscale = []
    for i, colour in enumerate(colours):
        colorscale += [[i / n, colour], [(i + 1) / n, colour]]
    fig = go.Figure(go.Choropleth(
        geojson=boundaries.attrs.get("geometry_url") or _turned(boundaries),
        locations=areas["code"], z=classes, zmin=-0.5, zmax=n - 0.5,
        colorscale=colorscale, marker={"line": {"width": 0.5, "color": "#666"}}, text=hover,
        hovertemplate="%{text}<extra></extra>",
        colorbar={"title": {"text": colour_title, "side": "top"}, "tickvals": list(range(n)), "ticktext": labels,
                  "orientation": "h", "thickness": 12, "x": 0, "xanchor": "left", "y": 0.16, "yanchor": "top",
                  "len": 1, "tickfont": {"size": 11}}))
    fig.add_trace(outlines_of(outlines, 1.6))
    fig.add_trace(go.Scattergeo(
        lon=names["lon"], lat=names["lat"], mode="markers+text", text=names["name"], textposition="top center",
        marker={"size": 4, "color": INK}, hoverinfo="skip", showlegend=False,
        textfont={"size": 11, "color": INK, "shadow": "1px 1px 2px white, -1px -1px 2px white, 0 0 3px white"},
        name="názvy"))
    lon = [c for f in _turned(outlines)["features"] for c in _coordinates(f["geometry"], 0)]
    lat = [c for f in _turned(outlines)["features"] for c in _coordinates(f["geometry"], 1)]
    pad_lon, pad_lat = (max(lon) - min(lon)) * 0.03, (max(lat) - min(lat)) * 0.03
    fig.update_geos(visible=False, projection={"type": "mercator"}, bgcolor="white",
                    lonaxis={"range": [min(lon) - pad_lon, max(lon) + pad_lon]},
                    lataxis={"range": [min(lat) - pad_lat, max(lat) + pad_lat]}, domain={"x": [0, 1], "y": [0.2, 1]})
    fig = czech_layout(fig, title, source_line, height=620)
    fig.update_layout(margin={"l": 5, "r": 5, "t": 45, "b": 60})
    return fig


def _coordinates(geometry: dict, axis: int) -> list[float]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [point[axis] for polygon in polygons for point in polygon[0]]


def need_capacity_scatter(areas: pd.DataFrame, need_label: str, rate_label: str, title: str,
                          source_line: str, high: float | None = None) -> go.Figure:
    """Need (x) against capacity per 10 000 (y). Areas whose capacity is unknown are not points at 0: they
    stand in a strip of their own above the plot, on a line labelled with what is true (`strip`: "neuvedeno",
    "v načtených datech žádná služba"; "neuvedeno" when the frame has no such column)."""
    known = areas[~areas["unknown"]]
    unknown = areas[areas["unknown"]]
    fig = go.Figure(go.Scatter(
        x=known["need"], y=known["rate"], mode="markers+text", text=known["label"],
        textposition=["top center" if i % 2 else "bottom center" for i in range(len(known))],
        marker={"size": 10, "color": KNOWN}, name="kapacita známá",
        customdata=[[n, format_number(r, 2)] for n, r in zip(known["name"], known["rate"], strict=True)],
        hovertemplate="<b>%{customdata[0]}</b><br>" + need_label + ": %{x}<br>" + rate_label + ": %{customdata[1]}"
                      "<extra></extra>"))
    if len(unknown):
        fig.add_trace(go.Scatter(
            x=unknown["need"], y=list(unknown["strip"]) if "strip" in unknown else ["neuvedeno"] * len(unknown),
            yaxis="y2", mode="markers+text",
            text=unknown["label"], textposition="top center", name="kapacita neuvedena nebo v datech žádná služba",
            marker={"size": 10, "color": UNKNOWN, "symbol": "x"}, customdata=unknown["name"],
            hovertemplate="<b>%{customdata}</b><br>" + need_label + ": %{x}<br>%{y}<extra></extra>"))
        fig.update_layout(yaxis={"domain": [0, 0.8]},
                          yaxis2={"domain": [0.86, 0.94], "type": "category", "showgrid": False, "anchor": "x"})
    if high is not None:
        fig.add_vline(x=high, line={"dash": "dot", "color": HIGH_COLOUR},
                      annotation_text=f"vysoká potřeba od {format_number(high)}")
    fig.update_xaxes(title=need_label, gridcolor="#e5e5e5", zeroline=False)
    fig.update_yaxes(title=rate_label, gridcolor="#e5e5e5", rangemode="tozero", selector={"anchor": "x"})
    fig.update_layout(legend={"orientation": "h", "y": -0.18})
    return czech_layout(fig, title, source_line, height=520)


def thin_network_bars(rows: pd.DataFrame, km: float, title: str, source_line: str) -> go.Figure:
    """Areas with high need and a thin network: inhabitants of their high-need municipalities farther than km
    from the nearest place; each area's label says why its network is thin (a bar of 0 with the reason
    "kapacita neuvedena" or "žádné místo" is thin too)."""
    rows = rows.iloc[::-1]
    labels = [f"<b>{n}</b><br><span style='font-size:11px'>{r}</span>"
              for n, r in zip(rows["name"], rows["reason"], strict=True)]
    fig = go.Figure(go.Bar(
        y=labels, x=rows["far_population"], orientation="h", marker={"color": HIGH_COLOUR},
        text=[format_number(v) for v in rows["far_population"]], textposition="outside", cliponaxis=False,
        customdata=rows["name"], hovertemplate="%{customdata}: %{text} obyvatel dál než " + format_number(km)
        + " km<extra></extra>"))
    fig.update_xaxes(title=f"obyvatelé obcí s vysokou potřebou dál než {format_number(km)} km od nejbližšího místa",
                     gridcolor="#e5e5e5", tickformat=",d", rangemode="tozero")
    return czech_layout(fig, title, source_line, height=max(320, 52 * len(rows) + 160))


def debt_bars(rows: pd.DataFrame, title: str, source_line: str) -> go.Figure:
    """People in distraint per place of debt counselling by ORP; an ORP with no place has no bar but its
    label says "žádné místo" (not zero, not infinite)."""
    rows = rows.iloc[::-1]
    with_place = rows["per_place"].notna()
    labels = [f"{format_number(v)} na místo" if ok else "" for v, ok in zip(rows["per_place"], with_place, strict=True)]
    fig = go.Figure(go.Bar(y=rows["name"], x=rows["per_place"].fillna(0).where(with_place), orientation="h",
                           marker={"color": KNOWN}, text=labels, textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    missing = rows[~with_place]
    fig.add_trace(go.Scatter(x=[0] * len(missing), y=missing["name"], mode="text", textposition="middle right",
                             text=[f"žádné místo; {format_number(d)} osob v exekuci" for d in missing["distraint"]],
                             hoverinfo="skip", showlegend=False, textfont={"color": "#8a1c1c"}))
    fig.update_xaxes(title="osob v exekuci na jedno místo dluhového poradenství", gridcolor="#e5e5e5",
                     tickformat=",d")
    fig.update_layout(margin={"r": 120}, showlegend=False)
    return czech_layout(fig, title, source_line, height=max(320, 34 * len(rows) + 160))


def profile_bars(rows: pd.DataFrame, title: str, source_line: str) -> go.Figure:
    """An area's municipalities (or a kraj's ORPs) by index, coloured by the published band."""
    rows = rows.sort_values("points")
    classes, labels, colours = band_classes(rows["points"])
    fig = go.Figure()
    for i, label in enumerate(labels):
        part = rows[[c == i for c in classes]]
        if len(part):
            fig.add_bar(y=part["name"], x=part["points"], orientation="h", name=label,
                        marker={"color": colours[i], "line": {"color": "#555", "width": 0.5}},
                        text=[format_number(p, 1) for p in part["points"]], textposition="outside",
                        hovertemplate="%{y}: %{x:.1f} bodů<extra></extra>")
    fig.update_layout(legend={"orientation": "h", "y": -0.12, "title": {"text": "pásmo indexu"}})
    fig.update_yaxes(categoryorder="array", categoryarray=list(rows["name"]))
    fig.update_xaxes(title="index sociálního vyloučení (0–30 bodů)", range=[0, 31], gridcolor="#e5e5e5")
    return czech_layout(fig, title, source_line, height=max(320, 22 * len(rows) + 160))
