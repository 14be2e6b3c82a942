"""Shared look of every chart: Czech separators, a readable palette and a source line."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

# Sequential classes readable in greyscale and for colour-blind readers (ColorBrewer YlGnBu).
SEQUENTIAL = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
INK = "#1b1b1b"
KNOWN = "#1f4e79"
UNKNOWN = "#6b6b6b"
FONT = "DejaVu Sans, Arial, sans-serif"


# Plotly never wraps text: a long title or source line runs off a narrow chart. They are wrapped to what
# fits the narrowest chart box (640 px, assets/socmap.css), and the margins grow with them.
TITLE_CHARS, SOURCE_CHARS = 64, 100


def wrapped(text: str, width: int) -> tuple[str, int]:
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    return "<br>".join(lines), len(lines)


def czech_layout(fig: go.Figure, title: str, source_line: str, height: int = 420) -> go.Figure:
    """Title, Czech number separators (1 234,5) and the source line under the plot."""
    title_text, title_lines = wrapped(title, TITLE_CHARS)
    source_text, source_lines = wrapped(source_line, SOURCE_CHARS)
    fig.update_layout(
        title={"text": title_text, "x": 0, "xanchor": "left", "font": {"size": 18, "color": INK}},
        separators=",\u00a0",
        font={"family": FONT, "color": INK, "size": 13},
        height=height + 22 * (title_lines - 1) + 14 * (source_lines - 1),
        margin={"l": 10, "r": 10, "t": 50 + 22 * (title_lines - 1), "b": 80 + 14 * (source_lines - 1)},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    # Below the x axis's ticks and title (about 50 px), never over them.
    fig.add_annotation(text=source_text, xref="paper", yref="paper", x=0, y=0, yshift=-58,
                       xanchor="left", yanchor="top", showarrow=False, align="left",
                       font={"size": 11, "color": "#444"})
    return fig
