"""The kraj's report pack says what it said: every chart's title, choice, source, illustrative mark and table.

A change of the code's shape must not change a number. When the shipped data or a chart's wording change
on purpose, regenerate the reference and read its diff as a planner would:

    python -m scripts.pack_tables data/socmap.duckdb > tests/data/pack_tables_kraj.json
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "tests" / "data" / "pack_tables_kraj.json"


def test_the_kraj_pack_holds_the_same_charts_words_and_numbers(built_db):
    done = subprocess.run([sys.executable, "-m", "scripts.pack_tables", str(built_db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    now, before = json.loads(done.stdout), json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert [c["graf"] for c in now] == [c["graf"] for c in before]
    for chart_now, chart_before in zip(now, before, strict=True):
        assert chart_now == chart_before, chart_before["graf"]
