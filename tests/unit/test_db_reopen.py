"""dashboard.db reopens a swapped-in file without failing a query that runs meanwhile."""

from __future__ import annotations

import os
import threading
import time

import duckdb

from dashboard.db import Database


def _write(path, version: int) -> None:
    """A small database whose every row says which version it is, written aside and swapped in like a build."""
    tmp = path.with_name(path.name + ".tmp")
    con = duckdb.connect(str(tmp))
    con.execute(f"CREATE TABLE t AS SELECT range AS x, {version} AS v FROM range(100000)")
    con.execute("CHECKPOINT")
    con.close()
    os.replace(tmp, path)


def test_queries_in_many_threads_never_fail_while_the_file_is_swapped(tmp_path):
    path = tmp_path / "live.duckdb"
    _write(path, 0)
    database = Database(path)
    errors, seen, stop = [], set(), threading.Event()

    def hammer():
        while not stop.is_set():
            try:
                version, total = database.with_connection(
                    lambda cur: cur.execute("SELECT max(v), sum(x) FROM t").fetchone())
                assert total == 4999950000
                seen.add(version)
            except Exception as exc:  # noqa: BLE001 - every failure is what this test counts
                errors.append(repr(exc))

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for version in range(1, 6):
        _write(path, version)
        time.sleep(0.05)
    time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert 5 in seen  # the last file was picked up


def test_a_query_inside_with_connection_does_not_wait_for_itself(tmp_path):
    path = tmp_path / "live.duckdb"
    _write(path, 1)
    database = Database(path)

    def nested(cur):
        _write(path, 2)  # a swap while this thread is inside: the inner query must not deadlock on it
        return database.with_connection(lambda inner: inner.execute("SELECT max(v) FROM t").fetchone()[0])

    assert database.with_connection(nested) == 1  # the file does not change under a running export
    assert database.with_connection(lambda cur: cur.execute("SELECT max(v) FROM t").fetchone()[0]) == 2


def test_close_leaves_nothing_open_and_the_next_query_reopens(tmp_path):
    path = tmp_path / "live.duckdb"
    _write(path, 1)
    database = Database(path)
    assert database.with_connection(lambda cur: cur.execute("SELECT max(v) FROM t").fetchone()[0]) == 1
    database.close()
    assert database._con is None
    assert database.with_connection(lambda cur: cur.execute("SELECT max(v) FROM t").fetchone()[0]) == 1


def test_a_forked_child_never_uses_an_inherited_connection(tmp_path):
    """DuckDB does not survive a fork: a child that inherited an open connection refuses, loudly."""
    path = tmp_path / "live.duckdb"
    _write(path, 1)
    database = Database(path)
    database.with_connection(lambda cur: cur.execute("SELECT 1").fetchall())
    pid = os.fork()
    if pid == 0:  # the child: exit at once with what happened, running no cleanup of the parent's
        try:
            database.with_connection(lambda cur: cur.execute("SELECT 1").fetchall())
            os._exit(1)
        except RuntimeError:
            os._exit(0)
        except BaseException:  # noqa: BLE001 - any other outcome is a failure, reported by the exit code
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert database.with_connection(lambda cur: cur.execute("SELECT max(v) FROM t").fetchone()[0]) == 1
