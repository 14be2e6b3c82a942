"""Every chart's numbers also as a table: plain, captioned HTML tables in Czech formats."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from dash import html

from dashboard.i18n.formats import format_cell


def value_table(frame: pd.DataFrame, columns: dict[str, str], caption: str,
                formats: dict[str, Callable] | None = None, table_id: str | None = None,
                numeric: tuple[str, ...] = ()) -> html.Table:
    formats = formats or {}
    head = html.Thead(html.Tr([html.Th(label, scope="col",
                                       className="text-end" if col in numeric else None)
                               for col, label in columns.items()]))
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for col in columns:
            value = record.get(col)
            shown = formats[col](value) if col in formats else ("" if value is None or value != value else value)
            cells.append(html.Td(shown, className="text-end" if col in numeric else None))
        rows.append(html.Tr(cells))
    kwargs = {"id": table_id} if table_id else {}
    return html.Table([html.Caption(caption), head, html.Tbody(rows)],
                      className="table table-sm table-striped align-middle", **kwargs)


def details_table(summary: str, table: html.Table) -> html.Details:
    return html.Details([html.Summary(summary), html.Div(table, className="table-responsive")],
                        className="mt-2")


def chart_table(built, table_id: str, formats: dict[str, Callable] | None = None) -> html.Table:
    """The table of a registered chart's numbers (its Czech headers as they are), numbers aligned right. Without
    `formats`, every numeric column is written by the one decimal policy (an empty cell for what nobody
    counted, beside the state column that says why)."""
    if formats is None:
        formats = {c: (lambda v, c=c: format_cell(c, v)) for c in built.table.columns
                   if pd.api.types.is_numeric_dtype(built.table[c]) and not pd.api.types.is_bool_dtype(built.table[c])}
    formats = {k: v for k, v in formats.items() if k in built.table.columns}
    return value_table(built.table, {c: c for c in built.table.columns}, f"{built.title}: {built.filters}",
                       formats=formats, numeric=tuple(formats), table_id=table_id)
