"""A ranking of areas by capacity per 10 000 that never draws an unknown as 0.

Known rates are solid bars; a partial rate is a bar labelled "nejméně X"; an area whose capacity nobody
stated (or stated only in another unit, or whose services the partial registry does not list) gets a pale
hatched bar across the axis labelled with what is true, so it can be neither read nor pasted as a zero.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.common import KNOWN, UNKNOWN, czech_layout
from dashboard.i18n import format_number
from dashboard.states import SHORT, other_units_text

PARTIAL = "#6d8fb3"
HATCH = {"shape": "/", "fgcolor": UNKNOWN, "bgcolor": "#f2f2f2", "size": 8, "solidity": 0.3}


def _label(state: str, rate, other_units) -> str:
    if state == "partial":
        return f"nejméně {format_number(rate, 2)}"
    if state in ("counted", "zero"):
        return format_number(rate, 2)
    if state == "other_unit":
        other = other_units_text(other_units)
        return f"{SHORT['other_unit']} ({other})" if other else SHORT["other_unit"]
    return SHORT.get(state, SHORT["unknown"])


def rate_ranking(areas: pd.DataFrame, title: str, source_line: str, axis_title: str,
                 kraj_rate=None, kraj_partial: bool = False, target=None, target_label: str = "cíl") -> go.Figure:
    """areas: name, rate, state, other_units (optional). Known areas sorted by rate, the rest below them."""
    areas = areas.assign(known=areas["state"].isin(["counted", "partial", "zero"]))
    ranked = pd.concat([areas[~areas["known"]].sort_values("name", ascending=False),
                        areas[areas["known"]].sort_values("rate")])
    other = ranked["other_units"] if "other_units" in ranked else pd.Series(None, index=ranked.index)
    labels = [_label(s, r, o) for s, r, o in zip(ranked["state"], ranked["rate"], other, strict=True)]
    known_max = ranked.loc[ranked["known"], "rate"].max()
    span = max(v for v in (known_max, kraj_rate, target, 1.0) if v is not None and v == v)
    fig = go.Figure()
    known = ranked["known"]
    fig.add_trace(go.Bar(
        x=ranked["rate"].where(known), y=ranked["name"], orientation="h", name="kapacita na 10 000",
        marker={"color": [PARTIAL if s == "partial" else KNOWN for s in ranked["state"]]},
        text=[lab if k else "" for lab, k in zip(labels, known, strict=True)], textposition="outside",
        hovertemplate="%{y}: %{text}<extra></extra>", showlegend=False))
    if (~known).any():
        fig.add_trace(go.Bar(
            x=[span * 1.15 if not k else None for k in known], y=ranked["name"], orientation="h",
            name="údaj není znám", marker={"color": "#f2f2f2", "pattern": HATCH, "line": {"color": UNKNOWN}},
            text=[lab if not k else "" for lab, k in zip(labels, known, strict=True)], textposition="inside",
            insidetextanchor="start", textfont={"color": "#333"},
            hovertemplate="%{y}: %{text}<extra></extra>", showlegend=False))
    if kraj_rate is not None and kraj_rate == kraj_rate:
        words = "průměr kraje nejméně" if kraj_partial else "průměr kraje"
        fig.add_vline(x=kraj_rate, line={"dash": "dash", "color": "#555"},
                      annotation_text=f"{words} {format_number(kraj_rate, 2)}")
    if target is not None and target == target:
        fig.add_vline(x=target, line={"dash": "dot", "color": "#b30000"},
                      annotation_text=f"{target_label} {format_number(target, 2)}", annotation_position="bottom right")
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title=axis_title, gridcolor="#e5e5e5", range=[0, span * 1.3])
    fig.update_yaxes(automargin=True)
    return czech_layout(fig, title, source_line, height=max(380, 26 * len(areas) + 120))


def state_bars(fig: go.Figure, names, rates: pd.Series, states: pd.Series, colour: str, name: str, span: float,
               pattern: str = "") -> go.Figure:
    """One series of bars (grouped with others) where an unknown value is a short pale hatched bar that says
    what is true ("neuvedeno", "v načtených datech žádná služba"), and a partial one says "nejméně X"."""
    known = states.isin(["counted", "partial", "zero"])
    fig.add_bar(name=name, y=names, x=rates.where(known, span * 0.3), orientation="h",
                marker={"color": [colour if k else "#f2f2f2" for k in known],
                        "line": {"color": [colour if k else UNKNOWN for k in known], "width": 1},
                        "pattern": {"shape": [pattern if k else "/" for k in known], "fgcolor": UNKNOWN,
                                    "solidity": 0.25}},
                text=[_label(s, r, None) for s, r in zip(states, rates, strict=True)],
                textposition="outside", cliponaxis=False, hovertemplate=f"{name}: %{{text}}<extra>%{{y}}</extra>")
    return fig
