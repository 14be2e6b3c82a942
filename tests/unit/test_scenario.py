"""A planner's proposals as a scenario: the link that carries them, the distances they change, and where one
new place would reach most people — on hand-made geography where the answers are known."""

import numpy as np
import pandas as pd
import pytest

from dashboard.scenario import InvalidScenario, Plan, encode, parse, placement_gains, with_plans


def test_a_scenario_travels_as_a_link_and_back():
    plans = [Plan("63", "577197", 10, "luzka"), Plan("57", "563889", None, "luzka")]
    assert encode(plans) == "63:577197:10:luzka;57:563889::luzka"
    assert parse(encode(plans)) == plans
    assert parse("") == [] and parse(None) == []


@pytest.mark.parametrize("text", ["63:5771:10:luzka", "63:577197:-1:luzka", "x" * 50, "63:577197:10:luzka;" * 7,
                                  "63;577197;10;luzka", "63:577197:1e3:luzka"])
def test_a_broken_scenario_is_refused_in_czech_and_english(text):
    with pytest.raises(InvalidScenario, match=" / "):
        parse(text)


def line_of_towns(distances_km: list[float | None], populations: list[int]) -> pd.DataFrame:
    """Towns on one meridian, 0.1° of latitude (≈ 11.1 km) apart, with today's distance to the nearest place."""
    n = len(populations)
    return pd.DataFrame({"code": [f"{i:06d}" for i in range(n)], "name": [f"Obec {i}" for i in range(n)],
                         "orp": "Test", "population": populations, "lat": [50.0 + 0.1 * i for i in range(n)],
                         "lon": [15.0] * n, "distance_km": [np.nan if d is None else d for d in distances_km]})


def test_a_planned_place_is_at_its_municipality_and_only_ever_brings_places_nearer():
    towns = line_of_towns([0.0, 11.1, 22.2, None], [1000, 100, 100, 100])
    scenario = with_plans(towns, ["000003"])
    assert list(scenario["distance_km"].round(0)) == [0.0, 11.0, 11.0, 0.0]  # the planned town itself: 0 km
    assert list(with_plans(towns, [])["distance_km"].fillna(-1)) == list(towns["distance_km"].fillna(-1))


def test_where_one_new_place_reaches_most_people_far_from_any_place():
    # Towns 3–5 have no place within 15 km; a place in town 4 reaches all three (11 km each way), in 3 or 5 two.
    towns = line_of_towns([0.0, 11.1, 22.2, 33.3, 44.4, 55.5], [5000, 100, 100, 300, 200, 400])
    ranked = placement_gains(towns, 15)
    assert ranked.iloc[0]["code"] == "000004" and ranked.iloc[0]["gain"] == 300 + 200 + 400
    assert ranked.iloc[0]["towns"] == 3
    assert set(ranked["code"]) >= {"000003", "000005"}
    assert placement_gains(towns, 100).empty  # everyone is within 100 km already


@pytest.mark.parametrize("km", [3, 10, 25])
def test_the_gains_of_a_country_are_those_of_every_pair_measured(km):
    """The gains look only at pairs of towns whose ±km boxes overlap: on 600 scattered towns (from the Šumava to
    the Beskydy, up to 51° N) every candidate gains what measuring all 360 000 pairs gives."""
    from common.distance import geodesic_km

    rng = np.random.default_rng(18)
    n = 600
    towns = pd.DataFrame({"code": [f"{i:06d}" for i in range(n)], "name": [f"Obec {i}" for i in range(n)],
                          "orp": "Test", "population": rng.integers(50, 5000, n),
                          "lat": rng.uniform(48.6, 51.05, n), "lon": rng.uniform(12.1, 18.85, n),
                          "distance_km": np.where(rng.random(n) < 0.1, np.nan, rng.uniform(0, 40, n))})
    far = towns[towns["distance_km"].isna() | (towns["distance_km"] > km)]
    every = [(float(far["population"][geodesic_km(far["lat"], far["lon"], np.full(len(far), lat),
                                                   np.full(len(far), lon)) <= km].sum()))
             for lat, lon in zip(towns["lat"], towns["lon"], strict=True)]
    expected = towns.assign(gain=every)
    expected = expected[expected["gain"] > 0].sort_values(["gain", "name"], ascending=[False, True])
    ranked = placement_gains(towns, km, top=n)
    assert list(ranked["code"]) == list(expected["code"]) and list(ranked["gain"]) == list(expected["gain"])
