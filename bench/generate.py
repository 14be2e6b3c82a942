"""National-scale SYNTHETIC data in the published formats, and `socmap build --kraj all` on it.

    python -m bench.generate FOLDER [--db FILE] [--services 6733] [--places 18907] [--years 5] [--no-build]

Writes into FOLDER (never data/, never shipped):
- `registry/rpss.json`: the synthetic national registry of bench/registry.py (6 733 services at 18 907
  places, ~100 MB, every provider "SYNTETICKÝ") with the real code lists beside it;
- `reference/`: the real files of all 6 258 municipalities (copied from data/reference);
- `planner/obsazenost-synteticka.csv`: monthly occupancy of every residential (pobytová) service for the
  last `--years` whole years, in the planners' workbook CSV format (docs/workbooks.md);
- `planner/zadosti-synteticke.csv`: one allocation round (funnel) per ORP, some stages uncounted;
- `sources/documents.csv`: the shipped sources plus `SYNT-BENCH`, flagged illustrative, which every
  synthetic row cites, so the dashboard's banner and marks show the data is made up.

Then it runs `socmap build --kraj all --data FOLDER --db FILE` in a child process and prints the wall
time and the child's peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.registry import generate as generate_registry
from bench.registry import municipalities

ROOT = Path(__file__).resolve().parents[1]
SOURCE_ID = "SYNT-BENCH"
SOURCE_ROW = {"source_id": SOURCE_ID, "document": "SYNTETICKÁ data pro měření výkonu (bench/generate.py)",
              "date": "2026-11-26", "link": "", "publisher": "socmap bench", "kind": "syntetická data",
              "licence": "", "is_illustrative": "true",
              "note": "SYNTHETIC: made-up registry, occupancy and funnels for benchmarks; never ship"}
OCCUPANCY_HEADER = ["Identifikátor", "Období", "Jednotka", "Kapacita", "Obsazeno", "Odmítnuto", "Poznámka", "Zdroj"]
FUNNEL_HEADER = ["Kolo", "Datum", "Program", "Pořadí", "Fáze", "Počet", "Důvod", "Jednotka", "Název kola", "Obec",
                 "Zdroj"]
STAGES = ["Rozdané žádosti", "Odevzdané žádosti", "Úplné žádosti", "Přijaté k dalšímu zpracování", "Přidělené byty"]


def add_source(folder: Path) -> None:
    """Append the synthetic source, flagged illustrative, to the copied documents.csv."""
    path = folder / "sources" / "documents.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        fields = csv.DictReader(handle).fieldnames
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=fields).writerow(SOURCE_ROW)


def write_csv(path: Path, header: list[str], rows) -> int:
    """Czech-Excel CSV as planners save it: UTF-8 with BOM, `;`. Returns the number of rows."""
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def occupancy_rows(rng: random.Random, residential: list[tuple[str, int]], years: list[int]):
    """Monthly beds occupied with a winter peak, refusals when full, and ~2 % of months unreported (empty)."""
    for ident, beds in residential:
        base = rng.uniform(0.6, 0.95)
        for year in years:
            for month in range(1, 13):
                winter = 0.12 * math.cos((month - 1) / 12 * 2 * math.pi)
                share = min(1.0, max(0.0, base + winter + rng.gauss(0, 0.05)))
                occupied = round(beds * share)
                unreported = rng.random() < 0.02
                refused = rng.randint(1, 8) if occupied >= beds and not unreported else ""
                yield [ident, f"{month}/{year}", "lůžka", beds, "" if unreported else occupied, refused,
                       "syntetický údaj", SOURCE_ID]


def funnel_rows(rng: random.Random, towns: list[dict]):
    """One round per ORP, in its largest municipality; the second and third stages sometimes uncounted."""
    seats = {}
    for town in towns:
        best = seats.get(town["kod_orp"])
        if best is None or int(town["population"]) > int(best["population"]):
            seats[town["kod_orp"]] = town
    for orp, seat in sorted(seats.items()):
        count = rng.randint(20, 80)
        for order, stage in enumerate(STAGES, start=1):
            counted = order in (1, 4, 5) or rng.random() < 0.5
            first = order == 1
            yield [f"SYNT-{orp}-2024", "1. 3. 2024" if first else "", "Sociální byty", order, stage,
                   count if counted else "", "syntetický údaj" if counted else "Nikdo nespočítal (syntetické)",
                   "byty" if order == 5 else "žádosti", f"Syntetické kolo ORP {seat['orp']}" if first else "",
                   seat["kod_obce"] if first else "", SOURCE_ID]
            count = max(1, int(count * rng.uniform(0.4, 0.9)))


def generate(folder: Path, n_services: int, n_places: int, n_years: int, seed: int = 2027) -> dict:
    """Write the whole synthetic national data folder; returns what it wrote."""
    made = generate_registry(folder, n_services, n_places)
    add_source(folder)
    rng = random.Random(seed)
    last = time.localtime().tm_year - 1
    years = list(range(last - n_years + 1, last + 1))
    planner = folder / "planner"
    made["occupancy_rows"] = write_csv(planner / "obsazenost-synteticka.csv", OCCUPANCY_HEADER,
                                       occupancy_rows(rng, made.pop("residential"), years))
    made["funnel_rows"] = write_csv(planner / "zadosti-synteticke.csv", FUNNEL_HEADER,
                                    funnel_rows(rng, municipalities()))
    made["years"] = f"{years[0]}–{years[-1]}"
    return made


def build(folder: Path, db: Path) -> dict:
    """`socmap build --kraj all` in a child process: wall time and the child's peak RSS."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "etl.cli", "build", "--kraj", "all", "--data", str(folder), "--db", str(db)],
                   check=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="new data folder to write (must not exist)")
    parser.add_argument("--db", type=Path, help="DuckDB file to build (default FOLDER/socmap.duckdb)")
    parser.add_argument("--services", type=int, default=6733)
    parser.add_argument("--places", type=int, default=18907)
    parser.add_argument("--years", type=int, default=5, help="whole years of monthly occupancy")
    parser.add_argument("--no-build", action="store_true", help="only write the data")
    args = parser.parse_args()
    folder = args.folder.resolve()
    if folder.exists() or folder.is_relative_to(ROOT / "data"):
        parser.error(f"{folder} exists or lies in data/: give a new folder outside data/")
    started = time.perf_counter()
    made = generate(folder, args.services, args.places, args.years)
    print(f"generated in {time.perf_counter() - started:.1f} s into {folder}: {made['services']} services, "
          f"{made['places']} places, {made['bytes'] / 1e6:.1f} MB of rpss.json, {made['occupancy_rows']} occupancy "
          f"months ({made['years']}), {made['funnel_rows']} funnel stages", file=sys.stderr)
    if args.no_build:
        return
    result = build(folder, args.db or folder / "socmap.duckdb")
    print("| data | build --kraj all (s) | peak RSS (MB) |")
    print("|---|---|---|")
    print(f"| synthetic national: {made['services']} services, {made['places']} places, {made['occupancy_rows']} "
          f"occupancy months, {made['funnel_rows']} funnel stages | {result['seconds']:.1f} | {result['rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
