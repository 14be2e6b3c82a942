"""Srovnání: two to four ORPs or municipalities side by side, kind by kind, against the kraj average."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from dashboard import inputs, scenario
from dashboard.charts.compare import area_options, comparison, comparison_chart, export_frame, names_of
from dashboard.components.export import export_links
from dashboard.components.graphs import dropdown, graph
from dashboard.components.need_profile import comparison_table
from dashboard.components.tables import value_table
from dashboard.exports.tables import to_csv_bytes, to_xlsx_bytes
from dashboard.exports.xlsx_formats import czech_number_formats
from dashboard.i18n import format_number, format_percent
from dashboard.states import value_text

dash.register_page(__name__, path="/srovnani", name="Srovnání", title="Srovnání území – socmap", order=3)

SWITCH = "srovnani-se-zamery"
LEVEL, AREAS, OUT, CSV, XLSX, DOWNLOAD = ("srovnani-uroven", "srovnani-uzemi", "srovnani-vysledek", "srovnani-csv",
                                          "srovnani-xlsx", "srovnani-download")
DEFAULT = ["5105", "5102"]  # ORP Liberec and ORP Frýdlant


def _all_codes() -> list[str]:
    return [o["value"] for level in ("orp", "obec") for o in area_options(level)]


def results(level: str, codes: list[str], with_plans: bool = False):
    codes = [c for c in (codes or [])]
    if not 2 <= len(codes) <= 4:
        return html.P("Vyberte dvě až čtyři území.", className="text-danger", id="srovnani-chyba")
    names = names_of(level, codes)
    frame = comparison(level, codes, with_plans)
    built = comparison_chart(level, codes, "1" if with_plans else "0", frame)
    columns = {"kind": "Druh služby", "unit": "Jednotka", "kraj": "Průměr kraje"}
    frame = frame.assign(kraj=[value_text(s, v, 2) for s, v in zip(frame["state_kraj"], frame["kraj"], strict=True)])
    formats = {}
    for code, name in names.items():
        frame[f"rate_{code}"] = [value_text(s, v, 2) for s, v in zip(frame[f"state_{code}"], frame[f"rate_{code}"],
                                                                      strict=True)]
        if with_plans:
            frame[f"plan_{code}"] = [value_text(s, v, 2) for s, v in zip(frame[f"plan_state_{code}"],
                                                                          frame[f"plan_{code}"], strict=True)]
            columns[f"plan_{code}"] = f"{name}: se záměry ({scenario.MARK})"
        columns.update({f"rate_{code}": f"{name}: na 10 000", f"services_{code}": f"{name}: služeb",
                        f"km_{code}": f"{name}: km", f"occ_{code}": f"{name}: obsazenost"})
        formats.update({f"services_{code}": format_number,
                        f"km_{code}": lambda v: "žádné místo" if v != v else format_number(v, 1),
                        f"occ_{code}": lambda v: "" if v != v else format_percent(v)})
    table = value_table(frame, columns, "Srovnání území po druzích služeb", formats=formats,
                        numeric=tuple(c for c in columns if c not in ("kind", "unit")), table_id="srovnani-tabulka")
    return html.Div([graph("srovnani-graf", built.figure),
                     export_links("srovnani", built.title, uroven=level, uzemi=codes,
                                  se_zamery="1" if with_plans else None),
                     html.Div(table, className="table-responsive"), comparison_table(level, names)])


def layout(**_query):
    return html.Div([
        html.H1("Srovnání území"),
        html.P("Dvě až čtyři ORP nebo obce vedle sebe: kapacita na 10 000 obyvatel po druzích služeb, počet služeb, "
               "vzdálenost k nejbližšímu místu (u ORP vážená počtem obyvatel) a obsazenost, kde je vykázaná; "
               "svislá čárka je průměr kraje.", className="lead"),
        html.Div([
            html.Fieldset([html.Legend("Území", className="col-form-label fw-semibold p-0"),
                           dbc.RadioItems(id=LEVEL, value="orp", inline=True,
                                          options=[{"label": "ORP", "value": "orp"},
                                                   {"label": "obce", "value": "obec"}])], className="col-md-2"),
            html.Div([html.Label("Porovnat (2–4)", htmlFor=AREAS, className="form-label fw-semibold"),
                      dropdown(AREAS, options=area_options("orp"), value=DEFAULT, multi=True)],
                     className="col-md-5"),
            html.Div(dbc.Checklist(id=SWITCH, options=[{"label": "se záměry ze sešitů", "value": "on"}], value=[],
                                   switch=True), className="col-md-2 d-flex align-items-end"),
            html.Div([html.Button("CSV", id=CSV, className="btn btn-outline-primary me-2"),
                      html.Button("XLSX", id=XLSX, className="btn btn-outline-primary"), dcc.Download(id=DOWNLOAD)],
                     className="col-md-3 d-flex align-items-end"),
        ], className="row mb-3"),
        html.Div(results("orp", DEFAULT), id=OUT),
    ])


@callback(Output(AREAS, "options"), Output(AREAS, "value"), Input(LEVEL, "value"), prevent_initial_call=True)
def level_changed(level):
    inputs.check(level=level)
    return area_options(level), (DEFAULT if level == "orp" else ["563889", "564028"])


@callback(Output(OUT, "children"), Input(LEVEL, "value"), Input(AREAS, "value"), Input(SWITCH, "value"),
          prevent_initial_call=True)
def update(level, codes, switch):
    inputs.check(level=level, areas=codes, switch=switch)
    return results(level, codes, "on" in (switch or []))


@callback(Output(DOWNLOAD, "data"), Input(CSV, "n_clicks"), Input(XLSX, "n_clicks"), State(LEVEL, "value"),
          State(AREAS, "value"), State(SWITCH, "value"), prevent_initial_call=True)
def download(_csv, _xlsx, level, codes, switch):
    inputs.check(level=level, areas=codes, switch=switch)
    names = names_of(level, codes or [])
    frame = export_frame(comparison(level, list(names), "on" in (switch or [])), names)
    if dash.ctx.triggered_id == XLSX:
        return dcc.send_bytes(czech_number_formats(to_xlsx_bytes(frame, sheet="Srovnání")), "socmap-srovnani.xlsx")
    return dcc.send_bytes(to_csv_bytes(frame), "socmap-srovnani.csv")
