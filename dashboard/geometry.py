"""Boundaries sent once: each level's GeoJSON is a file at a fingerprinted address the browser keeps, and a map
carries only that address, its values, classes and names.

The fingerprint is a digest of the file's bytes, so a build with other boundaries gets a new address and a
cached copy is never stale. Figures learn the address from the boundaries frame (`frame.attrs`), so figure code
stays a pure function of its frames; a picture for a document (exports/printing.py) puts the geometry back in,
because the drawing engine has no server to ask.
"""

from __future__ import annotations

import hashlib
import json

import pandas as pd

from dashboard import db
from dashboard.figures.geo import clockwise, shape_facts
from dashboard.figures.maps import feature_collection

LEVELS = ("obec", "orp")
ROUTE = "/geo/<fingerprint>/<level>.json"
URL_KEY = "geometry_url"  # where a boundaries frame carries its address
ROWS_KEY = "geometry_rows"  # and how many areas the file has: a frame of fewer is a part, drawn from its shapes


def boundaries(level: str) -> pd.DataFrame:
    """The boundaries of a level (code, name, geometry, and where each area's name is written and its extent:
    label_lon/lat, min_/max_lon/lat), carrying the address of their served file. The shapes are read once per
    built file: a map is a lookup, not a parse of 6 258 polygons."""
    fingerprint = served(level)[0]
    kept = _SHAPES.get(level)
    if kept is None or kept[0] != fingerprint:
        kept = (fingerprint, shape_facts(db.query("boundaries", level=level)))
        _SHAPES[level] = kept
    frame = kept[1].copy()
    frame.attrs[URL_KEY] = url(level)
    frame.attrs[ROWS_KEY] = len(frame)
    return frame


_SHAPES: dict[str, tuple[str, pd.DataFrame]] = {}  # level -> (fingerprint of the file, its frame with the facts)


def url(level: str) -> str:
    return f"/geo/{served(level)[0]}/{level}.json"


def served(level: str) -> tuple[str, bytes]:
    """(fingerprint, bytes) of a level's clockwise, simplified FeatureCollection, made once per built file."""
    return db.lookup(f"boundaries_{level}", _file)


def _file(frame: pd.DataFrame) -> tuple[str, bytes]:
    data = json.dumps(clockwise(feature_collection(frame)), ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.blake2b(data, digest_size=8).hexdigest(), data


def inline(address) -> dict | str:
    """The FeatureCollection behind one of our addresses (for a document); anything else as it is."""
    if not isinstance(address, str) or not address.startswith("/geo/"):
        return address
    level = address.rsplit("/", 1)[-1].removesuffix(".json")
    if level not in LEVELS:
        return address
    return clockwise(feature_collection(db.query("boundaries", level=level)))
