"""A planner exports the kraj pack from the command line, and no Dash app is built: the charts live apart from
the pages (dashboard/charts/), so `socmap export` opens the built file and draws from the registry alone.

Each story runs in a fresh Python process, where nothing else could have imported a page first. The files'
drawing (kaleido and Chromium) is test_export.py's story; here a stand-in draws a 1 × 1 picture, so the
command's own path is followed in seconds."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Every chart a page offered for export before the charts left the pages.
PAGE_CHARTS = {
    "populace", "mista", "adresar-mapa", "sluzba-mapa", "kapacity-mapa", "kapacity-poradi", "kapacity-vzdalenost",
    "kapacity-zamery", "kapacity-vzdalenost-zamery", "kapacity-umisteni", "srovnani", "obsazenost-cas",
    "obsazenost-heatmapa", "obsazenost-odmitnuti", "trychtyr", "potreba-mapa", "potreba-bodovy",
    "potreba-ridka-sit", "potreba-dluhy", "potreba-profil", "plan-souhrn"}

EXPORT = """
import json, struct, sys, zlib
from typer.testing import CliRunner

from dashboard.exports import render


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


PNG = (b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(b"\\x00\\xff\\xff\\xff")) + chunk(b"IEND", b""))
render.render = lambda figure, fmt, **_: PNG if fmt == "png" else b"<svg xmlns='http://www.w3.org/2000/svg'/>"

from etl.cli import app

result = CliRunner().invoke(app, ["export", "--db", sys.argv[1], sys.argv[2]])
import dash

print(json.dumps({"exit": result.exit_code, "output": result.output,
                  "app": "dashboard.app" in sys.modules,
                  "pages": sorted(m for m in sys.modules if m.startswith("dashboard.pages")),
                  "page_registry": list(dash.page_registry)}))
"""

DRAW_ALL = """
import json, sys

from dashboard import charts, db

db.init(sys.argv[1])
EXAMPLES = {"service": "9900008", "pick": "63", "round": "ZITAVSKA-2020"}  # parameters with no default
drawn = {}
for name, spec in charts.REGISTRY.items():
    query = {key: EXAMPLES[p.meaning] for key, p in spec.params.items() if p.default is None}
    built = charts.build(name, query)
    drawn[name] = {"title": built.title, "traces": len(built.figure.data), "rows": len(built.table)}
import dash

print(json.dumps({"drawn": drawn, "app": "dashboard.app" in sys.modules,
                  "pages": sorted(m for m in sys.modules if m.startswith("dashboard.pages")),
                  "page_registry": list(dash.page_registry)}))
"""


def run(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_planner_exports_the_kraj_pack_from_the_command_line_and_no_dash_app_is_built(built_db, tmp_path):
    out = tmp_path / "kraj.zip"
    said = run(EXPORT, str(built_db), str(out))
    assert said["exit"] == 0, said["output"]
    assert not said["app"] and said["pages"] == [] and said["page_registry"] == []
    with zipfile.ZipFile(out) as pack:
        names = pack.namelist()
    assert any(n.endswith("/zprava.docx") for n in names) and any(n.endswith("/tabulky.xlsx") for n in names)
    assert sum(n.endswith(".png") for n in names) > 10  # the kraj's charts, each drawn from the registry


def test_every_chart_a_page_offered_draws_without_the_pages(built_db):
    said = run(DRAW_ALL, str(built_db))
    assert set(said["drawn"]) == PAGE_CHARTS
    assert not said["app"] and said["pages"] == [] and said["page_registry"] == []
    for name, built in said["drawn"].items():
        assert built["title"] and built["traces"] > 0 and built["rows"] > 0, name
