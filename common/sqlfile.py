"""Named SQL blocks in files: `-- name: capacity_by_orp` starts a block that runs to the next name."""

from __future__ import annotations

import re
from pathlib import Path

NAME = re.compile(r"^--\s*name:\s*(\w+)\s*$", re.MULTILINE)


def load_named(*paths: Path) -> dict[str, str]:
    queries: dict[str, str] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        parts = NAME.split(text)
        for name, body in zip(parts[1::2], parts[2::2], strict=True):
            if name in queries:
                raise ValueError(f"{path}: query {name!r} is defined twice")
            queries[name] = body.strip().rstrip(";")
    return queries
