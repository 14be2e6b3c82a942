"""Optional login for internal deployments, so occupancy figures need not be public.

SOCMAP_AUTH names a users file, one `name:hash` line per user (werkzeug's salted scrypt hash, like an htpasswd
file; `#` starts a comment), written by `socmap user add`. With it every address but the login form, /assets/,
the favicon and /healthz (for a monitor) needs a login: pages get a redirect to the Czech login form, the app's
requests (callbacks, exports) a 401. The login is a signed cookie (HttpOnly, SameSite=Lax) that ends at logout,
at a password change, at the user's removal and 10 hours after the login, whatever happens in between
(dashboard/sessions.py); it signs with SOCMAP_SECRET_KEY, the same for every worker and replica. Failed logins
slow down the client that fails, never lock the account (dashboard/throttle.py). Form fields are bounded
before anything is read or kept. Without SOCMAP_AUTH nothing here runs and the app is public.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import flask
from dash import Dash, html
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard import sessions
from dashboard.inputs import InvalidInput
from dashboard.sessions import SESSION_HOURS, SessionVersions, end_sessions
from dashboard.throttle import Throttle

NAME = re.compile(r"^[\w.@-]{1,64}$")
MIN_PASSWORD = 12
MAX_PASSWORD = 1024  # a longer one is refused before it is hashed
MAX_FORM_BYTES = 8 * 1024  # the login form's whole body: name, password, return address
MAX_NEXT = 2000  # the return address after login
LOGIN, LOGOUT = "/prihlaseni", "/odhlaseni"
PUBLIC = (LOGIN, "/_favicon.ico", "/healthz")

FORM = """<!DOCTYPE html>
<html lang="cs">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Přihlášení – socmap</title>
  <link rel="stylesheet" href="{{ css }}">
</head>
<body>
  <main class="container py-5">
    <div class="row justify-content-center"><div class="col-md-6 col-lg-4">
      <h1 class="h3 mb-3">Přihlášení</h1>
      <p>Síť sociálních služeb Libereckého kraje. Tato instalace je jen pro přihlášené uživatele.</p>
      {% if error %}<div class="alert alert-danger" role="alert" id="login-error">{{ error }}</div>{% endif %}
      <form method="post" action="{{ action }}">
        <input type="hidden" name="dalsi" value="{{ next }}">
        <div class="mb-3">
          <label for="jmeno" class="form-label">Uživatelské jméno</label>
          <input id="jmeno" name="jmeno" class="form-control" autocomplete="username" required autofocus
                 value="{{ name }}"{% if error %} aria-describedby="login-error" aria-invalid="true"{% endif %}>
        </div>
        <div class="mb-3">
          <label for="heslo" class="form-label">Heslo</label>
          <input id="heslo" name="heslo" type="password" class="form-control" autocomplete="current-password"
                 required{% if error %} aria-describedby="login-error" aria-invalid="true"{% endif %}>
        </div>
        <button type="submit" class="btn btn-primary">Přihlásit se</button>
      </form>
    </div></div>
  </main>
