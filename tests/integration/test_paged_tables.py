"""A kraj official with the whole country loaded reads a table of 6 258 municipalities a hundred rows at a time:
the page sends the first hundred and a list of pages, each turn asks the server for one page. Here the shipped
kraj (215 municipalities) stands in, with tables paged from 100 rows (SOCMAP_TABLE_ROWS)."""

from __future__ import annotations

import json

import pytest

from common.settings import Settings
from dashboard.app import create_app
from dashboard.components import paged

CALLBACK = "/_dash-update-component"
TABLE = "kapacity-nejblizsi"


@pytest.fixture(scope="module")
def app(app_db):
    return create_app(Settings(db_path=app_db, table_rows=100))


@pytest.fixture(scope="module")
def client(app):
    client = app.server.test_client()
    assert client.get("/").status_code == 200  # Dash registers the callbacks on its first request
    return client


def rows_of(component) -> list:
    """The body rows of the first html table in a component (or its JSON)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Tr" and node.get("namespace") == "dash_html_components":
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(json.loads(json.dumps(component, default=lambda c: c.to_plotly_json())))
    return found[1:]  # the first row is the header


def first_page(app, kind="57"):
    with app.server.test_request_context("/kapacity"):
        return paged.table(TABLE, kind=kind)


def turn(client, app, page, query=None, table=TABLE):
    key = next(k for k in app.callback_map if paged.BODY in k)
    ids = {name: {"type": name, "table": table} for name in (paged.BODY, paged.STATUS, paged.BACK, paged.NEXT)}
    body = {"output": key,
            "outputs": [{"id": ids[name], "property": prop} for name, prop in (
                (paged.BODY, "children"), (paged.STATUS, "children"), (paged.BACK, "disabled"),
                (paged.NEXT, "disabled"))],
            "inputs": [{"id": {"type": paged.PAGE, "table": table}, "property": "value", "value": page}],
            "state": [{"id": {"type": paged.STATE, "table": table}, "property": "data",
                       "value": {"query": query if query is not None else {"kind": "57"}, "pages": 3}}],
            "changedPropIds": [json.dumps({"table": table, "type": paged.PAGE}, separators=(",", ":")) + ".value"]}
    return client.post(CALLBACK, json=body)


def test_the_first_page_shows_a_hundred_of_215_municipalities_and_a_list_of_three_pages(app):
    shown = first_page(app)
    assert len(rows_of(shown)) == 100
    text = json.dumps(shown.to_plotly_json(), default=lambda c: c.to_plotly_json(), ensure_ascii=False)
    assert "Řádky 1–100 z 215" in text
    assert "řádky 201–215" in text  # the last of the three pages in the list


def test_turning_to_the_last_page_sends_its_15_rows_only(client, app):
    response = turn(client, app, 2)
    assert response.status_code == 200
    answer = response.json["response"]
    body = answer[json.dumps({"table": TABLE, "type": paged.BODY}, separators=(",", ":"))]["children"]
    assert len(rows_of(body)) == 15
    status = answer[json.dumps({"table": TABLE, "type": paged.STATUS}, separators=(",", ":"))]["children"]
    assert status == "Řádky 201–215 z 215"
    assert answer[json.dumps({"table": TABLE, "type": paged.NEXT}, separators=(",", ":"))]["disabled"] is True
    assert answer[json.dumps({"table": TABLE, "type": paged.BACK}, separators=(",", ":"))]["disabled"] is False
    assert len(response.data) < 40_000  # one page, not the table


def test_the_pages_are_the_whole_table_in_order(client, app):
    whole = paged.SOURCES[TABLE].build(kind="57").frame["name"].tolist()
    seen = []
    for page in range(3):
        answer = turn(client, app, page).json["response"]
        body = answer[json.dumps({"table": TABLE, "type": paged.BODY}, separators=(",", ":"))]["children"]
        seen += [row["props"]["children"][0]["props"]["children"] for row in rows_of(body)]
    assert seen == whole


def test_a_short_table_stays_whole(app):
    with app.server.test_request_context("/"):
        shown = paged.table("overview-map-table", level="orp")
    assert len(rows_of(shown)) == 10 and "Řádky" not in json.dumps(shown.to_plotly_json(), default=str)


@pytest.mark.parametrize("page, query, table", [
    (7, None, TABLE),                              # beyond the table
    (-1, None, TABLE),                             # before it
    ("1", None, TABLE),                            # not a number
    (1, {"kind": "'; DROP TABLE service; --"}, TABLE),
    (1, {"kind": "57", "extra": "x"}, TABLE),      # a parameter the table does not have
    (1, {}, TABLE),                                # a missing one
    (1, {"kind": ["57"]}, TABLE),                  # not text
    (1, None, "no-such-table"),
])
def test_a_forged_turn_gets_a_clean_400(client, app, page, query, table):
    response = turn(client, app, page, query, table)
    assert response.status_code == 400
    assert "Traceback" not in response.text


def open_summary(client, app, clicks, query, table=TABLE):
    key = next(k for k in app.callback_map if paged.LATER in k)
    body = {"output": key, "outputs": {"id": {"type": paged.LATER, "table": table}, "property": "children"},
            "inputs": [{"id": {"type": paged.OPEN, "table": table}, "property": "n_clicks", "value": clicks}],
            "state": [{"id": {"type": paged.LATER_QUERY, "table": table}, "property": "data", "value": query}],
            "changedPropIds": [json.dumps({"table": table, "type": paged.OPEN}, separators=(",", ":")) + ".n_clicks"]}
    return client.post(CALLBACK, json=body)


def test_a_table_behind_its_summary_is_sent_only_when_opened(client, app):
    with app.server.test_request_context("/kapacity"):
        closed = paged.details("Nejbližší služba pro každou obec", TABLE, kind="57")
    assert rows_of(closed) == []  # the page carries the summary and the table's parameters, no rows
    response = open_summary(client, app, 1, {"kind": "57"})
    assert response.status_code == 200
    answer = response.json["response"][json.dumps({"table": TABLE, "type": paged.LATER}, separators=(",", ":"))]
    assert len(rows_of(answer["children"])) == 100  # opened: the first page of 215 (paged from 100 here)


@pytest.mark.parametrize("clicks, query", [("1", {"kind": "57"}), (1, {"kind": "'; DROP"}), (1, None),
                                           (1, {"kind": "57", "km": "5"})])
def test_a_forged_opening_gets_a_clean_400(client, app, clicks, query):
    response = open_summary(client, app, clicks, query)
    assert response.status_code == 400 and "Traceback" not in response.text
