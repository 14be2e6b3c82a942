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
import io
import textwrap

import plotly.graph_objects as go
import pypdf

from dashboard import geometry
from dashboard.exports.render import WIDTH
from dashboard.figures.common import FONT, INK
from dashboard.figures.geo import clockwise, outline_trace
from dashboard.i18n import format_date

# Bars told apart by pattern as well as colour, so that a grey print still shows which is which.
PATTERNS = ["", "/", ".", "x", "\\", "+"]
FOOTER_CHARS = 120  # about the width of the page at 12 px


def _outline_traces(layers: list) -> list[dict]:
    """The screen map's line layers (ORP outlines) as geo lines."""
    traces = []
    for layer in layers or []:
        shapes = geometry.inline(layer.get("source"))  # the screen's served file: its shapes
        if layer.get("type") == "line" and isinstance(shapes, dict):
            traces.append(outline_trace(shapes, (layer.get("line", {}) or {}).get("width", 1.2),
                                        layer.get("color", INK)))
    return traces


def vector_map(spec: dict) -> dict:
    """Map traces to geo traces on an invisible, fitted geo subplot; other figures unchanged.
    Works on the figure's dict: plotly's objects would deep-copy and re-validate every GeoJSON twice."""
    if not any(trace.get("type") in ("choroplethmap", "scattermap") for trace in spec.get("data", [])):
        return spec
    data = []
    for trace in spec["data"]:
        kind = trace.get("type")
        if kind == "choroplethmap":
            marker = trace.get("marker", {}) or {}
            data.append({"type": "choropleth", "geojson": clockwise(trace["geojson"]),
                         "marker": {"line": marker.get("line", {})},
                         **{k: v for k, v in trace.items() if k in _CHOROPLETH_KEYS}})
        elif kind == "scattermap":
            marker = trace.get("marker", {}) or {}
            data.append({"type": "scattergeo", "marker": {k: v for k, v in marker.items() if k in _MARKER_KEYS},
                         **{k: v for k, v in trace.items() if k in _SCATTER_KEYS}})
        else:
            data.append(trace)
    layout = dict(spec.get("layout", {}))
    screen_map = layout.pop("map", {}) or {}
    data += _outline_traces(screen_map.get("layers", []))
    layout["geo"] = {"visible": False, "fitbounds": "locations", "projection": {"type": "mercator"},
                     "bgcolor": "white"}
    return {**spec, "data": data, "layout": layout}


_CHOROPLETH_KEYS = {"locations", "z", "zmin", "zmax", "colorscale", "colorbar", "showscale", "text", "hovertemplate",
                    "featureidkey", "name", "customdata", "reversescale", "autocolorscale", "zauto", "showlegend"}
_SCATTER_KEYS = {"lat", "lon", "mode", "name", "text", "hovertemplate", "customdata", "showlegend", "legendgroup",
                 "textfont", "textposition", "hoverinfo"}
_MARKER_KEYS = {"size", "color", "opacity", "symbol", "line", "sizemode", "sizeref", "sizemin"}


def _greyscale_safe(data: list[dict]) -> None:
    """Several bar series: add a pattern to each, so they differ in a black-and-white print too."""
    bars = [t for t in data if t.get("type") == "bar" and t.get("showlegend") is not False]
    if len(bars) < 2:
        return
    for i, bar in enumerate(bars):
        marker = bar.setdefault("marker", {})
        if not (marker.get("pattern") or {}).get("shape"):
            marker["pattern"] = {"shape": PATTERNS[i % len(PATTERNS)], "fgcolor": "#111", "size": 7,
                                 "solidity": 0.25}


def _is_screen_source(annotation: dict) -> bool:
    return (annotation.get("yshift") or 0) < 0 and annotation.get("y") == 0


