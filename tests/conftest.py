"""Shared fixtures: the real build on the shipped data, once per session, and scratch copies of data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.build import build, connect

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def rows(db, sql, params=None) -> list[tuple]:
    """The rows of a query on a built file, opened read-only as an analyst would."""
    con = connect(db, read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The database built from the shipped data/, as `socmap build` makes it."""
    path = tmp_path_factory.mktemp("db") / "socmap.duckdb"
    build(path, DATA)
    return path


@pytest.fixture(scope="module")
def app_db(built_db, tmp_path_factory) -> Path:
    """A copy of the built file for a module that starts the app: the app keeps its read-only connection open,
    and DuckDB then refuses other settings (a plain duckdb.connect) on the same file in this process."""
    path = tmp_path_factory.mktemp("app-db") / "socmap.duckdb"
    shutil.copy(built_db, path)
    return path


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ (without the built database) for tests that break the input."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.duckdb*"))
    for path in target.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return target
