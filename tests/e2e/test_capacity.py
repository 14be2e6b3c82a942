"""A kraj official looks at shelters by municipality, moves the distance slider and compares two ORPs."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.axe import wcag_violations

pytestmark = pytest.mark.e2e


def switch_to_municipalities(page, table):
    """Pick "obce". On a loaded CI machine a click landing while the page is still settling can be lost;
    and in a fresh clone's full run the first switch was once answered by the server (HTTP 200) yet not
    drawn within 30 s. A person would click again, then reload the page; so does this test, and if all
    fails it reports what the browser said."""
    said = []
    page.on("console", lambda m: said.append(f"{m.type}: {m.text[:200]}") if m.type in ("error", "warning")
            and "GPU stall" not in m.text else None)
    page.on("pageerror", lambda e: said.append(f"page error: {e}"))
    for attempt in range(3):
        if attempt == 2:
            page.reload()
            page.wait_for_selector("#kapacity-mapa .choroplethlayer path")
            page.wait_for_load_state("networkidle")
        try:  # a page still drawing 215 areas may not answer a click in time either
            page.get_by_role("radio", name="ORP", exact=True).check()
            page.get_by_role("radio", name="obce", exact=True).check()
            expect(table.locator("thead")).to_contain_text("Obec", timeout=30_000)  # 215 areas on two maps
            return
        except (AssertionError, PlaywrightTimeout) as err:
            if attempt == 2:
                raise AssertionError(f"{err}\nbrowser console: {said}") from None


def test_a_kraj_official_sees_shelter_gaps_and_white_spots(page, server, offline):
    page.goto(server + "/kapacity")
    page.wait_for_selector("#kapacity-mapa .choroplethlayer path")
    page.wait_for_load_state("networkidle")  # every component's code loaded: a click now reaches its callback
    expect(page.locator("#kapacity-druh")).to_contain_text("Azylové domy")
    table = page.locator("#kapacity-tabulka")
    expect(table).to_contain_text("Frýdlant")
    row = table.locator("tr", has_text="Česká Lípa")
    expect(row).to_contain_text("11,86")  # 91 beds / 76 704 inhabitants × 10 000
    expect(row).to_contain_text("přebývá 68,0")
    # The shipped registry is a partial extract: Frýdlant lists no shelter (not a 0), Liberec's four state no beds.
    frydlant = table.locator("tr", has_text="Frýdlant")
    expect(frydlant).to_contain_text("v načtených datech žádná služba")
    expect(frydlant).to_contain_text("nelze určit")
    liberec = table.locator("tr", has_text="Liberec")
    expect(liberec).to_contain_text("neuvedeno")
    expect(liberec).not_to_contain_text("0,00")
    expect(page.locator("#kapacity-uplnost")).to_contain_text("jen výtah")
    expect(page.locator("#kapacity-cil-text")).to_contain_text("předpoklad socmap, ne schválená norma")
    switch_to_municipalities(page, table)
    expect(table.locator("tbody tr")).to_have_count(215)
    share = page.locator("#kapacity-podil")
    expect(share).to_contain_text("Dál než 15 km")
    for attempt in range(2):  # as with the radio: a key pressed while the page settles may be lost
        page.get_by_role("slider").focus()
        page.keyboard.press("End")  # to 40 km
        page.keyboard.press("Tab")
        try:
            expect(share).to_contain_text("Dál než 40 km", timeout=20_000)
            break
        except AssertionError:
            if attempt:
                raise
    page.get_by_label("Cíl na 10 000 obyvatel").fill("5")
    page.get_by_label("Cíl na 10 000 obyvatel").press("Tab")
    town = table.locator("tbody tr", has=page.locator("td:first-child", has_text=re.compile("^Česká Lípa$")))
    expect(town).to_contain_text("přebývá 72,3", timeout=30_000)  # 5 × 37 361 / 10 000 − 91
    expect(page.locator("#kapacity-cil-text")).to_contain_text("zadaný cíl")


def test_comparing_orp_liberec_with_orp_frydlant(page, server, offline):
    page.goto(server + "/srovnani")
    table = page.locator("#srovnani-tabulka")
    expect(table.locator("thead")).to_contain_text("Liberec: na 10 000")
    expect(table.locator("thead")).to_contain_text("Frýdlant: na 10 000")
    # 166 beds / 145 386, and a home for the elderly in Liberec states no beds: a lower bound
    expect(table.locator("tr", has_text="Domovy pro seniory")).to_contain_text("nejméně 11,42")


@pytest.mark.parametrize("path", ["/kapacity", "/srovnani", "/o-datech", "/potreba"])
def test_the_capacity_pages_meet_wcag_2_1_aa(page, server, path):
    page.goto(server + path)
    page.wait_for_selector("table >> visible=true")  # on /potreba the first tables are folded under their charts
    page.wait_for_timeout(500)
    assert wcag_violations(page) == []
