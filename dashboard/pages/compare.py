"""Srovnání: two to four ORPs or municipalities side by side, kind by kind, against the kraj average."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, State, callback, dcc, html

from dashboard import db, validation
from dashboard.charts import Chart, Param, chart, many_of, one_of
from dashboard.components.export import export_links
from dashboard.components.need_profile import comparison_table
from dashboard.components.tables import value_table
from dashboard.directory import UNIT_NAMES
from dashboard.exports.tables import to_csv_bytes, to_xlsx_bytes
from dashboard.figures.common import czech_layout
from dashboard.i18n import format_number, format_percent

dash.register_page(__name__, path="/srovnani", name="Srovnání", title="Srovnání území – socmap", order=3)

LEVEL, AREAS, OUT, CSV, XLSX, DOWNLOAD = ("srovnani-uroven", "srovnani-uzemi", "srovnani-vysledek", "srovnani-csv",
                                          "srovnani-xlsx", "srovnani-download")
PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a"]
DEFAULT = ["5105", "5102"]  # ORP Liberec and ORP Frýdlant


def area_options(level: str) -> list[dict]:
    options = db.query("filter_options")
    return [{"label": r.label, "value": r.value} for r in options[options["field"] == level].itertuples()]


def comparison(level: str, codes: list[str]) -> pd.DataFrame:
    """One row per kind: per area its rate per 10 000 (in the kind's usual unit), services, distance to the
    nearest place (population-weighted for an ORP) and mean utilisation where reported; the kraj average.
    Three queries for all kinds together, whatever their number."""
    kinds = db.query("registry_kinds")
    occupancy = db.query("occupancy_rows")
    occupancy = occupancy[occupancy["is_month"] & occupancy["capacity"].notna() & occupancy["occupied"].notna()]
    key = "kod_orp" if level == "orp" else "kod_obce"
    capacity = db.query("capacity_by_area_and_kind", level=level)
    by_kind = dict(tuple(capacity.groupby("kind_code")))
    distances = db.query("nearest_by_municipality_and_kind")
    distances = dict(tuple(distances[distances["distance_km"].notna()].groupby("kind_code")))
    empty = pd.DataFrame(columns=["code", "orp", "population", "distance_km"])
    rows = []
    for kind in kinds.itertuples():
        unit = kind.usual_unit if isinstance(kind.usual_unit, str) else "klient"
        areas = by_kind.get(kind.kind_code, capacity.iloc[0:0]).set_index("code")
        near = distances.get(kind.kind_code, empty)
        row = {"kind": kind.name_cs, "unit": UNIT_NAMES.get(unit, unit),
               "kraj": areas["capacity"].sum() / areas["population"].sum() * 10000 if len(areas) else float("nan")}
        for code in codes:
            if code not in areas.index:
                continue
            area = areas.loc[code]
            row[f"rate_{code}"] = area["rate"]
            row[f"services_{code}"] = area["services"]
            row[f"unknown_{code}"] = area["services_unknown"]
            if level == "orp":
                d = near[near["orp"] == area["name"]]
                row[f"km_{code}"] = (d["distance_km"] * d["population"]).sum() / d["population"].sum() \
                    if len(d) else float("nan")
            else:
                d = near[near["code"] == code]["distance_km"]
                row[f"km_{code}"] = d.iloc[0] if len(d) else float("nan")
            occ = occupancy[occupancy["kind_code"] == kind.kind_code]
            occ = occ[occ[key] == code] if key in occ else occ.iloc[0:0]
            row[f"occ_{code}"] = occ["occupied"].sum() / occ["capacity"].sum() if len(occ) else float("nan")
        rows.append(row)
    return pd.DataFrame(rows)


def names_of(level: str, codes: list[str]) -> dict[str, str]:
    labels = {o["value"]: o["label"] for o in area_options(level)}
    return {c: labels.get(c, c) for c in codes}


def export_frame(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    out = pd.DataFrame({"Druh služby": frame["kind"], "Jednotka": frame["unit"],
                        "Průměr kraje na 10 000": frame["kraj"].round(2)})
    for code, name in names.items():
        out[f"{name}: na 10 000"] = frame[f"rate_{code}"].round(2)
        out[f"{name}: služeb"] = frame[f"services_{code}"]
        out[f"{name}: km k nejbližší"] = frame[f"km_{code}"].round(1)
        out[f"{name}: obsazenost"] = frame[f"occ_{code}"].round(3)
    return out


def _all_codes() -> list[str]:
    return [o["value"] for level in ("orp", "obec") for o in area_options(level)]


@chart("srovnani", "Srovnání území: kapacita na 10 000 obyvatel po druzích",
       uroven=Param(one_of(lambda: ("orp", "obec")), "orp"), uzemi=Param(many_of(_all_codes, 0, 4), ""))
def comparison_chart(uroven: str, uzemi: list[str], frame: pd.DataFrame | None = None) -> Chart:
    """Rates by kind for up to four areas beside the kraj average; with no area, the kraj alone."""
    names = names_of(uroven, uzemi)
    frame = comparison(uroven, uzemi) if frame is None else frame
    counted = frame[[f"services_{c}" for c in uzemi]].sum(axis=1) > 0 if uzemi else frame["kraj"] > 0
    shown = frame[counted].reset_index(drop=True)
    fig = go.Figure()
    for i, code in enumerate(uzemi):
        fig.add_bar(name=names[code], y=shown["kind"], x=shown[f"rate_{code}"], orientation="h",
                    marker={"color": PALETTE[i]}, hovertemplate=f"{names[code]}: %{{x:.2f}}<extra>%{{y}}</extra>")
    if uzemi:
        fig.add_scatter(name="průměr kraje", y=shown["kind"], x=shown["kraj"], mode="markers",
                        marker={"symbol": "line-ns-open", "size": 18, "color": "#111", "line": {"width": 3}},
                        hovertemplate="průměr kraje: %{x:.2f}<extra>%{y}</extra>")
    else:
        fig.add_bar(name="kraj", y=shown["kind"], x=shown["kraj"], orientation="h", marker={"color": PALETTE[0]},
                    hovertemplate="%{x:.2f}<extra>%{y}</extra>")
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.08})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="kapacita na 10 000 obyvatel (v obvyklé jednotce druhu)", gridcolor="#e5e5e5")
    title = "Kapacita na 10 000 obyvatel: " + (", ".join(names.values()) if uzemi else "průměr kraje")
    source = "Zdroj: registr poskytovatelů (výtah, částečně ilustrativní); ČSÚ 1. 1. 2021"
    czech_layout(fig, title, source, height=160 + 28 * len(shown) * max(1, len(uzemi) // 2))
    filters = ("po druzích služeb, proti průměru kraje" if uzemi else "celý kraj, po druzích služeb")
    return Chart(fig, title, filters, source, export_frame(frame, names), True)


def results(level: str, codes: list[str]):
    codes = [c for c in (codes or [])]
    if not 2 <= len(codes) <= 4:
        return html.P("Vyberte dvě až čtyři území.", className="text-danger", id="srovnani-chyba")
    names = names_of(level, codes)
    frame = comparison(level, codes)
    built = comparison_chart(level, codes, frame)
    columns = {"kind": "Druh služby", "unit": "Jednotka", "kraj": "Průměr kraje"}
    formats = {"kraj": lambda v: format_number(v, 2)}
    for code, name in names.items():
        columns.update({f"rate_{code}": f"{name}: na 10 000", f"services_{code}": f"{name}: služeb",
                        f"km_{code}": f"{name}: km", f"occ_{code}": f"{name}: obsazenost"})
        formats.update({f"rate_{code}": lambda v: format_number(v, 2), f"services_{code}": format_number,
                        f"km_{code}": lambda v: "žádné místo" if v != v else format_number(v, 1),
                        f"occ_{code}": lambda v: "" if v != v else format_percent(v)})
    table = value_table(frame, columns, "Srovnání území po druzích služeb", formats=formats,
                        numeric=tuple(c for c in columns if c not in ("kind", "unit")), table_id="srovnani-tabulka")
    return html.Div([dcc.Graph(id="srovnani-graf", figure=built.figure, config={"displaylogo": False}),
                     export_links("srovnani", built.title, uroven=level, uzemi=codes),
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
                      dcc.Dropdown(id=AREAS, options=area_options("orp"), value=DEFAULT, multi=True)],
                     className="col-md-7"),
            html.Div([html.Button("CSV", id=CSV, className="btn btn-outline-primary me-2"),
                      html.Button("XLSX", id=XLSX, className="btn btn-outline-primary"), dcc.Download(id=DOWNLOAD)],
                     className="col-md-3 d-flex align-items-end"),
        ], className="row mb-3"),
        html.Div(results("orp", DEFAULT), id=OUT),
    ])


@callback(Output(AREAS, "options"), Output(AREAS, "value"), Input(LEVEL, "value"), prevent_initial_call=True)
def level_changed(level):
    validation.check(level=level)
    return area_options(level), (DEFAULT if level == "orp" else ["563889", "564028"])


@callback(Output(OUT, "children"), Input(LEVEL, "value"), Input(AREAS, "value"), prevent_initial_call=True)
def update(level, codes):
    validation.check(level=level, areas=codes)
    return results(level, codes)


@callback(Output(DOWNLOAD, "data"), Input(CSV, "n_clicks"), Input(XLSX, "n_clicks"), State(LEVEL, "value"),
          State(AREAS, "value"), prevent_initial_call=True)
def download(_csv, _xlsx, level, codes):
    validation.check(level=level, areas=codes)
    names = names_of(level, codes or [])
    frame = export_frame(comparison(level, list(names)), names)
    if dash.ctx.triggered_id == XLSX:
        return dcc.send_bytes(to_xlsx_bytes(frame, sheet="Srovnání"), "socmap-srovnani.xlsx")
    return dcc.send_bytes(to_csv_bytes(frame), "socmap-srovnani.csv")
