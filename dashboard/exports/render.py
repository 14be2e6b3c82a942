"""Figures to PNG, SVG and PDF through one kept kaleido browser per process (Debian's Chromium).

Starting a browser takes seconds, so the first export in a process starts it and every later one
reuses it: an asyncio loop in a thread of its own holds a `kaleido.Kaleido` with two tabs, and any
thread submits to it and waits for its own result (`run_coroutine_threadsafe`). Kaleido reloads a tab
after each figure to give the next one a clean page; it would make every caller wait for that reload
(about 0.3 s, plotly.js parsed anew), so here the tab goes back to the queue when its reload is done,
while the caller already has its bytes.

Nothing is fetched: plotly.js comes from the plotly package, MathJax is off, and the topojson that
plotly.js insists on for geo subplots is preloaded from `vendor/topojson/` into the page.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import tempfile
import threading
from pathlib import Path

import plotly.graph_objects as go

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
TOPOJSON = Path(__file__).parents[1] / "assets" / "vendor" / "topojson"  # served to the browser too
WIDTH, HEIGHT_DEFAULT = 1000, 600
PNG_SCALE = 2  # 1000 px of layout → a 2000 px wide picture, sharp in print at the width of an A4 column

class ExportUnavailable(RuntimeError):
    """No browser to draw with (Debian's chromium is not installed)."""


TABS = 2  # one renders while the other reloads; more would only compete for the 2 cores
TIMEOUT = 60
_lock = threading.Lock()
_server: _Server | None = None
_assets: tempfile.TemporaryDirectory | None = None


def _geo_assets_script() -> str:
    """A script for the kaleido page that preloads the vendored topojson into PlotlyGeoAssets."""
    global _assets
    _assets = tempfile.TemporaryDirectory(prefix="socmap-kaleido-")
    script = Path(_assets.name) / "geo-assets.js"
    topo = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(TOPOJSON.glob("*.json"))}
    script.write_text("window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
                      f"Object.assign(window.PlotlyGeoAssets.topojson, {json.dumps(topo)});\n", encoding="utf-8")
    return script.as_uri()


class _Server:
    def __init__(self) -> None:
        import kaleido  # here: the dashboard never starts a browser until somebody exports

        class ReloadBehind(kaleido.Kaleido):
            async def _return_kaleido_tab(self, tab) -> None:
                reload = asyncio.get_running_loop().create_task(super()._return_kaleido_tab(tab))
                self._socmap_reloads = getattr(self, "_socmap_reloads", set())
                self._socmap_reloads.add(reload)
                reload.add_done_callback(self._socmap_reloads.discard)

        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="socmap-kaleido", daemon=True)
        self.thread.start()
        page = kaleido.PageGenerator(mathjax=False, others=[_geo_assets_script()])

        async def start():
            browser = ReloadBehind(page_generator=page, n=TABS, timeout=TIMEOUT)
            await browser.open()
            return browser
        try:
            self.browser = self.call(start())
        except BaseException:
            self.loop.call_soon_threadsafe(self.loop.stop)
            raise

    def call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(TIMEOUT * 2)

    def close(self) -> None:
        try:
            self.call(self.browser.__aexit__(None, None, None))
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)


def _running() -> _Server:
    global _server
    with _lock:
        if _server is None:
            _server = _Server()
            atexit.register(stop)
        return _server


def render(figure: go.Figure | dict, fmt: str, width: int = WIDTH, height: int | None = None) -> bytes:
    """The figure (or its dict) as bytes of png, svg or pdf; PNG at scale 2 (2000 px wide by default)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    from kaleido.errors import ChromeNotFoundError

    spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    height = height or int(spec.get("layout", {}).get("height") or HEIGHT_DEFAULT)
    opts = {"format": fmt, "width": width, "height": height, "scale": PNG_SCALE if fmt == "png" else 1}
    try:
        server = _running()
    except ChromeNotFoundError as err:
        raise ExportUnavailable("Export grafů potřebuje prohlížeč Chromium (apt-get install chromium) / "
                                "chart export needs Debian's chromium") from err
    return server.call(server.browser.calc_fig(spec, opts=opts))


def stop() -> None:
    """Close the kept browser (tests and the CLI call this; a worker's exit ends it too)."""
    global _server
    with _lock:
        if _server is not None:
            _server.close()
            _server = None
