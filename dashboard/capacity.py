"""Distances as the Kapacity and Srovnání pages weigh them (pure, tested by hand); rates, the kraj average and
gaps are computed once, in dashboard/queries/capacity.sql over the derived view area_capacity."""

from __future__ import annotations

import pandas as pd


def farther_than(distances: pd.DataFrame, km: float) -> tuple[float, pd.DataFrame]:
    """Population-weighted share of inhabitants farther than km from the nearest place, and the white
    spots (municipalities farther than km, largest population first). No place at all = infinitely far."""
    far = distances[distances["distance_km"].isna() | (distances["distance_km"] > km)]
    share = far["population"].sum() / distances["population"].sum() if len(distances) else float("nan")
    return share, far.sort_values(["population", "name"], ascending=[False, True])
