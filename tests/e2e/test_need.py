"""A planner asks which ORPs have high need and a thin network of shelters, and looks for debt counselling."""

import pytest
from playwright.sync_api import expect

from tests.e2e.controls import pick

pytestmark = pytest.mark.e2e

MAP_NAMES = """() => [...document.querySelectorAll('#potreba-mapa .main-svg text')].map(t => t.textContent)"""


def test_potreba_draws_the_need_map_with_named_places_and_answers_the_question(page, server, offline):
    page.goto(server + "/potreba")
    expect(page.get_by_role("heading", level=1)).to_have_text("Potřeba a síť")
    page.wait_for_function(f"() => ({MAP_NAMES})().includes('Frýdlant')")
    names = page.evaluate(MAP_NAMES)
    assert {"Liberec", "Česká Lípa", "Tanvald", "Jablonec nad Nisou"} <= set(names)
    assert "12 až 30" in names  # the published band in the legend
    answer = page.locator("#potreba-odpoved")
    expect(answer).to_contain_text("ORP s vysokou potřebou a řídkou sítí (Azylové domy):")
    expect(answer).to_contain_text("Frýdlant")
    table = page.locator("#potreba-ridka-sit-tabulka")
    expect(table.locator("tr", has_text="Frýdlant")).to_contain_text("Nové Město pod Smrkem")
    expect(table.locator("tr", has_text="Liberec")).to_contain_text("neuvedeno")
    expect(page.locator(".chart-export")).to_have_count(page.locator(".dash-graph").count())


def test_the_thin_network_export_names_the_orps(page, server):
    page.goto(server + "/potreba")
    link = page.locator("#potreba-ridka-sit-export").get_by_role("link", name="SVG", exact=False)
    expect(link).to_have_attribute("href", "/export/graf/potreba-ridka-sit.svg?uroven=orp&prah=12&km=15&druh=57"
                                           "&jednotka=luzka")
    with page.expect_download(timeout=60_000) as info:
        link.click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert "Vysoká potřeba, řídká síť: Azylové domy" in text
    assert "Frýdlant" in text and "Česká Lípa" in text and "kapacita neuvedena" in text
    assert "MMR ČR, Index sociálního vyloučení 2023" in text


def test_switching_to_people_in_distraint_by_municipality_redraws_the_map(page, server, offline):
    page.goto(server + "/potreba")
    page.wait_for_function(f"() => ({MAP_NAMES})().includes('Frýdlant')")
    page.wait_for_load_state("networkidle")
    pick(page, "potreba-ukazatel", "Podíl osob v exekuci")
    export = page.locator("#potreba-mapa-export a").first
    expect(export).to_have_attribute("href", "/export/graf/potreba-mapa.png?ukazatel=distraint_share&uroven=orp",
                                     timeout=60_000)  # the page has answered the first choice
    want = "/export/graf/potreba-mapa.png?ukazatel=distraint_share&uroven=obec"
    for attempt in range(2):  # a click landing while the busy page redraws can be lost: a person clicks again
        page.get_by_role("radio", name="obce", exact=True).check()
        try:
            expect(export).to_have_attribute("href", want, timeout=45_000)
            break
        except AssertionError:
            if attempt:
                raise
            page.get_by_role("radio", name="ORP", exact=True).check()
    page.wait_for_function("""() => document.querySelector('#potreba-mapa .js-plotly-plot')._fullData[0]
                              ._length === 215""", timeout=60_000)


def test_debt_counselling_is_findable_in_the_directory(page, server, offline):
    page.goto(server + "/adresar")
    expect(page.locator("#adresar-grid .ag-row").first).to_be_visible()
    pick(page, "adresar-druh", "Zaměření: dluhové poradenství")
    expect(page.locator("#adresar-count")).to_contain_text("Nalezeno 2 ")
    expect(page.locator("#adresar-grid .ag-pinned-left-cols-container a")).to_have_text([
        "Dluhové poradenství Člověk v tísni – Česká Lípa (Městské centrum podpory)",
        "Dluhové poradenství Člověk v tísni – Liberec"])
    assert "druh=tema%3Adluhove-poradenstvi" in page.url or "druh=tema:dluhove-poradenstvi" in page.url
