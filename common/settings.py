"""Every setting of socmap, declared once: its name, default, environment variable (prefix SOCMAP_) and meaning.

`Settings.from_env()` is the only reader of the environment. The command line takes its options' defaults and
variable names from here (`socmap build --db`, `socmap serve --port`…), and `socmap serve` hands its choices to
the workers through the same variables, which each worker reads back with `from_env()`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path


def _setting(default, env: str | None, help_text: str):
    return field(default=default, metadata={"env": env, "help": help_text})


def _flag(text: str) -> bool:
    return text in {"1", "true", "yes"}


@dataclass(frozen=True)
class Settings:
    db_path: Path = _setting(Path("data/socmap.duckdb"), "SOCMAP_DB", "the built DuckDB file")
    data_dir: Path = _setting(Path("data"), "SOCMAP_DATA", "the source directory `socmap build` reads")
    kraj: str = _setting("CZ051", None, "the region built by default (NUTS 3 code; `socmap build --kraj all`)")
    host: str = _setting("127.0.0.1", "SOCMAP_HOST", "where `socmap serve` listens")
    port: int = _setting(8050, "SOCMAP_PORT", "the port `socmap serve` listens on")
    workers: int = _setting(2, "SOCMAP_WORKERS", "gunicorn workers")
    debug: bool = _setting(False, "SOCMAP_DEBUG", "Dash's debug mode (development only)")
    # A name for this replica, sent back as the X-Socmap-Replica header (behind a proxy, which one answered).
    replica: str | None = _setting(None, "SOCMAP_REPLICA", "a replica's name, sent as X-Socmap-Replica")
    # Login for internal deployments: the users file (`socmap user add`); None = public, as without it.
    auth_file: Path | None = _setting(None, "SOCMAP_AUTH", "the users file; when set, everything needs a login")
    # Signs the login cookie; every worker and replica behind one proxy needs the same (`socmap serve` makes
    # one for its workers when it is not set).
    secret_key: str | None = _setting(None, "SOCMAP_SECRET_KEY", "signs the login cookie")
    # Where people report an accessibility problem (the statement of zákon 99/2019 Sb. names it).
    a11y_contact: str = _setting("socmap@example.invalid", "SOCMAP_A11Y_CONTACT", "accessibility contact")
    # How many reverse proxies stand before the app (nginx: 1): the client's address for throttling logins and
    # the export queue is then taken from their X-Forwarded-For. 0 = the direct peer (never trust the header).
    proxies: int = _setting(0, "SOCMAP_PROXIES", "reverse proxies before the app")
    # The folder where a worker leaves a report pack's state and file for whichever worker the page asks next
    # (`socmap serve` makes one for its workers); None = a temporary folder of this process.
    jobs_dir: Path | None = _setting(None, "SOCMAP_JOBS_DIR", "the workers' shared folder of report packs")
    # DuckDB's memory and threads in each worker: bounded, so workers × this stays within the machine's memory.
    db_memory: str = _setting("256MB", "SOCMAP_DB_MEMORY", "DuckDB memory limit of each worker")
    db_threads: int = _setting(2, "SOCMAP_DB_THREADS", "DuckDB threads of each worker")
    query_cache_mb: int = _setting(32, "SOCMAP_QUERY_CACHE_MB", "answers of named queries kept in each worker (MB)")
    # DuckDB's memory while `socmap build` writes the file: without a bound it keeps what the machine has (a
    # national build peaked at 980 MB, 640 MB with this bound, in the same time).
    build_memory: str = _setting("400MB", "SOCMAP_BUILD_MEMORY", "DuckDB memory limit of `socmap build`")
    # Tables of more rows are shown a page at a time, each turn sending one page (#18): a kraj's 215 municipalities
    # stay one table, a country's 6 258 do not.
    table_rows: int = _setting(300, "SOCMAP_TABLE_ROWS", "tables longer than this are shown a page at a time")
    registry_url: str = _setting("https://data.mpsv.cz/od/soubory", "SOCMAP_REGISTRY_URL",
                                 "where `socmap fetch registry` downloads from")
    geocoder_url: str = _setting("nominatim.openstreetmap.org", "SOCMAP_GEOCODER_URL",
                                 "the Nominatim service `socmap geocode` asks")
    geocoder_contact: str = _setting("socmap@example.invalid", "SOCMAP_GEOCODER_CONTACT",
                                     "the contact in the geocoder's user agent")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The defaults, overridden by each SOCMAP_ variable that is set and not empty."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            text = environ.get(f.metadata["env"] or "", "")
            if text:
                values[f.name] = _parse(f, text)
        return cls(**values)


def _parse(f, text: str):
    kind = str(f.type)
    if kind == "bool":
        return _flag(text)
    if kind == "int":
        return int(text)
    if kind.startswith("Path"):
        return Path(text)
    return text


def env(name: str) -> str:
    """The environment variable of a setting: env("db_path") -> "SOCMAP_DB"."""
    return next(f.metadata["env"] for f in fields(Settings) if f.name == name)


DEFAULTS = Settings()
