"""The vectorised geodesic of the build (pyproj) against geopy's geodesic, and the nearest place it picks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from geopy.distance import geodesic

from common.distance import geodesic_km
from etl.coverage import nearest_places


def sample_points(n: int, seed: int = 10) -> np.ndarray:
    """Pairs of points over Czechia and its neighbours, plus a few long and degenerate ones."""
    rng = np.random.default_rng(seed)
    pairs = np.column_stack([rng.uniform(48.5, 51.1, n), rng.uniform(12.0, 18.9, n),
                             rng.uniform(48.5, 51.1, n), rng.uniform(12.0, 18.9, n)])
    special = np.array([[50.77, 15.06, 50.77, 15.06],       # the same point
                        [50.77, 15.06, 50.770001, 15.06],   # ten centimetres
                        [50.08, 14.42, 40.71, -74.01],      # Prague - New York
                        [0.0, 0.0, 0.5, 179.7],             # nearly antipodal, Karney's hard case
                        [-33.87, 151.21, 51.51, -0.13]])    # Sydney - London
    return np.vstack([pairs, special])


def test_the_geodesic_equals_geopys_to_within_a_metre():
    pairs = sample_points(2000)
    ours = geodesic_km(pairs[:, 0], pairs[:, 1], pairs[:, 2], pairs[:, 3])
    theirs = np.array([geodesic((a, b), (c, d)).km for a, b, c, d in pairs])
    assert np.abs(ours - theirs).max() * 1000 < 1.0


def test_the_nearest_place_is_the_geodesic_nearest_of_all_places_of_the_kind():
    rng = np.random.default_rng(4)
    towns = pd.DataFrame({"kod_obce": [f"5{i:05d}" for i in range(100)], "lat": rng.uniform(49, 51, 100),
                          "lon": rng.uniform(12.5, 18.5, 100)})
    places = pd.DataFrame({"place_id": [f"P{i:04d}" for i in range(120)], "kind_code": ["63", "55"] * 60,
                           "lat": rng.uniform(49, 51, 120), "lon": rng.uniform(12.5, 18.5, 120)})
    places.loc[5, ["lat", "lon"]] = np.nan  # a place without a point is never the nearest
    got = nearest_places(towns, places).set_index(["kod_obce", "kind_code"])
    located = places.dropna(subset=["lat", "lon"])
    for town in towns.itertuples():
        for kind, group in located.groupby("kind_code"):
            distances = [(geodesic((town.lat, town.lon), (p.lat, p.lon)).km, p.place_id) for p in group.itertuples()]
            distance, place_id = min(distances)
            row = got.loc[(town.kod_obce, kind)]
            assert row["place_id"] == place_id
            assert abs(row["distance_km"] - distance) < 0.001


def test_places_at_one_point_give_the_lowest_place_id():
    towns = pd.DataFrame({"kod_obce": ["564028"], "lat": [50.7], "lon": [15.1]})
    places = pd.DataFrame({"place_id": ["B", "A", "C"], "kind_code": ["63"] * 3, "lat": [50.8, 50.8, 51.0],
                           "lon": [15.0, 15.0, 15.0]})
    row = nearest_places(towns, places).iloc[0]
    assert row["place_id"] == "A"


def test_of_many_places_at_one_point_the_nearest_is_the_lowest_id_and_a_farther_point_is_not_missed():
    """Five places share a municipality's centre (more than the preselected candidates): they are one point,
    named by the lowest place_id, and the true nearest place elsewhere still wins when it is closer."""
    town = pd.DataFrame({"kod_obce": ["1"], "lat": [50.0], "lon": [15.0]})
    crowd = pd.DataFrame({"place_id": [f"9-{i}" for i in range(5, 0, -1)], "kind_code": "57",
                          "lat": 50.10, "lon": 15.0})
    near = pd.DataFrame({"place_id": ["8-1"], "kind_code": "57", "lat": [50.05], "lon": [15.0]})
    got = nearest_places(town, crowd).iloc[0]
    assert got["place_id"] == "9-1"
    got = nearest_places(town, pd.concat([crowd, near], ignore_index=True)).iloc[0]
    assert got["place_id"] == "8-1" and got["distance_km"] == pytest.approx(5.56, abs=0.01)
