"""Potřeba a síť: where need is high (MMR's index of social exclusion 2023, each indicator on choice) beside the
capacity of a chosen kind — a map with names, need against capacity, the places with high need and a thin
network, and people in distraint per place of debt counselling."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboard import db, inputs, scenario
from dashboard.capacity import kind_label, kind_options, unit_options
from dashboard.charts import Chart
from dashboard.charts.capacity import rate_map_chart
from dashboard.charts.need import (
    debt_chart,
    high_need,
    measures,
    need_areas,
    need_map_chart,
    scatter_chart,
    thin_chart,
)
from dashboard.components.export import export_links
from dashboard.components.static_table import static_table
from dashboard.components.tables import details_table, value_table
from dashboard.figures.need import TOPOJSON_URL
from dashboard.i18n import format_date, format_number, format_percent
from dashboard.need import far_share

dash.register_page(__name__, path="/potreba", name="Potřeba a síť", title="Potřeba a síť – socmap", order=2.5)

SWITCH = "potreba-se-zamery"
INDICATOR, LEVEL, KIND, UNIT, HIGH, KM, OUT = (f"potreba-{n}" for n in ("ukazatel", "uroven", "druh", "jednotka",
                                                                          "prah", "km", "vysledek"))
GRAPH = {"displaylogo": False, "scrollZoom": False, "locale": "cs", "topojsonURL": TOPOJSON_URL}


def _figure_block(graph_id: str, built: Chart, link_id: str, **params) -> list:
    return [dcc.Graph(id=graph_id, figure=built.figure, config=GRAPH),
            export_links(graph_id, built.title, link_id, **params),
            details_table(f"Tabulka: {built.title}", table_of(built, f"{graph_id}-tabulka"))]


def table_of(built: Chart, table_id: str):
    return static_table(built.table, f"{built.title}: {built.filters}", table_id)


def results(indicator: str, level: str, kind: str, unit: str, high: float, km: float, with_plans: bool = False):
    need = need_map_chart(indicator, level, need_areas(indicator, level, high))
    rate = rate_map_chart(kind, unit, level, None)
    scatter = scatter_chart(indicator, level, high, kind, unit)
    thin = thin_chart("orp", high, km, kind, unit)
    thin_obce = thin_chart("obec", high, km, kind, unit)
    debt = debt_chart()
    share = far_share(high_need(kind, high), km)
    local = db.query("need_local_counts")
    kind_params = {"druh": kind, "jednotka": unit}
    orps = ", ".join(thin.table["ORP"]) or "žádná"
    return html.Div([
        html.Div([
            html.Div(_figure_block("potreba-mapa", need, "potreba-mapa-export", ukazatel=indicator, uroven=level),
                     className="col-xl-6"),
            html.Div([dcc.Graph(id="potreba-kapacita", figure=rate.figure, config=GRAPH),
                      export_links("kapacity-mapa", rate.title, "potreba-kapacita-export", uroven=level, **kind_params),
                      details_table(f"Tabulka: {rate.title}", table_of(rate, "potreba-kapacita-tabulka"))],
                     className="col-xl-6"),
        ], className="row"),
        html.H2("Potřeba proti kapacitě"),
        *_figure_block("potreba-bodovy", scatter, "potreba-bodovy-export", ukazatel=indicator, uroven=level,
                       prah=high, **kind_params),
        html.H2("Vysoká potřeba, řídká síť"),
        html.P([html.Strong(f"ORP s vysokou potřebou a řídkou sítí ({kind_label(kind)}): "), orps, ". ",
                f"Dál než {format_number(km)} km od nejbližšího místa žije {format_percent(share)} obyvatel obcí "
                f"s indexem od {format_number(high)} bodů."], id="potreba-odpoved", **{"aria-live": "polite"}),
        dcc.Graph(id="potreba-ridka-sit", figure=thin.figure, config=GRAPH),
        export_links("potreba-ridka-sit", thin.title, "potreba-ridka-sit-export", uroven="orp", prah=high, km=km,
                     **kind_params),
        table_of(thin, "potreba-ridka-sit-tabulka"),
        details_table("Obce s vysokou potřebou a řídkou sítí",
                      table_of(thin_obce, "potreba-ridka-obce-tabulka")),
        scenario_block(high, km, kind, unit) if with_plans else None,
        html.H2("Dluhové poradenství a exekuce"),
        html.P("Dluhové poradenství není druh služby registru, ale část odborného sociálního poradenství: služby, "
               "které ho dělají, socmap pozná podle textů registru, soupisu služeb kraje a sešitů plánovačů "
               "(v adresáři volba „Zaměření: dluhové poradenství“)."),
        *_figure_block("potreba-dluhy", debt, "potreba-dluhy-export"),
        html.H2("Místní počty potřeby"),
        local_counts(local),
    ])


def scenario_block(high: float, km: float, kind: str, unit: str) -> html.Section:
    """The same question with the workbooks' planned services: which ORPs would still be thin (a plan, not a fact)."""
    planned = thin_chart("orp", high, km, kind, unit, "1")
    orps = ", ".join(planned.table["ORP"]) or "žádná"
    return html.Section([
        html.H3(["Se záměry ", html.Span(f"({scenario.MARK})", className="badge text-bg-warning")],
                id="potreba-zamery-nadpis"),
        html.P([html.Strong("ORP s vysokou potřebou a řídkou sítí se záměry ze sešitů: "), orps, "."],
               id="potreba-zamery-odpoved"),
        dcc.Graph(id="potreba-ridka-sit-zamery", figure=planned.figure, config=GRAPH),
        export_links("potreba-ridka-sit", planned.title, "potreba-ridka-sit-zamery-export", uroven="orp", prah=high,
                     km=km, druh=kind, jednotka=unit, se_zamery="1"),
        table_of(planned, "potreba-ridka-sit-zamery-tabulka"),
    ], **{"aria-labelledby": "potreba-zamery-nadpis"})


