"""Allocation funnels: counted stages as bars, uncounted stages drawn as unknown — never as zero."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from common.vocabulary import PLURALS
from dashboard.figures.common import KNOWN, UNKNOWN, czech_layout
from dashboard.i18n import format_number, plural


def unknown_range(stages: pd.DataFrame, position: int) -> tuple[float, float] | None:
    """Bounds of an uncounted stage from the counted stages around it in the same unit."""
    unit = stages.iloc[position]["unit"]
    same = stages[(stages["unit"] == unit) & stages["count"].notna()]
    before = same[same["stage_order"] < stages.iloc[position]["stage_order"]]["count"]
    after = same[same["stage_order"] > stages.iloc[position]["stage_order"]]["count"]
    if before.empty or after.empty:
        return None
    return float(after.iloc[0]), float(before.iloc[-1])


SUPPLY = "#8c510a"


def counted(n, unit_word: str) -> str:
    """'11 bytů': the workbook's unit word (byty, žádosti, klienti) in the Czech plural form of the number."""
    for code, forms in PLURALS.items():
        if unit_word in forms:
            return plural(int(n), code)
    return f"{format_number(n)} {unit_word}"


def funnel_figure(stages: pd.DataFrame, title: str, source_line: str, unknown_text: str) -> go.Figure:
    """stages: stage_order, stage, count (NaN = not counted), unit, is_supply. What the round offers (a stage
    in another unit, e.g. 11 flats to let) is drawn apart, below the applications, in its own colour — never
    as if that many had been allocated."""
    stages = stages.sort_values("stage_order").reset_index(drop=True)
    supply = stages["is_supply"].fillna(False).astype(bool) if "is_supply" in stages else \
        pd.Series(False, index=stages.index)
    offered = stages[supply]
    stages = stages[~supply].reset_index(drop=True)
    labels = list(stages["stage"])
    known = stages["count"].notna()
    fig = go.Figure()
    fig.add_bar(
        y=[lab for lab, k in zip(labels, known, strict=True) if k],
        x=stages.loc[known, "count"].astype(float),
        orientation="h", marker={"color": KNOWN},
        text=[format_number(v) for v in stages.loc[known, "count"]], textposition="outside",
        textfont={"size": 15}, name="spočítáno", hovertemplate="%{y}: %{text}<extra></extra>",
    )
    for i in stages.index[~known]:
        bounds = unknown_range(stages, i)
        low, high = bounds if bounds else (0.0, 0.0)
        text = (f"{unknown_text} (mezi {format_number(low)} a {format_number(high)})" if bounds
                else unknown_text)
        fig.add_bar(
            y=[labels[i]], x=[high - low], base=[low], orientation="h",
            marker={"color": "white", "line": {"color": UNKNOWN, "width": 1.5},
                    "pattern": {"shape": "/", "fgcolor": UNKNOWN, "size": 8}},
            text=[text], textposition="outside", textfont={"color": UNKNOWN, "size": 13},
            name=unknown_text, showlegend=False, hovertemplate=f"%{{y}}: {text}<extra></extra>",
        )
    offer_labels = [f"Nabídka kola: {s.stage}" for s in offered.itertuples()]
    if len(offered):
        fig.add_bar(
            y=offer_labels, x=offered["count"].astype(float), orientation="h",
            marker={"color": "white", "line": {"color": SUPPLY, "width": 2}},
            text=[f"{counted(c, u)} (nabídka, ne přidělení)" if c == c else unknown_text
                  for c, u in zip(offered["count"], offered["unit"], strict=True)],
            textposition="outside", textfont={"color": SUPPLY, "size": 14}, name="nabídka kola",
            hovertemplate="%{y}: %{text}<extra></extra>")
    top = float(max(stages["count"].max() if known.any() else 1.0, offered["count"].max() if len(offered) else 0))
    fig.update_layout(barmode="overlay", showlegend=False, bargap=0.35)
    fig.update_traces(cliponaxis=False)
    fig.update_yaxes(categoryorder="array", categoryarray=(offer_labels + labels[::-1] if len(offered) else
                                                           labels[::-1]), automargin=True)
    # Room on the right for the "nezjištěno (mezi 25 a 53)" labels; no scale at all when nothing was counted.
    fig.update_xaxes(range=[0, top * (1.45 if known.all() else 2.1)], tickformat=",d", showgrid=True,
                     gridcolor="#e5e5e5", zeroline=True, zerolinecolor="#999", visible=bool(known.any()))
    return czech_layout(fig, title, source_line, height=120 + 60 * (len(stages) + len(offered)))
