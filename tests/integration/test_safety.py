"""Hostile input: SQL only with bound values and allow-listed identifiers, forged callbacks and broken links
answered with a clean 4xx in Czech, security headers on every response."""

from __future__ import annotations

import ast
import re
import shutil

import duckdb
import pytest

from common.settings import Settings
from dashboard.app import create_app
from dashboard.db import QUERIES
from dashboard.inputs import InvalidInput
from tests.conftest import ROOT

HOSTILE = ["'; DROP TABLE service; --", "5105' OR '1'='1", "\" OR 1=1 --", "$kinds", "%s", "{0}", "\x00", "ž" * 300]
CALLBACK = "/_dash-update-component"
# Kapacity's results callback: its parts (dashboard/pages/capacity.py PARTS), then the page's address
CAPACITY_PARTS = ["kapacity-cast-" + name for name in ("mapa", "mapa-odkazy", "tabulka", "podil", "vzdalenost",
                                                       "bila-mista", "zamery")]
CAPACITY_OUTPUT = ".." + "...".join([f"{part}.children" for part in CAPACITY_PARTS] + ["kapacity-adresa.data"]) + ".."


@pytest.fixture(scope="module")
def app(app_db):
    return create_app(Settings(db_path=app_db))


@pytest.fixture(scope="module")
def client(app):
    client = app.server.test_client()
    assert client.get("/").status_code == 200  # Dash registers the callbacks on its first request
    return client


# SQL -----------------------------------------------------------------------------------------------------------

SQL_CALLS = {"execute", "sql", "query", "executemany"}
# etl.build: a table or view name checked against the schema, quoted; the days of kept_span from Python dates
ALLOWED_IN_SQL = {"quoted_table", "quoted_view", "sql_days"}


def formatted_sql(tree: ast.AST):
    """Calls like con.execute(f"... {x} ...") or ("..." % x) or "...".format(x) whose pieces are not allow-listed."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS
                and node.args):
            continue
        sql = node.args[0]
        if isinstance(sql, ast.JoinedStr):
            pieces = [v.value for v in sql.values if isinstance(v, ast.FormattedValue)]
            if all(isinstance(p, ast.Call) and getattr(p.func, "id", None) in ALLOWED_IN_SQL for p in pieces):
                continue
            yield node.lineno
        elif isinstance(sql, ast.BinOp) or (isinstance(sql, ast.Call) and isinstance(sql.func, ast.Attribute)
                                            and sql.func.attr == "format"):
            yield node.lineno


def test_no_sql_is_built_by_formatting_except_allow_listed_identifiers():
    found = []
    for folder in ("etl", "dashboard", "scripts", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            found += [f"{path.relative_to(ROOT)}:{line}" for line in formatted_sql(ast.parse(path.read_text("utf-8")))]
    assert found == []


def test_the_scan_catches_formatted_sql():
    code = 'con.execute(f"SELECT * FROM {table}")\ncon.execute("SELECT %s" % x)\ncon.sql("{}".format(x))\n' \
           'con.execute(f"SELECT count(*) FROM {quoted_table(con, t)}")\ncon.execute("SELECT ?", [x])\n'
    assert list(formatted_sql(ast.parse(code))) == [1, 2, 3]


def test_the_table_allow_list_refuses_what_is_not_a_table(built_db):
    from etl.build import connect, quoted_table

    con = connect(built_db, read_only=True)
    try:
        assert quoted_table(con, "service") == '"service"'
        for name in ("service; DROP TABLE source", 'service"', "nope"):
            with pytest.raises(ValueError):
                quoted_table(con, name)
    finally:
        con.close()


def test_every_named_query_binds_hostile_values_as_data(built_db, tmp_path):
    """On a writable copy: every $parameter of every named query gets injection strings; nothing but data."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(built_db, copy)
    con = duckdb.connect(str(copy))
    try:
        before = con.execute("SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY 1").fetchall()
        services = con.execute("SELECT count(*) FROM service").fetchone()
        for name, sql in QUERIES.items():
            params = set(re.findall(r"\$(\w+)", sql))
            for value in HOSTILE:
                bound = {p: [value] if p in ("kinds", "p_kinds", "p_obce", "p_units") else value for p in params}
                bound.update({p: fixed for p, fixed in (("p_caps", []), ("workbook", False)) if p in params})
                frame = con.execute(sql, bound or None).df()
                if params and name not in ("capacity_by_area", "capacity_by_area_and_kind", "nearest_by_municipality"):
                    assert frame.empty, (name, value)  # a hostile code matches nothing
        assert con.execute("SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY 1").fetchall() == before
        assert con.execute("SELECT count(*) FROM service").fetchone() == services
    finally:
        con.close()