def for_print(figure: go.Figure | dict, title: str, filters: str, source: str, data_date=None,
              made: dt.date | None = None) -> dict:
    """The figure for a document, as a plotly figure dict: the title and the filter that made it on top;
    the source, the date of the data and the date of the export at the bottom; print width; vector maps;
    patterns on bars."""
    spec = vector_map(figure.to_dict() if isinstance(figure, go.Figure) else copy.deepcopy(figure))
    data, layout = spec["data"], dict(spec.get("layout", {}))
    for trace in data:  # the screen's maps name their boundaries' address: the drawing engine needs the shapes
        if trace.get("type") == "choropleth":
            trace["geojson"] = geometry.inline(trace.get("geojson"))
    _greyscale_safe(data)
    for trace in data:  # place names a little larger on paper than on screen
        if trace.get("type") == "scattergeo" and trace.get("mode") == "text":
            trace["textfont"] = {**(trace.get("textfont") or {}), "size": 14}
    made = made or dt.date.today()
    dated = f"; stav dat k {format_date(data_date)}" if data_date is not None else ""
    footer = textwrap.wrap(f"{source}{dated}. Vytvořeno v socmap {format_date(made)}.", FOOTER_CHARS)
    # The screen's own source line is replaced by the full one.
    layout["annotations"] = [a for a in layout.get("annotations", []) if not _is_screen_source(a)] + [{
        "text": "<br>".join(footer), "xref": "paper", "yref": "paper", "x": 0, "y": 0, "yshift": -58,
        "xanchor": "left", "yanchor": "top", "showarrow": False, "align": "left",
        "font": {"size": 12, "color": "#333"}}]
    is_map = any(t.get("type") in ("choropleth", "scattergeo") for t in data)
    # A legend goes above the plot, under the title, out of the way of the axis title and the footer.
    legend = sum(1 for t in data if t.get("showlegend") is not False) > 1 and layout.get("showlegend") is not False
    if legend:
        layout["legend"] = {**layout.get("legend", {}), "orientation": "h", "x": 0, "xanchor": "left", "y": 1.0,
                            "yanchor": "bottom"}
    height = (760 if is_map else max(int(layout.get("height") or 500), 460) + 40) + 17 * len(footer) + 35 * legend
    layout.update(
        title={"text": f"<b>{title}</b><br><span style='font-size:14px'>{filters}</span>", "x": 0.01,
               "xanchor": "left", "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 18},
               "font": {"size": 20, "color": INK}},
        font={"family": FONT, "color": INK}, separators=",\u00a0", width=WIDTH, height=height,
        margin={"l": 20, "r": 30, "t": (130 if legend else 95) + 20 * filters.count("<br>"),
                "b": 80 + 17 * len(footer)},
        paper_bgcolor="white",
        plot_bgcolor="white")
    return {**spec, "data": data, "layout": layout}


ILLUSTRATIVE_LINE = "ILUSTRATIVNÍ DATA – obsahuje údaje vymyšlené pro ukázku, ne skutečnost"


def chart_for_print(built, data_date=None, made: dt.date | None = None) -> dict:
    """A registered chart (dashboard.charts.Chart) ready for a document; a chart that rests on any
    illustrative input says so under its title, in red, on every picture."""
    filters = built.filters
    if built.illustrative:
        filters = f"{filters}<br><span style='color:#b00000'><b>{ILLUSTRATIVE_LINE}</b></span>"
    return for_print(built.figure, built.title, filters, built.source, data_date, made)


A4_POINTS = (595.28, 841.89)  # 210 × 297 mm
A4_MARGIN = 28.35  # 10 mm


def pdf_document(data: bytes, title: str, a4: bool = False) -> bytes:
    """Kaleido's PDF made a document: its title is the chart's (kaleido writes "Kaleido-fier"), author socmap,
    language Czech; with `a4` the chart is set, as vector, on an A4 page — landscape when it is wider than
    tall — scaled to fit within 10 mm margins."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        if a4:
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            page_w, page_h = A4_POINTS[::-1] if width > height else A4_POINTS
            scale = min((page_w - 2 * A4_MARGIN) / width, (page_h - 2 * A4_MARGIN) / height)
            sheet = writer.add_blank_page(width=page_w, height=page_h)
            sheet.merge_transformed_page(page, pypdf.Transformation().scale(scale).translate(
                (page_w - width * scale) / 2, page_h - A4_MARGIN - height * scale))
        else:
            writer.add_page(page)
    writer.add_metadata({"/Title": title, "/Author": "socmap", "/Creator": "socmap",
                         "/Subject": "Graf pro strategický dokument"})
    writer._root_object[pypdf.generic.NameObject("/Lang")] = pypdf.generic.TextStringObject("cs-CZ")
    writer._root_object[pypdf.generic.NameObject("/ViewerPreferences")] = pypdf.generic.DictionaryObject(
        {pypdf.generic.NameObject("/DisplayDocTitle"): pypdf.generic.BooleanObject(True)})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
