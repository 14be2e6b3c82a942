"""The census of sourced services (data/facts/liberecky-kraj-census.csv) brought into the extract: every row is
there with its own page, capacities only as published, conflicts kept, identifiers never made up silently."""

import csv
import json
import re
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from dashboard.directory import METRICS
from tests.conftest import DATA, rows

CENSUS = DATA / "facts" / "liberecky-kraj-census.csv"
FACTS = DATA / "facts" / "liberecky-kraj-facts.csv"
EXTRACT = DATA / "registry" / "extract.csv"


def table(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def page(url: str) -> str:
    """One page, however it was written down: no scheme, no www., no trailing slash, no mobile switch."""
    parts = urlsplit(url)
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith("disablemobile"))
    return parts.hostname.removeprefix("www.") + parts.path.rstrip("/") + (f"?{query}" if query else "")


def test_every_census_row_is_in_the_extract_or_the_facts_file_with_its_own_page():
    census, facts, extract = table(CENSUS), table(FACTS), table(EXTRACT)
    assert len(census) == 52
    held = Counter(page(r["source_url"]) for r in facts) + \
        Counter(page(r["source"]) for r in extract if r["source"].startswith("http"))
    needed = Counter(page(r["zdroj_url"]) for r in census)
    missing = {url: (n, held[url]) for url, n in needed.items() if held[url] < n}
    assert missing == {}


def test_every_capacity_the_census_states_is_a_fact_with_its_unit_as_published():
    facts = {(page(r["source_url"]), r["value"], r["unit"]) for r in table(FACTS)}
    stated = [(page(r["zdroj_url"]), r["kapacita"], r["jednotka"]) for r in table(CENSUS) if r["kapacita"]]
    assert len(stated) == 21
    assert [s for s in stated if s not in facts] == []


def test_the_places_of_records_from_the_census_lie_in_the_municipalities_it_names():
    """kod_obce comes from the census' municipality name, only where that name is unique in the kraj."""
    kraj = [r for r in table(DATA / "reference" / "cr-obce.csv") if r["kod_kraj_nuts3"] == "CZ051"]
    code_of = defaultdict(set)
    for r in kraj:
        code_of[r["nazev"]].add(r["kod_obce"])
    named = defaultdict(set)
    for r in table(CENSUS):
        for name in filter(None, r["obec"].split(";")):
            named[page(r["zdroj_url"])].add(re.sub(r"\s*\(.*\)$", "", name.strip()))
    checked = 0
    for r in table(EXTRACT):
        if not r["source"].startswith("http") or not named.get(page(r["source"])):
            continue
        names = named[page(r["source"])]
        for spec in filter(None, r["places"].split("|")):
            kod = spec.split(";")[-1].strip()
            [name] = [n for n, codes in code_of.items() if kod in codes]
            assert name in names and len(code_of[name]) == 1, (r["identifikator"], name)
            checked += 1
    assert checked == 21


def test_identifiers_a_source_states_are_real_and_the_others_are_flagged():
    extract = {r["identifikator"]: r for r in table(EXTRACT)}
    stated = {r["identifikator"] for r in table(CENSUS) if r["identifikator"]}
    assert stated == {"8208204", "3596108", "5563434"}
    assert all(extract[i]["illustrative_fields"] == "" for i in stated)
    made_up = {i for i, r in extract.items() if "identifikator" in r["illustrative_fields"].split("|")}
    assert made_up == {i for i in extract if i.startswith("99")}
    assert len(extract) == 62 and len(made_up) == 54


def test_the_extract_says_it_is_partial_and_how_many_services_it_holds():
    meta = json.loads((DATA / "registry" / "extract.json").read_text(encoding="utf-8"))
    assert list(meta) == ["complete", "services", "description_cs", "compiled_on"]
    polozky = json.loads((DATA / "registry" / "rpss.json").read_text(encoding="utf-8"))["polozky"]
    assert meta["complete"] is False and meta["compiled_on"] == "2026-12-01"
    assert meta["services"] == len(polozky) == len(table(EXTRACT)) == 62
    assert "socialnisluzbylk.cz" in meta["description_cs"] and "neúplný" in meta["description_cs"]


def test_debt_counselling_is_marked_only_where_the_census_names_it():
    marked = {r["identifikator"] for r in table(DATA / "registry" / "provenance.csv") if r["dluhove_poradenstvi"]}
    extract = {r["identifikator"]: r for r in table(EXTRACT)}
    assert {extract[i]["provider"] for i in marked} == {"Člověk v tísni, o.p.s."} and len(marked) == 2
    assert all("Dluhové poradenství" in extract[i]["note"] for i in marked)


