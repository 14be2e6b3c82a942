"""Rates, gaps and distances as the Kapacity and Srovnání pages compute them (pure, tested by hand)."""

from __future__ import annotations

import pandas as pd


def with_gaps(areas: pd.DataFrame, target: float | None) -> pd.DataFrame:
    """Add the kraj average rate and, given a target per 10 000, the gap in units (+ missing, − surplus)."""
    out = areas.copy()
    total_pop = out["population"].sum()
    out["kraj_rate"] = out["capacity"].sum() / total_pop * 10000 if total_pop else float("nan")
    out["target"] = target
    out["gap"] = (target * out["population"] / 10000 - out["capacity"]) if target is not None else float("nan")
    return out


def farther_than(distances: pd.DataFrame, km: float) -> tuple[float, pd.DataFrame]:
    """Population-weighted share of inhabitants farther than km from the nearest place, and the white
    spots (municipalities farther than km, largest population first). No place at all = infinitely far."""
    far = distances[distances["distance_km"].isna() | (distances["distance_km"] > km)]
    share = far["population"].sum() / distances["population"].sum() if len(distances) else float("nan")
    return share, far.sort_values(["population", "name"], ascending=[False, True])
