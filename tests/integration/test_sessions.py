"""Sessions that end and logins that slow the attacker, not the user (#17).

A planner's session ends when she logs out (on every computer), when her password changes, when she is
removed (and stays ended if she is added again) and ten hours after she logged in, whatever she does in
between. Two app instances with one users file and one key stand for two workers or replicas. Failed
logins delay the client that fails; the real user, at her own computer, still gets in.
"""

from __future__ import annotations

import time

import pytest

from common.settings import Settings
from dashboard import sessions, throttle
from dashboard.app import create_app
from dashboard.auth import add_user, remove_user

PASSWORD = "správné-heslo-2026"
KEY = "klic-" * 8
COOKIE = "socmap_session"


@pytest.fixture
def users(tmp_path):
    path = tmp_path / "users"
    add_user(path, "planovac", PASSWORD)
    return path


@pytest.fixture
def make_app(app_db, users):
    return lambda: create_app(Settings(db_path=app_db, auth_file=users, secret_key=KEY))


def login(client, name="planovac", password=PASSWORD, target="/plan", address="10.0.0.1"):
    return client.post("/prihlaseni", data={"jmeno": name, "heslo": password, "dalsi": target},
                       environ_base={"REMOTE_ADDR": address})


def logged_in(client) -> bool:
    return client.get("/plan").status_code == 200


def copy_cookie(source, target) -> None:
    target.set_cookie(COOKIE, source.get_cookie(COOKIE).value)


def test_logout_ends_every_session_of_the_user_on_every_worker(make_app):
    worker_a, worker_b = make_app().server, make_app().server  # two workers (or replicas): one file, one key
    office, home = worker_a.test_client(), worker_b.test_client()
    assert login(office).status_code == 303 and login(home).status_code == 303
    stolen = worker_b.test_client()
    copy_cookie(office, stolen)  # the office cookie, also usable on the other worker
    assert logged_in(office) and logged_in(home) and logged_in(stolen)
    assert office.post("/odhlaseni").headers["Location"] == "/prihlaseni"
    assert not logged_in(office) and not logged_in(home) and not logged_in(stolen)
    assert login(home).status_code == 303 and logged_in(home)  # a new login works again


def test_a_password_change_ends_the_old_sessions(make_app, users):
    client = make_app().server.test_client()
    login(client)
    assert logged_in(client)
    add_user(users, "planovac", "nové-heslo-2027-x")
    assert not logged_in(client)
    assert login(client).status_code == 401
    assert login(client, password="nové-heslo-2027-x").status_code == 303


def test_a_removed_user_added_again_does_not_revive_an_old_cookie(make_app, users):
    app = make_app().server
    client = app.test_client()
    login(client)
    kept = app.test_client()
    copy_cookie(client, kept)
    remove_user(users, "planovac")
    assert not logged_in(client)
    add_user(users, "planovac", PASSWORD)  # the same name and even the same password
    assert not logged_in(kept)


def test_a_session_ends_ten_hours_after_login_whatever_renews_it(make_app, monkeypatch):
    client = make_app().server.test_client()
    login(client)
    first = client.get("/plan")
    assert first.status_code == 200 and "Set-Cookie" not in first.headers  # requests do not renew the cookie
    start = time.time()
    monkeypatch.setattr(sessions.time, "time", lambda: start + 9.9 * 3600)
    assert logged_in(client)
    monkeypatch.setattr(sessions.time, "time", lambda: start + 10 * 3600 + 5)
    assert client.get("/plan").status_code == 303
    assert client.post("/_dash-update-component", json={}).status_code == 401


def test_a_forged_cookie_or_one_signed_with_another_key_is_no_session(make_app, app_db, users):
    client = make_app().server.test_client()
    client.set_cookie(COOKIE, "eyJ1c2VyIjoicGxhbm92YWMifQ.aaaa.bbbb")
    assert not logged_in(client)
    elsewhere = create_app(Settings(db_path=app_db, auth_file=users, secret_key="jiny-klic-" * 4)).server
    other = elsewhere.test_client()
    login(other)
    copy_cookie(other, client)
    assert not logged_in(client)


# --- throttling ---------------------------------------------------------------------------------

@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(throttle.time, "monotonic", lambda: now[0])
    return now


