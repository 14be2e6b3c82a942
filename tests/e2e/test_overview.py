"""A planner opens socmap and sees Liberecký kraj in Czech on a real map, and the Žitavská funnel."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import wcag_violations

pytestmark = pytest.mark.e2e

# Areas drawn: the area map is SVG (#16, so that it can name places offline), one path per area.
# the areas' own trace (the first); the ORP outlines drawn over them are a second, transparent one
RENDERED_AREAS = ("() => document.querySelector('#overview-map .choroplethlayer .trace')"
                  ".querySelectorAll('path.choroplethlocation').length")


def wait_for_map(page):
    page.wait_for_selector("#overview-map .choroplethlayer path")
    page.wait_for_function(f"() => ({RENDERED_AREAS})() > 0")


def test_a_planner_sees_the_kraj_in_czech_with_its_orps_drawn_on_the_map(page, server, offline):
    page.goto(server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "cs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Síť sociálních služeb Libereckého kraje")
    expect(page.locator("#kpi-population")).to_contain_text("442\u00a0476")
    expect(page.locator("#kpi-orp")).to_contain_text("10")
    wait_for_map(page)
    assert page.evaluate(RENDERED_AREAS) == 10
    names = page.locator("#overview-map .scattergeo text").all_text_contents()
    assert len(names) == 10 and "Železný Brod" in names  # every ORP named on the map


def test_switching_to_municipalities_draws_every_municipality(page, server, offline):
    page.goto(server + "/")
    wait_for_map(page)
    page.get_by_role("radio", name="obce", exact=True).check()
    page.wait_for_function(f"() => ({RENDERED_AREAS})() > 150")
    assert page.evaluate(RENDERED_AREAS) == 215
    page.get_by_text("Tabulka hodnot", exact=True).click()
    expect(page.locator("#overview-map-table")).to_contain_text("Železný Brod")


def test_the_zitavska_funnel_shows_53_and_25_and_the_uncounted_stages_as_unknown(page, server, offline):
    page.goto(server + "/")
    funnel = page.locator("#overview-funnel")
    expect(funnel.locator("text.bartext").first).to_be_visible()
    labels = funnel.locator("text.bartext").all_text_contents()
    assert "53" in labels and "25" in labels
    assert "11 bytů (nabídka, ne přidělení)" in labels  # what the round offered, apart from the applications
    assert sum("nezjištěno" in label for label in labels) == 2
    assert "0" not in labels
    table = page.locator("#overview-funnel-table")
    expect(table).to_contain_text("47,2\u00a0%")
    expect(table).to_contain_text("nezjištěno")
    expect(page.locator("#overview-funnel-heading ~ .source-line")).to_contain_text("13. 1. 2020")


def test_the_overview_meets_wcag_2_1_aa_as_axe_checks_it(page, server):
    page.goto(server + "/")
    wait_for_map(page)
    assert wcag_violations(page) == []


def test_a_mistyped_address_says_so(page, server):
    page.goto(server + "/neexistuje")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stránka nenalezena")


def test_the_illustrative_registry_is_announced_on_every_page(page, server):
    for path in ("/", "/neexistuje"):
        page.goto(server + path)
        banner = page.get_by_role("status").filter(has_text="ilustrativní")
        expect(banner).to_contain_text("Pozor: část dat je ilustrativní.")
        expect(banner).to_contain_text("socmap fetch registry")


def test_the_places_map_shows_approximate_places_as_such(page, server, offline):
    page.goto(server + "/")
    page.wait_for_selector("#overview-places .maplibregl-canvas")
    legend = page.locator("#overview-places .legendtext").all_text_contents()
    assert "střed obce (přibližně)" in legend
    expect(page.locator("#overview-precision")).to_contain_text("střed obce (přibližně)")
    expect(page.locator("#overview-kinds")).to_contain_text("Noclehárny")