def capacities(db, service_id):
    return rows(db, "SELECT form, capacity_type, capacity FROM registered_capacity WHERE service_id = ? "
                    "AND capacity IS NOT NULL ORDER BY ALL", [service_id])


def facts_of(db, service_id):
    return rows(db, "SELECT value, unit, as_of FROM fact WHERE service_id = ? AND value IS NOT NULL ORDER BY fact_id",
                [service_id])


def places(db, service_id):
    return rows(db, "SELECT name, kod_obce FROM service_place WHERE service_id = ? ORDER BY place_id", [service_id])


def test_the_vekova_shelter_has_no_registered_capacity_and_keeps_its_planned_beds_as_dated_facts(built_db):
    [(name, kod)] = places(built_db, "9900001")
    assert kod == "563889" and name == "Azylový dům pro ženy a rodiny s dětmi"
    assert rows(built_db, "SELECT address FROM service_place WHERE service_id = '9900001'")[0][0].startswith("Věkova")
    assert capacities(built_db, "9900001") == []  # planned in 2018, not registered: unknown
    assert facts_of(built_db, "9900001") == [(32, "lůžka", "2018-09-07"), (10, "lůžka", "2018-09-07"),
                                             (3, "bytové jednotky", "2018-09-07")]


def test_charita_liberec_houses_for_mothers_are_one_service_whose_rooms_are_facts_not_beds(built_db):
    assert places(built_db, "9900013") == [("Domov sv. Moniky", "563889"), ("Domov sv. Anny", "544477")]
    assert capacities(built_db, "9900013") == []
    assert facts_of(built_db, "9900013") == [(7, "pokoje", None), (6, "pokoje", None)]
    assert rows(built_db, "SELECT count(*) FROM service WHERE service_id = '9900014'") == [(0,)]


def test_ad_jonas_has_both_places_and_the_beds_each_page_states(built_db):
    assert places(built_db, "9900003") == [("Azylový dům Jonáš – Česká Lípa", "561380"),
                                           ("Azylový dům Jonáš – Dobranov", "561380")]
    assert capacities(built_db, "9900003") == [("pob", "luzka", 66)]
    assert facts_of(built_db, "9900003") == [(40, "lůžka", None), (26, "lůžka", None), (40, "lůžka", "2022-09-29"),
                                             (11, "byty", "2022-09-29")]


def test_clovek_v_tisni_debt_counselling_is_in_the_database_with_unknown_capacity(built_db):
    services = rows(built_db, """SELECT s.service_id, s.kind_code, s.note FROM service s
                                 JOIN provider p USING (provider_id) WHERE p.name = 'Člověk v tísni, o.p.s.'
                                 ORDER BY 1""")
    assert [(i, k) for i, k, _ in services] == [("9900042", "37"), ("9900043", "37")]
    assert all(note.startswith("Dluhové poradenství") for _, _, note in services)
    towns = {kod for i, _, _ in services for _, kod in places(built_db, i)}
    assert towns == {"563889", "564095", "564265", "564028", "562017", "561380"}
    assert all(capacities(built_db, i) == [] for i, _, _ in services)


def test_a_conflict_is_kept_the_record_carries_the_newest_dated_figure(built_db):
    assert capacities(built_db, "9900053") == [("pob", "luzka", 76)]  # Domov Pohoda, Turnov, 29. 6. 2020
    assert facts_of(built_db, "9900053") == [(76, "lůžka", "2017-01-31"), (72, "lůžka", "2019-11-27"),
                                             (76, "lůžka", "2020-06-29")]
    assert "72 lůžek" in rows(built_db, "SELECT note FROM service WHERE service_id = '9900053'")[0][0]


def test_nothing_the_census_compiler_wrote_in_english_reaches_a_note(built_db):
    notes = " ".join(n for (n,) in rows(built_db, "SELECT note FROM service WHERE note IS NOT NULL"))
    for english in ("debt advice", "keep both", "Civil society", "provide", "the same"):
        assert english not in notes


def test_every_fact_a_service_page_lists_names_its_metric_in_czech(built_db):
    shown = {m for (m,) in rows(built_db, "SELECT DISTINCT metric FROM fact WHERE service_id IS NOT NULL")}
    assert {"planned_family_units", "service_listed", "registration_stated"} <= shown
    assert sorted(shown - set(METRICS)) == []

