"""Every chart and every drop-down of the app in Czech, from one place: the graph's toolbar speaks Czech
(plotly.js's own Czech locale, vendored in assets/vendor/plotly-locale-cs.js) and area maps find their
topojson on this server; Dash's drop-downs say "Vybrat vše" and "vybráno 4"."""

from __future__ import annotations

from dash import dcc, html

from dashboard.figures.geo import TOPOJSON_URL

GRAPH_CONFIG = {"locale": "cs", "displaylogo": False, "scrollZoom": False, "topojsonURL": TOPOJSON_URL}
DROPDOWN_LABELS = {"select_all": "Vybrat vše", "deselect_all": "Zrušit výběr",
                   "selected_count": "vybráno {num_selected}", "search": "Hledat",
                   "clear_search": "Smazat hledání", "clear_selection": "Zrušit výběr",
                   "no_options_found": "Nic nenalezeno"}


def graph(graph_id: str, figure, **config) -> html.Div:
    """A dcc.Graph with the app's Czech configuration (extra toolbar options in `config`), in a box that
    scrolls sideways on a phone: plotly does not wrap a title or a source line, so a chart keeps a readable
    width (assets/socmap.css) and the page itself never scrolls sideways."""
    return html.Div(dcc.Graph(id=graph_id, figure=figure, config={**GRAPH_CONFIG, **config}), className="graph-box")


def dropdown(dropdown_id: str, **kwargs) -> dcc.Dropdown:
    """A dcc.Dropdown whose own texts are Czech."""
    return dcc.Dropdown(id=dropdown_id, labels=DROPDOWN_LABELS, **kwargs)
