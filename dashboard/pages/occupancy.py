"""Obsazenost: were the shelters full last winter? Utilisation over time, a month × year heatmap,
refusals, months at full capacity, and which services report for which periods."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, html

from common.vocabulary import unit_name
from dashboard import db, inputs
from dashboard.charts.occupancy import FIGURES, LEVELS, MONTH_COLUMNS, by_month, chosen_rows, occupancy_chart
from dashboard.charts.occupancy import monthly as monthly_of
from dashboard.components import paged
from dashboard.components.export import export_links
from dashboard.components.graphs import dropdown, graph
from dashboard.components.tables import Rows, details_table, value_table
from dashboard.i18n import format_number, format_percent

dash.register_page(__name__, path="/obsazenost", name="Obsazenost", title="Obsazenost – socmap",
                   order=2)

BY, PICK, UNIT, CHARTS = "obsazenost-podle", "obsazenost-vyber", "obsazenost-jednotka", "obsazenost-grafy"


def options(rows: pd.DataFrame, level: str) -> list[dict]:
    _, key, label = LEVELS[level]
    pairs = rows[[key, label]].dropna().drop_duplicates().sort_values(label)
    return [{"label": lab, "value": k} for k, lab in zip(pairs[key], pairs[label], strict=True)]


def default_pick(rows: pd.DataFrame, level: str):
    """Night shelters first: their winter is the question working groups ask."""
    opts = options(rows, level)
    if level == "kind" and any(o["value"] == "63" for o in opts):
        return "63"
    night = rows[rows["kind_code"] == "63"]
    if level == "service" and not night.empty:
        return night["service_id"].iloc[0]
    return opts[0]["value"] if opts else None


WHO = {"service": "U této služby", "kind": "U tohoto druhu služeb", "orp": "V tomto ORP"}


def why_no_chart(chosen: pd.DataFrame, monthly: pd.DataFrame, level: str) -> str:
    """Why the charts stay away for a choice with no or one reported month, in words a planner reads."""
    who = WHO[level]
    if not monthly.empty and monthly["utilisation"].notna().sum() == 1:
        month = monthly.loc[monthly["utilisation"].notna(), "month"].iloc[0]
        return (f"{who} je hlášen jen 1 měsíc ({month.month}/{month.year}): vývoj v čase ani měsíce po letech "
                "z jednoho měsíce nakreslit nejde. Jeho hodnoty jsou v tabulce níže.")
    months = chosen[chosen["is_month"]]
    if not months.empty:
        return (f"{who} jsou měsíční hlášení bez kapacity nebo bez obsazenosti (nezjištěno), takže obsazenost "
                "spočítat nejde. Graf se proto nekreslí.")
    return (f"{who} není hlášen žádný celý měsíc, jen jiná období (níže); obsazenost po měsících proto "
            "nakreslit nejde.")


def _month_table(monthly: pd.DataFrame, name: str):
    return value_table(
        by_month(monthly), MONTH_COLUMNS, f"Obsazenost po měsících: {name}",
        formats={"capacity": format_number, "occupied": format_number, "utilisation": format_percent,
                 "refused": format_number, "reports": format_number},
        numeric=("capacity", "occupied", "utilisation", "refused", "reports"), table_id="obsazenost-tabulka")


def charts(level: str, pick, unit: str):
    label = LEVELS[level][2]
    chosen = chosen_rows(level, pick, unit)
    if chosen.empty:
        return html.P("Pro tento výběr nikdo obsazenost nevykázal (nezjištěno).", id="obsazenost-none")
    name = chosen[label].iloc[0]
    illustrative = bool(chosen["is_illustrative"].any())
    monthly = monthly_of(level, pick, unit)
    unit_label = unit_name(unit)
    parts = [html.H2(f"{name}: {unit_label}", id="obsazenost-nazev")]
    if illustrative:
        parts.append(html.P(html.Strong("Ilustrativní data: vymyšlená pro ukázku, ne skutečná obsazenost."),
                            className="text-danger", id="obsazenost-ilustrativni"))
    reported = int(monthly["utilisation"].notna().sum()) if not monthly.empty else 0
    if reported <= 1:
        parts.append(html.P(why_no_chart(chosen, monthly, level), id="obsazenost-proc",
                            className="alert alert-info", role="status"))
    if reported == 1:
        parts.append(details_table("Tabulka hodnot", _month_table(monthly, name)))
    if reported > 1:
        full = monthly[monthly["utilisation"] >= 1]
        params = {"podle": level, "vyber": pick, "jednotka": unit}
        graphs = []
        for graph_id in FIGURES:
            built = occupancy_chart(graph_id, level, pick, unit)
            graphs += [graph(graph_id, built.figure),
                       export_links(graph_id, built.title, **params)]
        parts += [
            html.P(f"Měsíců s vykázanou obsazeností: {format_number(monthly['utilisation'].notna().sum())} "
                   f"z {format_number(len(monthly))}; měsíců na plné kapacitě: {format_number(len(full))}; "
                   f"odmítnuto celkem: {format_number(monthly['refused'].sum(min_count=1))}.",
                   id="obsazenost-souhrn"),
            *graphs,
            details_table("Tabulka hodnot", _month_table(monthly, name)),
        ]
    other = chosen[~chosen["is_month"]]
    if not other.empty:
        parts += [html.H3("Jiná hlášení (dny a období)"), html.Div(value_table(
            other.assign(period=[f"{a.day}. {a.month}. {a.year} – {b.day}. {b.month}. {b.year}"
                                 for a, b in zip(other["period_start"], other["period_end"], strict=True)]),
            {"service": "Služba", "period": "Období", "capacity": "Kapacita", "occupied": "Obsazeno",
             "refused": "Odmítnuto", "note": "Poznámka", "document": "Zdroj"}, "Jiná hlášení",
            formats={"capacity": format_number, "occupied": format_number, "refused": format_number},
            numeric=("capacity", "occupied", "refused"), table_id="obsazenost-jina"), className="table-responsive")]
    return html.Div(parts)


@paged.source("obsazenost-pokryti")
def coverage_rows() -> Rows:
    """Which services report for which years: months reported out of 12, empty where none."""
    counted = db.query("occupancy_coverage")
    frame = counted.pivot_table(index="service", columns="year", values="months", aggfunc="sum").reset_index()
    frame.columns = [str(c) for c in frame.columns]
    years = [c for c in frame.columns if c != "service"]
    return Rows(frame, {"service": "Služba", **{y: y for y in years}}, "Pokrytí: kolik měsíců v roce služba vykázala",
                formats={y: (lambda v: "" if pd.isna(v) else f"{int(v)}/12") for y in years}, numeric=tuple(years))


def layout(**_query):
    rows = db.query("occupancy_choices")
    if rows.empty:
        return html.Div([html.H1("Obsazenost"), html.P("Žádná data o obsazenosti nejsou načtena.")])
    level = "kind"
    pick = default_pick(rows, level)
    return html.Div([
        html.H1("Obsazenost"),
        html.P("Jak plné byly služby: obsazeno ÷ kapacita za měsíc. Chybějící měsíc je mezera, nikdy nula; "
               "kapacita je registrované maximum, ne volná místa.", className="lead"),
        html.Div([
            html.Fieldset([html.Legend("Zobrazit podle", className="col-form-label fw-semibold p-0"),
                           dbc.RadioItems(id=BY, value=level, inline=True,
                                          options=[{"label": v[0], "value": k} for k, v in LEVELS.items()])],
                          className="col-md-4"),
            html.Div([html.Label("Výběr", htmlFor=PICK, className="form-label fw-semibold"),
                      dropdown(PICK, options=options(rows, level), value=pick, clearable=False)],
                     className="col-md-5"),
            html.Div([html.Label("Jednotka", htmlFor=UNIT, className="form-label fw-semibold"),
                      dropdown(UNIT, value="luzka", clearable=False,
                                   options=[{"label": unit_name(u), "value": u}
                                            for u in sorted(rows["capacity_type"].unique())])],
                     className="col-md-3"),
        ], className="row mb-3"),
        html.Div(charts(level, pick, "luzka"), id=CHARTS),
        html.H2("Kdo vykazuje a za jaká období"),
        html.Div(paged.table("obsazenost-pokryti"), className="table-responsive"),
    ])


@callback(Output(PICK, "options"), Output(PICK, "value"), Input(BY, "value"), prevent_initial_call=True)
def change_level(level):
    inputs.check(occupancy_level=level)
    rows = db.query("occupancy_choices")
    return options(rows, level), default_pick(rows, level)


@callback(Output(CHARTS, "children"), Input(BY, "value"), Input(PICK, "value"), Input(UNIT, "value"),
          prevent_initial_call=True)
def show(level, pick, unit):
    inputs.check(occupancy_level=level, pick=pick, unit=unit)
    return charts(level, pick, unit)
