"""The Plán page's chart: how many of the plan's measures were in each state in each evaluated year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from common.vocabulary import PLAN_STATUSES
from dashboard import db
from dashboard.charts import Chart, chart
from dashboard.figures.common import czech_layout

STATUS_ORDER = PLAN_STATUSES
NOT_EVALUATED = "nehodnoceno"
STATUS_COLOURS = {"splněno": "#1b7837", "probíhá": "#1f4e79", "nezahájeno": "#d95f02", "zrušeno": "#7f7f7f",
                  NOT_EVALUATED: "#d9d9d9"}


def status_summary() -> pd.DataFrame:
    """How many measures were in each state in each evaluated year; a measure nobody evaluated that year
    counts as "nehodnoceno" (never as not started). One row per year, plus the latest state."""
    measures = db.query("plan_measures")
    statuses = db.query("plan_statuses")
    years = sorted({int(y) for y in statuses["year"].dropna()} | {int(y) for y in measures["status_year"].dropna()})
    rows = []
    for year in years:
        said = statuses[statuses["year"] == year].set_index(["plan_id", "code"])["status"].to_dict()
        rows.append((str(year), [said.get((m.plan_id, m.code), NOT_EVALUATED) for m in measures.itertuples()]))
    rows.append(("poslední stav", [m.status if isinstance(m.status, str) else NOT_EVALUATED
                                   for m in measures.itertuples()]))
    table = pd.DataFrame([{"Rok": label, **{s: states.count(s) for s in (*STATUS_ORDER, NOT_EVALUATED)},
                           "Opatření celkem": len(states)} for label, states in rows])
    return table


@chart("plan-souhrn", "Plán: stav opatření po letech")
def summary_chart() -> Chart:
    table = status_summary()
    fig = go.Figure()
    for status in (*STATUS_ORDER, NOT_EVALUATED):
        fig.add_bar(name=status, y=table["Rok"], x=table[status], orientation="h",
                    marker={"color": STATUS_COLOURS[status], "line": {"color": "#555", "width": 0.5}},
                    text=[str(v) if v else "" for v in table[status]], textposition="inside",
                    hovertemplate=f"%{{y}}: %{{x}} opatření {status}<extra></extra>")
    fig.update_layout(barmode="stack", legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom",
                                             "traceorder": "normal"})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="počet opatření", gridcolor="#e5e5e5", tickformat=",d")
    plan = db.query("plan_measures")
    source = "Zdroj: " + "; ".join(sorted(set(plan["document"].dropna()))) if not plan.empty else "Zdroj: —"
    title = "Stav opatření plánu po letech"
    czech_layout(fig, title, source, height=200 + 40 * len(table))
    fig.update_layout(margin={"t": fig.layout.margin.t + 40, "b": fig.layout.margin.b + 10})  # legend on top
    filters = (f"{plan['plan'].iloc[0]}: {len(plan)} opatření; rok bez hodnocení = nehodnoceno"
               if not plan.empty else "žádný plán")
    return Chart(fig, title, filters, source, table)
