"""The registry as MPSV publishes it: the shipped extract, scope by region, and broken files of every kind."""

import datetime as dt
import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from etl.build import build, status
from etl.errors import BuildError
from etl.fetch import fetch_registry
from etl.geocode import geocode
from tests.conftest import rows

AS_SERVICE = {  # a service in Aš (Karlovarský kraj), in the published shape
    "portalId": None, "id": None, "identifikator": "7000001", "datumPoskytovaniOd": "2014-03-01",
    "datumPoskytovaniDo": None, "kontaktniAdresy": [], "druhSocialniSluzby": {"id": "DruhSocialniSluzby/13"},
    "zarizeni": [{"id": None, "portalId": None, "identifikator": None, "nazev": "Domov pro seniory Aš",
                  "poskytujeOd": None, "poskytujeDo": None, "utajenaAdresa": False,
                  "adresa": {"cisloDomovni": 2272, "cisloOrientacni": "54", "dodatekAdresy": None,
                             "kodAdresnihoMista": 11867906, "psc": "35201",
                             "typCislaDomovniho": {"id": "TypStavebnihoObjektu/1"},
                             "kraj": {"id": "Kraj/51"}, "okres": {"id": "Okres/3402"},
                             "obec": {"id": "Obec/554499"}, "castObce": {"id": "CastObce/405507"},
                             "mestskyObvodMestskaCast": None, "mestskyObvodVPraze": None,
                             "ulice": {"nazev": "Nemocniční"}}}],
    "poskytovatel": {"ico": "63504260", "nazev": "Poskytovatel v Aši", "weby": [], "emaily": [], "telefony": []},
    "emaily": [], "telefony": [], "faxy": [], "weby": [{"web": "http://example.invalid", "poznamka": None}],
    "ciloveSkupiny": [{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}}], "vekoveSkupiny": [],
    "doplnujiciInformaceVekoveSkupiny": None,
    "formy": [{"forma": {"id": "FormaSocialniSluzby/pob"}, "nepretrzitePoskytovani": True, "casoveRozsahy": None,
               "kapacity": [{"pocet": 32, "popis": "Maximální kapacita 32 lůžek s účinností od 01.09.2016.",
                             "typ": {"id": "TypKapacitySocialniSluzby/luzka"}}]}],
    "rozsirenePusobnostiVKraji": [], "doplnkoveUdaje": None,
}


def registry_file(data: Path) -> Path:
    return data / "registry" / "rpss.json"


def load(data: Path) -> dict:
    return json.loads(registry_file(data).read_text(encoding="utf-8"))


def save(data: Path, payload: dict) -> None:
    registry_file(data).write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")


def failure_of(data: Path, tmp_path: Path) -> str:
    """Build on broken data over a good database; the good one must stay byte for byte."""
    db = tmp_path / "socmap.duckdb"
    shutil.copy(tmp_path / "good.duckdb", db)
    before = db.read_bytes()
    with pytest.raises(BuildError) as failure:
        build(db, data)
    assert db.read_bytes() == before
    return str(failure.value)


@pytest.fixture
def good_db(tmp_path, data_copy):
    build(tmp_path / "good.duckdb", data_copy)
    return tmp_path / "good.duckdb"


# --- the shipped extract ---------------------------------------------------------------------

def test_the_shipped_extract_loads_with_every_kind_named(built_db):
    kinds = dict(rows(built_db, """SELECT k.name_cs, count(*) FROM service s JOIN service_kind k USING (kind_code)
                                   WHERE k.in_registry GROUP BY 1"""))
    assert kinds["Noclehárny"] == 2 and kinds["Azylové domy"] == 6 and kinds["Domovy pro seniory"] == 6
    assert rows(built_db, "SELECT count(*) FROM service_kind WHERE in_registry") == [(34,)]
    assert rows(built_db, "SELECT name_en, kind_group FROM service_kind WHERE kind_code = '57'") == \
        [("Shelters (asylum houses)", "prevence")]


def test_a_record_with_a_real_identifier_cites_its_page_and_is_not_illustrative(built_db):
    [(source, illustrative, link)] = rows(built_db, """
        SELECT s.source_id, src.is_illustrative, src.link FROM service s JOIN source src USING (source_id)
        WHERE s.identifikator = '9139875'""")
    assert not illustrative and link.startswith("https://www.dd-jablonec.cz/")
    assert rows(built_db, "SELECT ico FROM provider WHERE provider_id = '71220011'") == [("71220011",)]


