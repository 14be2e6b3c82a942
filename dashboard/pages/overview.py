"""Přehled: the kraj in numbers, its map, social housing and the Žitavská funnel."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from dashboard import db, inputs
from dashboard.charts.overview import places_chart, population_chart, population_table, reference_source_line
from dashboard.components import paged
from dashboard.components.cards import kpi_card
from dashboard.components.export import export_links
from dashboard.components.funnel import funnel_block
from dashboard.components.graphs import graph
from dashboard.components.sources import source_text
from dashboard.components.tables import Rows, chart_rows, value_table
from dashboard.figures.maps import PRECISION_LABELS
from dashboard.i18n import format_date, format_number

dash.register_page(__name__, path="/", name="Přehled", title="Přehled – socmap", order=0)

LEVEL = "overview-map-level"
MAP = "overview-map"
MAP_TABLE = "overview-map-table"
FUNNEL = "overview-funnel"
FUNNEL_ROUND = "ZITAVSKA-2020"
FUNNEL_TITLE = "Sociální byty Žitavská: od žádostí k bytům"
HOUSING_TITLE = "Sociální a krizové bydlení obcí"
FACTS_TITLE = "Kapacity služeb podle veřejných zdrojů"


POPULATION_FORMATS = {"Obcí": format_number, "Počet obyvatel": format_number}


def map_figure(level: str):
    built = population_chart(level, "kraj")
    return built.figure, paged.details("Tabulka hodnot", MAP_TABLE, level=level), \
        export_links("populace", built.title, "overview-map-export", uroven=level)


@paged.source(MAP_TABLE, level="level")
def population_rows(level: str) -> Rows:
    return chart_rows(*population_table(level, "kraj"), POPULATION_FORMATS)


def _places_section():
    figure = places_chart("kraj").figure
    kinds = value_table(db.query("services_by_kind"),
                        {"kind": "Druh služby", "kind_group": "Skupina", "services": "Služeb",
                         "illustrative": "z toho ilustrativních"},
                        "Služby podle druhu", formats={"services": format_number, "illustrative": format_number},
                        numeric=("services", "illustrative"), table_id="overview-kinds")
    precision = db.query("precision_counts")
    precision["label"] = precision["geo_precision"].map(lambda p: PRECISION_LABELS.get(p, "bez polohy"))
    precision_table = value_table(precision, {"label": "Přesnost polohy", "places": "Míst"},
                                  "Místa podle přesnosti polohy", formats={"places": format_number},
                                  numeric=("places",), table_id="overview-precision")
    return html.Section([
        html.H2("Místa poskytování služeb", id="places-heading"),
        html.P("Místa s přesnou adresou jsou body; místa známá jen podle obce jsou sloučena do bledšího kruhu ve "
               "středu obce. Služby podle druhu a počet míst podle přesnosti polohy ukazují tabulky."),
        graph("overview-places", figure),
        export_links("mista", "Místa poskytování služeb", "overview-places-export"),
        html.Div([html.Div(kinds, className="col-lg-8 table-responsive"),
                  html.Div(precision_table, className="col-lg-4 table-responsive")], className="row mt-3"),
    ], className="mb-5", **{"aria-labelledby": "places-heading"})


def _funnel_section():
    rnd = db.query("funnel_round", round_id=FUNNEL_ROUND)
    if rnd.empty:
        return html.Section(html.H2(FUNNEL_TITLE))
    return funnel_block(rnd.iloc[0], db.query("funnel_stages", round_id=FUNNEL_ROUND), FUNNEL, FUNNEL_TITLE)


def _housing_section():
    housing = db.query("social_housing")
    housing["source"] = [source_text(d, dt) + (" (ilustrativní)" if ill else "") for d, dt, ill in
                         zip(housing["document"], housing["source_date"], housing["is_illustrative"], strict=True)]
    table = value_table(
        housing,
        {"name": "Název", "programme": "Druh", "municipality": "Obec", "units": "Počet bytů / míst",
         "unit_sizes": "Velikosti", "status": "Stav", "since": "Od", "note": "Poznámka", "source": "Zdroj"},
        HOUSING_TITLE, formats={"units": format_number}, numeric=("units",), table_id="overview-housing")
    return html.Section([html.H2(HOUSING_TITLE, id="housing-heading"),
                         html.Div(table, className="table-responsive")],
                        className="mb-5", **{"aria-labelledby": "housing-heading"})


def _facts_section():
    facts = db.query("published_capacities")
    facts["source"] = facts["document"] + facts["is_illustrative"].map({True: " (ilustrativní)", False: ""})
    table = value_table(
        facts,
        {"service": "Služba", "kind": "Druh", "municipality": "Obec", "value": "Počet", "unit": "Jednotka",
         "as_of": "K datu", "source": "Zdroj"},
        FACTS_TITLE, formats={"value": format_number, "as_of": format_date}, numeric=("value",),
        table_id="overview-facts")
    return html.Section([html.H2(FACTS_TITLE, id="facts-heading"),
                         html.P("Údaje ze zpráv a webů poskytovatelů, nikoli registrovaná kapacita. Rozporné údaje "
                                "jsou uvedeny všechny, každý se svým zdrojem a datem."),
                         html.Div(table, className="table-responsive")],
                        className="mb-5", **{"aria-labelledby": "facts-heading"})


def layout(**_query):
    k = db.query("kpis").iloc[0]
    reg = db.query("registry_status").iloc[0]
    figure, table, links = map_figure("orp")
    cards = [
        kpi_card("Obyvatel", format_number(k.population), f"k {format_date(k.population_date)}",
                 "kpi-population"),
        kpi_card("Obcí", format_number(k.municipalities), None, "kpi-municipalities"),
        kpi_card("ORP", format_number(k.orps), None, "kpi-orp"),
        kpi_card("Sociálních bytů v provozu",
                 ("nejméně " if k.social_flat_houses_unknown else "") + format_number(k.social_flats),
                 f"počet domů: {format_number(k.social_flat_houses)}"
                 + (f", u {format_number(k.social_flat_houses_unknown)} nezjištěno"
                    if k.social_flat_houses_unknown else ""), "kpi-social-flats"),
        kpi_card("Služeb v registru", format_number(reg.registry_services),
                 f"z toho ilustrativních: {format_number(reg.illustrative_services)}", "kpi-registry"),
        kpi_card("Zdrojů", format_number(k.sources), None, "kpi-sources"),
    ]
    return html.Div([
        html.H1("Síť sociálních služeb Libereckého kraje"),
        html.P("Obce, ORP a počty obyvatel Libereckého kraje, sociální byty a známé údaje o službách. Každé číslo má "
               "svůj zdroj; co nikdo nespočítal, je uvedeno jako „nezjištěno“.", className="lead"),
        html.Div([html.Div(c, className="col") for c in cards],
                 className="row row-cols-2 row-cols-md-3 row-cols-xl-6 g-3 mb-5"),
        html.Section([
            html.H2("Obyvatelé podle území", id="map-heading"),
            html.Fieldset([
                html.Legend("Zobrazit území", className="col-form-label fw-semibold me-3 float-none w-auto p-0"),
                dbc.RadioItems(id=LEVEL, value="orp", inline=True,
                               options=[{"label": "ORP", "value": "orp"},
                                        {"label": "obce", "value": "obec"}]),
            ], className="d-flex align-items-center mb-2"),
            graph(MAP, figure),
            html.Div(links, id="overview-map-export-wrap"),
            html.P(reference_source_line(), className="source-line small text-body-secondary"),
            html.Div(table, id="overview-map-table-wrap"),
        ], className="mb-5", **{"aria-labelledby": "map-heading"}),
        _places_section(),
        _funnel_section(),
        _housing_section(),
        _facts_section(),
        html.Section([
            html.H2("Sešit pro plánovače", id="template-heading"),
            html.P("Obsazenost, kola přidělování, sociální bydlení, opatření plánů a cílové normy v jednom "
                   "sešitu s rozbalovacími seznamy druhů služeb, obcí a ORP. Vyplněný sešit (nebo CSV z Excelu) "
                   "patří do data/planner/; příkaz socmap check jej zkontroluje."),
            html.A("Stáhnout šablonu sešitu (XLSX)", href="/export/sablona.xlsx", className="btn btn-outline-primary",
                   id="overview-template"),
        ], className="mb-5", **{"aria-labelledby": "template-heading"}),
    ])


@callback(Output(MAP, "figure"), Output("overview-map-table-wrap", "children"),
          Output("overview-map-export-wrap", "children"), Input(LEVEL, "value"), prevent_initial_call=True)
def switch_map_level(level: str):
    inputs.check(level=level)
    figure, table, links = map_figure("obec" if level == "obec" else "orp")
    return figure, table, links
