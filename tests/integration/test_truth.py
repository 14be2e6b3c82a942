"""What a figure is, from the source to the file: a kraj official fetches the complete registry (served on
loopback) with hand-made shelters — counted in Česká Lípa, unknown in Liberec, partly counted in Jablonec,
registered only in clients in Turnov, none elsewhere — and every screen and file says which is which."""

import copy
import csv
import datetime as dt
import functools
import http.server
import io
import json
import shutil
import threading

import openpyxl
import pytest

from dashboard.db import Database
from dashboard.scenario import TODAY
from etl.build import build
from etl.fetch import fetch_registry
from tests.integration.test_registry import AS_SERVICE, load

CESKA_LIPA, JABLONEC, LIBEREC, TURNOV, FRYDLANT = "5101", "5103", "5105", "5109", "5102"
PLACES = {CESKA_LIPA: "561380", JABLONEC: "563510", LIBEREC: "563889", TURNOV: "577626"}


def shelter(ident: str, obec: str, capacities: list[tuple[str, int | None]]) -> dict:
    record = copy.deepcopy(AS_SERVICE)
    record["identifikator"] = ident
    record["druhSocialniSluzby"] = {"id": "DruhSocialniSluzby/20"}  # § 57 azylové domy
    place = record["zarizeni"][0]
    place["nazev"] = f"Azylový dům {ident}"
    place["adresa"].update({"kraj": {"id": "Kraj/78"}, "okres": None, "obec": {"id": f"Obec/{obec}"},
                            "castObce": None, "kodAdresnihoMista": None, "psc": None})
    record["poskytovatel"] = {"ico": None, "nazev": f"Poskytovatel {ident}", "weby": [], "emaily": [], "telefony": []}
    record["formy"] = [{"forma": {"id": "FormaSocialniSluzby/pob"}, "nepretrzitePoskytovani": True,
                        "casoveRozsahy": None,
                        "kapacity": [{"pocet": n, "popis": None, "typ": {"id": f"TypKapacitySocialniSluzby/{t}"}}
                                     for t, n in capacities]}]
    return record


HAND_MADE = [
    shelter("8000001", PLACES[CESKA_LIPA], [("luzka", 20)]),      # counted
    shelter("8000002", PLACES[LIBEREC], [("luzka", None)]),       # unknown: nobody stated the beds
    shelter("8000003", PLACES[JABLONEC], [("luzka", 10)]),        # partial with the next one
    shelter("8000004", PLACES[JABLONEC], []),
    shelter("8000005", PLACES[TURNOV], [("klient", 12)]),         # only in another unit
]


