"""Copy a built file in beside a replica's live file and swap it in atomically (`socmap deploy-copy`).

A replica serves its own read-only copy of the built database. Refreshing it is the build's own
swap done with a copy: write the new file under a temporary name in the live file's directory (same
file system, so the rename is atomic), make sure it is complete and opens as a socmap database,
then `os.replace` it onto the live name. The replica's workers see the new inode on their next
query and reopen (dashboard/db.py); a request never sees a half-copied file. A copy that differs
from its source, or a file that is not a socmap database, is removed and the live file left as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from contextlib import suppress
from pathlib import Path

import duckdb

from etl.build import connect, tables

REQUIRED = {"source", "municipality", "service"}  # a built socmap file has these (etl/schema.sql)


class DeployError(Exception):
    """The copy was not swapped in; the message says why, in Czech and English."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_database(path: Path) -> int:
    """The number of tables of a socmap database at `path`; DeployError if it is not one."""
    try:
        con = connect(path, read_only=True)
        try:
            names = set(tables(con))
        finally:
            con.close()
    except duckdb.Error as exc:
        raise DeployError(f"{path}: nelze otevřít jako DuckDB / cannot be opened as DuckDB: {exc}") from exc
    missing = REQUIRED - names
    if missing:
        raise DeployError(f"{path}: chybí tabulky / missing tables {sorted(missing)}: není to databáze socmap "
                          f"/ not a socmap database")
    return len(names)


def copy_in(source: Path, live: Path) -> dict:
    """Copy `source` to a temporary name beside `live`, verify it, fsync it and swap it in."""
    started = time.perf_counter()
    source, live = Path(source), Path(live)
    _check_database(source)
    expected = _sha256(source)
    live.parent.mkdir(parents=True, exist_ok=True)
    tmp = live.with_name(f"{live.name}.tmp-{os.getpid()}")
    try:
        shutil.copyfile(source, tmp)
        with tmp.open("rb") as f:
            os.fsync(f.fileno())
        if _sha256(tmp) != expected:
            raise DeployError(f"{tmp}: kopie se liší od zdroje / the copy differs from its source")
        n_tables = _check_database(tmp)
        os.replace(tmp, live)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
    directory = os.open(live.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a crash
    finally:
        os.close(directory)
    return {"live": str(live), "bytes": live.stat().st_size, "sha256": expected, "tables": n_tables,
            "inode": live.stat().st_ino, "seconds": time.perf_counter() - started}
