"""Shared look of every chart: Czech separators, a readable palette and a source line."""

from __future__ import annotations

import plotly.graph_objects as go

# Sequential classes readable in greyscale and for colour-blind readers (ColorBrewer YlGnBu).
SEQUENTIAL = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
INK = "#1b1b1b"
KNOWN = "#1f4e79"
UNKNOWN = "#6b6b6b"
FONT = "DejaVu Sans, Arial, sans-serif"


def czech_layout(fig: go.Figure, title: str, source_line: str, height: int = 420) -> go.Figure:
    """Title, Czech number separators (1 234,5) and the source line under the plot."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18, "color": INK}},
        separators=",\u00a0",
        font={"family": FONT, "color": INK, "size": 13},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 80},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    # Below the x axis's ticks and title (about 50 px), never over them.
    fig.add_annotation(text=source_line, xref="paper", yref="paper", x=0, y=0, yshift=-58,
                       xanchor="left", yanchor="top", showarrow=False, align="left",
                       font={"size": 11, "color": "#444"})
    return fig
