"""One allocation round: its funnel chart, the table of its stages with conversions and reasons, its source."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.charts.funnels import stage_columns, with_words
from dashboard.components.export import export_links
from dashboard.components.graphs import graph
from dashboard.components.sources import source_line, source_text
from dashboard.components.tables import value_table
from dashboard.figures.funnels import funnel_figure
from dashboard.i18n import format_date, format_number


def funnel_block(rnd, stages: pd.DataFrame, prefix: str, title: str, heading_level=html.H2) -> html.Section:
    line = source_text(rnd.document, rnd.source_date)
    dated = f" ({format_date(rnd.date)})" if pd.notna(rnd.date) else ""
    figure = funnel_figure(stages, f"{title}{dated}", line, "nezjištěno")
    table = value_table(
        with_words(stages), stage_columns(),
        f"{title}: tabulka hodnot",
        formats={"count": format_number}, numeric=("count", "share"), table_id=f"{prefix}-table")
    return html.Section([
        heading_level(title, id=f"{prefix}-heading"),
        html.P(rnd.note) if isinstance(rnd.note, str) else None,
        graph(prefix, figure, responsive=True),
        export_links("trychtyr", f"{title}{dated}", f"{prefix}-export", kolo=rnd.round_id),
        html.Div(table, className="table-responsive"),
        source_line(rnd.document, rnd.source_date, rnd.link, bool(rnd.is_illustrative)),
    ], className="mb-5", **{"aria-labelledby": f"{prefix}-heading"})
