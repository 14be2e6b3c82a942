"""A planner looks for night shelters in ORP Liberec, shares the view, and opens the service."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import wcag_violations
from tests.e2e.controls import pick

pytestmark = pytest.mark.e2e

# -1 while the map is not drawn yet (a busy machine draws it later): waiting goes on instead of failing
MARKERS = """() => { const plot = document.querySelector('#adresar-map .js-plotly-plot');
                     return plot && plot._fullData
                         ? plot._fullData.reduce((n, trace) => n + (trace._length || 0), 0) : -1; }"""


def names(page):
    """The names in the grid (links to the services' pages), waited for by `expect`."""
    return page.locator("#adresar-grid .ag-pinned-left-cols-container a")


def test_a_planner_finds_night_shelters_in_orp_liberec_and_shares_the_view(page, server, offline, context):
    page.goto(server + "/adresar")
    expect(page.locator("#adresar-grid .ag-row").first).to_be_visible()
    page.get_by_label("Hledat (bez ohledu na diakritiku)").fill("noclehar")
    expect(page.locator("#adresar-count")).to_contain_text("Nalezeno 2 ")
    expect(names(page)).to_have_text(["Noclehárna Liberec", "Noclehárny – Dům Naděje Jablonec"])

    pick(page, "adresar-druh", "Noclehárny")
    pick(page, "adresar-orp", "Liberec")
    expect(page.locator("#adresar-count")).to_contain_text("Nalezeno 1 ")
    expect(names(page)).to_have_text(["Noclehárna Liberec"])
    page.wait_for_function(f"() => ({MARKERS})() === 1")
    assert "druh=63" in page.url and "orp=5105" in page.url and "q=noclehar" in page.url

    shared = context.new_page()
    shared.goto(page.url)
    expect(shared.locator("#adresar-count")).to_contain_text("Nalezeno 1 ")
    expect(names(shared)).to_have_text(["Noclehárna Liberec"])
    expect(shared.get_by_label("Hledat (bez ohledu na diakritiku)")).to_have_value("noclehar")
    shared.wait_for_function(f"() => ({MARKERS})() === 1")

    page.go_back()
    expect(page.locator("#adresar-count")).to_contain_text("Nalezeno 2 ")
    assert "orp=" not in page.url


def test_opening_a_service_shows_its_capacity_and_source(page, server, offline):
    page.goto(server + "/adresar?druh=63&orp=5105")
    page.get_by_role("link", name="Noclehárna Liberec").click()
    expect(page).to_have_url(server + "/sluzba/9900008")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Noclehárna Liberec")
    expect(page.locator("#service-facts")).to_contain_text("32 lůžek – ambulantní")
    expect(page.locator("#service-facts")).to_contain_text("9900008")
    expect(page.locator("#service-published")).to_contain_text("idnes.cz, 13. 1. 2026")
    expect(page.get_by_text("ilustrativní záznam")).to_be_visible()


def test_the_filtered_list_downloads_for_czech_excel(page, server):
    page.goto(server + "/adresar?druh=63")
    with page.expect_download() as download:
        page.get_by_role("button", name="Stáhnout CSV (Excel)").click()
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Název;Poskytovatel;Druh služby")
    assert len(lines) == 3 and any(line.startswith("Noclehárna Liberec;Naděje;Noclehárny") for line in lines)


@pytest.mark.parametrize("path", ["/adresar?druh=63", "/sluzba/9900008", "/sluzba/SB-ZITAVSKA"])
def test_the_directory_and_service_pages_meet_wcag_2_1_aa(page, server, path):
    page.goto(server + path)
    page.wait_for_selector(".js-plotly-plot, h1")
    page.wait_for_timeout(500)
    assert wcag_violations(page) == []
