"""High need and a thin network, computed by hand on a small kraj with Czech names."""

import pandas as pd

from dashboard.need import capacity_state, far_share, thin_municipalities, thin_orps

HIGH = pd.DataFrame([  # municipalities with an index of 12 or more
    {"code": "1", "name": "Nové Město pod Smrkem", "orp": "Frýdlant", "kod_orp": "5102", "population": 3704,
     "points": 24, "distance_km": 19.9},
    {"code": "2", "name": "Frýdlant", "orp": "Frýdlant", "kod_orp": "5102", "population": 7478, "points": 19,
     "distance_km": 12.7},
    {"code": "3", "name": "Liberec", "orp": "Liberec", "kod_orp": "5105", "population": 104261, "points": 13,
     "distance_km": 0.0},
    {"code": "4", "name": "Žďár", "orp": "Tanvald", "kod_orp": "5108", "population": 100, "points": 12,
     "distance_km": None},
])
CAPACITY = pd.DataFrame([  # capacity_by_area by ORP, with the state the database decided
    {"code": "5102", "name": "Frýdlant", "capacity": 0.0, "rate": 0.0, "services": 0, "services_unknown": 0,
     "state": "zero"},
    {"code": "5105", "name": "Liberec", "capacity": None, "rate": None, "services": 2, "services_unknown": 2,
     "state": "unknown"},
    {"code": "5108", "name": "Tanvald", "capacity": 10.0, "rate": 5.1, "services": 1, "services_unknown": 0,
     "state": "counted"},
])


def test_capacity_states_keep_unknown_apart_from_zero():
    assert capacity_state("unknown") == capacity_state("other_unit") == "neuvedeno"
    assert capacity_state("zero") == "žádná"  # only a complete registry says there is none
    assert capacity_state("unlisted") == "nenačtená"  # the partial extract lists none: not a zero
    assert capacity_state("partial") == "nejméně"
    assert capacity_state("counted") == "známá"


def test_an_orp_the_partial_extract_lists_nothing_in_is_not_said_to_have_no_place():
    unlisted = CAPACITY.assign(state=CAPACITY["state"].replace({"zero": "unlisted"}))
    rows = thin_orps(HIGH, unlisted, 15).set_index("name")
    assert rows.loc["Frýdlant", "reason"] == "1 z 2 obcí dál než 15 km; v načtených datech v ORP žádné místo"
    assert pd.isna(rows.loc["Frýdlant", "rate"])


def test_the_share_of_people_farther_counts_no_place_at_all_as_far():
    # 3 704 (19,9 km) + 100 (no place) of 115 543 live farther than 15 km
    assert abs(far_share(HIGH, 15) - 3804 / 115543) < 1e-12


def test_orps_with_high_need_and_a_thin_network_and_why():
    rows = thin_orps(HIGH, CAPACITY, 15).set_index("name")
    assert set(rows.index) == {"Frýdlant", "Tanvald", "Liberec"}
    assert rows.loc["Frýdlant", "far_population"] == 3704
    assert rows.loc["Frýdlant", "reason"] == "1 z 2 obcí dál než 15 km; v ORP žádné místo"
    assert rows.loc["Liberec", "reason"] == "kapacita neuvedena" and pd.isna(rows.loc["Liberec", "rate"])
    assert rows.loc["Tanvald", "reason"] == "1 z 1 obcí dál než 15 km"
    assert rows.index[0] == "Frýdlant"  # most inhabitants far first


def test_municipalities_far_or_in_an_orp_of_unknown_capacity():
    rows = thin_municipalities(HIGH, CAPACITY, 15).set_index("name")
    assert set(rows.index) == {"Nové Město pod Smrkem", "Liberec", "Žďár"}
    assert rows.loc["Nové Město pod Smrkem", "reason"] == "nejbližší místo 19,9 km"
    assert rows.loc["Liberec", "reason"] == "kapacita v ORP neuvedena"
    assert rows.loc["Žďár", "reason"] == "žádné místo"
