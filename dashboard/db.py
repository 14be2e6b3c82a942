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
        self._lookups: dict[str, tuple] = {}

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

    def query(self, name: str, **params) -> pd.DataFrame:
        """Run the named query from queries/*.sql with bound parameters; always fetched fully."""
        return self._cursor().execute(QUERIES[name], params or None).df()

    def lookup(self, name: str, make):
        """make(frame) of the parameterless named query, kept until a build swaps in a new file."""
        cursor = self._cursor()
        identity = self._identity
        kept = self._lookups.get(name)
        if kept is None or kept[0] != identity:
            kept = (identity, make(cursor.execute(QUERIES[name]).df()))
            self._lookups[name] = kept
        return kept[1]


_db: Database | None = None


def init(path: Path) -> None:
    global _db
    _db = Database(path)


def query(name: str, **params) -> pd.DataFrame:
    if _db is None:
        raise RuntimeError("dashboard.db.init(path) was not called")
    return _db.query(name, **params)


def lookup(name: str, make):
    if _db is None:
        raise RuntimeError("dashboard.db.init(path) was not called")
    return _db.lookup(name, make)


def with_connection(work):
    if _db is None:
        raise RuntimeError("dashboard.db.init(path) was not called")
    return _db.with_connection(work)