# Callbacks -----------------------------------------------------------------------------------------------------

def payload(output: str, inputs: list[tuple[str, str, object]], state=(), changed=None) -> dict:
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]} for o in output.strip(".").split("...")]
    return {"output": output, "outputs": outputs[0] if len(outputs) == 1 else outputs,
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
            "changedPropIds": changed if changed is not None else [f"{inputs[0][0]}.{inputs[0][1]}"]}


def capacity(kind="57", unit="luzka", level="orp", target=3.0, km=15, switch=(), plans="") -> dict:
    values = {"druh": kind, "jednotka": unit, "uroven": level, "cil": target, "km": km}
    return payload(CAPACITY_OUTPUT,
                   [(f"kapacity-{n}", "value", v) for n, v in values.items()]
                   + [("kapacity-se-zamery", "value", list(switch)), ("kapacity-zamery", "data", plans)])


def directory(**values) -> dict:
    names = {"kinds": "druh", "forms": "forma", "targets": "cilova", "orps": "orp", "obce": "obec", "text": "q"}
    return payload("..adresar-grid.rowData...adresar-map.figure...adresar-count.children...adresar-query.data"
                   "...adresar-mapa-export-wrap.children..",
                   [(f"adresar-{n}", "value", values.get(k)) for k, n in names.items()])


def test_a_real_payload_is_answered(client):
    assert client.post(CALLBACK, json=capacity()).status_code == 200
    assert client.post(CALLBACK, json=directory(kinds=["63", "skupina:péče"], orps=["5105"], text="noclehar")
                       ).status_code == 200


FORGED = {
    "unknown output": {"output": "nope.children", "outputs": {"id": "nope", "property": "children"}, "inputs": [],
                       "changedPropIds": []},
    "a list for a body": [1, 2, 3],
    "inputs of another callback": {**capacity(), "inputs": directory()["inputs"]},
    "no inputs": {**capacity(), "inputs": None},
    "wrong outputs": {**capacity(), "outputs": {"id": "adresar-grid", "property": "rowData"}},
    "unknown trigger": {**capacity(), "changedPropIds": ["nope.value"]},
    "a clientside callback": payload("adresar-query.id", [("adresar-query", "data", "?q=x")]),
    "SQL for a kind": capacity(kind="'; DROP TABLE service; --"),
    "a list for a kind": capacity(kind=["57"]),
    "a dict for a unit": capacity(unit={"a": 1}),
    "an unknown level": capacity(level="kraj"),
    "a list for a target": capacity(target=["3"]),
    "a huge text for a target": capacity(target="3" * 5000),
    "an absurd distance": capacity(km=1e308),
    "a boolean for a distance": capacity(km=True),
    "a string for a list": directory(orps="5105"),
    "an unknown ORP": directory(orps=["9999"]),
    "too many values": directory(obce=["563889"] * 5000),
    "a long search": directory(text="x" * 100_000),
    "a list for a search": directory(text=["noclehar"]),
    "an unknown form": directory(forms=["xyz"]),
    "an unknown group": directory(kinds=["skupina:'; DROP"]),
    "a forged map click": payload("adresar-nav.href", [("adresar-map", "clickData",
                                                        {"points": [{"customdata": "javascript:alert(1)"}]})]),
    "clicks as text": payload("plan-download.data", [("plan-export", "n_clicks", "1")],
                              state=[("plan-cil", "value", None), ("plan-stav", "value", None)]),
    "an unknown plan status": payload("plan-tabulka.children", [("plan-cil", "value", None),
                                                                ("plan-stav", "value", "'; DROP")]),
    "codes of the other level": payload("srovnani-vysledek.children", [("srovnani-uroven", "value", "obec"),
                                                                       ("srovnani-uzemi", "value", ["5105", "5102"]),
                                                                       ("srovnani-se-zamery", "value", [])]),
    "a scenario in an unknown municipality": capacity(switch=["on"], plans="63:999999:10:luzka"),
    "a scenario that is not one": capacity(switch=["on"], plans="'; DROP TABLE service; --"),
    "a switch with a forged value": capacity(switch=["yes"]),
    "an unknown occupancy level": payload("obsazenost-grafy.children", [("obsazenost-podle", "value", "obec"),
                                                                        ("obsazenost-vyber", "value", "5105"),
                                                                        ("obsazenost-jednotka", "value", "luzka")]),
    "a pathname as a number": payload(".._pages_content.children..._pages_store.data..",
                                      [("_pages_location", "pathname", 5), ("_pages_location", "search", "")]),
}


