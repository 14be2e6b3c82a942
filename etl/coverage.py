"""Where the network's capacity counts, and how far each municipality is from each kind — computed
in the build, so that the pages only add up.

- Capacity of a residential or outpatient form counts in the municipalities of the service's places,
  in equal shares. Capacity of a field form (terénní) counts in every municipality of the service's
  reach — the kraje of `rozsirenePusobnostiVKraji`, else the ORPs of its places — shared by population.
- Distance: the geodesic distance (geopy) from each municipality's centre to the nearest place of each
  kind; places are preselected by the haversine distance, then measured exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from geopy.distance import geodesic

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


def _haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0088 * 2 * np.arcsin(np.sqrt(a))


def nearest_places(municipality: pd.DataFrame, places: pd.DataFrame, candidates: int = 3) -> pd.DataFrame:
    """Rows (kod_obce, kind_code, distance_km, place_id): the nearest place of each kind with a point.

    municipality: kod_obce, lat, lon; places: place_id, kind_code, lat, lon."""
    located = places.dropna(subset=["lat", "lon"])
    measure = geodesic().measure  # one geodesic object for all pairs (WGS-84, Karney's algorithm)
    rows = []
    codes = municipality["kod_obce"].to_numpy()
    m_lat = municipality["lat"].to_numpy(dtype=float)
    m_lon = municipality["lon"].to_numpy(dtype=float)
    for kind, group in located.groupby("kind_code", sort=True):
        p_lat, p_lon = group["lat"].to_numpy(dtype=float), group["lon"].to_numpy(dtype=float)
        p_ids = group["place_id"].to_numpy()
        rough = _haversine_km(m_lat[:, None], m_lon[:, None], p_lat[None, :], p_lon[None, :])
        k = min(candidates, rough.shape[1])
        best = np.argpartition(rough, k - 1, axis=1)[:, :k]
        shortest = rough[np.arange(len(codes))[:, None], best].min(axis=1)
        for i in range(len(codes)):
            origin = (m_lat[i], m_lon[i])
            # Haversine is within 0.5 % of the geodesic: measure exactly only the candidates that could win.
            exact = [(measure(origin, (p_lat[j], p_lon[j])), p_ids[j]) for j in best[i]
                     if rough[i, j] <= shortest[i] * 1.01 + 1e-9]
            distance, place_id = min(exact)
            rows.append((codes[i], kind, round(distance, 3), place_id))
    return pd.DataFrame(rows, columns=["kod_obce", "kind_code", "distance_km", "place_id"])
