"""Read-only access to the built file: opened lazily in each process, a cursor per thread.

The connection is never opened at import (the reloader and forking servers break that). When
`socmap build` swaps in a new file, the next query notices the new inode and reopens.

Reopening must not pull the connection from under a running query: closing a DuckDB connection
closes every cursor made from it, and DuckDB keeps one database per path while any connection to
it is open (so the new file cannot be opened beside the old one). Queries therefore run inside a
shared section of a small readers-writer gate; a reopen takes it exclusively, waits for the
queries in flight (milliseconds), swaps the connection and lets the waiting queries go on the new
file. Nothing fails; a query at the swap waits at most for the longest one running.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import OrderedDict
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from common.settings import DEFAULTS
from common.sqlfile import load_named

QUERIES = load_named(*sorted((Path(__file__).parent / "queries").glob("*.sql")))

# Connections inherited over a fork (something queried before the server forked): never closed in the
# child, where DuckDB's threads do not exist, and kept referenced so no destructor closes them either.
# DuckDB would hand the child that same inherited database for the path, so such a child refuses to
# query rather than run on it; dashboard/wsgi.py closes its warm-up connection so this never happens.
_INHERITED: list[duckdb.DuckDBPyConnection] = []
_OPEN: weakref.WeakSet[Database] = weakref.WeakSet()


class Gate:
    """Many readers or one writer; a waiting writer stops new readers, so a swap is never starved.

    Re-entrant for readers of the same thread (a query inside `with_connection` must not wait
    behind a writer that waits for that very thread).
    """

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._depth = threading.local()

    def held(self) -> bool:
        return getattr(self._depth, "n", 0) > 0

    @contextmanager
    def shared(self):
        if not self.held():
            with self._cond:
                while self._writing or self._writers_waiting:
                    self._cond.wait()
                self._readers += 1
        self._depth.n = getattr(self._depth, "n", 0) + 1
        try:
            yield
        finally:
            self._depth.n -= 1
            if not self._depth.n:
                with self._cond:
                    self._readers -= 1
                    if not self._readers:
                        self._cond.notify_all()

    @contextmanager
    def exclusive(self):
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class Database:
    def __init__(self, path: Path, memory: str = DEFAULTS.db_memory, threads: int = DEFAULTS.db_threads,
                 cache_mb: int = DEFAULTS.query_cache_mb) -> None:
        self.path = Path(path)
        self.limits = (memory, int(threads))
        self.cache_bytes = int(cache_mb) * 1_000_000
        self._forget()
        _OPEN.add(self)

    def _forget(self) -> None:
        """Start afresh: at creation, and in a child after fork (inherited locks and connection are unusable)."""
        self._inherited = getattr(self, "_con", None) is not None
        if self._inherited:
            _INHERITED.append(self._con)
        self._gate = Gate()
        self._lock = threading.Lock()  # serialises cursor creation on the shared connection
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple | None = None
        self._generation = 0
        self._local = threading.local()
        self._lookups: dict[str, tuple] = {}
        self._results = Results(self.cache_bytes)

    def _file_identity(self) -> tuple | None:
        """(inode, mtime) of the file at the path now; None if it was removed while a connection is open."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            if self._con is not None:
                return None  # removed, not replaced: keep serving what is open
            raise
        return (st.st_ino, st.st_mtime_ns)

    def _refresh(self) -> None:
        """Open the file, or reopen it if a build has swapped in a new one since it was opened."""
        if self._inherited:
            raise RuntimeError("a DuckDB connection was open when this process forked; open the database only "
                               "after fork (do not query at import, do not run gunicorn --preload without closing)")
        identity = self._file_identity()
        if identity is None or identity == self._identity:
            return
        with self._gate.exclusive():
            identity = self._file_identity()  # stat before connect: a later swap is then seen again
            if identity is None or identity == self._identity:
                return
            # DuckDB keeps one database per path while a connection to it is open: close the old one
            # first, or "reopening" would hand back the file the build has just replaced.
            if self._con is not None:
                self._con.close()
                self._con = None
            self._con = duckdb.connect(str(self.path), read_only=True, config={"autoinstall_known_extensions": False})
            # Set after connecting, not in the config: another connection to the file in this process (a test,
            # an analyst's script) may then open it with the plain configuration.
            self._con.execute("SET memory_limit = ?", [self.limits[0]])
            self._con.execute("SET threads = ?", [self.limits[1]])
            self._identity = identity
            self._generation += 1

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the current connection; call inside the gate's shared section."""
        local = self._local
        if getattr(local, "generation", None) != self._generation:
            with self._lock:  # DuckDB 2.0 refuses concurrent calls on one connection, cursor() included
                local.cursor = self._con.cursor()
            local.generation = self._generation
        return local.cursor

    def with_connection(self, work):
        """Run work(cursor) on this thread's read-only cursor (for exports that read several tables).

        The file is not swapped under `work`: a reopen waits until it returns.
        """
        while True:
            if not self._gate.held():
                self._refresh()
            with self._gate.shared():
                if self._con is not None:  # else closed or a failed reopen since _refresh: try again
                    return work(self._cursor())

    def built_on(self):
        """The day the file this process serves was built (its modification time), for "stav dat k"."""
        _inode, mtime_ns = self.with_connection(lambda _cursor: self._identity)
        return datetime.fromtimestamp(mtime_ns / 1e9, UTC).date()

    def query(self, name: str, **params) -> pd.DataFrame:
        """Run the named query from queries/*.sql with bound parameters; always fetched fully. The file is
        read-only, so an answer is kept (bounded, see Results) for the same query, parameters, file and day."""
        def run(cursor):
            key = _key(name, params, self._identity)
            kept = self._results.get(key)
            if kept is None:
                kept = cursor.execute(QUERIES[name], params or None).df()
                self._results.put(key, kept)
            return kept.copy()  # a caller may add columns to its frame; the kept one stays as the file says
        return self.with_connection(run)

    def lookup(self, name: str, make):
        """make(frame) of the parameterless named query, kept until a build swaps in a new file."""
        def run(cursor):
            identity = self._identity
            kept = self._lookups.get(name)
            if kept is None or kept[0] != identity:
                kept = (identity, make(cursor.execute(QUERIES[name]).df()))
                self._lookups[name] = kept
            return kept[1]
        return self.with_connection(run)

    def loaded(self) -> dict:
        """What this process serves: the open file's build time (its modification time) and inode."""
        def probe(cursor):
            cursor.execute("SELECT count(*) FROM source").fetchall()
            return self._identity
        inode, mtime_ns = self.with_connection(probe)
        built = datetime.fromtimestamp(mtime_ns / 1e9, UTC).isoformat(timespec="seconds")
        return {"built_at": built, "inode": inode}

    def close(self) -> None:
        """Close the connection (after a warm-up at import, so nothing open crosses a fork)."""
        with self._gate.exclusive():
            if self._con is not None:
                self._con.close()
            self._con, self._identity = None, None
            self._generation += 1


