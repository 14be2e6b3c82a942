"""Occupancy over time: utilisation lines with gaps where nobody reported, a month × year heatmap,
refusals. Illustrative data is marked on the chart itself."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import KNOWN, SEQUENTIAL, czech_layout

MONTHS_CS = ["led", "úno", "bře", "dub", "kvě", "čvn", "čvc", "srp", "zář", "říj", "lis", "pro"]
ILLUSTRATIVE_MARK = "ILUSTRATIVNÍ DATA – ne skutečná obsazenost"


def _mark(fig: go.Figure, illustrative: bool) -> None:
    if illustrative:
        fig.add_annotation(text=ILLUSTRATIVE_MARK, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                           font={"size": 22, "color": "rgba(180,0,0,0.35)"}, textangle=-12)


def utilisation_figure(monthly: pd.DataFrame, title: str, source_line: str, illustrative: bool) -> go.Figure:
    fig = go.Figure(go.Scatter(
        x=[f"{m.month}/{m.year}" for m in monthly["month"]], y=monthly["utilisation"] * 100, mode="lines+markers",
        connectgaps=False, line={"color": KNOWN, "width": 2}, marker={"size": 5}, name="obsazenost",
        hovertemplate="%{x}: %{y:.1f} %<extra></extra>"))
    fig.add_hline(y=100, line={"color": "#b30000", "dash": "dash"}, annotation_text="plná kapacita")
    fig.update_yaxes(title="obsazenost (%)", ticksuffix=" %", rangemode="tozero", gridcolor="#e5e5e5")
    fig.update_xaxes(type="category", nticks=12, title=None)
    _mark(fig, illustrative)
    return czech_layout(fig, title, source_line)


def heatmap_figure(monthly: pd.DataFrame, title: str, source_line: str, illustrative: bool) -> go.Figure:
    """Month × year; an empty cell where nobody reported."""
    frame = monthly.assign(year=[m.year for m in monthly["month"]], m=[m.month for m in monthly["month"]])
    table = frame.pivot_table(index="year", columns="m", values="utilisation", aggfunc="first", dropna=False)
    table = table.reindex(columns=range(1, 13))
    z = (table * 100).round(1)
    fig = go.Figure(go.Heatmap(
        z=z.values, x=MONTHS_CS, y=[str(y) for y in table.index], zmin=0, zmax=100,
        colorscale=[[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
        colorbar={"title": {"text": "obsazenost"}, "ticksuffix": " %"}, hoverongaps=False,
        texttemplate="%{z:.0f}", hovertemplate="%{x} %{y}: %{z:.1f} %<extra></extra>"))
    fig.update_yaxes(autorange="reversed", type="category")
    _mark(fig, illustrative)
    return czech_layout(fig, title, source_line, height=120 + 40 * max(len(table.index), 3))


def refusals_figure(monthly: pd.DataFrame, title: str, source_line: str, illustrative: bool) -> go.Figure:
    counted = monthly[monthly["refused"].notna()]
    fig = go.Figure(go.Bar(x=[f"{m.month}/{m.year}" for m in counted["month"]], y=counted["refused"],
                           marker={"color": "#d95f02"}, name="odmítnutí",
                           hovertemplate="%{x}: %{y} odmítnutých<extra></extra>"))
    fig.update_xaxes(type="category", nticks=12)
    fig.update_yaxes(title="odmítnutí zájemci", tickformat=",d", gridcolor="#e5e5e5")
    _mark(fig, illustrative)
    return czech_layout(fig, title, source_line)
