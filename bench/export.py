"""Benchmark of chart export: one chart cold and warm, per format, and the report pack of an ORP.

    .venv/bin/python -m bench.export [--db data/socmap.duckdb] [--runs 10] [--area 5104]

"Cold" is the first export in a process: it starts the kept kaleido server (Debian's Chromium). "Warm" is
every later one, as in a running dashboard worker: the median of --runs renders of the same chart,
timed from the chart's builder (queries and figure) through print preparation to the file's bytes.
Goals on this 2-core machine: at most 0.5 s per chart warm, the pack of an ORP at most 20 s.
Prints a Markdown table for the README's Performance section.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

CHARTS = {  # a bar chart, a line chart and a choropleth map of 215 municipalities
    "kapacity-poradi": {"druh": "57", "jednotka": "luzka", "uroven": "orp", "cil": "3"},
    "obsazenost-cas": {"podle": "kind", "vyber": "63", "jednotka": "luzka"},
    "populace": {"uroven": "obec", "uzemi": "kraj"},
}


def export_once(name: str, params: dict, fmt: str) -> float:
    from dashboard import charts, db
    from dashboard.exports import render
    from dashboard.exports.printing import chart_for_print

    started = time.perf_counter()
    built = charts.build(name, params)
    render.render(chart_for_print(built, db.built_on()), fmt)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=Path("data/socmap.duckdb"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--area", default="5104", help="ORP code (5104 = Jilemnice) or kraj")
    args = parser.parse_args()

    from dashboard import db
    from dashboard.exports import render
    from dashboard.exports.pack import make_pack

    db.init(args.db.resolve())  # the charts register on import of dashboard.charts; no Dash app is needed
    cold = export_once("kapacity-poradi", CHARTS["kapacity-poradi"], "png")
    print(f"Cold (first export in a process, starts Chromium): {cold:.2f} s\n")
    print("| chart | format | warm median (s) | warm max (s) |")
    print("|---|---|---|---|")
    for name, params in CHARTS.items():
        for fmt in ("png", "svg", "pdf"):
            times = [export_once(name, params, fmt) for _ in range(args.runs)]
            print(f"| {name} | {fmt} | {statistics.median(times):.2f} | {max(times):.2f} |")
    started = time.perf_counter()
    file_name, data = make_pack(args.area)
    elapsed = time.perf_counter() - started
    print(f"\nPack {file_name}: {len(data) / 1e6:.1f} MB in {elapsed:.1f} s (warm browser)")
    render.stop()


if __name__ == "__main__":
    main()