def test_a_record_with_a_made_up_identifier_is_illustrative_and_says_which_field(built_db):
    [(illustrative, note)] = rows(built_db, """
        SELECT src.is_illustrative, s.note FROM service s JOIN source src USING (source_id)
        WHERE s.identifikator = '9900008'""")
    assert illustrative
    assert "Ilustrativní údaje: identifikátor" in note
    facts = rows(built_db, "SELECT fact_id FROM fact WHERE service_id = '9900008' ORDER BY 1")
    assert facts == [("F05",), ("F06",), ("F07",)]


def test_the_analysts_view_has_one_row_per_service_form_and_type(built_db):
    view = rows(built_db, """SELECT identifikator, druh_id, druh, forma, capacity_type, capacity, kod_obce, kod_orp,
                                    active FROM service_capacity WHERE identifikator = '9900021' ORDER BY forma""")
    assert view == [("9900021", 4, "Pečovatelská služba", "amb", "klient", 3, "563510", "5103", True),
                    ("9900021", 4, "Pečovatelská služba", "ter", "klient", 20, "563510", "5103", True)]


def test_places_without_an_address_point_sit_at_their_municipality_centre_and_say_so(built_db):
    precision = dict(rows(built_db, "SELECT geo_precision, count(*) FROM service_place GROUP BY 1"))
    assert set(precision) == {"municipality"}
    [(lat, lon, source)] = rows(built_db, "SELECT lat, lon, geo_source FROM service_place WHERE place_id = '1226991-1'")
    assert (lat, lon) == rows(built_db, "SELECT lat, lon FROM municipality WHERE kod_obce = '563889'")[0]
    assert source == "střed obce (ArcČR 500)"


# --- scope -------------------------------------------------------------------------------------

def test_the_region_of_a_service_comes_from_the_municipality_of_its_places(tmp_path, data_copy):
    payload = load(data_copy)
    payload["polozky"].append(AS_SERVICE)
    save(data_copy, payload)
    liberec = build(tmp_path / "lk.duckdb", data_copy)
    assert rows(tmp_path / "lk.duckdb", "SELECT count(*) FROM service WHERE identifikator = '7000001'") == [(0,)]
    karlovarsky = build(tmp_path / "kv.duckdb", data_copy, kraj="CZ041")
    assert karlovarsky["service"] == 1  # only the Aš home: the curated Liberec rows stay in Liberec
    assert rows(tmp_path / "kv.duckdb", "SELECT name FROM service WHERE identifikator = '7000001'") == \
        [("Domov pro seniory Aš",)]
    country = build(tmp_path / "all.duckdb", data_copy, kraj="all")
    assert country["service"] == liberec["service"] + 1


def test_a_field_service_counts_in_the_regions_of_its_declared_reach(tmp_path, data_copy):
    payload = load(data_copy)
    reaching = json.loads(json.dumps(AS_SERVICE))
    reaching["identifikator"] = "7000002"
    reaching["rozsirenePusobnostiVKraji"] = [{"kraj": {"id": "Kraj/78"}}]
    payload["polozky"].append(reaching)
    save(data_copy, payload)
    build(tmp_path / "lk.duckdb", data_copy)
    assert rows(tmp_path / "lk.duckdb", "SELECT reach_kraje FROM service WHERE identifikator = '7000002'") == \
        [(["78"],)]
    warnings = rows(tmp_path / "lk.duckdb", "SELECT reason_en FROM build_warning WHERE record LIKE '%7000002%'")
    assert ("place of provision outside CZ051",) in warnings


# --- broken files: refused, named, the database untouched ----------------------------------

