"""Read-only access to the built file: opened lazily in each process, a cursor per thread.

The connection is never opened at import (the reloader and forking servers break that). When
`socmap build` swaps in a new file, the next query notices the new inode and reopens.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import pandas as pd

from etl.sqlfile import load_named

QUERIES = load_named(*sorted((Path(__file__).parent / "queries").glob("*.sql")))


class Database:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple | None = None
        self._local = threading.local()

    def _file_identity(self) -> tuple:
        st = os.stat(self.path)
        return (os.getpid(), st.st_ino, st.st_mtime_ns)

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        identity = self._file_identity()
        if identity != self._identity:
            with self._lock:
                if identity != self._identity:
                    # DuckDB caches a database per path while a connection to it is open: close the old
                    # one, or "reopening" would hand back the file the build has just replaced.
                    if self._con is not None:
                        self._con.close()
                    self._con = duckdb.connect(str(self.path), read_only=True,
                                               config={"autoinstall_known_extensions": False})
                    self._identity = identity
        local = self._local
        if getattr(local, "identity", None) != self._identity:
            local.cursor = self._con.cursor()
            local.identity = self._identity
        return local.cursor

    def with_connection(self, work):
        """Run work(cursor) on this thread's read-only cursor (for exports that read several tables)."""
        return work(self._cursor())

    def built_on(self):
        """The day the loaded file was built (its modification time), for "stav dat k" on exports."""
        return pd.Timestamp(os.stat(self.path).st_mtime, unit="s").date()

    def query(self, name: str, **params) -> pd.DataFrame:
        """Run the named query from queries/*.sql with bound parameters; always fetched fully."""
        return self._cursor().execute(QUERIES[name], params or None).df()


_db: Database | None = None


def init(path: Path) -> None:
    global _db
    _db = Database(path)


def query(name: str, **params) -> pd.DataFrame:
    if _db is None:
        raise RuntimeError("dashboard.db.init(path) was not called")
    return _db.query(name, **params)


def with_connection(work):
    if _db is None:
        raise RuntimeError("dashboard.db.init(path) was not called")
    return _db.with_connection(work)


def built_on():
    if _db is None:
        raise RuntimeError("dashboard.db.init(path) was not called")
    return _db.built_on()
