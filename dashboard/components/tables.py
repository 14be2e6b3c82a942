"""Every chart's numbers also as a table: plain, captioned HTML tables in Czech formats."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from dash import html


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
