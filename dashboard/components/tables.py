"""Every chart's numbers also as a table: plain, captioned HTML tables in Czech formats."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Rows:
    """A table as value_table draws it: the frame (every row), its columns and Czech headers, caption, formats."""
    frame: pd.DataFrame
    columns: dict[str, str]
    caption: str
    formats: dict[str, Callable] = field(default_factory=dict)
    numeric: tuple[str, ...] = ()

    def drawn(self, table_id: str | None = None, start: int = 0, stop: int | None = None) -> html.Table:
        return value_table(self.frame.iloc[start:stop], self.columns, self.caption, formats=self.formats,
                           numeric=self.numeric, table_id=table_id)


def chart_rows(table: pd.DataFrame, caption: str, formats: dict[str, Callable] | None = None) -> Rows:
    """A chart's numbers (its Czech headers as they are), numbers aligned right. Without `formats`, every numeric
    column is written by the one decimal policy (an empty cell for what nobody counted, beside the state column
    that says why)."""
    if formats is None:
        formats = {c: (lambda v, c=c: format_cell(c, v)) for c in table.columns
                   if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])}
    formats = {k: v for k, v in formats.items() if k in table.columns}
    return Rows(table, {c: c for c in table.columns}, caption, formats, tuple(formats))


def chart_table(built, table_id: str, formats: dict[str, Callable] | None = None) -> html.Table:
    """The table of a registered chart's numbers, see chart_rows."""
    return chart_rows(built.table, f"{built.title}: {built.filters}", formats).drawn(table_id)
