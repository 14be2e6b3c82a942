"""Latency of every page's main callbacks over HTTP, against the bare DuckDB queries under them; memory per worker.

    python -m bench.pages [--scale liberec|national|both] [--liberec-db FILE] [--national-db FILE]
                          [--repeat 30] [--workers 2] [--port 8150]

For each scale it starts `socmap serve` (gunicorn, `--workers N`) on loopback and sends, one at a time,
the requests the browser sends: a page load (GET of the page, GET `/_dash-layout`, then the router
callback that renders the page's `layout(**kwargs)`) and the page's callbacks (POST
`/_dash-update-component`). Each is sent once to warm up, then `--repeat` times: p50 and p95 of the
wall time. "query ms" is the median time of the same named queries (dashboard/queries/*.sql, with the
same parameters, recorded by running the same code in this process) run directly on a read-only DuckDB
connection and fetched fully; "ratio" = p50 ÷ query ms, the framework's share (figures, JSON, HTTP).
Memory: VmRSS and peak VmHWM of each gunicorn worker after the run.

Liberec scale is `socmap build` on data/; national scale is the synthetic data of bench/generate.py
(generated into a temporary folder unless --national-db is given). Goals on this 2-core machine: p95 ≤ 50 ms
for every callback at Liberec scale and ≤ 150 ms nationally, ratio ≤ 1.5, ≤ 300 MB per worker; the size of
every response is reported beside its time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import requests

from bench.server import CAPACITY_OUTPUT, ROOT, Callbacks, memory_mb, serving, workers_of

GOAL_P95_MS = {"liberec": 50.0, "national": 150.0}
GOAL_RATIO, GOAL_WORKER_MB = 1.5, 300.0


@dataclass
class Scenario:
    page: str
    name: str
    http: Callable[[Callbacks], int]  # sends the request(s); returns bytes received
    local: Callable[[], object]       # the same work in this process, to record its queries


def scenarios(service_id: str) -> list[Scenario]:
    """The pages' loads and main callbacks, with values that exist at both scales."""
    import dash

    from dashboard.app import shell
    from dashboard.pages import capacity, compare, directory, occupancy, overview, plan

    def page_layout(path: str):
        for page in dash.page_registry.values():
            if page["path"] == path or (page.get("path_template") and path.startswith("/sluzba/")):
                return page["layout"]
        raise KeyError(path)

    def load(page: str, path: str, search: str = "", **kwargs) -> Scenario:
        return Scenario(page, "načtení stránky" + (f" {search}" if search else ""),
                        lambda c: c.load(path, search), lambda: (shell(), page_layout(path)(**kwargs)))

    def call(page: str, name: str, output: str, values: dict, function, *args) -> Scenario:
        return Scenario(page, name, lambda c: len(c.call(output, values).content), lambda: function(*args))

    def moved(name: str, changed: str, values: dict, *args) -> Scenario:
        """Kapacity after one control moved: only the parts that depend on it are drawn again."""
        needed = capacity.NEEDS[changed.rsplit(".", 1)[0]]
        return Scenario("Kapacity", name, lambda c: len(c.call(CAPACITY_OUTPUT, values, changed=[changed]).content),
                        lambda: capacity.parts(*args, needed=needed))

    orp_values = {"kapacity-druh.value": "63", "kapacity-jednotka.value": "luzka", "kapacity-uroven.value": "orp",
                  "kapacity-cil.value": 1.0, "kapacity-km.value": 15, "kapacity-se-zamery.value": [],
                  "kapacity-zamery.data": ""}

    directory_out = ("..adresar-grid.rowData...adresar-map.figure...adresar-count.children...adresar-query.data"
                     "...adresar-mapa-export-wrap.children..")
    map_out = "..overview-map.figure...overview-map-table-wrap.children...overview-map-export-wrap.children.."
    no_filters = {f"adresar-{n}.value": [] for n in ("druh", "forma", "cilova", "orp", "obec")}
    return [
        load("Přehled", "/"),
        call("Přehled", "mapa po obcích", map_out,
             {"overview-map-level.value": "obec"}, overview.switch_map_level, "obec"),
        call("Přehled", "mapa po ORP", map_out,
             {"overview-map-level.value": "orp"}, overview.switch_map_level, "orp"),
        load("Adresář", "/adresar"),
        load("Adresář", "/adresar", "?druh=63&orp=5105", druh="63", orp="5105"),
        call("Adresář", "filtr druhu (noclehárny)", directory_out,
             {**no_filters, "adresar-druh.value": ["63"], "adresar-q.value": ""},
             directory.apply_filters, ["63"], [], [], [], [], ""),
        call("Adresář", "hledání „domov“", directory_out, {**no_filters, "adresar-q.value": "domov"},
             directory.apply_filters, [], [], [], [], [], "domov"),
        load("Služba", f"/sluzba/{service_id}", service_id=service_id),
        load("Kapacity", "/kapacity"),
        call("Kapacity", "změna druhu", "..kapacity-jednotka.options...kapacity-jednotka.value...kapacity-cil.value..",
             {"kapacity-druh.value": "63"}, capacity.kind_changed, "63"),
        call("Kapacity", "výsledky po ORP", CAPACITY_OUTPUT,
             {"kapacity-druh.value": "63", "kapacity-jednotka.value": "luzka", "kapacity-uroven.value": "orp",
              "kapacity-cil.value": 1.0, "kapacity-km.value": 15, "kapacity-se-zamery.value": [],
              "kapacity-zamery.data": ""}, capacity.update, "63", "luzka", "orp", 1.0, 15, [], ""),
        moved("posun vzdálenosti (25 km)", "kapacity-km.value", {**orp_values, "kapacity-km.value": 25},
              "63", "luzka", "orp", 1.0, 25),
        moved("zadaný cíl (2,5)", "kapacity-cil.value", {**orp_values, "kapacity-cil.value": "2,5"},
              "63", "luzka", "orp", 2.5, 15),
        call("Kapacity", "výsledky po obcích", CAPACITY_OUTPUT,
             {"kapacity-druh.value": "63", "kapacity-jednotka.value": "luzka", "kapacity-uroven.value": "obec",
              "kapacity-cil.value": 1.0, "kapacity-km.value": 25, "kapacity-se-zamery.value": [],
              "kapacity-zamery.data": ""}, capacity.update, "63", "luzka", "obec", 1.0, 25, [], ""),
        call("Kapacity", "se záměrem (noclehárna Jilemnice)", CAPACITY_OUTPUT,
             {"kapacity-druh.value": "63", "kapacity-jednotka.value": "luzka", "kapacity-uroven.value": "orp",
              "kapacity-cil.value": 1.0, "kapacity-km.value": 15, "kapacity-se-zamery.value": ["on"],
              "kapacity-zamery.data": "63:577197:10:luzka"}, capacity.update, "63", "luzka", "orp", 1.0, 15, ["on"],
             "63:577197:10:luzka"),
        load("Srovnání", "/srovnani"),
        call("Srovnání", "úroveň obcí", "..srovnani-uzemi.options...srovnani-uzemi.value..",
             {"srovnani-uroven.value": "obec"}, compare.level_changed, "obec"),
        call("Srovnání", "srovnání dvou ORP", "srovnani-vysledek.children",
             {"srovnani-uroven.value": "orp", "srovnani-uzemi.value": ["5105", "5102"],
              "srovnani-se-zamery.value": []}, compare.update, "orp", ["5105", "5102"], []),
        load("Obsazenost", "/obsazenost"),
        call("Obsazenost", "podle služby", "..obsazenost-vyber.options...obsazenost-vyber.value..",
             {"obsazenost-podle.value": "service"}, occupancy.change_level, "service"),
        call("Obsazenost", "grafy druhu", "obsazenost-grafy.children",
             {"obsazenost-podle.value": "kind", "obsazenost-vyber.value": "63", "obsazenost-jednotka.value": "luzka"},
             occupancy.show, "kind", "63", "luzka"),
        load("Žádosti", "/zadosti"),
        load("Plán", "/plan"),
        call("Plán", "filtr cíle", "plan-tabulka.children", {"plan-cil.value": "4.1", "plan-stav.value": None},
             plan.apply, "4.1", None),
    ]