def test_a_truncated_file_is_refused(tmp_path, data_copy, good_db):
    text = registry_file(data_copy).read_text(encoding="utf-8")
    registry_file(data_copy).write_text(text[: len(text) // 2], encoding="utf-8")
    message = failure_of(data_copy, tmp_path)
    assert re.search(r"registry/rpss.json, záznam/record \d+: soubor je useknutý: končí uprostřed záznamu / the file "
                     r"is truncated", message), message


def test_a_file_in_the_wrong_encoding_is_refused(tmp_path, data_copy, good_db):
    text = registry_file(data_copy).read_text(encoding="utf-8")
    registry_file(data_copy).write_bytes(text.encode("cp1250", errors="replace"))
    message = failure_of(data_copy, tmp_path)
    assert "soubor není v kódování UTF-8" in message and "the file is not UTF-8" in message


def test_a_missing_field_names_the_record_and_the_field(tmp_path, data_copy, good_db):
    payload = load(data_copy)
    del payload["polozky"][2]["druhSocialniSluzby"]
    save(data_copy, payload)
    message = failure_of(data_copy, tmp_path)
    assert ("registry/rpss.json, záznam/record 3 (identifikátor 4654168), sloupec/column druhSocialniSluzby: "
            "chybí povinné pole / a required field is missing") in message


def test_a_duplicate_identifier_is_refused(tmp_path, data_copy, good_db):
    payload = load(data_copy)
    payload["polozky"][5]["identifikator"] = payload["polozky"][4]["identifikator"]
    save(data_copy, payload)
    message = failure_of(data_copy, tmp_path)
    assert "záznam/record 6 (identifikátor 8208204)" in message
    assert "identifikátor se opakuje / duplicate identifier" in message


def test_an_unknown_municipality_code_is_refused(tmp_path, data_copy, good_db):
    payload = load(data_copy)
    payload["polozky"][1]["zarizeni"][0]["adresa"]["obec"] = {"id": "Obec/999999"}
    save(data_copy, payload)
    message = failure_of(data_copy, tmp_path)
    assert ("záznam/record 2 (identifikátor 9139875), sloupec/column zarizeni[0].adresa.obec ['999999']: "
            "neznámý kód obce / unknown municipality code") in message


def test_a_capacity_that_is_not_a_number_is_refused(tmp_path, data_copy, good_db):
    payload = load(data_copy)
    payload["polozky"][1]["formy"][0]["kapacity"][0]["pocet"] = "padesát devět"
    save(data_copy, payload)
    message = failure_of(data_copy, tmp_path)
    assert ("záznam/record 2 (identifikátor 9139875), sloupec/column formy[0].kapacity[0].pocet ['padesát devět']: "
            "kapacita není celé nezáporné číslo / capacity is not a whole non-negative number") in message


def test_a_file_that_is_not_json_at_all_is_refused(tmp_path, data_copy, good_db):
    registry_file(data_copy).write_text("identifikator;nazev\n1234567;Noclehárna\n", encoding="utf-8")
    assert "soubor není platný JSON" in failure_of(data_copy, tmp_path)


# --- valid but odd: loaded, with a warning ---------------------------------------------------

def test_odd_records_load_with_warnings_that_status_lists(tmp_path, data_copy):
    payload = load(data_copy)
    payload["polozky"][1]["formy"][0]["kapacity"][0]["pocet"] = 0
    payload["polozky"][3]["druhSocialniSluzby"] = {"id": "DruhSocialniSluzby/35"}
    save(data_copy, payload)
    db = tmp_path / "odd.duckdb"
    build(db, data_copy)
    warnings = {(w["record"], w["reason_en"]) for w in status(db)["warnings"]}
    assert ("2 (identifikátor 9139875)", "registered capacity is 0") in warnings
    assert ("4 (identifikátor 3596108)", "kind of service not in the code list: loaded as an unknown kind") \
        in warnings
    assert rows(db, "SELECT k.name_cs FROM service s JOIN service_kind k USING (kind_code) "
                    "WHERE s.identifikator = '3596108'") == [("neznámý druh (DruhSocialniSluzby/35)",)]
    assert rows(db, "SELECT capacity FROM registered_capacity WHERE service_id = '9139875'") == [(0,)]


# --- geocoding: a cache filled by an injected geocoder, used by the offline build ------------

class FakeLocation:
    def __init__(self, lat, lon, addresstype):
        self.latitude, self.longitude, self.address = lat, lon, "Kateřinská 156, Liberec"
        self.raw = {"addresstype": addresstype}


def test_the_build_uses_geocoded_points_and_records_their_precision(tmp_path, data_copy, built_db):
    asked = []

    def fake(query):
        asked.append(query)
        return FakeLocation(50.7612, 15.0401, "house") if query.startswith("Kateřinská 156") else None

    queries = ["Kateřinská 156, 460 14 Liberec, Česko", "Nezvalova 662/18, 460 15 Liberec, Česko"]
    cache = data_copy / "geocode" / "cache.duckdb"
    dry = geocode(queries, cache, fake, "nominatim.test", dry_run=True)
    assert dry.asked == 2 and asked == [] and not cache.exists()
    run = geocode(queries, cache, fake, "nominatim.test", today=dt.date(2026, 11, 25))
    assert (run.asked, run.found, run.not_found) == (2, 1, 1)
    again = geocode(queries, cache, fake, "nominatim.test")
    assert again.asked == 0 and again.skipped_cached == 2  # answers, found or not, are never asked twice
    db = tmp_path / "geo.duckdb"
    build(db, data_copy)
    assert rows(db, "SELECT lat, lon, geo_precision, geo_source FROM service_place WHERE place_id = '9900008-1'") == \
        [(50.7612, 15.0401, "address", "geocoder: © OpenStreetMap contributors (ODbL), Nominatim")]
    assert rows(db, "SELECT geo_precision FROM service_place WHERE place_id = '3596108-1'") == [("municipality",)]
    assert rows(db, "SELECT count(*) FROM geocode_cache") == [(2,)]


# --- fetch: the real file replaces the extract (served on loopback here) ------------------------

@pytest.fixture
def mpsv(tmp_path, data_copy):
    """A stand-in for data.mpsv.cz on loopback, serving the published layout."""
    root = tmp_path / "mpsv"
    (root / "rpss").mkdir(parents=True)
    (root / "ciselniky").mkdir()
    payload = load(data_copy)
    payload["polozky"] = [AS_SERVICE, *payload["polozky"][:3]]
    (root / "rpss" / "rpss.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    for item in (data_copy / "registry").glob("*.json"):
        if item.name != "rpss.json":
            shutil.copy(item, root / "ciselniky" / item.name)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_replaces_the_extract_and_every_record_then_cites_the_registry(tmp_path, data_copy, mpsv):
    _, url = mpsv
    meta = fetch_registry(data_copy, url, today=dt.date(2026, 11, 25))
    assert meta == {"url": f"{url}/rpss/rpss.json", "fetched_on": "2026-11-25"}
    assert not (data_copy / "registry" / "provenance.csv").exists()
    assert (data_copy / "registry" / "provenance.csv.extract").exists()
    assert not (data_copy / "registry" / "extract.json").exists()  # the fetched file is no partial extract
    assert (data_copy / "registry" / "extract.json.extract").exists()
    db = tmp_path / "real.duckdb"
    build(db, data_copy)
    assert rows(db, "SELECT count(*), count(*) FILTER (WHERE source_id = 'REG-RPSS') FROM service "
                    "WHERE identifikator IS NOT NULL") == [(3, 3)]
    assert rows(db, "SELECT date, is_illustrative FROM source WHERE source_id = 'REG-RPSS'") == \
        [(dt.date(2026, 11, 25), False)]


def test_a_failed_fetch_leaves_the_extract_untouched(data_copy, mpsv):
    root, url = mpsv
    (root / "ciselniky" / "kraje.json").unlink()
    before = registry_file(data_copy).read_bytes()
    with pytest.raises(BuildError, match="stažení selhalo"):
        fetch_registry(data_copy, url)
    assert registry_file(data_copy).read_bytes() == before
    assert (data_copy / "registry" / "provenance.csv").exists()
    assert [p.name for p in (data_copy / "registry").iterdir() if p.name.startswith(".fetch")] == []


def test_a_fetched_file_that_is_broken_is_not_swapped_in(data_copy, mpsv):
    root, url = mpsv
    text = (root / "rpss" / "rpss.json").read_text(encoding="utf-8")
    (root / "rpss" / "rpss.json").write_text(text[:200], encoding="utf-8")
    before = registry_file(data_copy).read_bytes()
    with pytest.raises(BuildError, match="useknutý"):
        fetch_registry(data_copy, url)
    assert registry_file(data_copy).read_bytes() == before


def test_an_impossible_date_is_a_problem_not_a_crash(tmp_path, data_copy, good_db):
    payload = load(data_copy)
    payload["polozky"][0]["datumPoskytovaniOd"] = "2020-02-30"
    save(data_copy, payload)
    message = failure_of(data_copy, tmp_path)
    assert "záznam/record 1 (identifikátor 6722018), sloupec/column datumPoskytovaniOd ['2020-02-30']: " \
           "neexistující datum / not a real calendar date" in message


def test_a_null_item_in_a_list_is_a_problem_not_a_crash(tmp_path, data_copy, good_db):
    payload = load(data_copy)
    payload["polozky"][1]["formy"] = [None]
    save(data_copy, payload)
    message = failure_of(data_copy, tmp_path)
    assert "záznam/record 2 (identifikátor 9139875), sloupec/column formy[0]: položka není objekt" in message
