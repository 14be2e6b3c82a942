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

from common.distance import geodesic_km

RULE_PLACE = "místo poskytování (rovným dílem mezi obce míst)"
RULE_REACH_KRAJ = "terénní forma: celá působnost v kraji, podle počtu obyvatel"
RULE_REACH_ORP = "terénní forma: ORP míst poskytování, podle počtu obyvatel"


def _shares(rows: pd.DataFrame, keys: list[str], weight: pd.Series | None, rule: str) -> pd.DataFrame:
    """Each group's rows with its share: by weight (population), or equal when weight is None."""
    if weight is None:
        share = 1 / rows.groupby(keys)["kod_obce"].transform("size")
    else:
        total = weight.groupby([rows[k] for k in keys]).transform("sum")
        rows, share = rows[total > 0], (weight / total)[total > 0]
    return rows.assign(share=share.to_numpy() if len(rows) else [], rule=rule)[
        ["service_id", "form", "capacity_type", "kod_obce", "share", "rule"]]


def capacity_allocation(services: pd.DataFrame, capacities: pd.DataFrame, places: pd.DataFrame,
                        municipality: pd.DataFrame, kraj_ruian: dict[str, str]) -> pd.DataFrame:
    """Rows (service_id, form, capacity_type, kod_obce, share, rule); shares of one capacity sum to 1.

    municipality: kod_obce, kod_orp, kod_kraj, population (the built region); kraj_ruian: NUTS -> RÚIAN.
    Joins, not loops: the country's 20 000 capacities one by one took seconds."""
    keys = ["service_id", "form", "capacity_type"]
    muni = municipality[["kod_obce", "kod_orp", "kod_kraj", "population"]]
    caps = capacities.drop_duplicates(keys)[keys]
    place_obce = places.loc[places["kod_obce"].isin(muni["kod_obce"]), ["service_id", "kod_obce"]].drop_duplicates()
    # Residential and outpatient forms: the municipalities of the places, in equal shares.
    fixed = caps[caps["form"] != "ter"].merge(place_obce, on="service_id")
    parts = [_shares(fixed, keys, None, RULE_PLACE)]
    # Field forms: the kraje of the declared reach (those built), else the ORPs of the places, by population.
    field = caps[caps["form"] == "ter"]
    ruian_to_nuts = {v: k for k, v in kraj_ruian.items()}
    reach = services[["service_id", "reach_kraje"]].explode("reach_kraje").dropna()
    reach = reach.assign(kod_kraj=reach["reach_kraje"].map(ruian_to_nuts)).dropna(subset=["kod_kraj"])
    reach = reach[["service_id", "kod_kraj"]].drop_duplicates()
    by_kraj = field[field["service_id"].isin(reach["service_id"])].merge(reach, on="service_id").merge(
        muni[["kod_obce", "kod_kraj", "population"]], on="kod_kraj")
    parts.append(_shares(by_kraj, keys, by_kraj["population"].astype(float), RULE_REACH_KRAJ))
    orps = place_obce.merge(muni[["kod_obce", "kod_orp"]], on="kod_obce")[["service_id", "kod_orp"]].drop_duplicates()
    by_orp = field[~field["service_id"].isin(reach["service_id"])].merge(orps, on="service_id").merge(
        muni[["kod_obce", "kod_orp", "population"]], on="kod_orp")
    parts.append(_shares(by_orp, keys, by_orp["population"].astype(float), RULE_REACH_ORP))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame(columns=["service_id", "form", "capacity_type", "kod_obce", "share", "rule"])
    return out.sort_values(keys + ["kod_obce"], ignore_index=True)


def _unit_vectors(lat, lon) -> np.ndarray:
    """Points on the unit sphere (n × 3): a larger dot product is a shorter great-circle distance."""
    lat, lon = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


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
        # Places at one point (many are municipality centres) are one candidate: the lowest place_id, as
        # the tie rule below would pick; fewer columns make the preselection several times cheaper.
        group = group.sort_values("place_id").drop_duplicates(["lat", "lon"])
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
