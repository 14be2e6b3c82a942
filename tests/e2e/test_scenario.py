"""A planner of Jilemnice asks what a night shelter of 10 beds in Jilemnice would change: she picks the kind,
enters the plan on the Kapacity page, sees ORP Jilemnice go to 4,55 beds per 10 000 and Jilemnice itself 0 km
from a night shelter — all marked as a plan, not a fact — and sends the link to a colleague."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import wcag_violations
from tests.e2e.controls import pick

pytestmark = pytest.mark.e2e


def test_a_planned_night_shelter_in_jilemnice_entered_on_the_page(page, server, offline):
    page.goto(server + "/kapacity")
    page.wait_for_selector("#kapacity-mapa .scattergeo text")  # the maps are drawn: the page has settled
    page.wait_for_load_state("networkidle")
    pick(page, "kapacity-druh", "Noclehárny")
    expect(page.locator("#kapacity-tabulka caption")).to_contain_text("Noclehárny", timeout=30_000)
    pick(page, "kapacity-zamer-druh", "Noclehárny")
    pick(page, "kapacity-zamer-obec", "Jilemnice")
    page.get_by_label("Kapacita záměru").fill("10")
    page.get_by_role("button", name="Přidat záměr").click()
    summary = page.locator("#kapacity-scenar-shrnuti")
    expect(summary).to_contain_text("ORP Jilemnice: dnes v načtených datech žádná služba → se záměry 4,55",
                                    timeout=60_000)
    expect(page.locator("#kapacity-scenar-nadpis")).to_contain_text("záměr, ne skutečnost")
    # Today's table is unchanged: Jilemnice still lists no night shelter.
    expect(page.locator("#kapacity-tabulka tr", has_text="Jilemnice")).to_contain_text("v načtených datech")
    page.get_by_text("Vzdálenost dnes a se záměry").click()  # the table behind its summary
    distances = page.locator("#kapacity-vzdalenost-zamery-tabulka")
    expect(distances.locator("tr", has_text="blíž se záměrem").first).to_be_visible()
    jilemnice = distances.locator("tbody tr").filter(has=page.locator("td:first-child", has_text="Jilemnice"))
    expect(jilemnice.first).to_contain_text("0,0")
    # The scenario is a link: the address carries it, and its export carries it too.
    assert "zamery=63%3A577197%3A10%3Aluzka" in page.url and "se_zamery=1" in page.url
    link = page.locator("#kapacity-zamery-export").get_by_role("link", name="SVG", exact=False)
    expect(link).to_have_attribute("href", "/export/graf/kapacity-zamery.svg?druh=63&jednotka=luzka&uroven=orp"
                                   "&cil=1.0&zamery=63%3A577197%3A10%3Aluzka")
    svg = page.request.get(server + link.get_attribute("href"))
    assert svg.ok and "4,55" in svg.text() and "záměr, ne skutečnost" in svg.text()
    # A colleague opens the link: the same scenario.
    page.goto(page.url)
    expect(page.locator("#kapacity-scenar-shrnuti")).to_contain_text("4,55", timeout=60_000)


def test_the_page_with_the_scenario_meets_wcag_2_1_aa(page, server):
    page.goto(server + "/kapacity?druh=63&jednotka=luzka&zamery=63:577197:10:luzka&se_zamery=1")
    page.wait_for_selector("#kapacity-scenar-shrnuti", timeout=60_000)
    page.wait_for_timeout(500)
    assert wcag_violations(page) == []
