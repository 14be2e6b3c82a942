"""The app as users get it, for the HTTP benchmarks: `socmap serve` (gunicorn) in a child process on loopback,
and Dash callback requests built from the app's own `/_dash-dependencies`.

A callback is a POST to `/_dash-update-component` with the body the browser's renderer sends
(dash.types.CallbackExecutionBody): `output` (the dependency's output string), `outputs` (one
{id, property} or a list of them for a multi-output callback), `inputs` and `state` ({id, property,
value} in the declared order) and `changedPropIds` (the "id.property" that triggered it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
ROUTER = ".._pages_content.children..._pages_store.data.."  # Dash's page router: renders layout(**kwargs)
# Kapacity's results callback: its parts (dashboard/pages/capacity.py PARTS), then the page's address
CAPACITY_PARTS = ["kapacity-cast-" + name for name in ("mapa", "mapa-odkazy", "tabulka", "podil", "vzdalenost",
                                                       "bila-mista", "zamery")]
CAPACITY_OUTPUT = ".." + "...".join([f"{part}.children" for part in CAPACITY_PARTS] + ["kapacity-adresa.data"]) + ".."


@contextlib.contextmanager
def serving(db: Path, port: int, workers: int = 2, timeout: float = 60.0):
    """Run `socmap serve --db db --port port --workers workers`; yield (base URL, gunicorn master pid)."""
    log = open(Path(db).with_suffix(f".serve-{port}.log"), "w")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", "etl.cli", "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"socmap serve exited with {process.returncode}; see {log.name}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{base}/_dash-dependencies", timeout=5).ok and len(workers_of(process.pid)) >= workers:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"socmap serve did not answer on {base} within {timeout:.0f} s")
            time.sleep(0.3)
        yield base, process.pid
    finally:
        # Only the group this function started (start_new_session): gunicorn's master and its workers.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def workers_of(master: int) -> list[int]:
    """Pids of the gunicorn workers: the children of the master."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == master:
                    children.append(int(entry.name))
    return sorted(children)


def memory_mb(pid: int) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


class Callbacks:
    """Build and send callback requests from the app's declared dependencies."""

    def __init__(self, session: requests.Session, base: str) -> None:
        self.session, self.base = session, base
        deps = session.get(f"{base}/_dash-dependencies", timeout=30).json()
        self.deps = {d["output"]: d for d in deps}

    def body(self, output: str, values: dict[str, object], changed: list[str] | None = None) -> dict:
        """values: {"id.property": value} for the inputs (and state) the user set; the rest are None. The
        inputs that changed are `changed`, or else every input given in values."""
        dep = self.deps[output]
        if output.startswith(".."):
            outputs = [dict(zip(("id", "property"), part.rsplit(".", 1), strict=True))
                       for part in output.strip(".").split("...")]
        else:
            outputs = dict(zip(("id", "property"), output.rsplit(".", 1), strict=True))

        def filled(items):
            return [{"id": i["id"], "property": i["property"], "value": values.get(f"{i['id']}.{i['property']}")}
                    for i in items]

        inputs = filled(dep["inputs"])
        return {"output": output, "outputs": outputs, "inputs": inputs, "state": filled(dep["state"]),
                "changedPropIds": changed if changed is not None else [
                    f"{i['id']}.{i['property']}" for i in inputs if f"{i['id']}.{i['property']}" in values]}

    def call(self, output: str, values: dict[str, object], timeout: float = 60.0,
             changed: list[str] | None = None) -> requests.Response:
        response = self.session.post(f"{self.base}/_dash-update-component", json=self.body(output, values, changed),
                                     timeout=timeout)
        response.raise_for_status()
        return response

    def load(self, path: str, search: str = "", timeout: float = 60.0) -> int:
        """A page load as the browser makes it: the page, the shell's layout, then the router callback.
        Returns the bytes received."""
        size = 0
        for url in (f"{self.base}{path}{search}", f"{self.base}/_dash-layout"):
            response = self.session.get(url, timeout=timeout)
            response.raise_for_status()
            size += len(response.content)
        response = self.call(ROUTER, {"_pages_location.pathname": path, "_pages_location.search": search},
                             timeout=timeout)
        return size + len(response.content)
