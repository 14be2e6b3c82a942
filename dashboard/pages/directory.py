"""Adresář: every service and instrument, searchable without diacritics, filtered from the URL, on a map."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import dash
import dash_ag_grid as dag
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update

from common.vocabulary import FORMS
from dashboard import db, inputs
from dashboard.charts.directory import directory_view, kind_options
from dashboard.components.export import export_links
from dashboard.components.graphs import dropdown, graph
from dashboard.directory import (
    PARAMS,
    Filters,
    display_rows,
    export_frame,
    filter_entries,
    parse_query,
    plural,
    to_query,
)
from dashboard.exports.tables import to_csv_bytes, to_xlsx_bytes
from dashboard.i18n import format_number

dash.register_page(__name__, path="/adresar", name="Adresář", title="Adresář – socmap",
                   order=1)

SEARCH, KIND, FORM, TARGET, ORP, OBEC = (f"adresar-{n}" for n in ("q", "druh", "forma", "cilova", "orp", "obec"))
GRID, MAP, COUNT, QUERY, NAV = "adresar-grid", "adresar-map", "adresar-count", "adresar-query", "adresar-nav"
CSV, XLSX, DOWNLOAD = "adresar-csv", "adresar-xlsx", "adresar-download"
LOCALE = json.loads((Path(__file__).parents[1] / "assets" / "vendor" / "ag-grid-locale-cs.json").read_text("utf-8"))

# At 1366 px (an office laptop) the main columns up to Poskytovatel fit without scrolling the grid sideways;
# long texts wrap instead of being cut; target groups and the source follow (also in every download).
_WRAP = {"wrapText": True, "autoHeight": True, "cellStyle": {"lineHeight": "1.35", "paddingTop": "6px",
                                                             "paddingBottom": "6px", "wordBreak": "normal"}}
COLUMNS = [
    {"field": "name", "headerName": "Název", "cellRenderer": "markdown", "minWidth": 220, "flex": 2,
     "pinned": "left", **_WRAP},
    {"field": "kind", "headerName": "Druh", "minWidth": 140, "flex": 1, **_WRAP},
    {"field": "forms", "headerName": "Forma", "width": 110, **_WRAP},
    {"field": "municipality", "headerName": "Obec", "minWidth": 120, "flex": 1, **_WRAP},
    {"field": "orp", "headerName": "ORP", "width": 120, **_WRAP},
    {"field": "capacity", "headerName": "Kapacita (u služeb registrovaná)", "width": 150, **_WRAP},
    {"field": "provider", "headerName": "Poskytovatel", "minWidth": 150, "flex": 1, **_WRAP},
    {"field": "target_groups", "headerName": "Cílové skupiny", "width": 150, **_WRAP},
    {"field": "source", "headerName": "Zdroj", "width": 320, **_WRAP},
]


def target_options(entries) -> list[dict]:
    groups = sorted({g for cell in entries["target_groups"] for g in (cell if cell is not None else [])})
    return [{"label": g, "value": g} for g in groups]


def split_kinds(values) -> tuple[list[str], list[str]]:
    values = values or []
    return ([v for v in values if not v.startswith("skupina:")],
            [v.split(":", 1)[1] for v in values if v.startswith("skupina:")])


def filters_of(kinds, forms, targets, orps, obce, text) -> Filters:
    kind_codes, groups = split_kinds(kinds)
    return Filters(kinds=kind_codes, groups=groups, forms=forms or [], targets=targets or [], orps=orps or [],
                   obce=obce or [], text=(text or "").strip())


def view(filters: Filters, entries=None):
    """Grid rows, map, the count line and the map's export links for the filters."""
    shown, built, total = directory_view(filters, entries)
    count = (f"Nalezeno {format_number(len(shown))} z {format_number(total)} služeb a zařízení, "
             f"na mapě {plural(len(built.table), 'misto')}.")
    query = {PARAMS[k]: v for k, v in vars(filters).items() if v}
    links = export_links("adresar-mapa", built.title, "adresar-mapa-export", **query)
    return display_rows(shown).to_dict("records"), built.figure, count, links


def control(label: str, component) -> html.Div:
    return html.Div([html.Label(label, htmlFor=component.id, className="form-label fw-semibold"), component],
                    className="col-md-6 col-xl-4 mb-2")


