"""create_app(settings) -> Dash. Pages register from dashboard/pages; the database opens lazily."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import dash
import flask
from dash import Dash, dcc, html
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import auth, charts, db, jobs, security
from dashboard.components.sources import illustrative_banner
from dashboard.config import Settings
from dashboard.exports import render
from dashboard.exports.hsds import write_hsds
from dashboard.exports.printing import chart_for_print
from dashboard.i18n import t
from etl.template import lists_from_db, template_bytes

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
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def navigation() -> html.Nav:
    links = [html.Li(dcc.Link(page["name"], href=page["relative_path"], className="nav-link"),
                     className="nav-item")
             for page in dash.page_registry.values() if page["path"] != "/404" and not page.get("path_template")]
    return html.Nav(html.Div([
        dcc.Link(t("app.brand"), href="/", className="navbar-brand fw-bold"),
        html.Ul(links, className="navbar-nav flex-row gap-3"),
        auth.user_menu(),
    ], className="container"), className="navbar navbar-expand bg-body-tertiary border-bottom mb-4",
        **{"aria-label": t("nav.label")})


def create_app(settings: Settings | None = None) -> Dash:
    settings = settings or Settings.from_env()
    db.init(settings.db_path)
    app = Dash(__package__, use_pages=True, title=t("app.title"), update_title=None,
               suppress_callback_exceptions=True, serve_locally=True)
    app.index_string = INDEX
    app.layout = shell
    app.server.add_url_rule("/export/hsds.zip", "export_hsds", hsds_zip)
    app.server.add_url_rule("/export/sablona.xlsx", "export_template", template_xlsx)
    app.server.add_url_rule("/export/graf/<name>.<fmt>", "export_chart", chart_file)
    app.server.add_url_rule("/healthz", "healthz", healthz)
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


def template_xlsx():
    """The planners' workbook template, with drop-down lists from the loaded data."""
    data = template_bytes(*db.with_connection(lists_from_db))
    return flask.send_file(io.BytesIO(data), as_attachment=True, download_name="socmap-sablona.xlsx",
                           mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def chart_file(name: str, fmt: str):
    """One chart as PNG, SVG or PDF for a document, made from the same builder as the screen."""
    if fmt not in render.FORMATS:
        return _bad_request(f"Neznámý formát {fmt[:10]!r}; png, svg nebo pdf / unknown format")
    try:
        built = charts.build(name, flask.request.args.to_dict())
    except charts.InvalidChartRequest as err:
        return _bad_request(str(err))
    figure = chart_for_print(built, db.built_on())
    try:
        data = jobs.queue().run(client(), f"graf {name}.{fmt}", lambda _progress: render.render(figure, fmt))
    except jobs.QueueFull as full:
        return security.busy_response(full)
    except render.ExportUnavailable as err:
        return flask.Response(f"{err}\n", status=503, mimetype="text/plain; charset=utf-8")
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
    status = db.query("registry_status").iloc[0]
    return html.Div([
        navigation(),
        html.Main([illustrative_banner(int(status.illustrative_services), int(status.registry_services)),
                   dash.page_container], id="main", className="container pb-5"),
    ])
