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

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            db_path=Path(os.environ.get("SOCMAP_DB", "data/socmap.duckdb")),
            debug=os.environ.get("SOCMAP_DEBUG", "") in {"1", "true", "yes"},
            replica=os.environ.get("SOCMAP_REPLICA") or None,
        )
