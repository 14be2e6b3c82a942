"""Optional login: with SOCMAP_AUTH every address but the login form and the assets needs a login; the CLI
adds users with hashed passwords; without it the app stays public."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from common.settings import Settings
from dashboard.app import create_app
from dashboard.auth import add_user, read_users, remove_user, safe_next
from etl.cli import app as cli

PASSWORD = "správné-heslo-2026"


@pytest.fixture(scope="module")
def users_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("auth") / "users"
    add_user(path, "planovac", PASSWORD)
    return path


@pytest.fixture(scope="module")
def app(app_db, users_file):
    return create_app(Settings(db_path=app_db, auth_file=users_file, secret_key="test-" * 8))


def login(client, name="planovac", password=PASSWORD, target="/"):
    return client.post("/prihlaseni", data={"jmeno": name, "heslo": password, "dalsi": target})


def test_without_login_pages_redirect_and_the_app_s_requests_get_401(app):
    client = app.server.test_client()
    page = client.get("/obsazenost?x=1")
    assert page.status_code == 303 and page.headers["Location"] == "/prihlaseni?dalsi=%2Fobsazenost%3Fx%3D1"
    for path in ("/export/hsds.zip", "/export/sablona.xlsx"):
        assert client.get(path).status_code == 303
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert client.get(path).status_code == 401
    callback = client.post("/_dash-update-component", json={"output": "obsazenost-grafy.children"})
    assert callback.status_code == 401 and callback.json["chyba"] == "Nejste přihlášeni"
    assert client.get("/assets/vendor/bootstrap.min.css").status_code == 200


def test_the_login_form_is_czech_and_labelled(app):
    form = app.server.test_client().get("/prihlaseni?dalsi=/adresar").text
    assert '<html lang="cs">' in form
    assert '<label for="jmeno"' in form and 'id="jmeno"' in form and 'autocomplete="username"' in form
    assert '<label for="heslo"' in form and 'type="password"' in form and 'autocomplete="current-password"' in form
    assert 'value="/adresar"' in form and "Přihlásit se" in form


def test_a_user_logs_in_sees_the_data_and_logs_out(app):
    client = app.server.test_client()
    wrong = login(client, password="špatné-heslo-0000")
    assert wrong.status_code == 401 and "Jméno nebo heslo nesouhlasí." in wrong.text
    assert 'aria-invalid="true"' in wrong.text
    assert login(client, name="nikdo").status_code == 401
    ok = login(client, target="/obsazenost")
    assert ok.status_code == 303 and ok.headers["Location"] == "/obsazenost"
    cookie = ok.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/obsazenost").status_code == 200
    assert client.get("/export/sablona.xlsx").status_code == 200
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200 and "Odhlásit" in json.dumps(layout.json, ensure_ascii=False)
    assert "planovac" in layout.text
    assert layout.headers["Cache-Control"] == "no-store"
    assert client.post("/odhlaseni").headers["Location"] == "/prihlaseni"
    assert client.get("/obsazenost").status_code == 303


def test_login_never_redirects_to_another_site(app):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", ""):
        assert safe_next(target) == "/"
    assert safe_next("/adresar?druh=63") == "/adresar?druh=63"
    assert login(app.server.test_client(), target="//evil.example/").headers["Location"] == "/"


def test_a_removed_user_is_logged_out_at_the_next_request(app_db, tmp_path):
    path = tmp_path / "users"
    add_user(path, "host", PASSWORD)
    client = create_app(Settings(db_path=app_db, auth_file=path, secret_key="k" * 32)).server.test_client()
    login(client, name="host")
    assert client.get("/plan").status_code == 200
    remove_user(path, "host")
    assert client.get("/plan").status_code == 303


def test_login_needs_a_secret_key(app_db, users_file):
    with pytest.raises(RuntimeError, match="SOCMAP_SECRET_KEY"):
        create_app(Settings(db_path=app_db, auth_file=users_file))


def test_without_socmap_auth_the_app_is_public(app_db):
    client = create_app(Settings(db_path=app_db)).server.test_client()
    assert client.get("/obsazenost").status_code == 200
    assert client.get("/prihlaseni").status_code == 404
    assert "Odhlásit" not in json.dumps(client.get("/_dash-layout").json, ensure_ascii=False)


def test_settings_read_the_users_file_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SOCMAP_AUTH", str(tmp_path / "users"))
    monkeypatch.setenv("SOCMAP_SECRET_KEY", "abc")
    settings = Settings.from_env()
    assert settings.auth_file == tmp_path / "users" and settings.secret_key == "abc"
    monkeypatch.delenv("SOCMAP_AUTH")
    assert Settings.from_env().auth_file is None


def test_the_cli_adds_lists_and_removes_users_with_hashed_passwords(tmp_path):
    path = tmp_path / "users"
    runner = CliRunner()
    added = runner.invoke(cli, ["user", "add", "urednik", "--users", str(path)], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert added.exit_code == 0, added.output
    assert PASSWORD not in path.read_text("utf-8")
    assert read_users(path)["urednik"].startswith("scrypt:")
    assert path.stat().st_mode & 0o077 == 0  # the owner's only
    again = runner.invoke(cli, ["user", "add", "urednik", "--users", str(path)], input="nové-heslo-5678\n" * 2)
    assert "heslo změněno" in again.output
    short = runner.invoke(cli, ["user", "add", "x", "--users", str(path)], input="kratke\nkratke\n")
    assert short.exit_code == 2 and "aspoň 12 znaků" in short.output
    bad = runner.invoke(cli, ["user", "add", "a:b", "--users", str(path)], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert bad.exit_code == 2
    listed = runner.invoke(cli, ["user", "list"], env={"SOCMAP_AUTH": str(path)})
    assert listed.output.split() == ["urednik"]
    assert runner.invoke(cli, ["user", "remove", "urednik", "--users", str(path)]).exit_code == 0
    assert read_users(path) == {}
    assert runner.invoke(cli, ["user", "remove", "urednik", "--users", str(path)]).exit_code == 1


def test_serve_refuses_a_missing_users_file(built_db, tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(built_db), "--auth", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "socmap user add" in result.output
