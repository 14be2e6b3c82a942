"""Distances on the Earth: geodesic kilometres on WGS-84 (the build's nearest places, the scenarios' gains)."""

from __future__ import annotations

import numpy as np
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")


def geodesic_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Geodesic distances on WGS-84 in km between arrays of points (equal to geopy's `geodesic` to < 1 mm)."""
    _, _, metres = WGS84.inv(np.asarray(lon1, dtype=float), np.asarray(lat1, dtype=float),
                             np.asarray(lon2, dtype=float), np.asarray(lat2, dtype=float))
    return np.asarray(metres) / 1000.0
