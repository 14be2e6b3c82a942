"""The only place that reads environment variables (prefix SOCMAP_)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    db_path: Path = Path("data/socmap.duckdb")
    debug: bool = False
    # A name for this replica, sent back as the X-Socmap-Replica header (behind a proxy, which one answered).
    replica: str | None = None
    # Login for internal deployments: the users file (`socmap user add`); None = public, as without it.
    auth_file: Path | None = None
    # Signs the login cookie; every worker and replica behind one proxy needs the same (`socmap serve` makes
    # one for its workers when it is not set).
    secret_key: str | None = None
    # Where people report an accessibility problem (the statement of zákon 99/2019 Sb. names it).
    a11y_contact: str = "socmap@example.invalid"
    # How many reverse proxies stand before the app (nginx: 1): the client's address for throttling logins and
    # the export queue is then taken from their X-Forwarded-For. 0 = the direct peer (never trust the header).
    proxies: int = 0
    # The folder where a worker leaves a report pack's state and file for whichever worker the page asks next
    # (`socmap serve` makes one for its workers); None = a temporary folder of this process.
    jobs_dir: Path | None = None

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            db_path=Path(os.environ.get("SOCMAP_DB", "data/socmap.duckdb")),
            debug=os.environ.get("SOCMAP_DEBUG", "") in {"1", "true", "yes"},
            replica=os.environ.get("SOCMAP_REPLICA") or None,
            auth_file=Path(os.environ["SOCMAP_AUTH"]) if os.environ.get("SOCMAP_AUTH") else None,
            secret_key=os.environ.get("SOCMAP_SECRET_KEY") or None,
            a11y_contact=os.environ.get("SOCMAP_A11Y_CONTACT") or Settings.a11y_contact,
            proxies=int(os.environ.get("SOCMAP_PROXIES") or 0),
            jobs_dir=Path(os.environ["SOCMAP_JOBS_DIR"]) if os.environ.get("SOCMAP_JOBS_DIR") else None,
        )
