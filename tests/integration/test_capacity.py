"""Rates, gaps and distances computed by hand from the shipped data, against what the pages query."""

import pytest
from geopy.distance import geodesic

from dashboard.capacity import farther_than
from dashboard.db import Database
from dashboard.scenario import TODAY
from etl.build import connect

POP = {"5101": 76704, "5102": 24510, "5103": 56660, "5105": 145386}  # ORP populations, ČSÚ 1. 1. 2021
KRAJ = 442476


@pytest.fixture(scope="module")
def q(built_db):
    return Database(built_db).query


def by_code(frame):
    return frame.set_index("code")


def test_shelter_beds_per_orp_are_the_registered_beds_over_population(q):
    areas = by_code(q("capacity_by_area", **TODAY, level="orp", kinds=["57"], unit="luzka", target=None))
    assert areas.loc["5101", "capacity"] == 25 + 66  # AD Česká Lípa + AD Jonáš (both places in Česká Lípa)
    assert areas.loc["5101", "state"] == "counted"
    assert areas.loc["5101", "rate"] == pytest.approx(91 / POP["5101"] * 10000)
    assert areas.loc["5103", "rate"] == pytest.approx(36 / POP["5103"] * 10000)
    assert len(areas) == 10


def test_liberec_shelters_without_a_stated_capacity_are_unknown_not_zero(q):
    """Návrat's two shelters and Charita Liberec's service in two houses state no beds: Liberec is "neuvedeno",
    never 0,00."""
    liberec = by_code(q("capacity_by_area", **TODAY, level="orp", kinds=["57"], unit="luzka", target=3.0)).loc["5105"]
    assert liberec["state"] == "unknown" and liberec["services_unknown"] == 3
    assert liberec["capacity"] != liberec["capacity"] and liberec["rate"] != liberec["rate"]  # NULL, not 0
    assert liberec["gap"] != liberec["gap"]  # "nelze určit"


def test_an_area_the_partial_extract_does_not_list_is_not_a_zero(q):
    frydlant = by_code(q("capacity_by_area", **TODAY, level="orp", kinds=["57"], unit="luzka", target=None)).loc["5102"]
    assert frydlant["services"] == 0 and frydlant["state"] == "unlisted"
    assert frydlant["capacity"] != frydlant["capacity"]


def test_gaps_against_a_target_and_the_kraj_average(q):
    areas = by_code(q("capacity_by_area", **TODAY, level="orp", kinds=["57"], unit="luzka", target=3.0))
    # Liberec's beds are unknown: the kraj's figure is a lower bound ("nejméně").
    assert areas["kraj_state"].iloc[0] == "partial"
    assert areas["kraj_rate"].iloc[0] == pytest.approx((91 + 36) / KRAJ * 10000)
    assert areas.loc["5101", "gap"] == pytest.approx(3.0 * POP["5101"] / 10000 - 91)  # negative: surplus
    assert areas.loc["5102", "gap"] != areas.loc["5102", "gap"]  # not listed in a partial extract: cannot tell
    assert q("capacity_by_area", **TODAY, level="orp", kinds=["57"], unit="luzka", target=None)["gap"].isna().all()


def test_municipalities_get_the_capacity_of_their_places(q):
    areas = by_code(q("capacity_by_area", **TODAY, level="obec", kinds=["57"], unit="luzka", target=None))
    assert areas.loc["561380", "capacity"] == 91
    assert areas.loc["561380", "rate"] == pytest.approx(91 / 37361 * 10000)
    assert len(areas) == 215


def test_a_field_service_counts_across_the_orps_of_its_places_by_population(built_db, q):
    con = connect(built_db, read_only=True)
    shares = con.execute("SELECT sum(share), min(rule) FROM capacity_allocation WHERE service_id = '3596108'") \
        .fetchone()
    con.close()
    assert shares[0] == pytest.approx(1.0)
    assert "terénní" in shares[1]
    areas = by_code(q("capacity_by_area", **TODAY, level="obec", kinds=["43"], unit="klient", target=None))
    liberec = areas.loc["563889", "capacity"]
    assert liberec == pytest.approx(50 * 104261 / (POP["5105"] + POP["5103"] + POP["5101"]))


def test_the_distance_is_the_geodesic_to_the_nearest_place_of_the_kind(built_db, q):
    con = connect(built_db, read_only=True)
    frydlant = con.execute("SELECT lat, lon FROM municipality WHERE kod_obce = '564028'").fetchone()
    places = con.execute("""SELECT p.lat, p.lon FROM service_place p JOIN service s USING (service_id)
                            WHERE s.kind_code = '57' AND p.lat IS NOT NULL""").fetchall()
    con.close()
    expected = min(geodesic(frydlant, place).km for place in places)
    got = by_code(q("nearest_by_municipality", kinds=["57"])).loc["564028", "distance_km"]
    assert got == pytest.approx(expected, abs=0.001)


def test_the_share_farther_than_n_km_is_weighted_by_population(q):
    distances = q("nearest_by_municipality", kinds=["57"])
    share, white = farther_than(distances, 20)
    far = distances[distances["distance_km"] > 20]
    assert share == pytest.approx(far["population"].sum() / KRAJ)
    assert list(white["population"]) == sorted(white["population"], reverse=True)
    assert farther_than(distances, 1000)[0] == 0
