"""Srovnání on a build of the whole country (`socmap build --kraj all`): the average beside the bars is that of
everything loaded, one per kind, as the Kapacity page's — not one row per kraj that broke the page."""

from __future__ import annotations

import pytest

from etl.build import build
from tests.conftest import DATA


@pytest.fixture(scope="module")
def country_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("country") / "socmap.duckdb"
    build(path, DATA, kraj="all")
    return path


def test_comparing_orps_of_two_kraje_has_one_average_per_kind(country_db):
    from dashboard import db
    from dashboard.charts.compare import comparison, comparison_chart

    db.init(country_db)
    frame = comparison("orp", ["5105", "1000"])  # ORP Liberec and ORP Praha (another kraj)
    assert frame["kind"].is_unique
    shelters = frame.set_index("kind").loc["Noclehárny"]
    assert shelters["state_kraj"] in ("counted", "partial", "unlisted", "zero", "unknown")
    assert comparison_chart("orp", ["5105"]).table.shape[0] == len(frame)
