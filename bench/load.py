"""Load test on loopback: N simulated users for a while over a mix of page loads and callbacks.

    python -m bench.load [--db FILE] [--users 20] [--seconds 120] [--think 1.0] [--max-actions 20000]
                         [--workers 2] [--port 8160]

Starts `socmap serve` (gunicorn, `--workers N`) on the built file (default: `socmap build` of data/, the
Liberec scale, into a temporary folder). Each user is a thread with its own HTTP session that picks
an action at random — a page load (page, `/_dash-layout`, router callback) or one of the pages'
callbacks, the same ones bench/pages.py times — sends it, and waits a random think time of up to
`--think` seconds. It stops at `--seconds` or when all users together have done `--max-actions`;
every request has a 60 s timeout. Prints the actions' p50/p95/max latency, the throughput, every
error (an exception or an HTTP status other than 2xx) and the memory of each worker. Zero errors expected.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import duckdb
import requests

from bench.pages import liberec_db, percentile, scenarios
from bench.server import Callbacks, memory_mb, serving, workers_of
from common.settings import Settings
from dashboard.app import create_app


def user(seed: int, base: str, actions, stop_at: float, budget: threading.Semaphore, think: float,
         results: list, errors: Counter, lock: threading.Lock) -> None:
    rng = random.Random(seed)
    with requests.Session() as session:
        callbacks = Callbacks(session, base)
        while time.monotonic() < stop_at and budget.acquire(blocking=False):
            action = rng.choice(actions)
            started = time.perf_counter()
            try:
                action.http(callbacks)
                with lock:
                    results.append((action.page, action.name, (time.perf_counter() - started) * 1000))
            except Exception as error:  # noqa: BLE001 (every failure counts, whatever it is)
                with lock:
                    errors[f"{action.page} / {action.name}: {type(error).__name__}: {str(error)[:120]}"] += 1
            time.sleep(rng.uniform(0, think))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="built file (default: socmap build of data/ into a temp dir)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--think", type=float, default=1.0, help="longest pause between a user's actions (s)")
    parser.add_argument("--max-actions", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8160)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="socmap-load-") as tmp:
        path = args.db or liberec_db(Path(tmp))
        con = duckdb.connect(str(path), read_only=True)
        service_id = con.execute("SELECT service_id FROM occupancy ORDER BY service_id LIMIT 1").fetchone()[0]
        con.close()
        with contextlib.redirect_stdout(sys.stderr):
            create_app(Settings(db_path=path))  # registers the pages, whose callbacks the actions name
        actions = scenarios(service_id)
        results, errors, lock = [], Counter(), threading.Lock()
        budget = threading.Semaphore(args.max_actions)
        with serving(path, args.port, args.workers) as (base, master):
            started = time.monotonic()
            threads = [threading.Thread(target=user, args=(i, base, actions, started + args.seconds, budget,
                                                           args.think, results, errors, lock), daemon=True)
                       for i in range(args.users)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=args.seconds + 120)
            elapsed = time.monotonic() - started
            memory = {pid: memory_mb(pid) for pid in workers_of(master)}
    times = [r[2] for r in results]
    print(f"socmap load test: {args.users} users, {elapsed:.0f} s, think time up to {args.think:g} s, "
          f"{args.workers} workers, {path.name}")
    if times:
        print(f"actions: {len(times)} ok, {sum(errors.values())} errors, {len(times) / elapsed:.1f} per second; "
              f"latency p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 95):.0f} ms, "
              f"max {max(times):.0f} ms")
    slowest = sorted({(p, n) for p, n, _ in results},
                     key=lambda key: -percentile([t for p, n, t in results if (p, n) == key], 95))[:5]
    for page, name in slowest:
        own = [t for p, n, t in results if (p, n) == (page, name)]
        print(f"  slowest: {page} / {name}: {len(own)} actions, p95 {percentile(own, 95):.0f} ms")
    print("memory per worker: " + ", ".join(f"RSS {m['VmRSS']:.0f} MB (peak {m['VmHWM']:.0f} MB)"
                                            for m in memory.values()))
    for message, count in errors.most_common():
        print(f"  error ×{count}: {message}")
    sys.exit(1 if errors or not times else 0)


if __name__ == "__main__":
    main()
