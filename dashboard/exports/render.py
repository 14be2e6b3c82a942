"""Figures to PNG, SVG and PDF through one kept kaleido server per process (Debian's Chromium).

Starting a browser takes about three seconds, so the first export in a process starts kaleido's
server and every later one reuses it. The server is a singleton that answers one call at a time and
hands results back in a shared queue: calls are serialised here with a lock, or two threads of a
gunicorn worker could receive each other's images.

Nothing is fetched: plotly.js comes from the plotly package, MathJax is off, and the topojson that
plotly.js insists on for geo subplots is preloaded from `vendor/topojson/` into the page.
"""

from __future__ import annotations

import json
import tempfile
import threading
from pathlib import Path

import plotly.graph_objects as go

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
TOPOJSON = Path(__file__).parent / "vendor" / "topojson"
WIDTH, HEIGHT_DEFAULT = 1000, 600
PNG_SCALE = 2  # 1000 px of layout → a 2000 px wide picture, sharp in print at the width of an A4 column

_lock = threading.Lock()
_started = False
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


def _ensure_server() -> None:
    global _started
    if _started:
        return
    import kaleido  # imported here: the dashboard runs without ever starting a browser until an export

    page = kaleido.PageGenerator(mathjax=False, others=[_geo_assets_script()])
    kaleido.start_sync_server(page_generator=page, n=1, timeout=60, silence_warnings=True)
    _started = True


def render(figure: go.Figure | dict, fmt: str, width: int = WIDTH, height: int | None = None) -> bytes:
    """The figure (or its dict) as bytes of png, svg or pdf; PNG at scale 2 (2000 px wide by default)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    import kaleido

    spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    height = height or int(spec.get("layout", {}).get("height") or HEIGHT_DEFAULT)
    opts = {"format": fmt, "width": width, "height": height, "scale": PNG_SCALE if fmt == "png" else 1}
    with _lock:
        _ensure_server()
        return kaleido.calc_fig_sync(spec, opts=opts)


def stop() -> None:
    """Close the kept browser (tests and the CLI call this; a worker's exit does it too)."""
    global _started
    with _lock:
        if _started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            _started = False
