"""A working group asks: how many applied for the flats, were the night shelters full, did the plan happen?"""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import wcag_violations

pytestmark = pytest.mark.e2e


def test_a_planner_reads_the_zitavska_round_with_its_drop_off_reasons(page, server, offline):
    page.goto(server + "/zadosti")
    expect(page.locator("#zadosti-0-heading")).to_contain_text("Prohlídka sociálních bytů Žitavská")
    bars = page.locator("#zadosti-0 text.bartext")
    expect(bars.first).to_be_visible()
    labels = bars.all_text_contents()
    assert "53" in labels and "25" in labels
    table = page.locator("#zadosti-0-table")
    expect(table).to_contain_text("Část zájemců žádost vůbec nedonesla")
    expect(table).to_contain_text("Některé žádosti byly neúplné")
    expect(table).to_contain_text("nesplňovali podmínky")
    expect(page.locator("#zadosti-1-heading")).to_contain_text("Housing First")
    expect(page.locator("#zadosti-1-table")).to_contain_text("nezjištěno")


def test_the_night_shelters_winter_peak_shows_in_the_heatmap(page, server, offline):
    page.goto(server + "/obsazenost")
    page.get_by_label("Služba").check()
    page.locator("#obsazenost-vyber").click()
    page.get_by_role("option", name="Noclehárna Liberec").click()
    expect(page.locator("#obsazenost-nazev")).to_contain_text("Noclehárna Liberec")
    page.wait_for_selector("#obsazenost-heatmapa .heatmaplayer")
    z = page.evaluate("document.querySelector('#obsazenost-heatmapa .js-plotly-plot')._fullData[0].z")
    def reported(v):  # a month nobody reported arrives as null or NaN (a gap in the heatmap), never as 0
        return v is not None and v == v

    january = [row[0] for row in z if reported(row[0])]
    july = [row[6] for row in z if reported(row[6])]
    assert sum(january) / len(january) > sum(july) / len(july) + 20
    assert any(not reported(row[3]) for row in z) and all(row[3] != 0 for row in z)
    expect(page.locator("#obsazenost-ilustrativni")).to_be_visible()


def test_the_plan_filtered_to_goal_4_2_shows_its_three_measures(page, server, offline):
    page.goto(server + "/plan")
    page.locator("#plan-cil").click()
    page.get_by_role("option", name="4.2 Rozvoj sítě služeb").click()
    table = page.locator("#plan-cil-4\\.2")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table).to_contain_text("4.2.1")
    expect(table).to_contain_text("Navýšení kapacit terénních programů sociální prevence")
    expect(table).to_contain_text("4.2.3")
    expect(table.locator("thead")).to_contain_text("Indikátor")
    expect(page.locator("#plan-cil-4\\.1")).to_have_count(0)


@pytest.mark.parametrize("path", ["/obsazenost", "/zadosti", "/plan"])
def test_the_monitoring_pages_meet_wcag_2_1_aa(page, server, path):
    page.goto(server + path)
    page.wait_for_selector(".js-plotly-plot, table")
    page.wait_for_timeout(500)
    assert wcag_violations(page) == []
