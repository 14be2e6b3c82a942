"""Continuous HTTP traffic against a running socmap: page loads and Dash callbacks, counted.

Used by the refresh test (tests/integration/test_refresh.py) and bench/replicas.py. The callback
bodies are those Chromium sends to /_dash-update-component (captured with Playwright on the pages of
dashboard/pages/*.py): the page router of Dash pages, the overview's map level and the capacity
page's result. Every request is checked: a status other than 200, a callback answer without a
`response`, or any network error is a failure, kept with what went wrong.
"""

from __future__ import annotations

import csv
import json
import os
import random
import socket
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.server import CAPACITY_OUTPUT, CAPACITY_PARTS

# A visible difference for refresh runs: the published capacity of Noclehárna Kateřinská 156 (fact F07)
# is 39 beds in the shipped facts; mark_data() makes it 4 321, which the overview then shows.
CHANGED = "4\u00a0321"


def mark_data(data_dir: Path) -> None:
    """Change fact F07 in a copy of data/ from 39 to 4321 beds."""
    path = data_dir / "facts" / "liberecky-kraj-facts.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    (row,) = [r for r in rows if r["fact_id"] == "F07"]
    if row["value"] != "39":
        raise ValueError(f"{path}: F07 is {row['value']!r}, not 39; update bench/traffic.py")
    row["value"] = "4321"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def page_content(pathname: str) -> dict:
    """What the browser posts when it opens a page: Dash pages' router renders the page's layout."""
    return {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                       {"id": "_pages_location", "property": "search", "value": ""}],
            "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
            "parsedChangedPropsIds": ["_pages_location.pathname", "_pages_location.search"]}


MAP_BY_MUNICIPALITY = {
    "output": "..overview-map.figure...overview-map-table-wrap.children...overview-map-export-wrap.children..",
    "outputs": [{"id": "overview-map", "property": "figure"},
                {"id": "overview-map-table-wrap", "property": "children"},
                {"id": "overview-map-export-wrap", "property": "children"}],
    "inputs": [{"id": "overview-map-level", "property": "value", "value": "obec"}],
    "changedPropIds": ["overview-map-level.value"], "parsedChangedPropsIds": ["overview-map-level.value"]}

CAPACITY_BY_MUNICIPALITY = {
    "output": CAPACITY_OUTPUT,
    "outputs": [{"id": part, "property": "children"} for part in CAPACITY_PARTS]
    + [{"id": "kapacity-adresa", "property": "data"}],
    "inputs": [{"id": "kapacity-druh", "property": "value", "value": "57"},
               {"id": "kapacity-jednotka", "property": "value", "value": "luzka"},
               {"id": "kapacity-uroven", "property": "value", "value": "obec"},
               {"id": "kapacity-cil", "property": "value", "value": 3},
               {"id": "kapacity-km", "property": "value", "value": 15},
               {"id": "kapacity-se-zamery", "property": "value", "value": []},
               {"id": "kapacity-zamery", "property": "data", "value": ""}],
    "changedPropIds": ["kapacity-uroven.value"], "parsedChangedPropsIds": ["kapacity-uroven.value"]}

# (method, path, body): a page load is the shell (GET /), its layout (reads the database) and its content.
MIX: list[tuple[str, str, dict | None]] = [
    ("GET", "/", None),
    ("GET", "/_dash-layout", None),
    ("POST", "/_dash-update-component", page_content("/")),
    ("POST", "/_dash-update-component", MAP_BY_MUNICIPALITY),
    ("GET", "/kapacity", None),
    ("POST", "/_dash-update-component", page_content("/kapacity")),
    ("POST", "/_dash-update-component", CAPACITY_BY_MUNICIPALITY),
    ("GET", "/healthz", None),
]


def fetch(base: str, method: str, path: str, body: dict | None = None, timeout: float = 30) -> tuple[bytes, dict]:
    """One request; returns (body, headers); raises on a network error or a status other than 200."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        if response.status != 200:
            raise urllib.error.HTTPError(base + path, response.status, "unexpected status", response.headers, None)
        return response.read(), dict(response.headers)


def callback_text(payload: bytes) -> str:
    """A callback's answer as text with real characters (Czech numbers carry non-breaking spaces)."""
    return json.dumps(json.loads(payload)["response"], ensure_ascii=False)


@dataclass
class Traffic:
    """Threads that loop over MIX against `base` until stopped; counts, failures, latencies, replicas."""

    base: str
    threads: int = 4
    pause: float = 0.0  # seconds each thread waits between requests (keeps a small machine from saturating)
    ok: int = 0
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    replicas: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._workers = [threading.Thread(target=self._loop, args=(i,), daemon=True) for i in range(self.threads)]

    def _loop(self, offset: int) -> None:
        i = offset
        while not self._stop.wait(self.pause if i > offset else 0):
            method, path, body = MIX[i % len(MIX)]
            i += 1
            started = time.perf_counter()
            try:
                payload, headers = fetch(self.base, method, path, body)
                if path == "/_dash-update-component":
                    callback_text(payload)  # must be JSON with a response
            except Exception as exc:  # every failure counts, whatever its kind
                with self._lock:
                    self.failures.append(f"{time.strftime('%H:%M:%S')} {method} {path}: {type(exc).__name__}: {exc}")
                continue
            with self._lock:
                self.ok += 1
                self.latencies.append(time.perf_counter() - started)
                self.replicas[headers.get("X-Socmap-Replica", "-")] += 1

    def __enter__(self) -> Traffic:
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=60)

    def p95_ms(self) -> float:
        ordered = sorted(self.latencies)
        return 1000 * ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")


def free_ports(n: int) -> list[int]:
    """n distinct free loopback ports: from TEST_PORT_RANGE ("8300-8399") when set (shared machines), else any.

    All n stay bound until all are chosen, so no two are the same.
    """
    low, _, high = os.environ.get("TEST_PORT_RANGE", "0-0").partition("-")
    candidates = list(range(int(low), int(high or low) + 1))
    random.shuffle(candidates)
    held: list[socket.socket] = []
    try:
        for port in candidates * n if low == "0" else candidates:
            if len(held) == n:
                break
            s = socket.socket()
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                s.close()
                continue
            held.append(s)
        if len(held) < n:
            raise RuntimeError(f"fewer than {n} free ports in TEST_PORT_RANGE={low}-{high}")
        return [s.getsockname()[1] for s in held]
    finally:
        for s in held:
            s.close()


def free_port() -> int:
    return free_ports(1)[0]


def wait_until_up(base: str, proc=None, timeout: float = 60, log=None) -> None:
    """Poll /healthz until it answers 200; raise with the server's log if it dies or never answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fetch(base, "GET", "/healthz", timeout=2)
            return
        except OSError:
            if (proc is not None and proc.poll() is not None) or time.monotonic() > deadline:
                detail = log.read_text(errors="replace") if log is not None and log.exists() else ""
                raise RuntimeError(f"{base} did not come up\n{detail}") from None
            time.sleep(0.2)