def layout(**query):
    filters = parse_query(query)
    entries = db.query("directory_entries")
    options = db.query("filter_options")
    rows, figure, count, links = view(filters, entries)
    kind_value = filters.kinds + [f"skupina:{g}" for g in filters.groups]

    def pick(field):
        return [{"label": r.label, "value": r.value} for r in options[options["field"] == field].itertuples()]

    return html.Div([
        html.H1("Adresář"),
        html.P("Všechny služby z registru a nástroje obcí mimo registr (sociální a krizové byty). Filtry se ukládají "
               "do adresy stránky: odkaz otevře stejný výběr. Kapacita je registrované maximum, ne volná místa.",
               className="lead"),
        html.Div([
            control("Hledat (bez ohledu na diakritiku)",
                    dcc.Input(id=SEARCH, type="search", value=filters.text, debounce=0.4, className="form-control",
                              placeholder="např. noclehárna, dluhové poradenství, Frýdlant", autoComplete="off")),
            control("Druh služby nebo skupina",
                    dropdown(KIND, options=kind_options(), value=kind_value, multi=True, placeholder="všechny")),
            control("Forma", dropdown(FORM, options=[{"label": v, "value": k} for k, v in FORMS.items()],
                                          value=filters.forms, multi=True, placeholder="všechny")),
            control("Cílová skupina", dropdown(TARGET, options=target_options(entries), value=filters.targets,
                                                   multi=True, placeholder="všechny")),
            control("ORP", dropdown(ORP, options=pick("orp"), value=filters.orps, multi=True,
                                        placeholder="všechny")),
            control("Obec", dropdown(OBEC, options=pick("obec"), value=filters.obce, multi=True,
                                         placeholder="všechny")),
        ], className="row", role="search", **{"aria-label": "Filtry adresáře"}),
        html.P(count, id=COUNT, className="fw-semibold mt-2", **{"aria-live": "polite"}),
        html.Div([
            html.Button("Stáhnout CSV (Excel)", id=CSV, className="btn btn-outline-primary me-2"),
            html.Button("Stáhnout XLSX", id=XLSX, className="btn btn-outline-primary me-2"),
            html.A("Stáhnout HSDS (Open Referral)", href="/export/hsds.zip", className="btn btn-outline-secondary",
                   id="adresar-hsds"),
            dcc.Download(id=DOWNLOAD),
        ], className="mb-3"),
        html.Div([
            html.Div(dag.AgGrid(
                id=GRID, rowData=rows, columnDefs=COLUMNS, getRowId="params.data.id",
                defaultColDef={"sortable": True, "resizable": True, "filter": False, "wrapHeaderText": True,
                               "autoHeaderHeight": True,
                               "comparator": {"function": "czechCompare"}},
                dashGridOptions={"localeText": LOCALE, "domLayout": "autoHeight", "pagination": True,
                                 "paginationPageSize": 25, "paginationPageSizeSelector": False,
                                 "ensureDomOrder": True, "enableCellTextSelection": True},
                style={"width": "100%"}, className="ag-theme-quartz"), className="col-xxl-8 mb-3"),
            html.Div([graph(MAP, figure),
                      html.Div(links, id="adresar-mapa-export-wrap")], className="col-xxl-4"),
        ], className="row"),
        dcc.Store(id=QUERY, data=to_query(filters)),
        dcc.Location(id=NAV, refresh=True),
    ])


@callback(Output(GRID, "rowData"), Output(MAP, "figure"), Output(COUNT, "children"), Output(QUERY, "data"),
          Output("adresar-mapa-export-wrap", "children"),
          Input(KIND, "value"), Input(FORM, "value"), Input(TARGET, "value"), Input(ORP, "value"),
          Input(OBEC, "value"), Input(SEARCH, "value"), prevent_initial_call=True)
def apply_filters(kinds, forms, targets, orps, obce, text):
    inputs.check(kinds=kinds, forms=forms, targets=targets, orps=orps, obce=obce, text=text)
    filters = filters_of(kinds, forms, targets, orps, obce, text)
    rows, figure, count, links = view(filters)
    return rows, figure, count, to_query(filters), links


# The filters live in the URL: each change adds a history entry (the back button returns to it),
# without reloading the page; opening a copied link renders the same view from its query.
clientside_callback(
    """function (query) {
        const path = window.location.pathname;
        if ((window.location.search || "") !== (query || "")) {
            window.history.pushState({}, "", path + (query || ""));
        }
        return window.dash_clientside.no_update;
    }""",
    Output(QUERY, "id"), Input(QUERY, "data"), prevent_initial_call=True)


@callback(Output(NAV, "href"), Input(MAP, "clickData"), prevent_initial_call=True)
def open_clicked_service(click):
    inputs.check(click=click)
    if not click or not click.get("points"):
        return no_update
    target = click["points"][0]["customdata"]
    if target.startswith("obec:"):  # a municipality's ring: the directory of that municipality
        return "/adresar?" + urllib.parse.urlencode({PARAMS["obce"]: target.removeprefix("obec:")})
    return f"/sluzba/{target}"


@callback(Output(DOWNLOAD, "data"), Input(CSV, "n_clicks"), Input(XLSX, "n_clicks"),
          State(KIND, "value"), State(FORM, "value"), State(TARGET, "value"), State(ORP, "value"),
          State(OBEC, "value"), State(SEARCH, "value"), prevent_initial_call=True)
def download(_csv, _xlsx, kinds, forms, targets, orps, obce, text):
    inputs.check(kinds=kinds, forms=forms, targets=targets, orps=orps, obce=obce, text=text)
    filters = filters_of(kinds, forms, targets, orps, obce, text)
    frame = export_frame(filter_entries(db.query("directory_entries"), filters))
    if dash.ctx.triggered_id == XLSX:
        return dcc.send_bytes(to_xlsx_bytes(frame), "socmap-adresar.xlsx")
    return dcc.send_bytes(to_csv_bytes(frame), "socmap-adresar.csv")
