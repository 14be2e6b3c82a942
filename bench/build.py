"""Benchmark of `socmap build`: wall time and peak memory for Liberecký kraj and the whole country.

    .venv/bin/python -m bench.build [--runs 5]

Each run builds into a fresh temporary file in a child process, so peak memory (ru_maxrss) is that
run's own. Prints a Markdown table for the README's Performance section.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD = """
import json, resource, sys, time
from etl.build import build
t = time.perf_counter()
counts = build(sys.argv[1], sys.argv[2], kraj=sys.argv[3])
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "municipalities": counts["municipality"]}))
"""


def run(kraj: str, runs: int) -> dict:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            out = subprocess.run([sys.executable, "-c", CHILD, f"{tmp}/b{i}.duckdb", str(ROOT / "data"), kraj],
                                 check=True, capture_output=True, text=True, cwd=ROOT)
            results.append(json.loads(out.stdout))
    seconds = [r["seconds"] for r in results]
    return {"kraj": kraj, "municipalities": results[0]["municipalities"], "median_s": statistics.median(seconds),
            "min_s": min(seconds), "max_rss_mb": max(r["rss_mb"] for r in results)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("| scope | obcí | build median (s) | build min (s) | peak RSS (MB) |")
    print("|---|---|---|---|---|")
    for kraj in ("CZ051", "all"):
        r = run(kraj, args.runs)
        print(f"| {r['kraj']} | {r['municipalities']} | {r['median_s']:.2f} | {r['min_s']:.2f} "
              f"| {r['max_rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