@pytest.mark.parametrize("body", FORGED.values(), ids=FORGED.keys())
def test_a_forged_callback_gets_a_clean_400_in_czech(client, body):
    response = client.post(CALLBACK, json=body)
    assert response.status_code == 400
    assert response.is_json and set(response.json) == {"chyba", "error"}
    assert "Traceback" not in response.text and "Neplatný požadavek" in response.json["chyba"]


def test_a_huge_or_broken_body_gets_a_clean_4xx(client):
    huge = client.post(CALLBACK, data='{"output": "' + "x" * (10 * 1024 * 1024) + '"}',
                       content_type="application/json")
    assert huge.status_code == 413 and huge.json["chyba"] == "Požadavek je příliš velký"
    broken = client.post(CALLBACK, data="{not json", content_type="application/json")
    assert broken.status_code == 400 and "chyba" in broken.json
    assert client.post(CALLBACK, data="a=b").status_code == 415
    assert client.get(CALLBACK).status_code == 404  # no page there


def test_page_callbacks_check_their_inputs_when_called_directly(app):
    from dashboard.pages import capacity as page_capacity
    from dashboard.pages import compare, directory, occupancy, overview, plan

    calls = [lambda: overview.switch_map_level("kraj"), lambda: page_capacity.kind_changed(None),
             lambda: page_capacity.update("57", "luzka", "orp", -1, 15, [], ""),
             lambda: page_capacity.update("57", "luzka", "orp", 3, 15, ["on"], "63:999999:10:luzka"),
             lambda: page_capacity.update("57", "luzka", "orp", 3, 15, ["yes"], ""),
             lambda: page_capacity.edit_plans(1, None, "63", "577197", "10", "litry", "", []),
             lambda: directory.apply_filters(["63"], ["pob"], None, ["5105' --"], None, ""),
             lambda: directory.open_clicked_service({"points": [{"customdata": {"x": 1}}]}),
             lambda: directory.download(1, None, None, None, None, None, None, "x" * 1000),
             lambda: compare.level_changed(None), lambda: compare.update("orp", "5105", []),
             lambda: compare.update("orp", ["5105", "5102"], "on"),
             lambda: compare.download(1, None, "orp", ["5105", 5102], []),
             lambda: occupancy.change_level("kraj"), lambda: occupancy.show("kind", "63", "liters"),
             lambda: plan.apply("9.9", None), lambda: plan.download(1, None, "hotovo")]
    for call in calls:
        with pytest.raises(InvalidInput):
            call()


# Addresses -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "status"), [
    ("/", 200), ("/adresar", 200), ("/adresar?druh=63&orp=5105&q=noclehar", 200), ("/adresar?skupina=péče", 200),
    ("/adresar?utm_source=mail", 200), ("/sluzba/9900008", 200), ("/sluzba/SB-ZITAVSKA", 200), ("/kapacity/", 200),
    ("/adresar?orp=9999", 400), ("/adresar?druh=63,'%3B%20DROP", 400), ("/adresar?orp=5105&orp=5102", 400),
    ("/adresar?forma=xyz", 400), ("/adresar?q=" + "x" * 300, 400), ("/adresar?cilova=nikdo", 400),
    ("/sluzba/NOPE", 404), ("/sluzba/" + "9" * 200, 400), ("/nic", 404), ("/404", 404),
])
def test_a_page_address_gets_its_status(client, path, status):
    assert client.get(path).status_code == status