</body>
</html>"""


class UsersFileError(ValueError):
    """A bad name, a short password or an unreadable users file: Czech and English."""

    def __init__(self, cs: str, en: str) -> None:
        super().__init__(f"{cs} / {en}")
        self.cs, self.en = cs, en


def read_users(path: Path) -> dict[str, str]:
    """Name -> hash from the users file; a missing file has no users."""
    users = {}
    if not Path(path).exists():
        return users
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, hashed = line.partition(":")
        if not sep or not NAME.match(name) or "$" not in hashed:
            raise UsersFileError(f"{path}, řádek {number}: očekáváno jméno:hash",
                                 f"{path}, line {number}: expected name:hash")
        users[name] = hashed
    return users


def _write_users(path: Path, users: dict[str, str]) -> None:
    """Atomically, readable by the owner only: the hashes are salted, still not for everyone's eyes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# socmap: uživatelé (socmap user add) / users\n" + "".join(f"{n}:{h}\n" for n, h in users.items())
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_user(path: Path, name: str, password: str) -> bool:
    """Add a user, or set a new password for one; True if the user was there already."""
    if not NAME.match(name):
        raise UsersFileError("jméno smí mít 1–64 písmen, číslic a znaků . _ @ -",
                             "a name has 1-64 letters, digits and . _ @ -")
    if len(password) < MIN_PASSWORD:
        raise UsersFileError(f"heslo musí mít aspoň {MIN_PASSWORD} znaků",
                             f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UsersFileError(f"heslo smí mít nejvýš {MAX_PASSWORD} znaků", f"at most {MAX_PASSWORD} characters")
    users = read_users(path)
    existed = name in users
    users[name] = generate_password_hash(password)
    _write_users(path, users)
    if existed:
        end_sessions(path, name)  # a new password ends the old sessions (the hash's fingerprint would, too)
    return existed


def remove_user(path: Path, name: str) -> bool:
    users = read_users(path)
    if users.pop(name, None) is None:
        return False
    _write_users(path, users)
    end_sessions(path, name)  # kept raised: the name added again later starts with no live session
    return True


class Users:
    """The users file, read again when it changes (a user added or removed needs no restart)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._kept: tuple = (None, {})
        self._dummy = generate_password_hash("socmap-no-such-user")

    def all(self) -> dict[str, str]:
        try:
            st = os.stat(self.path)
            identity = (st.st_ino, st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            return {}
        if self._kept[0] != identity:
            self._kept = (identity, read_users(self.path))
        return self._kept[1]

    def __contains__(self, name) -> bool:
        return isinstance(name, str) and name in self.all()

    def verify(self, name: str, password: str) -> str | None:
        """The user's hash if the password is right; the same work whether or not the name exists, so timing
        does not tell which names do."""
        hashed = self.all().get(name)
        ok = check_password_hash(hashed or self._dummy, password) and hashed is not None
        return hashed if ok else None


def safe_next(target: str | None) -> str:
    """Where to go after login: a path of this app only (never another site: no open redirect). Control
    characters (a CR/LF would split the redirect's header) and an absurd length are refused (400)."""
    if not target:
        return "/"
    if len(target) > MAX_NEXT or any(ord(c) < 32 or ord(c) == 127 for c in target):
        raise InvalidInput("dalsi", "návratová adresa obsahuje řídicí znaky nebo je příliš dlouhá",
                           "the return address holds control characters or is too long")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


def require_login(app: Dash, users_file: Path, secret_key: str | None) -> None:
    """Put every address but the login form and the static assets behind a login."""
    if not secret_key:
        raise RuntimeError("SOCMAP_AUTH je nastaven, ale SOCMAP_SECRET_KEY ne (`socmap serve` jej vytvoří) / "
                           "SOCMAP_AUTH is set but SOCMAP_SECRET_KEY is not (`socmap serve` makes one)")
    from dashboard.security import error_response

    server = app.server
    server.secret_key = secret_key
    # The cookie expires 10 hours after the login and is not re-sent (nor renewed) by every response.
    server.config.update(SESSION_COOKIE_NAME="socmap_session", SESSION_COOKIE_HTTPONLY=True,
                         SESSION_COOKIE_SAMESITE="Lax", PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
                         SESSION_REFRESH_EACH_REQUEST=False)
    users = Users(users_file)
    versions = SessionVersions(users_file)
    throttle = Throttle()
    assets = app.config.requests_pathname_prefix + "assets/"
    css = app.get_asset_url("vendor/bootstrap.min.css")

    def form(error: str | None = None, status: int = 200, name: str = "", target: str = "/", retry: int = 0):
        page = flask.render_template_string(FORM, css=css, action=LOGIN, error=error, name=name, next=target)
        response = flask.Response(page, status, mimetype="text/html")
        if retry:
            response.headers["Retry-After"] = str(retry)
        return response

    def current_user() -> str | None:
        return sessions.user_of(flask.session, users.all(), versions, secret_key)

    @server.before_request
    def gate():
        request = flask.request
        if request.path in PUBLIC or request.path.startswith(assets):
            return None
        if current_user() is not None:
            return None
        if flask.session:  # logged out elsewhere, password changed, removed, or too old
            flask.session.clear()
        if request.method in ("GET", "HEAD") and not request.path.startswith("/_dash"):
            return flask.redirect(f"{LOGIN}?{urlencode({'dalsi': request.full_path.rstrip('?')})}", 303)
        return error_response(401)

    @server.after_request
    def private(response: flask.Response) -> flask.Response:
        if not flask.request.path.startswith((assets, "/_dash-component-suites/")):
            response.headers["Cache-Control"] = "no-store"
        return response

    def login():
        request = flask.request
        if request.method == "GET":
            return form(target=safe_next(request.args.get("dalsi")))
        if request.content_length is None or request.content_length > MAX_FORM_BYTES:
            return error_response(413)  # before the form is parsed: nothing of it is read or kept
        target = safe_next(request.form.get("dalsi"))
        name, password = request.form.get("jmeno", "").strip(), request.form.get("heslo", "")
        valid = bool(NAME.match(name)) and 0 < len(password) <= MAX_PASSWORD
        client = (request.remote_addr or "?")[:64]
        wait = throttle.wait(client, name if valid else None)
        if wait:
            return form(f"Příliš mnoho neúspěšných pokusů z tohoto počítače. Zkuste to znovu za {wait} s.", 429,
                        name if valid else "", target, retry=wait)
        hashed = users.verify(name, password) if valid else None
        if hashed is None:
            throttle.failed(client, name if valid else None)
            server.logger.warning("neúspěšné přihlášení / failed login: %r z/from %s", name[:64], client)
            return form("Jméno nebo heslo nesouhlasí.", 401, name if valid else "", target)
        throttle.succeeded(client)
        flask.session.clear()
        sessions.start(flask.session, name, hashed, versions, secret_key)
        return flask.redirect(target, 303)

    def logout():
        name = current_user()
        flask.session.clear()
        if name is not None:
            try:
                versions.end(name)  # every session of the user, in every browser, ends now
            except OSError:
                server.logger.exception("odhlášení nelze zapsat / cannot record the logout of %r", name)
        return flask.redirect(LOGIN, 303)

    server.add_url_rule(LOGIN, "login", login, methods=["GET", "POST"])
    server.add_url_rule(LOGOUT, "logout", logout, methods=["POST"])


def user_menu():
    """The logged-in user's name and a logout button for the navigation bar; None when nobody logs in."""
    user = flask.session.get("user") if flask.has_request_context() else None
    if not user:
        return None
    return html.Form([html.Span(user, className="me-2 small text-body-secondary"),
                      html.Button("Odhlásit", type="submit", className="btn btn-sm btn-outline-secondary")],
                     action=LOGOUT, method="post", className="ms-auto d-flex align-items-center", id="odhlaseni")
