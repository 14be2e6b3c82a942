"""National reference geography: municipalities with ORP, okres, kraj, population and boundaries.

Reads data/reference/cr-obce.csv (all 6 258 obce), cr-obce.geojson and cr-orp.geojson and keeps
the part of the chosen kraj (NUTS 3 code) or of the whole country. Joins are on codes only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from shapely.geometry import mapping, shape
from shapely.ops import unary_union
from shapely.validation import make_valid

from etl.errors import Problems
from etl.sources.table import read_table, text

OBCE_FILE = "reference/cr-obce.csv"
OBCE_GEOJSON = "reference/cr-obce.geojson"
ORP_GEOJSON = "reference/cr-orp.geojson"
POPULATION_DATE = "2021-01-01"

OBCE_MODEL = pa.DataFrameSchema(
    {
        "kod_obce": text(r"^\d{6}$", unique=True),
        "nazev": text(),
        "okres": text(),
        "kod_okres_lau1": text(r"^CZ0\d{2}[0-9A-C]$"),
        "kod_orp": text(r"^\d{4}$"),
        "orp": text(),
        "kraj": text(),
        "kod_kraj_nuts3": text(r"^CZ0\d{2}$"),
        "population": text(r"^\d+$"),
        "lat": text(r"^\d{2}\.\d+$"),
        "lon": text(r"^\d{2}\.\d+$"),
    }
)


@dataclass
class Geography:
    kraj: pd.DataFrame
    okres: pd.DataFrame
    orp: pd.DataFrame
    municipality: pd.DataFrame
    boundary: pd.DataFrame
    national: pd.DataFrame  # every municipality of the country: kod_obce, name, kod_kraj, lat, lon


def _features(path: Path, problems: Problems, label: str) -> list[dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        problems.add(label, f"GeoJSON nelze přečíst ({exc})", f"cannot read the GeoJSON ({exc})")
        return []


def _geometry(feature: dict):
    geom = shape(feature["geometry"])
    return geom if geom.is_valid else make_valid(geom)


def read(data_dir: Path, kraj: str, problems: Problems) -> Geography | None:
    """Read the reference files for `kraj` (a NUTS 3 code such as CZ051, or 'all')."""
    obce = read_table(data_dir / OBCE_FILE, OBCE_MODEL, problems, OBCE_FILE)
    if obce is None:
        return None
    known = sorted(obce["kod_kraj_nuts3"].unique())
    if kraj != "all" and kraj not in known:
        problems.add("--kraj", f"neznámý kraj {kraj}; známé: {', '.join(known)}",
                     f"unknown kraj {kraj}; known: {', '.join(known)}", value=kraj)
        return None
    national = pd.DataFrame({"kod_obce": obce["kod_obce"], "name": obce["nazev"], "kod_kraj": obce["kod_kraj_nuts3"],
                             "lat": obce["lat"].astype(float), "lon": obce["lon"].astype(float)})
    if kraj != "all":
        obce = obce[obce["kod_kraj_nuts3"] == kraj]
    obce = obce.sort_values("kod_obce").reset_index(drop=True)

    orp_features = [f for f in _features(data_dir / ORP_GEOJSON, problems, ORP_GEOJSON)
                    if kraj == "all" or f["properties"].get("kod_kraj_nuts3") == kraj]
    orp_props = {f["properties"]["kod_orp"]: f["properties"] for f in orp_features}
    wanted_obce = set(obce["kod_obce"])
    obec_features = [f for f in _features(data_dir / OBCE_GEOJSON, problems, OBCE_GEOJSON)
                     if f["properties"].get("kod_obce") in wanted_obce]
    if problems.items:
        return None

    kraj_frame = (obce[["kod_kraj_nuts3", "kraj"]].drop_duplicates()
                  .rename(columns={"kod_kraj_nuts3": "kod_kraj", "kraj": "name"}))
    ruian = {p["kod_kraj_nuts3"]: p["kod_kraj_ruian"] for p in orp_props.values()}
    kraj_frame["kod_ruian"] = kraj_frame["kod_kraj"].map(ruian)

    okres = (obce[["kod_okres_lau1", "okres", "kod_kraj_nuts3"]].drop_duplicates()
             .rename(columns={"kod_okres_lau1": "kod_okres", "okres": "name", "kod_kraj_nuts3": "kod_kraj"}))
    orp = (obce[["kod_orp", "orp", "kod_kraj_nuts3"]].drop_duplicates()
           .rename(columns={"orp": "name", "kod_kraj_nuts3": "kod_kraj"}))
    orp["kod_ruian_orp"] = orp["kod_orp"].map(lambda k: orp_props.get(k, {}).get("kod_ruian_orp"))
    orp["kod_obce_seat"] = orp["kod_orp"].map(lambda k: orp_props.get(k, {}).get("kod_obce_orp"))

    for frame, key in ((okres, "kod_okres"), (orp, "kod_orp")):
        dupes = frame[frame[key].duplicated(keep=False)]
        for code in sorted(dupes[key].unique()):
            problems.add(OBCE_FILE, "jeden kód s různými názvy nebo kraji",
                         "one code with different names or regions", column=key, value=code)

    municipality = pd.DataFrame({
        "kod_obce": obce["kod_obce"],
        "name": obce["nazev"],
        "kod_orp": obce["kod_orp"],
        "kod_okres": obce["kod_okres_lau1"],
        "kod_kraj": obce["kod_kraj_nuts3"],
        "population": obce["population"].astype("int64"),
        "population_year": int(POPULATION_DATE[:4]),
        "population_date": pd.Timestamp(POPULATION_DATE).date(),
        "lat": obce["lat"].astype(float),
        "lon": obce["lon"].astype(float),
    })

    boundaries = []
    names = dict(zip(obce["kod_obce"], obce["nazev"], strict=True))
    for f in obec_features:
        code = f["properties"]["kod_obce"]
        boundaries.append(("obec", code, names[code], _geometry(f), "REF-OBCE-HRANICE"))
    orp_names = dict(zip(orp["kod_orp"], orp["name"], strict=True))
    for code, f in ((f["properties"]["kod_orp"], f) for f in orp_features):
        if code in orp_names:
            boundaries.append(("orp", code, orp_names[code], _geometry(f), "REF-ORP-HRANICE"))
    orp_kraj = dict(zip(orp["kod_orp"], orp["kod_kraj"], strict=True))
    for code, name in zip(kraj_frame["kod_kraj"], kraj_frame["name"], strict=True):
        parts = [g for level, c, _, g, _ in boundaries if level == "orp" and orp_kraj[c] == code]
        if parts:
            boundaries.append(("kraj", code, name, unary_union(parts), "REF-ORP-HRANICE"))

    missing_obce = wanted_obce - {c for level, c, *_ in boundaries if level == "obec"}
    for code in sorted(missing_obce):
        problems.add(OBCE_GEOJSON, "obec nemá hranici", "municipality has no boundary", value=code)
    missing_orp = set(orp["kod_orp"]) - {c for level, c, *_ in boundaries if level == "orp"}
    for code in sorted(missing_orp):
        problems.add(ORP_GEOJSON, "ORP nemá hranici", "ORP has no boundary", value=code)

    boundary = pd.DataFrame(
        [(level, code, name, json.dumps(mapping(geom), separators=(",", ":")), src)
         for level, code, name, geom, src in boundaries],
        columns=["level", "code", "name", "geometry", "source_id"],
    ).sort_values(["level", "code"])
    return Geography(kraj_frame, okres, orp, municipality, boundary, national.set_index("kod_obce"))