@pytest.fixture(scope="module")
def complete_db(tmp_path_factory):
    """The shipped data with the registry replaced by a complete fetched file of five hand-made shelters."""
    from tests.conftest import DATA
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.duckdb*"))
    root = tmp_path_factory.mktemp("mpsv")
    (root / "rpss").mkdir()
    (root / "ciselniky").mkdir()
    payload = load(data)
    payload["polozky"] = HAND_MADE
    (root / "rpss" / "rpss.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    for item in (data / "registry").glob("*.json"):
        if item.name not in ("rpss.json", "fetched.json", "extract.json"):
            shutil.copy(item, root / "ciselniky" / item.name)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        fetch_registry(data, f"http://127.0.0.1:{server.server_address[1]}", today=dt.date(2026, 11, 30))
    finally:
        server.shutdown()
    db = data / "socmap.duckdb"
    build(db, data)
    return db


def shelters(db, level="orp", target=3.0):
    return Database(db).query("capacity_by_area", **TODAY, level=level, kinds=["57"], unit="luzka",
                              target=target).set_index("code")


def test_each_area_has_the_state_of_what_is_known(complete_db):
    areas = shelters(complete_db)
    assert areas.loc[CESKA_LIPA, ["state", "capacity"]].tolist() == ["counted", 20]
    assert areas.loc[JABLONEC, ["state", "capacity", "services_unknown"]].tolist() == ["partial", 10, 1]
    assert areas.loc[LIBEREC, "state"] == "unknown" and areas.loc[LIBEREC, "capacity"] != areas.loc[LIBEREC, "capacity"]
    assert areas.loc[TURNOV, "state"] == "other_unit" and areas.loc[TURNOV, "other_units"] == "klient:12.0"
    # The registry is the complete fetched file: an ORP without a shelter has none — a real zero.
    assert areas.loc[FRYDLANT, ["state", "capacity", "rate"]].tolist() == ["zero", 0, 0]
    assert areas["kraj_state"].iloc[0] == "partial"


def test_gaps_are_exact_at_most_or_cannot_be_told(complete_db):
    areas = shelters(complete_db)
    assert areas.loc[FRYDLANT, "gap"] == pytest.approx(3.0 * areas.loc[FRYDLANT, "population"] / 10000)
    assert areas.loc[JABLONEC, "gap"] == pytest.approx(3.0 * areas.loc[JABLONEC, "population"] / 10000 - 10)
    assert areas.loc[LIBEREC, "gap"] != areas.loc[LIBEREC, "gap"]  # "nelze určit"
    assert areas.loc[TURNOV, "gap"] != areas.loc[TURNOV, "gap"]


def test_after_fetching_the_registry_the_banner_still_names_what_remains_illustrative(complete_db):
    inputs = list(Database(complete_db).query("illustrative_inputs")["document"])
    # The assumed norms remain (the illustrative occupancy named the extract's services, now skipped).
    assert any("normy" in d and "předpoklady" in d for d in inputs)
    assert not any("Výtah registru" in d for d in inputs)
    state = Database(complete_db).query("registry_state").iloc[0]
    assert bool(state["complete"]) and state["date"].date() == dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def client(complete_db, tmp_path_factory):
    from common.settings import Settings
    from dashboard.app import create_app
    path = tmp_path_factory.mktemp("app") / "socmap.duckdb"
    shutil.copy(complete_db, path)
    return create_app(Settings(db_path=path)).server.test_client()


RANKING = "/export/graf/kapacity-poradi.{fmt}?druh=57&jednotka=luzka&uroven=orp&cil=3"


def test_the_csv_keeps_unknown_cells_empty_and_says_why(client):
    r = client.get(RANKING.format(fmt="csv"))
    assert r.status_code == 200
    table = {row["ORP"]: row for row in csv.DictReader(io.StringIO(r.data.decode("utf-8-sig")), delimiter=";")}
    assert table["Liberec"]["Kapacita (lůžka)"] == "" and table["Liberec"]["Stav údaje"].startswith("neuvedeno")
    assert table["Frýdlant"]["Kapacita (lůžka)"] == "0,0" and table["Frýdlant"]["Stav údaje"].startswith("0 – žádná")
    assert table["Jablonec nad Nisou"]["Kapacita (lůžka)"] == "10,0"
    assert table["Jablonec nad Nisou"]["Stav údaje"].startswith("částečně: nejméně")
    assert table["Turnov"]["Stav údaje"] == "kapacita v jiné jednotce"
    assert "předpoklad socmap" in table["Liberec"]["Výběr"]  # the assumed target travels with the numbers


def test_the_xlsx_has_empty_unknown_cells_and_a_description(client):
    r = client.get(RANKING.format(fmt="xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(r.data), read_only=True)
    rows = list(book["Data"].iter_rows(values_only=True))
    header, body = rows[0], {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert "Stav údaje" in header
    assert body["Liberec"]["Kapacita (lůžka)"] is None and body["Liberec"]["Na 10 000"] is None
    assert body["Česká Lípa"]["Kapacita (lůžka)"] == 20
    about = dict(book["Popis"].iter_rows(min_row=2, values_only=True))
    assert "předpoklad socmap, ne schválená norma" in about["Výběr"]


def test_the_svg_ranking_writes_no_zero_for_what_nobody_counted(client):
    r = client.get(RANKING.format(fmt="svg"))
    if r.status_code == 503:
        pytest.skip("Chromium for exports is not installed")
    text = r.data.decode("utf-8")
    assert "neuvedeno" in text and "nejméně 1,76" in text and "kapacita v jiné jednotce (12 klientů)" in text
    assert "předpoklad" in text
