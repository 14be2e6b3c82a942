"""`socmap fetch registry`: replace the shipped extract with the real current registry file.

Downloads rpss.json and its code lists into a temporary folder beside the target, checks that the
registry reader accepts them, and only then swaps them in; the extract's provenance.csv and extract.json
are moved aside, because every record of the real file cites the registry itself and the file is complete.
Never used by tests against the real network (they serve files on loopback).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import urllib.request
from pathlib import Path

from common.settings import DEFAULTS
from etl.errors import BuildError, Problem
from etl.sources import registry

BASE_URL = DEFAULTS.registry_url
FILES = {"rpss.json": "rpss/rpss.json", **{name: f"ciselniky/{name}" for name in registry.CODE_LISTS.values()}}


def _download(url: str, target: Path, timeout: float) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": "socmap/0.1 (socmap fetch registry)"})
    with urllib.request.urlopen(request, timeout=timeout) as response, target.open("wb") as out:
        shutil.copyfileobj(response, out, length=1 << 20)


def fetch_registry(data_dir: Path, base_url: str = BASE_URL, timeout: float = 60, today: dt.date | None = None
                   ) -> dict:
    data_dir = Path(data_dir)
    dest = data_dir / registry.DIR
    dest.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=dest))
    try:
        for name, path in FILES.items():
            url = f"{base_url.rstrip('/')}/{path}"
            try:
                _download(url, staging / name, timeout)
            except OSError as exc:
                raise BuildError([Problem(url, f"stažení selhalo ({exc})", f"download failed ({exc})")]) from exc
        meta = {"url": f"{base_url.rstrip('/')}/{FILES['rpss.json']}",
                "fetched_on": (today or dt.date.today()).isoformat()}
        (staging / "fetched.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        _check(staging)
        for name in ("provenance.csv", "extract.json"):
            if (dest / name).exists():
                (dest / name).replace(dest / f"{name}.extract")
        for item in staging.iterdir():
            item.replace(dest / item.name)
        return meta
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check(folder: Path) -> None:
    """Read the downloaded files with the same reader the build uses, for the whole country."""
    from etl.errors import Problems
    from etl.sources import reference

    root = folder.parent.parent
    problems, warnings = Problems(), Problems()
    geo = reference.read(root, "all", problems)
    problems.raise_if_any()
    probe = folder / "_probe"
    (probe / registry.DIR).mkdir(parents=True)
    for item in folder.iterdir():
        if item.is_file():
            (probe / registry.DIR / item.name).symlink_to(item.resolve())
    registry.read(probe, "all", geo.national, problems, warnings)
    shutil.rmtree(probe)
    problems.raise_if_any()