def test_a_broken_link_renders_a_czech_invalid_page(app):
    import dash

    layout = dash.page_registry["dashboard.pages.directory"]["layout"]
    text = str(layout(orp="9999"))
    assert "Neplatný odkaz" in text and "ORP" in text and "9999" in text
    assert "Neplatný odkaz" in str(layout(orp=["5105", "5102"]))
    assert "Neplatný odkaz" not in str(layout(orp="5105"))
    service = dash.page_registry["dashboard.pages.service"]["layout"]
    assert "Služba nenalezena" in str(service(service_id="NOPE"))


# Headers -------------------------------------------------------------------------------------------------------

def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/adresar", "/_dash-layout", "/_dash-dependencies", "/assets/socmap.css", "/export/sablona.xlsx",
                 "/nic"):
        headers = client.get(path).headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        csp = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "'unsafe-eval'" not in csp and "script-src 'self' 'sha256-" in csp


def test_the_csp_allows_exactly_the_inline_scripts_of_the_page(client):
    import base64
    import hashlib

    response = client.get("/adresar")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", response.text, re.S)
    executed = [body for attrs, body in scripts if "application/json" not in attrs]
    assert len(executed) >= 2  # Dash's renderer and the clientside callbacks
    allowed = set(re.findall(r"'(sha256-[^']+)'", response.headers["Content-Security-Policy"]))
    for body in executed:
        assert "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() in allowed


# No 500 from input (#17) ---------------------------------------------------------------------------------------

def test_a_deeply_nested_body_gets_a_czech_400_not_a_500(client):
    for depth in (100_000, 40):
        body = '{"output": "x", "inputs": ' + "[" * depth + "]" * depth + "}"
        response = client.post(CALLBACK, data=body, content_type="application/json")
        assert response.status_code == 400, depth
        assert "vnořený" in response.json["chyba"] and "nests" in response.json["error"]


@pytest.mark.parametrize("path", ["/_dash-component-suites/nope/x.js", "/_dash-component-suites/dash/nope.js",
                                  "/_dash-component-suites/dash/dcc/../../../etc/passwd",
                                  "/_dash-component-suites/dash/deps/react@18.v4_4_1m1.js",
                                  "/_dash-component-suites/dash_ag_grid/%00.js"])
def test_an_unknown_component_file_is_a_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and "Nenalezeno" in response.text


def test_a_repeated_export_parameter_is_refused_by_name(client):
    response = client.get("/export/graf/kapacity-poradi.svg?druh=57&druh=63&jednotka=luzka")
    assert response.status_code == 400
    assert "parametr „druh“ je v adrese vícekrát" in response.text and "parameter 'druh' is repeated" in response.text


ANYTHING = [
    ("GET", "/%00", None), ("GET", "/export/graf/nic.png", None), ("GET", "/export/graf/populace.exe", None),
    ("GET", "/export/graf/populace.png?uroven=" + "x" * 5000, None), ("GET", "/_dash-layout?x=%ff%fe", None),
    ("GET", "/sluzba/%ff%fe", None), ("GET", "/adresar?q=%00%0d%0a", None), ("GET", "/prihlaseni", None),
    ("POST", CALLBACK, b"\xff\xfe{not utf-8"), ("POST", CALLBACK, b"1e999"), ("POST", CALLBACK, b'"text"'),
    ("POST", CALLBACK, b"null"), ("POST", CALLBACK, b'{"output": {"a": 1}}'),
    ("POST", CALLBACK, b'{"output": "kapacity-vysledek.children", "inputs": [{"id": {"x": 1}}]}'),
    ("POST", CALLBACK, b'{"output": "kapacity-vysledek.children", "changedPropIds": [' + b'"x",' * 10 + b'"y"]}'),
    ("POST", "/export/hsds.zip", b"a=b"), ("PUT", "/", b"x"), ("DELETE", CALLBACK, None),
]


@pytest.mark.parametrize(("method", "path", "body"), ANYTHING, ids=[f"{m} {p[:40]}" for m, p, _ in ANYTHING])
def test_whatever_a_client_sends_gets_an_answer_below_500(client, method, path, body):
    response = client.open(path, method=method, data=body, content_type="application/json" if body else None)
    assert response.status_code < 500, (method, path, response.status_code)
    assert "Traceback" not in response.get_data(as_text=True)
