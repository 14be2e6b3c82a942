"""The health check, the optional replica header, and a wsgi import that leaves no connection open."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys

import pytest

from common.settings import Settings
from dashboard import db
from dashboard.app import create_app
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def _close_the_app_database():
    """The app's database stays open in this process: close it, as other tests open the same file differently."""
    yield
    db.close()


def test_healthz_says_only_that_it_is_up_and_the_data_date(built_db):
    response = create_app(Settings(db_path=built_db)).server.test_client().get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"status", "built_at"}  # no process id, inode, path or replica
    built = dt.datetime.fromtimestamp(os.stat(built_db).st_mtime, dt.UTC).isoformat(timespec="seconds")
    assert body == {"status": "ok", "built_at": built}
    assert str(os.getpid()) not in response.get_data(as_text=True)
    assert "X-Socmap-Replica" not in response.headers  # off unless configured


def test_the_page_s_config_does_not_reveal_the_python_version(built_db):
    page = create_app(Settings(db_path=built_db)).server.test_client().get("/").get_data(as_text=True)
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page,
                                  re.S)[1])
    assert "python_version" not in config and sys.version not in page and platform.python_version() not in page


def test_healthz_is_503_when_an_unreadable_file_is_swapped_in(built_db, tmp_path):
    live = tmp_path / "socmap.duckdb"
    shutil.copy(built_db, live)
    client = create_app(Settings(db_path=live)).server.test_client()
    assert client.get("/healthz").status_code == 200
    broken = tmp_path / "broken"
    broken.write_bytes(b"not a database")
    os.replace(broken, live)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error"} and "not a database" not in response.get_data(as_text=True)


def test_a_named_replica_says_so_on_every_response(built_db):
    client = create_app(Settings(db_path=built_db, replica="a")).server.test_client()
    assert client.get("/").headers["X-Socmap-Replica"] == "a"
    assert client.get("/healthz").headers["X-Socmap-Replica"] == "a"


def test_importing_the_wsgi_module_leaves_no_connection_open(built_db):
    """gunicorn --preload imports it in the master: nothing opened there may cross the fork."""
    code = "import dashboard.wsgi, dashboard.db as d; print(d._db._con is None, d._db._identity is None)"
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "SOCMAP_DB": str(built_db)},
                         cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]
