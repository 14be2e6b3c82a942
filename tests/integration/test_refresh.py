"""Refresh while serving: `socmap build` swaps new files under `socmap serve --workers 2` and no request fails.

Requests run continuously from several threads (page loads and the callbacks a browser posts) while
two builds swap in a file whose published capacity of a night shelter differs from the shipped one
(39 -> 4 321 beds), then the shipped one again. Every request must answer, the overview must have
shown the change and then lost it again, and at the end every worker serves the last file.
Two builds, not more, and a pause between each thread's requests: on a loaded 2-core machine a
build under this traffic takes 10-20 s.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time

from bench.traffic import CHANGED, Traffic, callback_text, fetch, free_port, mark_data, page_content, wait_until_up
from tests.conftest import DATA, ROOT


def _build(db, data_dir) -> None:
    subprocess.run([sys.executable, "-m", "etl.cli", "build", "--db", str(db), "--data", str(data_dir)],
                   check=True, capture_output=True, timeout=120, cwd=ROOT)


def test_no_request_fails_while_builds_swap_in_new_files(built_db, data_copy, tmp_path):
    mark_data(data_copy)
    live = tmp_path / "live" / "socmap.duckdb"
    live.parent.mkdir()
    shutil.copy(built_db, live)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "etl.cli", "serve", "--db", str(live), "--port", str(port),
                                 "--workers", "2"], stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, proc, log=log)
            started = time.monotonic()
            with Traffic(base, threads=3, pause=0.5) as traffic:
                for data_dir, changed in ((data_copy, True), (DATA, False)):
                    before = traffic.ok
                    _build(live, data_dir)
                    assert traffic.ok > before  # requests were answered while the build ran
                    # The build has swapped its file in: the very next request sees it.
                    overview = callback_text(fetch(base, "POST", "/_dash-update-component", page_content("/"))[0])
                    assert (CHANGED in overview) is changed
            elapsed = time.monotonic() - started

            assert traffic.failures == [], "\n".join(traffic.failures[:20])
            assert traffic.ok >= 20, f"only {traffic.ok} requests in {elapsed:.0f} s"
            # Both workers have reopened: /healthz gives the live file's build time, whichever worker answers.
            built = dt.datetime.fromtimestamp(os.stat(live).st_mtime, dt.UTC).isoformat(timespec="seconds")
            answers = [json.loads(fetch(base, "GET", "/healthz")[0]) for _ in range(12)]
            assert {a["built_at"] for a in answers} == {built}
        finally:
            proc.terminate()
            proc.wait(timeout=20)
