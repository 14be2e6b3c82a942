"""The app's edge: security headers on every response, callback payloads bounded and checked before Dash sees
them, a clean 4xx (Czech and English, never a traceback) for what a browser should never send — a body nested
too deep, an unknown path under /_dash-component-suites/, a repeated parameter of an export — a Czech
"neplatný odkaz" page for a broken link, a 404 status for addresses no page serves, a 429 with Retry-After
when the export queue is full, and nothing in the page's config about the server's Python."""

from __future__ import annotations

import functools
import json
import re

import dash
import flask
from dash import Dash, dcc, html
from dash.exceptions import DependencyException
from werkzeug.exceptions import HTTPException

from dashboard import inputs
from dashboard.inputs import InvalidInput

MAX_REQUEST_BYTES = 1024 * 1024  # a callback's payload is a few kB; a 10 MB string gets 413
MAX_JSON_DEPTH = 32  # a figure's state nests ~8 levels; thousands would exhaust the parser's recursion
CALLBACK_PATH = "_dash-update-component"

# Dash 4's index runs its renderer and the clientside callbacks as inline scripts: they are allowed by their
# hashes (Dash.csp_hashes), nothing else inline. Styles stay 'unsafe-inline' (React style attributes, plotly's
# injected rules); maps draw in a web worker started from a blob: URL; images of plots export as data: URLs.
CSP = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
       "child-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
ERRORS = {
    400: ("Neplatný požadavek", "Bad request"),
    401: ("Nejste přihlášeni", "Login required"),
    404: ("Nenalezeno", "Not found"),
    405: ("Nepovolená metoda", "Method not allowed"),
    413: ("Požadavek je příliš velký", "Request too large"),
    415: ("Nepodporovaný typ obsahu", "Unsupported media type"),
    429: ("Příliš mnoho pokusů", "Too many attempts"),
}
HIDDEN_CONFIG = ("python_version",)  # Dash puts sys.version into every page's _dash-config


def protect(app: Dash) -> None:
    """Install the checks, handlers and headers on the app (call once, after the pages registered)."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    prefix = app.config.routes_pathname_prefix
    callback_path = prefix + CALLBACK_PATH
    index_endpoints = {prefix, prefix + "<path:path>"}

    @server.before_request
    def check_callback_payload():
        if flask.request.path == callback_path and flask.request.method == "POST":
            try:
                body = flask.request.get_json()  # parsed once: Dash reads the cached value
            except RecursionError:
                raise InvalidInput("payload", "JSON je vnořený příliš hluboko", "the JSON nests too deep") from None
            if nesting(body) > MAX_JSON_DEPTH:
                raise InvalidInput("payload", f"JSON je vnořený hlouběji než {MAX_JSON_DEPTH} úrovní",
                                   f"the JSON nests deeper than {MAX_JSON_DEPTH} levels")
            inputs.check_callback(app.callback_map, body)

    @server.before_request
    def single_export_parameters():
        """An export's address takes each parameter once: `?druh=57&druh=63` is refused, not read as the first."""
        if flask.request.path.startswith("/export/"):
            for name, values in flask.request.args.lists():
                if len(values) > 1:
                    shown = inputs.shown(name)
                    raise InvalidInput(shown, f"parametr „{shown}“ je v adrese vícekrát",
                                       f"parameter {shown!r} is repeated")

    @server.errorhandler(DependencyException)
    def unknown_component_file(_exc):
        server.logger.info("neznámý soubor komponent / unknown component file %s", flask.request.path[:200])
        return error_response(404)

    config = app._config

    def config_without_versions():
        return {k: v for k, v in config().items() if k not in HIDDEN_CONFIG}

    app._config = config_without_versions

    @server.after_request
    def headers(response: flask.Response) -> flask.Response:
        if flask.request.endpoint in index_endpoints and response.status_code == 200:
            response.status_code = page_status(app, flask.request.path, flask.request.args)
        response.headers["Content-Security-Policy"] = CSP.format(hashes=" ".join(app.csp_hashes()))
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @server.errorhandler(InvalidInput)
    def invalid(exc: InvalidInput):
        server.logger.warning("neplatný vstup / invalid input %s %s: %s", flask.request.method,
                              flask.request.path, exc.en)
        return error_response(400, f"{exc.field}: {exc.cs}", f"{exc.field}: {exc.en}")

    @server.errorhandler(HTTPException)
    def client_error(exc: HTTPException):
        if exc.code is None or not 400 <= exc.code < 500:
            return exc
        return error_response(exc.code)

    for page in dash.page_registry.values():
        if callable(page.get("layout")):
            page["layout"] = guard(page["layout"])