def _frozen(value):
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    hash(value)  # a value that cannot be a key (none of the pages' parameters) raises: then nothing is kept
    return value


def _key(name: str, params: dict, identity) -> tuple | None:
    """What makes an answer: the query, its parameters, the file (inode and time) and the day (active services
    are those of today's date)."""
    try:
        return (name, tuple(sorted((k, _frozen(v)) for k, v in params.items())), identity, date.today())
    except TypeError:
        return None


class Results:
    """Answers of named queries, the least recently used dropped beyond `max_bytes` (the frames' own memory)."""

    def __init__(self, max_bytes: int = DEFAULTS.query_cache_mb * 1_000_000) -> None:
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._frames: OrderedDict[tuple, tuple[pd.DataFrame, int]] = OrderedDict()
        self._bytes = 0

    def get(self, key) -> pd.DataFrame | None:
        if key is None:
            return None
        with self._lock:
            kept = self._frames.get(key)
            if kept is None:
                return None
            self._frames.move_to_end(key)
            return kept[0]

    def put(self, key, frame: pd.DataFrame) -> None:
        if key is None:
            return
        size = int(frame.memory_usage(index=True, deep=False).sum())
        if size > self.max_bytes // 4:  # one large answer never pushes out everything else
            return
        with self._lock:
            if key in self._frames:
                return
            self._frames[key] = (frame, size)
            self._bytes += size
            while self._bytes > self.max_bytes and self._frames:
                _, (_, dropped) = self._frames.popitem(last=False)
                self._bytes -= dropped


def _after_fork_in_child() -> None:
    for database in list(_OPEN):
        database._forget()


os.register_at_fork(after_in_child=_after_fork_in_child)

_db: Database | None = None


def init(path: Path, memory: str = DEFAULTS.db_memory, threads: int = DEFAULTS.db_threads,
         cache_mb: int = DEFAULTS.query_cache_mb) -> None:
    global _db
    _db = Database(path, memory, threads, cache_mb)


def _current() -> Database:
    if _db is None:
        raise RuntimeError("dashboard.db.init(path) was not called")
    return _db


def query(name: str, **params) -> pd.DataFrame:
    return _current().query(name, **params)


def lookup(name: str, make):
    if _db is None:
        raise RuntimeError("dashboard.db.init(path) was not called")
    return _db.lookup(name, make)


def with_connection(work):
    return _current().with_connection(work)


def built_on():
    return _current().built_on()


def loaded() -> dict:
    return _current().loaded()


def close() -> None:
    if _db is not None:
        _db.close()
