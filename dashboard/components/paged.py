"""Long tables a page at a time (#18). A table of more rows than `long_rows` (SOCMAP_TABLE_ROWS: 300, so a kraj's
215 municipalities stay one table and a country's 6 258 do not) shows PAGE_ROWS rows, with a list of pages and
buttons to turn them; a turn asks the server for that page's rows only.

The rows come from a registered source: a function of the table's parameters that returns the whole table
(`Rows`). It reads named queries, whose answers the worker keeps, so a turn is a lookup and a slice. The
parameters travel with the table as text and are checked by the rule of their meaning when a turn sends them
back, as an export link's are (dashboard/inputs.py)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass

import flask
from dash import MATCH, Input, Output, State, ctx, dcc, html

from common.settings import DEFAULTS
from dashboard import inputs
from dashboard.components.graphs import dropdown
from dashboard.components.tables import Rows
from dashboard.i18n import format_number

PAGE_ROWS = 100
SOURCE, STATE, PAGE, BACK, NEXT, STATUS, BODY = ("tabulka-zdroj", "tabulka-stav", "tabulka-strana",
                                                 "tabulka-zpet", "tabulka-dal", "tabulka-popis", "tabulka-radky")
OPEN, LATER, LATER_QUERY = "tabulka-otevrit", "tabulka-pozdeji", "tabulka-pozdeji-dotaz"


@dataclass(frozen=True)
class Source:
    build: Callable[..., Rows]
    params: dict[str, str]  # parameter -> its meaning, a key of inputs.VALUES


SOURCES: dict[str, Source] = {}


def source(table_id: str, **params: str):
    """Register `build(**values) -> Rows` as the rows of the table `table_id`; params name each value's meaning."""
    def register(build):
        SOURCES[table_id] = Source(build, params)
        return build
    return register


def long_rows() -> int:
    """Tables longer than this are paged: SOCMAP_TABLE_ROWS of the serving app (the default outside one)."""
    if flask.has_app_context():
        return int(flask.current_app.config.get("SOCMAP_TABLE_ROWS", DEFAULTS.table_rows))
    return DEFAULTS.table_rows


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def table(table_id: str, rows: Rows | None = None, **values):
    """The table of a registered source for these values: whole when short, else its first page with the pager.
    A page that has the rows already (drawn beside a chart) passes them; a turn rebuilds them from the values."""
    rows = SOURCES[table_id].build(**values) if rows is None else rows
    if len(rows.frame) <= long_rows():
        return _drawn(rows, table_id)
    pages = math.ceil(len(rows.frame) / PAGE_ROWS)
    key = {"table": table_id}
    label = f"{rows.caption}: stránka tabulky"
    return html.Div([
        html.Div(_drawn(rows, table_id, 0), id={"type": BODY, **key}),
        html.Nav([
            html.Button("Předchozí", id={"type": BACK, **key}, className="btn btn-outline-secondary btn-sm",
                        disabled=True, **{"aria-label": "Předchozí stránka tabulky"}),
            html.Label("Stránka tabulky", htmlFor=_dom_id({"type": PAGE, **key}), className="visually-hidden"),
            dropdown({"type": PAGE, **key}, options=_page_options(len(rows.frame)), value=0, clearable=False,
                     searchable=False, style={"minWidth": "14rem"}),
            html.Button("Další", id={"type": NEXT, **key}, className="btn btn-outline-secondary btn-sm",
                        disabled=pages <= 1, **{"aria-label": "Další stránka tabulky"}),
            html.Span(_status(0, len(rows.frame)), id={"type": STATUS, **key}, className="small",
                      **{"aria-live": "polite"}),
        ], className="d-flex flex-wrap align-items-center gap-2 my-2", **{"aria-label": label}),
        dcc.Store(id={"type": STATE, **key},
                  data={"query": _query(table_id, values), "pages": pages}),
    ], id={"type": SOURCE, **key})


def details(summary: str, table_id: str, **values) -> html.Details:
    """A table behind its summary, drawn when the summary is first opened: a page that never opens it never
    builds or sends its rows (215 rows of a closed table were a fifth of Kapacity's answer)."""
    key = {"table": table_id}
    return html.Details([
        html.Summary(summary, id={"type": OPEN, **key}),
        html.Div(id={"type": LATER, **key}, className="table-responsive"),
        dcc.Store(id={"type": LATER_QUERY, **key}, data=_query(table_id, values)),
    ], className="mt-2")


