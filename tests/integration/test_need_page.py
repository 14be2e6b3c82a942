"""Potřeba a síť on the real build: which ORPs have high need and a thin network of shelters, and why."""

import dash
import pytest

from common.settings import Settings
from dashboard import charts, inputs
from dashboard.app import create_app


@pytest.fixture(scope="module")
def app(app_db):
    return create_app(Settings(db_path=app_db))


def test_the_page_registers_in_the_navigation(app):
    assert "/potreba" in {page["path"] for page in dash.page_registry.values()}
    assert "Potřeba a síť" in str(app.layout())


def test_orp_frydlant_has_high_need_and_no_shelter_with_five_municipalities_far(app):
    built = charts.build("potreba-ridka-sit", {"druh": "57", "jednotka": "luzka", "km": "15", "prah": "12"})
    rows = built.table.set_index("ORP")
    assert rows.loc["Frýdlant", "Obcí s vysokou potřebou"] == 8
    assert rows.loc["Frýdlant", "Z toho dál než 15 km"] == 5831
    assert "Nové Město pod Smrkem" in rows.loc["Frýdlant", "Vzdálené obce"]
    assert rows.loc["Frýdlant", "Kapacita na 10 000"] == "v načtených datech žádná služba"  # a partial extract
    # Liberec's shelters have no registered capacity in the extract: unknown, never 0
    assert rows.loc["Liberec", "Kapacita na 10 000"] == "neuvedeno"
    assert "Jilemnice" not in rows.index  # no municipality with an index of 12 or more
    assert "dál než 15 km žije 5,6\u00a0% obyvatel obcí s vysokou potřebou" in built.filters
    assert "ORP s vysokou potřebou a řídkou sítí: Česká Lípa, Frýdlant, Tanvald, Nový Bor, Liberec." in built.summary


def test_unknown_capacity_is_not_a_point_at_zero(app):
    built = charts.build("potreba-bodovy", {"druh": "57", "jednotka": "luzka"})
    known, unknown = built.figure.data[0], built.figure.data[1]
    strip = dict(zip(unknown.customdata, unknown.y, strict=True))
    assert "Liberec" not in [c[0] for c in known.customdata] and strip["Liberec"] == "neuvedeno"
    # ORPs the partial extract lists no shelter in are not points at 0 either, and are said to be what they are
    assert strip["Frýdlant"] == "v načtených datech žádná služba" and "Frýdlant" not in [c[0] for c in known.customdata]
    assert built.table.set_index("Území").loc["Liberec"].iloc[-1] == "neuvedeno"


def test_the_map_names_places_and_keeps_the_school_note(app):
    built = charts.build("potreba-mapa", {"ukazatel": "school_leavers_count", "uroven": "obec"})
    names = built.figure.data[-1]
    assert names.mode == "markers+text" and {"Liberec", "Frýdlant", "Tanvald"} <= set(names.text)
    row = built.table.set_index("Obec").loc["Jindřichovice pod Smrkem"]
    assert row["Předčasné odchody ze ZŠ"] == "převzato z nejbližší obce se školou"
    assert "k 31. 12. 2023" in charts.build("potreba-mapa", {}).source


def test_people_in_distraint_per_place_of_debt_counselling(app):
    table = charts.build("potreba-dluhy", {}).table.set_index("ORP")
    assert table.loc["Frýdlant", "Osob v exekuci"] == 2425
    assert table.loc["Frýdlant", "Míst dluhového poradenství"] == 2
    assert table.loc["Frýdlant", "Osob v exekuci na místo"] == "1\u00a0213"  # 2 425 / 2 = 1 212,5, Czech format
    assert table.loc["Tanvald", "Osob v exekuci na místo"] == "žádné místo"


def test_the_profile_of_orp_frydlant_says_it_in_one_sentence(app):
    built = charts.build("potreba-profil", {"uzemi": "5102"})
    assert "ORP Frýdlant: index sociálního vyloučení 15,4 bodu" in built.summary
    assert "8 obcí s indexem od 12 bodů: Nové Město pod Smrkem (24)" in built.summary
    assert set(built.table["Obec"]) >= {"Nové Město pod Smrkem", "Bulovka"}


def test_a_bad_indicator_is_refused(app):
    with pytest.raises(inputs.InvalidInput, match="ukazatel"):
        charts.build("potreba-mapa", {"ukazatel": "neco"})


def test_debt_counselling_is_a_choice_on_kapacity(app):
    from dashboard.pages import capacity

    assert {"label": "Zaměření: dluhové poradenství", "value": "tema:dluhove-poradenstvi"} in \
        capacity.kind_options()
    distances = charts.build("kapacity-vzdalenost", {"druh": "tema:dluhove-poradenstvi", "km": "15"}).table
    assert distances.set_index("Obec").loc["Nové Město pod Smrkem", "Km k nejbližšímu"] == 0


def test_srovnani_shows_the_need_of_the_compared_orps(app):
    from dashboard.pages import compare

    text = str(compare.results("orp", ["5105", "5102"]))
    assert "srovnani-potreba" in text and "Potřeba v území" in text
    assert "15,4" in text and "2\\xa0425" in text  # ORP Frýdlant: weighted index, people in distraint (repr)


def test_a_service_page_shows_the_need_of_its_municipalities_and_orps_and_its_topic(app):
    from dashboard.pages import service

    page = str(service.layout(service_id="9900042"))
    assert "service-need" in page and "obec Nové Město pod Smrkem" in page and "ORP Frýdlant" in page
    assert "dluhové poradenství (podle: soupis služeb kraje, texty záznamu)" in page
    assert "service-need" in str(service.layout(service_id="SB-ZITAVSKA"))  # a municipal instrument too