def recorded_queries(work: Callable[[], object]) -> list[tuple[str, dict]]:
    """Run work in this process and return the named queries it ran, with their parameters."""
    from dashboard import db

    calls, original = [], db.query

    def recording(name, **params):
        calls.append((name, params))
        return original(name, **params)

    db.query = recording
    try:
        work()
    finally:
        db.query = original
    return calls


def query_ms(path: Path, calls: list[tuple[str, dict]], repeat: int) -> float:
    """Median wall time of running the calls in order on a bare read-only connection, fetched fully."""
    from dashboard.db import QUERIES

    con = duckdb.connect(str(path), read_only=True, config={"autoinstall_known_extensions": False})
    try:
        times = []
        for i in range(repeat + 1):
            started = time.perf_counter()
            for name, params in calls:
                con.execute(QUERIES[name], params or None).df()
            if i:  # the first run warms the caches
                times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)
    finally:
        con.close()


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def measure_one(scenario: Scenario, callbacks: Callbacks, db_path: Path, repeat: int) -> dict:
    calls = recorded_queries(scenario.local)
    size = scenario.http(callbacks)  # warm-up (and each worker's first use of the file)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        scenario.http(callbacks)
        times.append((time.perf_counter() - started) * 1000)
    bare = query_ms(db_path, calls, max(3, repeat // 3))
    p50 = statistics.median(times)
    return {"page": scenario.page, "callback": scenario.name, "p50": p50, "p95": percentile(times, 95),
            "query_ms": bare, "queries": len(calls), "ratio": p50 / bare if bare else float("nan"),
            "kb": size / 1024}


def measure(db_path: Path, port: int, workers: int, repeat: int) -> dict:
    """Serve db_path and time every scenario; returns rows and worker memory."""
    from dashboard import db

    db.init(db_path)
    con = duckdb.connect(str(db_path), read_only=True)
    service_id = con.execute("SELECT service_id FROM occupancy ORDER BY service_id LIMIT 1").fetchone()[0]
    con.close()
    rows = []
    with serving(db_path, port, workers) as (base, master), requests.Session() as session:
        callbacks = Callbacks(session, base)
        for scenario in scenarios(service_id):
            try:
                rows.append(measure_one(scenario, callbacks, db_path, repeat))
            except Exception as error:  # noqa: BLE001 (a failing page is a result to report, not the end)
                rows.append({"page": scenario.page, "callback": scenario.name, "error": f"{type(error).__name__}: "
                             f"{str(error)[:200]}"})
            print(f"  {scenario.page}: {scenario.name}: " + (rows[-1].get("error") or
                  f"p50 {rows[-1]['p50']:.0f} ms, query {rows[-1]['query_ms']:.1f} ms"), file=sys.stderr)
        memory = {pid: memory_mb(pid) for pid in workers_of(master)}
    return {"rows": rows, "memory": memory}


def table(scale: str, result: dict) -> str:
    lines = [f"**{scale}**", "", "| page | callback | p50 ms | p95 ms | query ms (n) | ratio | response KB |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for r in result["rows"]:
        if "error" in r:
            lines.append(f"| {r['page']} | {r['callback']} | ERROR: {r['error']} | | | | |")
            continue
        lines.append(f"| {r['page']} | {r['callback']} | {r['p50']:.0f} | {r['p95']:.0f} | "
                     f"{r['query_ms']:.1f} ({r['queries']}) | {r['ratio']:.1f} | {r['kb']:.0f} |")
    memory = result["memory"].values()
    lines += ["", "memory per worker: " + ", ".join(f"RSS {m['VmRSS']:.0f} MB (peak {m['VmHWM']:.0f} MB)"
                                                    for m in memory)]
    return "\n".join(lines)


def misses(scale: str, result: dict) -> list[str]:
    ok = [r for r in result["rows"] if "error" not in r]
    goal = GOAL_P95_MS[scale]
    out = [f"error: {r['page']} / {r['callback']}" for r in result["rows"] if "error" in r]
    out += [f"p95 {r['p95']:.0f} ms > {goal:.0f}: {r['page']} / {r['callback']}"
            for r in ok if r["p95"] > goal]
    out += [f"ratio {r['ratio']:.1f} > {GOAL_RATIO:.1f}: {r['page']} / {r['callback']}"
            for r in ok if r["ratio"] > GOAL_RATIO]
    out += [f"worker {pid}: peak {m['VmHWM']:.0f} MB > {GOAL_WORKER_MB:.0f}"
            for pid, m in result["memory"].items() if m["VmHWM"] > GOAL_WORKER_MB]
    return out


def liberec_db(folder: Path) -> Path:
    path = folder / "liberec.duckdb"
    subprocess.run([sys.executable, "-m", "etl.cli", "build", "--data", str(ROOT / "data"), "--db", str(path)],
                   check=True, cwd=ROOT, capture_output=True)
    return path


def national_db(folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "bench.generate", str(folder / "national")], check=True, cwd=ROOT,
                   capture_output=True)
    return folder / "national" / "socmap.duckdb"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=["liberec", "national", "both"], default="both")
    parser.add_argument("--liberec-db", type=Path, help="built Liberec file (default: build data/ into a temp dir)")
    parser.add_argument("--national-db", type=Path, help="built national file (default: generate one)")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    from common.settings import Settings
    from dashboard.app import create_app

    results, app = {}, None
    with tempfile.TemporaryDirectory(prefix="socmap-pages-") as tmp:
        for scale in (["liberec", "national"] if args.scale == "both" else [args.scale]):
            given = args.liberec_db if scale == "liberec" else args.national_db
            print(f"{scale}: preparing the database", file=sys.stderr)
            path = given or (liberec_db if scale == "liberec" else national_db)(Path(tmp))
            if app is None:  # registers the pages in this process, once, for recording their queries
                with contextlib.redirect_stdout(sys.stderr):
                    app = create_app(Settings(db_path=path))
            results[scale] = measure(path, args.port, args.workers, args.repeat)
    load = open("/proc/loadavg").read().split()[:3]
    print(f"socmap pages benchmark: {args.repeat} requests each, {args.workers} workers, one client; "
          f"load average {' '.join(load)}\n")
    for scale, result in results.items():
        print(table(scale, result) + "\n")
        missed = misses(scale, result)
        print(f"goals ({scale}): " + ("all met" if not missed else "missed — " + "; ".join(missed)) + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
