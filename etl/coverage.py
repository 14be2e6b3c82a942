"""Where the network's capacity counts, and how far each municipality is from each kind — computed
in the build, so that the pages only add up.

- Capacity of a residential or outpatient form counts in the municipalities of the service's places,
  in equal shares. Capacity of a field form (terénní) counts in every municipality of the service's
  reach — the kraje of `rozsirenePusobnostiVKraji`, else the ORPs of its places — shared by population.
- Distance: the geodesic distance on WGS-84 from each municipality's centre to the nearest place of each
  kind; places are preselected on the sphere (great-circle order, from one matrix product of unit vectors),
  then measured exactly with pyproj's `Geod.inv` (Karney's algorithm, the same as geopy's `geodesic`, but
  over whole arrays at once: the national build measures ~200 000 pairs, which took geopy ~20 s one by one).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pyproj import Geod

WGS84 = Geod(ellps="WGS84")
RULE_PLACE = "místo poskytování (rovným dílem mezi obce míst)"
RULE_REACH_KRAJ = "terénní forma: celá působnost v kraji, podle počtu obyvatel"
RULE_REACH_ORP = "terénní forma: ORP míst poskytování, podle počtu obyvatel"


def capacity_allocation(services: pd.DataFrame, capacities: pd.DataFrame, places: pd.DataFrame,
                        municipality: pd.DataFrame, kraj_ruian: dict[str, str]) -> pd.DataFrame:
    """Rows (service_id, form, capacity_type, kod_obce, share, rule); shares of one capacity sum to 1.

    municipality: kod_obce, kod_orp, kod_kraj, population (the built region); kraj_ruian: NUTS -> RÚIAN."""
    muni = municipality.set_index("kod_obce")
    ruian_to_nuts = {v: k for k, v in kraj_ruian.items()}
    by_orp = {orp: frame["population"] for orp, frame in muni.groupby("kod_orp")}
    by_kraj = {kraj: frame["population"] for kraj, frame in muni.groupby("kod_kraj")}
    orp_of = muni["kod_orp"]
    place_obce = places[places["kod_obce"].isin(muni.index)].groupby("service_id")["kod_obce"].agg(
        lambda s: sorted(set(s)))
    reach = services.set_index("service_id")["reach_kraje"]
    rows = []
    for cap in capacities.drop_duplicates(["service_id", "form", "capacity_type"]).itertuples():
        obce = place_obce.get(cap.service_id, [])
        if cap.form == "ter":
            kraje = {ruian_to_nuts.get(k) for k in (reach.get(cap.service_id) if cap.service_id in reach.index
                                                   else None) or []} - {None}
            if kraje:
                parts, rule = [by_kraj[k] for k in sorted(kraje) if k in by_kraj], RULE_REACH_KRAJ
            else:
                parts, rule = [by_orp[o] for o in sorted({orp_of[k] for k in obce})], RULE_REACH_ORP
            area = pd.concat(parts) if parts else pd.Series(dtype=float)
            total = area.sum()
            for kod, pop in area.items():
                if total:
                    rows.append((cap.service_id, cap.form, cap.capacity_type, kod, pop / total, rule))
        else:
            for kod in obce:
                rows.append((cap.service_id, cap.form, cap.capacity_type, kod, 1 / len(obce), RULE_PLACE))
    return pd.DataFrame(rows, columns=["service_id", "form", "capacity_type", "kod_obce", "share", "rule"])


def _unit_vectors(lat, lon) -> np.ndarray:
    """Points on the unit sphere (n × 3): a larger dot product is a shorter great-circle distance."""
    lat, lon = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def geodesic_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Geodesic distances on WGS-84 in km between arrays of points (equal to geopy's `geodesic` to < 1 mm)."""
    _, _, metres = WGS84.inv(np.asarray(lon1, dtype=float), np.asarray(lat1, dtype=float),
                             np.asarray(lon2, dtype=float), np.asarray(lat2, dtype=float))
    return np.asarray(metres) / 1000.0


def nearest_places(municipality: pd.DataFrame, places: pd.DataFrame, candidates: int = 3) -> pd.DataFrame:
    """Rows (kod_obce, kind_code, distance_km, place_id): the nearest place of each kind with a point.

    municipality: kod_obce, lat, lon; places: place_id, kind_code, lat, lon. Ties go to the lower place_id."""
    located = places.dropna(subset=["lat", "lon"])
    codes = municipality["kod_obce"].to_numpy()
    m_lat = municipality["lat"].to_numpy(dtype=float)
    m_lon = municipality["lon"].to_numpy(dtype=float)
    rows = np.arange(len(codes))
    towns = _unit_vectors(m_lat, m_lon)
    frames = []
    for kind, group in located.groupby("kind_code", sort=True):
        p_lat, p_lon = group["lat"].to_numpy(dtype=float), group["lon"].to_numpy(dtype=float)
        p_ids = group["place_id"].to_numpy()
        # Minus the cosine of the angle: the same order as the great-circle (haversine) distance, which is
        # within 0.5 % of the geodesic, so the nearest few on the sphere hold the geodesic nearest.
        rough = -(towns @ _unit_vectors(p_lat, p_lon).T)
        k = min(candidates, rough.shape[1])
        best = np.argpartition(rough, k - 1, axis=1)[:, :k]
        exact = geodesic_km(np.repeat(m_lat, k), np.repeat(m_lon, k), p_lat[best].ravel(),
                            p_lon[best].ravel()).reshape(best.shape)
        ids = p_ids[best]
        # The shortest distance; among equal ones (places at one point) the lowest place_id, as before.
        tied = exact == exact.min(axis=1)[:, None]
        pick = tied.argmax(axis=1)
        for i in np.flatnonzero(tied.sum(axis=1) > 1):
            pick[i] = min(np.flatnonzero(tied[i]), key=lambda j, i=i: ids[i, j])
        frames.append(pd.DataFrame({"kod_obce": codes, "kind_code": kind,
                                    "distance_km": np.round(exact[rows, pick], 3), "place_id": ids[rows, pick]}))
    if not frames:
        return pd.DataFrame(columns=["kod_obce", "kind_code", "distance_km", "place_id"])
    return pd.concat(frames, ignore_index=True)
