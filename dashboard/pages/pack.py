"""Balíček pro strategii: for an ORP or the whole kraj, every chart (PNG and SVG), the tables behind
them (XLSX) and a short report (DOCX) in one ZIP, made on the server in one click."""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import charts, validation
from dashboard.components.graphs import dropdown
from dashboard.components.tables import value_table
from dashboard.exports.pack import contents, described, make_pack
from dashboard.exports.render import ExportUnavailable
from dashboard.i18n import format_number

dash.register_page(__name__, path="/balicek", name="Balíček", title="Balíček pro strategii – socmap", order=9)

AREA, BUTTON, DOWNLOAD, LIST, RUNNING, DONE = ("balicek-uzemi", "balicek-vytvorit", "balicek-stazeni",
                                              "balicek-obsah", "balicek-probiha", "balicek-hotovo")


def listing(items) -> html.Div:
    """What the pack of the area will hold, before anybody waits for it."""
    frame = [{"n": i, "chart": described(item)} for i, item in enumerate(items, start=1)]
    table = value_table(pd.DataFrame(frame), {"n": "Č.", "chart": "Graf"},
                        f"Obsah balíčku: {format_number(len(items))} grafů, každý jako PNG a SVG",
                        table_id="balicek-tabulka")
    return html.Div([html.P(f"Balíček bude mít {format_number(len(items))} grafů (PNG pro Word, SVG jako "
                            "vektor), sešit tabulky.xlsx s čísly každého grafu a zprávu zprava.docx (A4). "
                            "Graf, který by byl prázdný (např. pořadí, kde žádné území nemá uvedenou kapacitu), "
                            "nahradí ve zprávě jedna věta.",
                            id="balicek-pocet"),
                     html.Details([html.Summary("Seznam grafů"), html.Div(table, className="table-responsive")])])


def layout(**_query):
    names = charts.area_names()
    return html.Div([
        html.H1("Balíček pro strategii"),
        html.P("Pro ORP nebo celý kraj jedním kliknutím: všechny grafy území v tiskové kvalitě (PNG a SVG) "
               "s názvem, výběrem, zdrojem a datem, čísla za nimi v sešitu XLSX a krátká zpráva DOCX s grafy, "
               "čísly a zdroji, připravená ke kopírování do komunitního plánu.", className="lead"),
        html.Div([
            html.Div([html.Label("Území", htmlFor=AREA, className="form-label fw-semibold"),
                      dropdown(AREA, options=[{"label": n, "value": c} for c, n in names.items()],
                                   value="kraj", clearable=False)], className="col-md-5"),
            html.Div(html.Button("Vytvořit balíček (ZIP)", id=BUTTON, className="btn btn-primary"),
                     className="col-md-4 d-flex align-items-end"),
        ], className="row mb-3"),
        html.Div([html.Span(className="spinner-border spinner-border-sm me-2", **{"aria-hidden": "true"}),
                  html.Span(id="balicek-probiha-text")], id=RUNNING, role="status", style={"display": "none"},
                 className="alert alert-info"),
        html.P(id=DONE, role="status", **{"aria-live": "polite"}),
        html.Div(listing(contents("kraj")), id=LIST),
        dcc.Download(id=DOWNLOAD),
    ])


def _check(area) -> None:
    if not isinstance(area, str) or area not in charts.area_names():
        raise validation.InvalidInput("area", f"neznámé území „{validation.shown(area)}“",
                                      f"unknown area {validation.shown(area)!r}")


@callback(Output(LIST, "children"), Output("balicek-probiha-text", "children"), Input(AREA, "value"))
def choose(area):
    _check(area)
    items = contents(area)
    return listing(items), (f"Připravuji balíček: {format_number(len(items))} grafů jako PNG a SVG, tabulky a zprávu. "
                           "Trvá to obvykle do 20 sekund.")


@callback(Output(DOWNLOAD, "data"), Output(DONE, "children"), Input(BUTTON, "n_clicks"), State(AREA, "value"),
          running=[(Output(BUTTON, "disabled"), True, False),
                   (Output(RUNNING, "style"), {"display": "block"}, {"display": "none"})],
          prevent_initial_call=True)
def make(_clicks, area):
    _check(area)
    try:
        name, data = make_pack(area)
    except ExportUnavailable as err:
        return dash.no_update, str(err)
    return dcc.send_bytes(data, name), f"Hotovo: {name} ({format_number(len(data) / 1e6, 1)} MB)."