def nesting(value) -> int:
    """How deep a parsed JSON value nests (without recursion: the value may be hostile)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_JSON_DEPTH:
            return depth
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def busy_response(full) -> flask.Response:
    """429 for a full export queue (dashboard/jobs.py): Czech first, English beside it, and when to try again."""
    if "/_dash" in flask.request.path:
        response = flask.Response(json.dumps({"chyba": full.cs, "error": full.en}, ensure_ascii=False), 429,
                                  mimetype="application/json")
    else:
        response = flask.Response(f"{full.cs}\n{full.en}\n", 429, mimetype="text/plain; charset=utf-8")
    response.headers["Retry-After"] = str(full.retry_after)
    return response


def error_response(status: int, cs: str | None = None, en: str | None = None) -> flask.Response:
    """JSON for the app's requests (callbacks), plain text otherwise; Czech first, English beside it."""
    title_cs, title_en = ERRORS.get(status, ("Chyba", "Error"))
    cs, en = (f"{title_cs}: {cs}", f"{title_en}: {en}") if cs else (title_cs, title_en)
    if "/_dash" in flask.request.path:
        return flask.Response(json.dumps({"chyba": cs, "error": en}, ensure_ascii=False), status,
                              mimetype="application/json")
    return flask.Response(f"{cs}\n{en}\n", status, mimetype="text/plain")


def guard(layout):
    """A page's layout that first checks the address's parameters and answers a broken link in Czech."""
    if getattr(layout, "guarded", False):
        return layout

    @functools.wraps(layout)
    def guarded(**params):
        try:
            inputs.check_url(params)
            return layout(**params)
        except InvalidInput as exc:
            return invalid_link(exc)

    guarded.guarded = True
    return guarded


def invalid_link(exc: InvalidInput) -> html.Div:
    return html.Div([html.H1("Neplatný odkaz"), html.P(f"{exc.field}: {exc.cs}.", id="invalid-link-reason"),
                     html.P("Odkaz je poškozený nebo vede na údaje, které v načtených datech nejsou. Začněte znovu z "
                            "adresáře nebo z přehledu."), dcc.Link("Adresář", href="/adresar"), " · ",
                     dcc.Link("Přehled", href="/")], id="invalid-link")


def _template(path_template: str) -> re.Pattern:
    """'sluzba/<service_id>' -> a pattern with a named group per variable."""
    return re.compile("^" + re.sub(r"<(\w+)>", r"(?P<\1>[^/]+)", re.escape(path_template)) + "$")


def page_status(app: Dash, path: str, args) -> int:
    """The HTTP status of a page's address: 404 for no page or an unknown service, 400 for a broken filter."""
    path = app.strip_relative_path(path) or ""
    params = {k: v[0] if len(v) == 1 else v for k, v in args.lists()}
    for page in dash.page_registry.values():
        if page.get("path_template"):
            match = _template(page["path_template"].strip("/")).match(path)
            if match is None:
                continue
            params.update(match.groupdict())
        elif page["path"].strip("/") != path or page["path"] == "/404":
            continue
        try:
            inputs.check_url(params)
        except InvalidInput:
            return 400
        if "service_id" in params and params["service_id"] not in inputs.allowed("service"):
            return 404
        return 200
    return 404
