"""Benchmark of the registry import at national scale, on a SYNTHETIC registry in the published format.

    .venv/bin/python -m bench.registry [--services 6733] [--places 18907] [--runs 3] [--keep DIR]

The real `rpss.json` (September 2026) held 6 733 services at 18 907 places in 99 MB of JSON. This
generates at least that much — same keys and shapes, made-up values, every provider named
"SYNTETICKÝ" — into a temporary data folder (never into data/, never shipped), with the real
reference files beside it, and times `socmap build --kraj all` on it in a child process, beside the floor:
reading the registry alone (etl/sources/registry.py over rpss.json). Goal on this 2-core machine: the build
within 10 s; the load average is printed with the result.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TARGET_BYTES = 99_000_000
CAPACITY_BY_FORM = {"pob": "luzka", "amb": "klient", "ter": "klient"}
STREETS = ["Nádražní", "Husova", "Masarykova", "Palackého", "Školní", "Zahradní", "Komenského", "Sokolská"]
ATTACHMENTS = ["personalniZajisteni", "realizacePoskytovani", "kontrolyPlneniRegistracnichPodminek",
               "planyFinancnihoZajisteni", "dotaceZeStatnihoRozpoctu", "evidovaneInspekce"]


def municipalities() -> list[dict]:
    with (DATA / "reference" / "cr-obce.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def kraj_ruian() -> dict[str, str]:
    items = json.loads((DATA / "registry" / "kraje.json").read_text(encoding="utf-8"))["polozky"]
    return {i["kodNuts3"]: i["kod"] for i in items}


def kinds() -> list[str]:
    items = json.loads((DATA / "registry" / "druhy-socialni-sluzby.json").read_text(encoding="utf-8"))["polozky"]
    return [i["id"] for i in items]


def service(rng: random.Random, ident: int, n_places: int, towns: list[dict], kraje: dict, druhy: list[str],
            padding: int) -> dict:
    forms = rng.sample(["pob", "amb", "ter"], rng.choice([1, 1, 2]))
    places = []
    for _ in range(n_places):
        town = rng.choice(towns)
        places.append({
            "id": None, "portalId": None, "identifikator": None,
            "nazev": f"Zařízení {ident}-{len(places) + 1} ({town['nazev']})",
            "poskytujeOd": "2015-01-01", "poskytujeDo": None, "utajenaAdresa": False,
            "adresa": {"cisloDomovni": rng.randint(1, 3000), "cisloOrientacni": str(rng.randint(1, 60)),
                       "dodatekAdresy": None, "kodAdresnihoMista": rng.randint(10_000_000, 99_999_999),
                       "psc": f"{rng.randint(10000, 79999)}", "typCislaDomovniho": {"id": "TypStavebnihoObjektu/1"},
                       "kraj": {"id": f"Kraj/{kraje[town['kod_kraj_nuts3']]}"}, "okres": None,
                       "obec": {"id": f"Obec/{town['kod_obce']}"}, "castObce": None,
                       "mestskyObvodMestskaCast": None, "mestskyObvodVPraze": None,
                       "ulice": {"nazev": rng.choice(STREETS)}},
        })
    return {
        "portalId": ident, "id": None, "identifikator": str(ident),
        "datumPoskytovaniOd": f"20{rng.randint(7, 25):02d}-01-01", "datumPoskytovaniDo": None,
        "kontaktniAdresy": [], "druhSocialniSluzby": {"id": rng.choice(druhy)}, "zarizeni": places,
        "poskytovatel": {"ico": f"{rng.randint(10_000_000, 99_999_999)}", "nazev": f"SYNTETICKÝ poskytovatel {ident}",
                         "weby": [{"web": "http://example.invalid", "poznamka": None}], "emaily": [], "telefony": []},
        "emaily": [], "telefony": [{"telefon": "000000000", "poznamka": None}], "faxy": [], "weby": [],
        "ciloveSkupiny": [{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}}], "vekoveSkupiny": [],
        "doplnujiciInformaceVekoveSkupiny": None,
        "formy": [{"forma": {"id": f"FormaSocialniSluzby/{f}"}, "nepretrzitePoskytovani": f == "pob",
                   "casoveRozsahy": None,
                   "kapacity": [{"pocet": rng.randint(1, 120),
                                 "popis": "Syntetická kapacita pro měření výkonu. " + "x" * 40,
                                 "typ": {"id": f"TypKapacitySocialniSluzby/{CAPACITY_BY_FORM[f]}"}}]}
                  for f in forms],
        "rozsirenePusobnostiVKraji": [],
        # Real records carry long lists of attachments (priloha.url to MPSV documents): they make the file big.
        "doplnkoveUdaje": {key: [{"priloha": {"url": f"https://example.invalid/{ident}/{key}/{i}",
                                              "nazev": "p" * padding}} for i in range(2)] for key in ATTACHMENTS},
    }


def generate(folder: Path, n_services: int, n_places: int, seed: int = 2026) -> dict:
    """Write a data folder with the real reference and curated sources and a synthetic registry.

    Returns counts, the file's size and `residential`: (identifier, beds) of every service with a
    residential form (pobytová), for the occupancy that bench/generate.py adds."""
    rng = random.Random(seed)
    towns, kraje, druhy = municipalities(), kraj_ruian(), kinds()
    for name in ("reference", "facts", "sources", "need"):  # the index of social exclusion covers the country
        shutil.copytree(DATA / name, folder / name)
    registry = folder / "registry"
    registry.mkdir()
    for item in (DATA / "registry").glob("*.json"):
        if item.name != "rpss.json":
            shutil.copy(item, registry / item.name)
    (folder / "README.txt").write_text("SYNTHETIC benchmark data made by bench/registry.py; never ship.\n")
    extra = n_places - n_services
    per_service = [1] * n_services
    for i in rng.sample(range(n_services * 4), extra):
        per_service[i % n_services] += 1
    idents = rng.sample(range(1_000_000, 9_999_999), n_services)
    # Pad attachments so the file reaches the real file's size.
    probe = len(json.dumps(service(rng, 1, 3, towns, kraje, druhy, 0), ensure_ascii=False).encode())
    padding = max(0, (TARGET_BYTES // n_services - probe) // (len(ATTACHMENTS) * 2)) + 1
    path = registry / "rpss.json"
    residential = []
    with path.open("w", encoding="utf-8") as out:
        out.write('{"polozky": [\n')
        for i, (ident, n) in enumerate(zip(idents, per_service, strict=True)):
            if i:
                out.write(",\n")
            record = service(rng, ident, n, towns, kraje, druhy, padding)
            residential += [(record["identifikator"], c["pocet"]) for f in record["formy"]
                            if f["forma"]["id"].endswith("/pob") for c in f["kapacity"]]
            out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n]}\n")
    # The planners' occupancy files name services of the shipped extract, absent here.
    shutil.copytree(DATA / "planner", folder / "planner")
    for occupancy in (folder / "planner").glob("obsazenost*"):
        occupancy.unlink()
    return {"services": n_services, "places": sum(per_service), "bytes": path.stat().st_size,
            "residential": residential}


FLOOR = """
import json, sys, time
from pathlib import Path
from etl.errors import Problems
from etl.sources import reference, registry
data, problems = Path(sys.argv[1]), Problems()
geo = reference.read(data, "all", problems)
t = time.perf_counter()
registry.read(data, "all", geo.national, problems, Problems())
print(json.dumps({"seconds": time.perf_counter() - t}))
"""

CHILD = """
import json, resource, sys, time
from etl.build import build
t = time.perf_counter()
counts = build(sys.argv[1], sys.argv[2], kraj="all")
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": time.perf_counter() - t, "rss_mb": rss_mb,
                  "services": counts["service"], "places": counts["service_place"]}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=6733)
    parser.add_argument("--places", type=int, default=18907)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="socmap-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        made = generate(folder / "data", args.services, args.places)
        print(f"generated {made['services']} services, {made['places']} places, "
              f"{made['bytes'] / 1e6:.1f} MB of rpss.json in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        runs = []
        for i in range(args.runs):
            out = subprocess.run([sys.executable, "-c", CHILD, str(folder / f"b{i}.duckdb"), str(folder / "data")],
                                 check=True, capture_output=True, text=True, cwd=ROOT)
            runs.append(json.loads(out.stdout))
            (folder / f"b{i}.duckdb").unlink()
        seconds = [r["seconds"] for r in runs]
        floor = json.loads(subprocess.run([sys.executable, "-c", FLOOR, str(folder / "data")], check=True,
                                          capture_output=True, text=True, cwd=ROOT).stdout)["seconds"]
        load = " ".join(open("/proc/loadavg").read().split()[:3])
        print("| registry | services | places | rpss.json | build --kraj all median (s) | min (s) | reading the "
              "registry alone (s) | peak RSS (MB) | load average |")
        print("|---|---|---|---|---|---|---|---|---|")
        print(f"| synthetic | {runs[0]['services']} | {runs[0]['places']} | {made['bytes'] / 1e6:.1f} MB "
              f"| {statistics.median(seconds):.1f} | {min(seconds):.1f} | {floor:.1f} "
              f"| {max(r['rss_mb'] for r in runs):.0f} | {load} |")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
