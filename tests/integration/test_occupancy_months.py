"""Obsazenost by month, counted in SQL once (the macro monthly_utilisation): a planner looks at the night
shelters' beds and sees every month between the first and the last report; a month nobody reported is a gap,
never 0 %; a month's utilisation is the occupied beds of all reporting shelters over their capacity."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.conftest import rows

NIGHT_SHELTERS, BEDS = "63", "luzka"


@pytest.fixture(scope="module")
def months(built_db) -> pd.DataFrame:
    found = rows(built_db, "SELECT month, capacity, occupied, utilisation, reports "
                           "FROM monthly_utilisation('kind', ?, ?)", [NIGHT_SHELTERS, BEDS])
    return pd.DataFrame(found, columns=["month", "capacity", "occupied", "utilisation", "reports"])


def test_every_month_between_the_first_and_last_report_is_there(months):
    expected = pd.date_range(months["month"].min(), months["month"].max(), freq="MS").date
    assert list(months["month"]) == list(expected)


def test_a_month_nobody_reported_is_a_gap_not_zero(months):
    gaps = months[months["reports"].isna()]
    assert len(gaps) >= 1
    assert gaps["utilisation"].isna().all() and gaps["capacity"].isna().all()
    assert (months["utilisation"].dropna() > 0).all()


def test_a_months_utilisation_is_summed_then_divided(built_db, months):
    reports = pd.DataFrame(rows(built_db, """
        SELECT period_start, capacity, occupied FROM occupancy_of('kind', ?, ?)
        WHERE is_month AND capacity IS NOT NULL AND occupied IS NOT NULL""", [NIGHT_SHELTERS, BEDS]),
        columns=["month", "capacity", "occupied"]).groupby("month").sum()
    counted = months.dropna(subset=["utilisation"]).set_index("month")
    assert set(counted.index) == set(reports.index)
    for month, row in counted.iterrows():
        assert row["utilisation"] == pytest.approx(reports.loc[month, "occupied"] / reports.loc[month, "capacity"])
    assert isinstance(counted.index[0], dt.date)