def _query(table_id: str, values: dict) -> dict:
    return {name: _text(values.get(name)) for name in SOURCES[table_id].params}


def _dom_id(component_id: dict) -> str:
    """The id Dash gives a pattern-matching component in the page (its keys sorted, as JSON without spaces)."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def _drawn(rows: Rows, table_id: str, page: int | None = None) -> html.Table:
    return rows.drawn(table_id) if page is None else rows.drawn(table_id, page * PAGE_ROWS, (page + 1) * PAGE_ROWS)


def _page_options(total: int) -> list[dict]:
    return [{"label": f"řádky {format_number(start + 1)}–{format_number(min(start + PAGE_ROWS, total))}",
             "value": i} for i, start in enumerate(range(0, total, PAGE_ROWS))]


def _status(page: int, total: int) -> str:
    return (f"Řádky {format_number(page * PAGE_ROWS + 1)}–{format_number(min((page + 1) * PAGE_ROWS, total))} "
            f"z {format_number(total)}")


def register(app) -> None:
    """The pager's two callbacks, on `app` (create_app calls this: a module's global callbacks would go to the
    first app made in a process only). The buttons move the list of pages in the browser; the list's value asks
    the server (one request per turn, by keys or clicks)."""
    app.clientside_callback(
        """function (back, next, page, state) {
            const ctx = window.dash_clientside.callback_context;
            const step = ctx.triggered_id && ctx.triggered_id.type === "tabulka-zpet" ? -1 : 1;
            const turned = Math.min(Math.max((page || 0) + step, 0), state.pages - 1);
            return turned === page ? window.dash_clientside.no_update : turned;
        }""",
        Output({"type": PAGE, "table": MATCH}, "value"), Input({"type": BACK, "table": MATCH}, "n_clicks"),
        Input({"type": NEXT, "table": MATCH}, "n_clicks"), State({"type": PAGE, "table": MATCH}, "value"),
        State({"type": STATE, "table": MATCH}, "data"), prevent_initial_call=True)
    app.callback(
        Output({"type": BODY, "table": MATCH}, "children"), Output({"type": STATUS, "table": MATCH}, "children"),
        Output({"type": BACK, "table": MATCH}, "disabled"), Output({"type": NEXT, "table": MATCH}, "disabled"),
        Input({"type": PAGE, "table": MATCH}, "value"), State({"type": STATE, "table": MATCH}, "data"),
        prevent_initial_call=True)(turn)
    app.callback(Output({"type": LATER, "table": MATCH}, "children"), Input({"type": OPEN, "table": MATCH}, "n_clicks"),
                 State({"type": LATER_QUERY, "table": MATCH}, "data"), prevent_initial_call=True)(opened)


def _values(table_id, query) -> tuple[Source, dict]:
    """The source of a table and its values, from the text the browser sends back (checked by their meaning)."""
    registered = SOURCES.get(table_id)
    if registered is None or not isinstance(query, dict) or any(not isinstance(v, str) for v in query.values()):
        raise inputs.InvalidInput("tabulka", "neznámá tabulka nebo její parametry", "unknown table or parameters")
    return registered, inputs.from_text({name: (meaning, None) for name, meaning in registered.params.items()}, query)


def opened(clicks, query):
    """The table behind a summary, once it is opened (and kept when it is closed again)."""
    inputs.check(clicks=clicks)
    trigger = ctx.triggered_id
    table_id = trigger.get("table") if isinstance(trigger, dict) else None
    _registered, values = _values(table_id, query)
    return table(table_id, **values) if clicks else None


def turn(page, state):
    """One page of the table: its source rebuilt from the checked parameters, then sliced."""
    inputs.check(clicks=page)
    if not isinstance(page, int):
        raise inputs.InvalidInput("stránka", "není celé číslo", "not a whole number")
    trigger = ctx.triggered_id
    table_id = trigger.get("table") if isinstance(trigger, dict) else None
    if not isinstance(state, dict):
        raise inputs.InvalidInput("tabulka", "neznámá tabulka nebo její parametry", "unknown table or parameters")
    registered, values = _values(table_id, state.get("query"))
    rows = registered.build(**values)
    pages = max(1, math.ceil(len(rows.frame) / PAGE_ROWS))
    if page >= pages:
        raise inputs.InvalidInput("stránka", "mimo tabulku", "beyond the table")
    return _drawn(rows, table_id, page), _status(page, len(rows.frame)), page == 0, page == pages - 1