def local_counts(local: pd.DataFrame):
    if local.empty:
        return html.P("Žádné místní počty (lidé bez přístřeší venku, čekatelé na sociální byt, odmítnutí) zatím "
                      "nikdo nedoplnil: list „Potřeba v místě“ sešitu plánovače.", id="potreba-mistni")
    columns = {"area": "Území", "measure": "Ukazatel", "count": "Počet", "date": "Datum", "source": "Zdroj"}
    return html.Div(value_table(local, columns, "Místní počty potřeby ze sešitů plánovačů (prázdný počet = "
                                "nezjištěno)", formats={"count": lambda c: "nezjištěno" if c != c or c is None
                                                        else format_number(c), "date": format_date},
                                numeric=("count",)), id="potreba-mistni", className="table-responsive")


def layout(**_query):
    options = [{"label": f"{r.name_cs} ({r.period})", "value": r.indicator} for r in measures().itertuples()]
    kinds = kind_options()
    return html.Div([
        html.H1("Potřeba a síť"),
        html.P("Kde je potřeba vysoká a síť řídká: index sociálního vyloučení ministerstva pro místní rozvoj "
               "(a každý jeho ukazatel) podle obcí a ORP vedle kapacity vybraného druhu služby na 10 000 obyvatel. "
               "Neuvedená kapacita se nikdy nepočítá jako 0.", className="lead"),
        html.Div([
            html.Div([html.Label("Ukazatel potřeby", htmlFor=INDICATOR, className="form-label fw-semibold"),
                      dcc.Dropdown(id=INDICATOR, options=options, value="index_points", clearable=False)],
                     className="col-md-4"),
            html.Fieldset([html.Legend("Území", className="col-form-label fw-semibold p-0"),
                           dbc.RadioItems(id=LEVEL, value="orp", inline=True,
                                          options=[{"label": "ORP", "value": "orp"},
                                                   {"label": "obce", "value": "obec"}])], className="col-md-2"),
            html.Div([html.Label("Druh služby", htmlFor=KIND, className="form-label fw-semibold"),
                      dcc.Dropdown(id=KIND, options=kinds, value="57", clearable=False)], className="col-md-3"),
            html.Div([html.Label("Jednotka", htmlFor=UNIT, className="form-label fw-semibold"),
                      dcc.Dropdown(id=UNIT, options=unit_options("57"), value="luzka", clearable=False)],
                     className="col-md-3"),
            html.Div([html.Label("Vysoká potřeba od (bodů indexu)", htmlFor=HIGH, className="form-label fw-semibold"),
                      dcc.Input(id=HIGH, type="number", min=0, max=30, step=1, value=12, debounce=0.5,
                                className="form-control")], className="col-md-3"),
            html.Div([html.Label("Vzdálenost (km)", htmlFor=KM, className="form-label fw-semibold"),
                      dcc.Slider(id=KM, min=5, max=40, step=5, value=15, marks={k: f"{k}" for k in range(5, 41, 5)},
                                 allow_direct_input=False)],
                     className="col-md-4"),
            html.Div(dbc.Checklist(id=SWITCH, options=[{"label": "se záměry ze sešitů", "value": "on"}], value=[],
                                   switch=True), className="col-md-2 d-flex align-items-end"),
        ], className="row mb-3 g-2"),
        html.Div(results("index_points", "orp", "57", "luzka", 12, 15), id=OUT),
    ])


@callback(Output(UNIT, "options"), Output(UNIT, "value"), Input(KIND, "value"), prevent_initial_call=True)
def kind_changed(kind):
    inputs.check(kind=kind)
    options = unit_options(kind)
    return options, options[0]["value"]


@callback(Output(OUT, "children"), Input(INDICATOR, "value"), Input(LEVEL, "value"), Input(KIND, "value"),
          Input(UNIT, "value"), Input(HIGH, "value"), Input(KM, "value"), Input(SWITCH, "value"),
          prevent_initial_call=True)
def update(indicator, level, kind, unit, high, km, switch):
    inputs.check(indicator=indicator, level=level, kind=kind, unit=unit, high=high, km=km, switch=switch)
    return results(indicator, level, kind, unit, float(high), float(km), "on" in (switch or []))
