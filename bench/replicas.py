"""Two stateless replicas behind nginx on loopback: both serve, and a copy-and-swap refresh fails nothing.

    .venv/bin/python -m bench.replicas [--db FILE] [--before 8] [--after 6] [--threads 4] [--pause 0.2]

Builds the shipped data/ (or takes --db) and a copy of data/ with one visible change (fact F07:
39 -> 4 321 beds); starts two `socmap serve --workers 2 --replica a|b` on free loopback ports, each on
its OWN copy of the built file; starts Debian's nginx as an unprivileged process (prefix, config, pid,
logs and temp files in a temporary directory) with deploy/nginx.conf, its ports rewritten; runs
requests through nginx (page loads and browser-shaped callbacks, bench/traffic.py) and counts which
replica answered (X-Socmap-Replica and nginx's $upstream_addr); then, with the requests still running,
refreshes replica a and then b with `socmap deploy-copy` (copy beside the live file, verify, os.replace)
and checks each serves the change. Prints a Markdown table; exits 1 on any failed request.

nginx is not installed by this bench: `sudo apt-get install nginx-light` (Debian) if it says it is missing.
Not a pytest test: CI installs only what the Makefile installs, and what the proxy adds beyond
tests/integration/test_refresh.py (the same swap under requests) is configuration, checked here.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from bench.traffic import CHANGED, Traffic, callback_text, fetch, free_ports, mark_data, page_content, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "deploy" / "nginx.conf"
REPLICAS = ("a", "b")

MAIN = """# written by bench/replicas.py: an unprivileged nginx, everything under {tmp}
{user}worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 512; }}
http {{
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    log_format upstream '$status $upstream_addr $request_time "$request"';
    access_log {tmp}/access.log upstream;
    include {tmp}/socmap.conf;
}}
"""


def find_nginx() -> str | None:
    """nginx on PATH, or where Debian puts it (/usr/sbin is not on a normal user's PATH)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def render(example: str, listen: int, replica_ports: list[int]) -> str:
    """deploy/nginx.conf with loopback ports: listen on `listen`, the upstream servers on replica_ports."""
    text, n = re.subn(r"listen 80;", f"listen 127.0.0.1:{listen};", example)
    servers = iter(replica_ports)
    text, m = re.subn(r"server 127\.0\.0\.1:805\d", lambda _: f"server 127.0.0.1:{next(servers)}", text)
    if (n, m) != (1, len(replica_ports)):
        raise SystemExit(f"{EXAMPLE}: expected one `listen 80;` and {len(replica_ports)} upstream servers "
                         f"127.0.0.1:805x; update bench/replicas.py with the example")
    return text


def start_nginx(nginx: str, tmp: Path, listen: int, replica_ports: list[int]) -> subprocess.Popen:
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir()
    # Run as root (a container), nginx's workers would switch to `nobody`, who cannot use these temp dirs.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(MAIN.format(tmp=tmp, user=user), encoding="utf-8")
    (tmp / "socmap.conf").write_text(render(EXAMPLE.read_text(encoding="utf-8"), listen, replica_ports),
                                     encoding="utf-8")
    args = [nginx, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]
    check = subprocess.run([*args, "-t"], capture_output=True, text=True)
    if check.returncode:
        raise SystemExit(f"nginx -t refused the configuration:\n{check.stderr}")
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=(tmp / "nginx.stderr").open("wb"))


def start_replica(name: str, live: Path, port: int, workers: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "etl.cli", "serve", "--db", str(live), "--port", str(port),
                             "--workers", str(workers), "--replica", name],
                            stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=ROOT)


def serves_change(port: int) -> bool:
    """Does this replica's overview show the marked data?"""
    answer = fetch(f"http://127.0.0.1:{port}", "POST", "/_dash-update-component", page_content("/"))[0]
    return CHANGED in callback_text(answer)


def compressed(base: str) -> str:
    """The overview's page callback through nginx, plain and gzipped (deploy/nginx.conf's gzip of JSON)."""
    body = json.dumps(page_content("/")).encode()
    sizes = {}
    for encoding in ("identity", "gzip"):
        request = urllib.request.Request(base + "/_dash-update-component", data=body, method="POST", headers={
            "Content-Type": "application/json", "Accept-Encoding": encoding})
        with urllib.request.urlopen(request, timeout=60) as response:
            sizes[response.headers.get("Content-Encoding") or "identity"] = len(response.read())
    return ", ".join(f"{name} {size / 1024:.0f} KB" for name, size in sizes.items())


def upstream_counts(access_log: Path, ports: dict[str, int]) -> Counter:
    """Requests per replica from nginx's access log ($upstream_addr; a retried request names both)."""
    names = {f"127.0.0.1:{port}": name for name, port in ports.items()}
    counts: Counter = Counter()
    for line in access_log.read_text(encoding="utf-8").splitlines():
        status, upstream = line.split()[:2]
        for addr in upstream.split(","):
            counts[names.get(addr.strip(), addr.strip())] += 1
        counts[f"status {status}"] += 1
    return counts


