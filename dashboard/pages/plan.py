"""Plán: the plan's goals and measures with their status by year, and the registered capacity of the
kinds of service a measure names; filter by goal and status; the evaluation table for the report."""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from common.vocabulary import PLAN_STATUSES, PLURALS
from dashboard import db, inputs
from dashboard.charts import Chart
from dashboard.charts.plan import summary_chart
from dashboard.components.export import export_links
from dashboard.components.graphs import dropdown, graph
from dashboard.components.tables import value_table
from dashboard.directory import plural
from dashboard.exports.tables import to_xlsx_bytes
from dashboard.states import is_known, value_text

dash.register_page(__name__, path="/plan", name="Plán", title="Plán – socmap", order=4)

GOAL, STATUS, TABLE, DOWNLOAD, EXPORT = "plan-cil", "plan-stav", "plan-tabulka", "plan-download", "plan-export"
UNKNOWN_STATUS = "nezjištěno"


def evaluation() -> pd.DataFrame:
    """One row per measure: status in each evaluated year, kinds it names with their capacity today."""
    measures = db.query("plan_measures")
    statuses = db.query("plan_statuses")
    kinds = db.query("kinds_in_use").set_index("kind_code")["name_cs"].to_dict()
    capacity = db.query("plan_kind_capacity")
    rows = []
    for m in measures.itertuples():
        history = statuses[(statuses["plan_id"] == m.plan_id) & (statuses["code"] == m.code)]
        codes = list(m.kind_codes) if m.kind_codes is not None else []
        here = capacity[capacity["plan_id"] == m.plan_id]
        cap = []
        for code in codes:
            caps = here[here["kind_code"] == code]
            if caps.empty:
                cap.append(f"{kinds.get(code, code)}: v načtených datech žádná služba")
                continue
            services = int(caps["services"].max())
            known = caps[caps["state"].map(is_known)]
            caps = known if len(known) else caps.head(1)  # a kind's units: the stated ones, else why none is
            registered = "; ".join(
                (f"kapacita {value_text(c.state, c.capacity, 0)} "
                 f"{PLURALS.get(c.capacity_type, ('', '', c.capacity_type))[2]}" if is_known(c.state)
                 else "kapacita neuvedena" if c.state == "unknown" else value_text(c.state, c.capacity))
                for c in caps.itertuples())
            cap.append(f"{kinds.get(code, code)} ({caps['territory'].iloc[0]}): {plural(services, 'sluzba')}, "
                       f"{registered}")
        rows.append({
            "plan": m.plan, "goal": f"{m.goal_code} {m.goal}", "goal_code": m.goal_code, "code": m.code,
            "text": m.text, "kinds": "; ".join(cap) or "—",
            "status": m.status if isinstance(m.status, str) else UNKNOWN_STATUS,
            "history": "; ".join(f"{int(h.year)}: {h.status}" for h in history.itertuples()) or "nehodnoceno",
            "indicator": m.indicator if isinstance(m.indicator, str) else "neuveden",
            "source": m.document})
    return pd.DataFrame(rows)


COLUMNS = {"code": "Opatření", "text": "Text", "status": "Stav (poslední)", "history": "Stav po letech",
           "indicator": "Indikátor", "kinds": "Druhy služeb a jejich kapacita dnes (na území plánu)",
           "source": "Zdroj"}


def summary(built: Chart) -> html.Section:
    table = value_table(built.table, {c: c for c in built.table.columns}, f"{built.title}: {built.filters}",
                        numeric=tuple(c for c in built.table.columns if c != "Rok"), table_id="plan-souhrn-tabulka")
    return html.Section([
        html.H2("Kde opatření stojí", id="plan-souhrn-nadpis"),
        html.P(f"{built.filters}. Graf ukazuje, kolik opatření bylo v kterém roce splněno, probíhalo, "
               "nebylo zahájeno nebo bylo zrušeno; co pracovní skupina v daném roce nehodnotila, je „nehodnoceno“."),
        graph("plan-souhrn", built.figure),
        export_links("plan-souhrn", built.title),
        html.Div(table, className="table-responsive"),
    ], **{"aria-labelledby": "plan-souhrn-nadpis"})


def filtered(goal, status) -> pd.DataFrame:
    frame = evaluation()
    if goal:
        frame = frame[frame["goal_code"] == goal]
    if status:
        frame = frame[frame["status"] == status]
    return frame


def table(frame: pd.DataFrame):
    if frame.empty:
        return html.P("Filtrům neodpovídá žádné opatření.")
    return html.Div([html.Div([html.H2(goal, className="h4 mt-4"), value_table(
        group, COLUMNS, f"Opatření cíle {goal.split(' ')[0]}", table_id=f"plan-cil-{group['goal_code'].iloc[0]}")],
        className="table-responsive") for goal, group in frame.groupby("goal", sort=False)])


def layout(**_query):
    frame = evaluation()
    if frame.empty:
        return html.Div([html.H1("Plán"), html.P("Žádný plán není načten.")])
    goals = frame.drop_duplicates("goal_code")
    return html.Div([
        html.H1("Plán"),
        html.P(f"{frame['plan'].iloc[0]}: cíle a opatření, jejich stav po letech, jak je hodnotily pracovní "
               "skupiny. Opatření, která jmenují druhy služeb, ukazují jejich dnešní registrovanou kapacitu; "
               "vývoj v čase přinesou snímky registru z dalších let.", className="lead"),
        summary(summary_chart()),
        html.H2("Opatření", className="mt-4"),
        html.Div([
            html.Div([html.Label("Cíl", htmlFor=GOAL, className="form-label fw-semibold"),
                      dropdown(GOAL, placeholder="všechny",
                                   options=[{"label": g, "value": c} for g, c in zip(goals["goal"], goals["goal_code"],
                                                                                     strict=True)])],
                     className="col-md-7"),
            html.Div([html.Label("Stav", htmlFor=STATUS, className="form-label fw-semibold"),
                      dropdown(STATUS, placeholder="všechny",
                                   options=[{"label": s, "value": s} for s in
                                            (*PLAN_STATUSES, UNKNOWN_STATUS)])],
                     className="col-md-3"),
            html.Div([html.Button("Stáhnout vyhodnocení (XLSX)", id=EXPORT, className="btn btn-outline-primary"),
                      dcc.Download(id=DOWNLOAD)], className="col-md-2 d-flex align-items-end"),
        ], className="row mb-3"),
        html.Div(table(frame), id=TABLE),
    ])


@callback(Output(TABLE, "children"), Input(GOAL, "value"), Input(STATUS, "value"), prevent_initial_call=True)
def apply(goal, status):
    inputs.check(goal=goal, status=status)
    return table(filtered(goal, status))


@callback(Output(DOWNLOAD, "data"), Input(EXPORT, "n_clicks"), State(GOAL, "value"), State(STATUS, "value"),
          prevent_initial_call=True)
def download(_clicks, goal, status):
    inputs.check(goal=goal, status=status)
    frame = filtered(goal, status)
    out = frame[["plan", "goal"] + list(COLUMNS)].rename(columns={"plan": "Plán", "goal": "Cíl", **COLUMNS})
    return dcc.send_bytes(to_xlsx_bytes(out, sheet="Vyhodnocení"), "socmap-vyhodnoceni-planu.xlsx")
