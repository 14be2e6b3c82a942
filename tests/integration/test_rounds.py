"""Žádosti with many rounds (a country has hundreds): one round at a time, chosen from a list, instead of every
funnel drawn in one answer; with a few rounds all of them side by side, as in Liberec."""

from __future__ import annotations

import pytest

from common.settings import Settings


@pytest.fixture(scope="module")
def funnels(app_db):
    from dashboard.app import create_app

    create_app(Settings(db_path=app_db))
    from dashboard.pages import funnels
    return funnels


def ids(component) -> list[str]:
    found = [getattr(component, "id", None)]
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += ids(child)
    return [i for i in found if isinstance(i, str)]


def test_a_few_rounds_are_all_drawn(funnels):
    shown = ids(funnels.layout())
    assert "zadosti-0" in shown and "zadosti-1" in shown and funnels.ROUND not in shown


def test_many_rounds_are_shown_one_at_a_time_from_a_list(funnels, monkeypatch):
    monkeypatch.setattr(funnels, "ALL_SHOWN_UP_TO", 1)
    shown = ids(funnels.layout())
    assert funnels.ROUND in shown and "zadosti-0" in shown and "zadosti-1" not in shown
    rounds = funnels.db.query("funnel_rounds")
    second = funnels.show_round(rounds["round_id"].iloc[1])
    assert rounds["name"].iloc[1] in str(second)


def test_a_round_that_is_not_loaded_is_refused(funnels):
    from dashboard.inputs import InvalidInput

    with pytest.raises(InvalidInput):
        funnels.show_round("NENI")
