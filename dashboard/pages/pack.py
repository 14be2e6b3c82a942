"""Balíček pro strategii: for an ORP or the whole kraj, every chart (PNG and SVG), the tables behind
them (XLSX) and a short report (DOCX) in one ZIP, made on the server in one click.

The pack is made in the worker's queue of heavy work (dashboard/jobs.py): the click submits it, the page
asks every second for its place in the queue and its progress, and downloads it when it is done."""

from __future__ import annotations

import dash
import flask
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import charts, inputs, jobs
from dashboard.components.graphs import dropdown
from dashboard.components.tables import value_table
from dashboard.exports.pack import contents, described, make_pack
from dashboard.i18n import format_number

dash.register_page(__name__, path="/balicek", name="Balíček", title="Balíček pro strategii – socmap", order=9)

AREA, BUTTON, DOWNLOAD, LIST, RUNNING, DONE = ("balicek-uzemi", "balicek-vytvorit", "balicek-stazeni",
                                              "balicek-obsah", "balicek-probiha", "balicek-hotovo")
RUNNING_TEXT, JOB, POLL = "balicek-probiha-text", "balicek-uloha", "balicek-dotaz"
SHOWN, HIDDEN = {"display": "block"}, {"display": "none"}


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
        dcc.Store(id=JOB),
        dcc.Interval(id=POLL, interval=1000, disabled=True),
    ])


def _check(area) -> None:
    if not isinstance(area, str) or area not in charts.area_names():
        raise inputs.InvalidInput("area", f"neznámé území „{inputs.shown(area)}“",
                                      f"unknown area {inputs.shown(area)!r}")


@callback(Output(LIST, "children"), Input(AREA, "value"))
def choose(area):
    _check(area)
    return listing(contents(area))


def _queued(place: int, charts_count: int, done: int = 0, total: int = 0) -> str:
    """What the page says while the pack waits or is made."""
    if place > 0:
        ahead = "1 jiný export" if place == 1 else f"{place} jiné exporty" if place < 5 else f"{place} jiných exportů"
        return (f"Čekáte ve frontě: před vámi je {ahead}. Balíček ({format_number(charts_count)} grafů) se začne "
                "připravovat, až na něj přijde řada; stránku můžete nechat otevřenou.")
    step = f" ({format_number(done)} z {format_number(total)})" if total else ""
    return (f"Připravuji balíček: {format_number(charts_count)} grafů jako PNG a SVG, tabulky a zprávu{step}. "
            "Trvá to obvykle do 20 sekund.")


@callback(Output(JOB, "data"), Output(POLL, "disabled"), Output(POLL, "n_intervals"), Output(RUNNING, "style"),
          Output(RUNNING_TEXT, "children"), Output(DONE, "children"), Output(BUTTON, "disabled"),
          Input(BUTTON, "n_clicks"), State(AREA, "value"), prevent_initial_call=True)
def make(_clicks, area):
    """Put the pack into the queue; the page then follows it (follow)."""
    _check(area)
    count = len(contents(area))
    try:
        job = jobs.queue().submit((flask.request.remote_addr or "?")[:64], f"balíček {area}",
                                  lambda progress: make_pack(area, progress), charts=count)
    except jobs.QueueFull as full:
        return None, True, 0, HIDDEN, "", full.cs, False
    return job.id, False, 0, SHOWN, _queued(jobs.queue().place(job), count), "", True


@callback(Output(DOWNLOAD, "data"), Output(JOB, "data", allow_duplicate=True),
          Output(POLL, "disabled", allow_duplicate=True), Output(RUNNING, "style", allow_duplicate=True),
          Output(RUNNING_TEXT, "children", allow_duplicate=True), Output(DONE, "children", allow_duplicate=True),
          Output(BUTTON, "disabled", allow_duplicate=True), Input(POLL, "n_intervals"), State(JOB, "data"),
          prevent_initial_call=True)
def follow(ticks, job_id):
    """The pack's place in the queue or its progress; when it is done, its download."""
    inputs.check(clicks=ticks)
    if not isinstance(job_id, str) or not jobs.JOB_ID.match(job_id):
        raise inputs.InvalidInput("job", "neplatné označení balíčku", "invalid pack id")
    state = jobs.queue().state(job_id)
    if state is None and (ticks or 0) > jobs.KEEP_SECONDS:
        return dash.no_update, None, True, HIDDEN, "", "Balíček se nenašel; vytvořte jej prosím znovu.", False
    if state is None:  # another replica has it (the next request may reach it): keep asking
        return (dash.no_update,) * 7
    if state["state"] in ("waiting", "running"):
        text = _queued(state["place"], state.get("charts", 0), state.get("done", 0), state.get("total", 0))
        return dash.no_update, dash.no_update, False, SHOWN, text, "", True
    keep = dash.no_update  # the hidden box keeps its last text
    if state["state"] == "failed":
        return None, None, True, HIDDEN, keep, f"Balíček se nepodařilo vytvořit: {state.get('error', '')}", False
    taken = jobs.queue().take(job_id)
    if taken is None:
        return dash.no_update, None, True, HIDDEN, keep, "Balíček už byl stažen.", False
    name, data = taken
    return (dcc.send_bytes(data, name), None, True, HIDDEN, keep,
            f"Hotovo: {name} ({format_number(len(data) / 1e6, 1)} MB).", False)
