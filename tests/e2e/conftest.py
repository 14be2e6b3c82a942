"""Browser tests: the real `socmap serve` on a free loopback port, Debian's Chromium via Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

# Pages with maps render in a second or two; under a loaded CI machine give them more.
expect.set_options(timeout=15_000)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader",
                 "--disable-background-networking", "--disable-component-update"],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(db, log_dir, **env):
    """`socmap serve` on a free loopback port with extra environment; yields its base URL."""
    port = free_port()
    env = {**os.environ, "SOCMAP_DB": str(db), **env}
    # The server's log goes to a file: an undrained pipe fills up and stalls the server.
    log = log_dir / "serve.log"
    out = log.open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "etl.cli", "serve", "--port", str(port), "--workers", "1"],
                            env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(log.read_text(errors="replace")) from None
            time.sleep(0.2)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        out.close()


@pytest.fixture(scope="session")
def server(built_db, tmp_path_factory):
    """Base URL of `socmap serve` running on the session's database."""
    with serving(built_db, tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture
def offline(page, server):
    """Fail the test if the page asks for anything but the app itself."""
    stray = []
    page.on("request", lambda r: stray.append(r.url) if not r.url.startswith((server, "data:", "blob:"))
            else None)
    yield stray
    assert stray == []