def row(phase: str, traffic: Traffic, seconds: float) -> str:
    per = " | ".join(str(traffic.replicas.get(name, 0)) for name in REPLICAS)
    return (f"| {phase} | {seconds:.0f} | {traffic.ok + len(traffic.failures)} | {per} | {len(traffic.failures)} "
            f"| {traffic.p95_ms():.0f} |")


def run(args, nginx: str, tmp: Path) -> int:
    started = time.perf_counter()
    from etl.build import build

    first = tmp / "first.duckdb"
    if args.db:
        shutil.copy(args.db, first)
    else:
        build(first, ROOT / "data")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.duckdb*"))
    mark_data(data)
    second = tmp / "second.duckdb"
    build(second, data)
    print(f"builds ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    *replica_ports, listen = free_ports(len(REPLICAS) + 1)
    ports = dict(zip(REPLICAS, replica_ports, strict=True))
    lives = {name: tmp / f"replica-{name}" / "socmap.duckdb" for name in REPLICAS}
    procs: list[subprocess.Popen] = []
    try:
        for name in REPLICAS:
            lives[name].parent.mkdir()
            shutil.copy(first, lives[name])  # each replica its own copy, as on separate machines
            procs.append(start_replica(name, lives[name], ports[name], args.workers, tmp / f"replica-{name}.log"))
        nginx_dir = tmp / "nginx"
        nginx_dir.mkdir()
        procs.append(start_nginx(nginx, nginx_dir, listen, list(ports.values())))
        for name, proc in zip(REPLICAS, procs, strict=False):
            wait_until_up(f"http://127.0.0.1:{ports[name]}", proc, log=tmp / f"replica-{name}.log", timeout=120)
        base = f"http://127.0.0.1:{listen}"
        wait_until_up(base, procs[-1], log=nginx_dir / "error.log")
        print(f"replicas a:{ports['a']} b:{ports['b']} behind nginx :{listen} up after "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)

        t0 = time.perf_counter()
        with Traffic(base, threads=args.threads, pause=args.pause) as steady:
            time.sleep(args.before)
        steady_s = time.perf_counter() - t0

        refreshed = []
        t0 = time.perf_counter()
        with Traffic(base, threads=args.threads, pause=args.pause) as refresh:
            time.sleep(1)
            for name in REPLICAS:
                s0 = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "etl.cli", "deploy-copy", str(second), str(lives[name])],
                                      check=True, capture_output=True, text=True, cwd=ROOT)
                copy_s = time.perf_counter() - s0
                refreshed.append((name, copy_s, done.stdout.strip(), serves_change(ports[name])))
                time.sleep(2)  # a while with one replica new and the other old
            time.sleep(args.after)
        refresh_s = time.perf_counter() - t0
        through_nginx = serves_change(listen)
        sizes = compressed(base)
        logged = upstream_counts(nginx_dir / "access.log", ports)
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)

    print("| phase | s | requests | replica a | replica b | failed | p95 (ms) |")
    print("|---|---|---|---|---|---|---|")
    print(row("steady, through nginx", steady, steady_s))
    print(row("refresh a then b (deploy-copy)", refresh, refresh_s))
    print()
    for name, copy_s, said, changed in refreshed:
        print(f"- replica {name}: `socmap deploy-copy` {copy_s:.1f} s with its start-up; it said: {said}; "
              f"the replica serves the new file: {changed}")
    print(f"- through nginx after the refresh, the change is served: {through_nginx}")
    print(f"- nginx access log: {dict(sorted(logged.items()))}")
    print(f"- the overview's callback through nginx: {sizes}")
    for failure in (steady.failures + refresh.failures)[:20]:
        print(f"  FAILED {failure}")
    ok = (not steady.failures and not refresh.failures and through_nginx and all(c for *_, c in refreshed)
          and all(steady.replicas.get(name) for name in REPLICAS))
    print(f"- result: {'OK' if ok else 'FAILED'} in {time.perf_counter() - started:.0f} s")
    return 0 if ok else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a built file to start from (default: build data/)")
    parser.add_argument("--before", type=float, default=8, help="seconds of requests before the refresh")
    parser.add_argument("--after", type=float, default=6, help="seconds of requests after both replicas swapped")
    parser.add_argument("--threads", type=int, default=4, help="client threads")
    parser.add_argument("--pause", type=float, default=0.2, help="seconds each thread waits between requests")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per replica")
    args = parser.parse_args()
    nginx = find_nginx()
    if nginx is None:
        sys.exit("nginx nenalezen / not found. Install Debian's package (this bench does not):\n"
                 "    sudo apt-get install nginx-light")
    with tempfile.TemporaryDirectory(prefix="socmap-replicas-") as tmp:
        sys.exit(run(args, nginx, Path(tmp)))


if __name__ == "__main__":
    main()
