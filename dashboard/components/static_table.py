"""A chart's numbers as one static HTML table: a single component however many rows it has.

Dash renders every html.Td as a component of its own; a table of 215 municipalities × 10 columns is
thousands of them and takes the renderer seconds. The same table as one markup string (escaped) is drawn
at once and reads the same: a caption, column headers with scope, Czech numbers.
"""

from __future__ import annotations

import html as markup
import math
import numbers

import pandas as pd
from dash import dcc

from dashboard.i18n import format_number


def _cell(value) -> tuple[str, bool]:
    """(text, is_number) of a cell; a value nobody counted is empty, never 0."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "", False
    if isinstance(value, bool):
        return ("ano" if value else "ne"), False
    if isinstance(value, numbers.Integral):
        return format_number(int(value)), True
    if isinstance(value, numbers.Real):
        return format_number(float(value), 0 if float(value).is_integer() else 2), True
    return str(value), False


def static_table(frame: pd.DataFrame, caption: str, table_id: str) -> dcc.Markdown:
    head = "".join(f'<th scope="col">{markup.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = [_cell(v) for v in record]
        rows.append("<tr>" + "".join(f'<td class="text-end">{markup.escape(t)}</td>' if n else
                                     f"<td>{markup.escape(t)}</td>" for t, n in cells) + "</tr>")
    table = (f'<table class="table table-sm table-striped align-middle" id="{markup.escape(table_id)}">'
             f"<caption>{markup.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table>")
    return dcc.Markdown(table, dangerously_allow_html=True, className="table-responsive")