def test_a_failing_client_waits_and_the_real_user_still_logs_in(make_app, clock):
    client = make_app().server.test_client()
    for _ in range(throttle.FREE + 1):
        assert login(client, password="hádám-heslo-1234", address="203.0.113.9").status_code == 401
    waiting = login(client, address="203.0.113.9")  # even the right password: this client waits
    assert waiting.status_code == 429 and waiting.headers["Retry-After"] == "2"
    assert "Zkuste to znovu za 2 s" in waiting.text
    assert login(client, address="10.0.0.1").status_code == 303  # the real user, elsewhere: at once
    clock[0] += 2
    assert login(make_app().server.test_client(), address="203.0.113.9").status_code == 303


def test_spraying_across_names_is_slowed_like_guessing_one(make_app, clock):
    client = make_app().server.test_client()
    for i in range(throttle.FREE + 1):
        login(client, name=f"uzivatel{i}", password="hádám-heslo-1234", address="203.0.113.7")
    assert login(client, name="planovac", address="203.0.113.7").status_code == 429
    clock[0] += 2
    login(client, name="uzivatel9", password="hádám-heslo-1234", address="203.0.113.7")
    again = login(client, name="planovac", address="203.0.113.7")
    assert again.status_code == 429 and again.headers["Retry-After"] == "4"  # the wait doubles


def test_a_name_under_attack_delays_failed_clients_but_not_the_user(make_app, clock):
    client = make_app().server.test_client()
    for i in range(throttle.NAME_GUARD):  # a botnet: one failure from each address
        assert login(client, password="hádám-heslo-1234", address=f"198.51.100.{i}").status_code == 401
    again = login(client, password="hádám-heslo-1234", address="198.51.100.3")
    assert again.status_code == 429  # a client that failed on the guarded name waits at once
    assert login(client, address="192.0.2.50").status_code == 303  # a clean client: the user gets in


def test_the_throttle_s_memory_is_bounded_and_a_huge_name_is_never_kept(make_app):
    table = throttle.Throttle()
    for i in range(throttle.MAX_ENTRIES + 500):
        table.failed(f"client-{i}", f"name-{i}")
    assert len(table.clients) == len(table.names) == throttle.MAX_ENTRIES
    client = make_app().server.test_client()
    huge = client.post("/prihlaseni", data={"jmeno": "x" * 1_000_000, "heslo": "y"})
    assert huge.status_code == 413 and "příliš velký" in huge.text
    long_name = login(client, name="n" * 65, address="10.9.9.9")
    assert long_name.status_code == 401 and "n" * 65 not in long_name.text


def test_the_return_address_accepts_same_site_paths_only(make_app):
    client = make_app().server.test_client()
    for bad in ("/plan\r\nSet-Cookie: x=1", "/plan\x00", "/" + "a" * 3000):
        response = client.get("/prihlaseni", query_string={"dalsi": bad})
        assert response.status_code == 400 and "Neplatný požadavek" in response.text
        assert login(client, target=bad).status_code == 400
    assert login(client, target="https://evil.example/").headers["Location"] == "/"


def test_health_is_public_for_a_monitor_when_login_is_on(make_app):
    response = make_app().server.test_client().get("/healthz")
    assert response.status_code == 200 and set(response.json) == {"status", "built_at"}


def test_the_client_s_address_comes_from_the_proxy_only_when_told(app_db, users, clock):
    def attempts(proxies: int) -> int:
        client = create_app(Settings(db_path=app_db, auth_file=users, secret_key=KEY, proxies=proxies)).server \
            .test_client()
        for i in range(throttle.FREE + 1):  # six browsers behind one proxy, each failing once
            client.post("/prihlaseni", data={"jmeno": "planovac", "heslo": "špatně-heslo-000"},
                        environ_base={"REMOTE_ADDR": "127.0.0.1"}, headers={"X-Forwarded-For": f"192.0.2.{i}"})
        return client.post("/prihlaseni", data={"jmeno": "planovac", "heslo": PASSWORD},
                           environ_base={"REMOTE_ADDR": "127.0.0.1"},
                           headers={"X-Forwarded-For": "192.0.2.200"}).status_code
    assert attempts(0) == 429  # without SOCMAP_PROXIES the header is not trusted: one client, the proxy
    assert attempts(1) == 303  # with it, the browser behind the proxy is the client
