"""create_app(settings) -> Dash. Pages register from dashboard/pages; the database opens lazily."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
import flask
from dash import ClientsideFunction, Dash, Input, Output, State, dcc, html
from werkzeug.middleware.proxy_fix import ProxyFix

from common.settings import Settings
from dashboard import auth, charts, data_state, db, geometry, inputs, jobs, security
from dashboard.components import paged
from dashboard.components.sources import illustrative_banner
from dashboard.exports import render
from dashboard.exports.hsds import write_hsds
from dashboard.exports.printing import chart_for_print, pdf_document
from dashboard.exports.tables import TABLE_FORMATS, chart_table_file

INDEX = """<!DOCTYPE html>
<html lang="cs">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        <a class="visually-hidden-focusable" href="#main">Přeskočit na obsah</a>
        {%app_entry%}
        <div>
            {%config%}
            {%scripts%}
            {%renderer%}
        </div>
    </body>
</html>"""


NAV_TOGGLE, NAV_MENU = "menu-prepinac", "menu"


def navigation() -> html.Nav:
    """The pages in a bar; on a narrow screen (< 992 px) folded behind a "Menu" button."""
    links = [html.Li(dcc.Link(page["name"], href=page["relative_path"], className="nav-link"),
                     className="nav-item")
             for page in dash.page_registry.values()
             if page["path"] != "/404" and not page.get("path_template") and page.get("in_navigation", True)]
    return html.Nav(html.Div([
        dcc.Link("socmap", href="/", className="navbar-brand fw-bold"),
        html.Button([html.Span(className="navbar-toggler-icon", **{"aria-hidden": "true"}),
                     html.Span("Menu", className="ms-2")],
                    id=NAV_TOGGLE, className="navbar-toggler", type="button", n_clicks=0,
                    **{"aria-controls": NAV_MENU, "aria-expanded": "false"}),
        dbc.Collapse([html.Ul(links, className="navbar-nav gap-lg-3 ms-lg-auto"), auth.user_menu()],
                     id=NAV_MENU, is_open=False, navbar=True),
    ], className="container"), className="navbar navbar-expand-lg bg-body-tertiary border-bottom mb-4",
        **{"aria-label": "Hlavní navigace"})


# The menu opens and closes in the browser (a function of assets/navigation.js: no inline script, CSP holds).
dash.clientside_callback(ClientsideFunction("socmap", "toggleMenu"),
                         Output(NAV_MENU, "is_open"), Output(NAV_TOGGLE, "aria-expanded"),
                         Input(NAV_TOGGLE, "n_clicks"), State(NAV_MENU, "is_open"), prevent_initial_call=True)


def footer() -> html.Footer:
    return html.Footer(html.Div([
        dcc.Link("Prohlášení o přístupnosti", href="/prohlaseni-o-pristupnosti", className="me-3"),
        html.Span("Data: registr poskytovatelů sociálních služeb (MPSV), ČSÚ, ČÚZK; zdroj každého údaje je u něj.",
                  className="text-body-secondary"),
    ], className="container small py-3"), className="border-top mt-4")


def create_app(settings: Settings | None = None) -> Dash:
    settings = settings or Settings.from_env()
    db.init(settings.db_path, settings.db_memory, settings.db_threads, settings.query_cache_mb)
    app = Dash(__package__, use_pages=True, title="Síť sociálních služeb Libereckého kraje", update_title=None,
               suppress_callback_exceptions=True, serve_locally=True)
    app.index_string = INDEX
    app.server.config["SOCMAP_A11Y_CONTACT"] = settings.a11y_contact
    app.server.config["SOCMAP_TABLE_ROWS"] = settings.table_rows
    app.layout = shell
    paged.register(app)
    app.server.add_url_rule("/export/hsds.zip", "export_hsds", hsds_zip)
    app.server.add_url_rule("/export/sablona.xlsx", "export_template", template_xlsx)
    app.server.add_url_rule(geometry.ROUTE, "geometry", geometry_file)
    app.server.add_url_rule("/export/graf/<name>.<fmt>", "export_chart", chart_file)
    app.server.add_url_rule("/healthz", "healthz", healthz)
    app.server.add_url_rule("/topojson/<name>.json", "topojson", topojson_file)
    jobs.configure(settings.jobs_dir)
    if settings.proxies:
        app.server.wsgi_app = ProxyFix(app.server.wsgi_app, x_for=settings.proxies, x_proto=settings.proxies)
    if settings.replica:
        replica = settings.replica

        @app.server.after_request
        def name_the_replica(response: flask.Response) -> flask.Response:
            response.headers["X-Socmap-Replica"] = replica
            return response
    if settings.auth_file:
        auth.require_login(app, settings.auth_file, settings.secret_key)
    security.protect(app)
    return app


def healthz():
    """Health check for a proxy or monitor (public even with a login): 200 with the date the data were built
    (the modification time of the file this worker serves: the build swaps in a finished file), 503 if the
    database cannot be read. Nothing else: no process, file, path or error detail (the server's log has them)."""
    try:
        loaded = db.loaded()
    except Exception:  # any failure to read the database means unhealthy
        flask.current_app.logger.exception("healthz: database unreadable")
        return flask.jsonify(status="error"), 503
    return flask.jsonify(status="ok", built_at=loaded["built_at"])


def geometry_file(fingerprint: str, level: str):
    """A level's boundaries at their fingerprinted address: kept by the browser for a year (a new build with
    other boundaries has another address)."""
    if level not in geometry.LEVELS:
        flask.abort(404)
    current, data = geometry.served(level)
    if fingerprint != current:
        flask.abort(404)
    response = flask.Response(data, mimetype="application/geo+json")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def template_xlsx():
    """The planners' workbook template, with drop-down lists from the loaded data (made by the build)."""
    row = db.query("workbook_template").iloc[0]
    return flask.send_file(io.BytesIO(bytes(row["content"])), as_attachment=True, download_name=row["file_name"],
                           mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def topojson_file(name: str):
    """The world topojson plotly.js fetches for a geo map (the need map), served from the vendored copy."""
    if name not in {p.stem for p in render.TOPOJSON.glob("*.json")}:
        flask.abort(404)
    return flask.send_from_directory(render.TOPOJSON, f"{name}.json", mimetype="application/json",
                                     max_age=86400)


def chart_file(name: str, fmt: str):
    """One chart as PNG, SVG or PDF for a document, or its numbers as CSV or XLSX, made from the same builder
    as the screen."""
    if fmt not in render.FORMATS and fmt not in TABLE_FORMATS:
        return _bad_request(f"Neznámý formát {fmt[:10]!r}; png, svg, pdf, csv nebo xlsx / unknown format")
    query = flask.request.args.to_dict()
    paper = query.pop("papir", None)  # PDF only: "a4" sets the chart on an A4 page (landscape if wide)
    if paper not in (None, "a4") or (paper and fmt != "pdf"):
        return _bad_request(f"Parametr papir={str(paper)[:10]!r}: jen papir=a4 u PDF / only papir=a4 for PDF")
    try:
        built = charts.build(name, query)
    except inputs.InvalidInput as err:
        return _bad_request(str(err))
    if fmt in TABLE_FORMATS:
        data = chart_table_file(built, fmt, db.built_on())
        return flask.send_file(io.BytesIO(data), mimetype=TABLE_FORMATS[fmt], as_attachment=True,
                               download_name=f"socmap-{name}.{fmt}")
    figure = chart_for_print(built, db.built_on())
    try:
        data = jobs.queue().run(client(), f"graf {name}.{fmt}", lambda _progress: render.render(figure, fmt))
    except jobs.QueueFull as full:
        return security.busy_response(full)
    except render.ExportUnavailable as err:
        return flask.Response(f"{err}\n", status=503, mimetype="text/plain; charset=utf-8")
    if fmt == "pdf":
        data = pdf_document(data, built.title, a4=paper == "a4")
    return flask.send_file(io.BytesIO(data), mimetype=render.FORMATS[fmt], as_attachment=True,
                           download_name=f"socmap-{name}.{fmt}")


def _bad_request(message: str):
    return flask.Response(message + "\n", status=400, mimetype="text/plain; charset=utf-8")


def client() -> str:
    """Who asks, for the queue's per-client bound: the address (the proxy's X-Forwarded-For with SOCMAP_PROXIES)."""
    return (flask.request.remote_addr or "?")[:64]


def hsds_zip():
    """The directory as an Open Referral HSDS data package, zipped, made from the loaded file (in the queue)."""
    try:
        data = jobs.queue().run(client(), "HSDS", lambda _progress: _hsds_bytes())
    except jobs.QueueFull as full:
        return security.busy_response(full)
    return flask.send_file(io.BytesIO(data), mimetype="application/zip", as_attachment=True,
                           download_name="socmap-hsds.zip")


def _hsds_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "hsds"
        db.with_connection(lambda con: write_hsds(con, folder))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for item in sorted(folder.iterdir()):
                archive.write(item, f"socmap-hsds/{item.name}")
    return buffer.getvalue()


def shell():
    """The frame of every page, evaluated on each page load so the banner follows the loaded data."""
    return html.Div([
        navigation(),
        html.Main([illustrative_banner(data_state.illustrative_inputs()),
                   dash.page_container], id="main", className="container pb-5"),
        footer(),
    ])
