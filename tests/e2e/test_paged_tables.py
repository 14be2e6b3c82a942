"""#18: with a whole country loaded, a table of 6 258 municipalities comes a hundred rows at a time. The shipped
kraj stands in here, served with tables paged from 100 rows (SOCMAP_TABLE_ROWS=100): a kraj official opens every
municipality's nearest shelter, turns the page with the keyboard and jumps to the last from the list."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import wcag_violations
from tests.e2e.conftest import serving

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def paged_server(built_db, tmp_path_factory):
    with serving(built_db, tmp_path_factory.mktemp("paged"), SOCMAP_TABLE_ROWS="100") as url:
        yield url


def test_a_kraj_official_reads_the_nearest_shelter_of_every_municipality_page_by_page(page, paged_server):
    stray = []
    page.on("request", lambda r: stray.append(r.url) if not r.url.startswith((paged_server, "data:", "blob:"))
            else None)
    page.goto(paged_server + "/kapacity")
    page.wait_for_selector("#kapacity-mapa .choroplethlayer path")
    page.wait_for_load_state("networkidle")
    page.get_by_text("Nejbližší služba pro každou obec", exact=True).click()
    table = page.locator("#kapacity-nejblizsi")
    pager = page.get_by_role("navigation", name="nejbližší služba pro každou obec: stránka tabulky")
    expect(table.locator("tbody tr")).to_have_count(100)
    expect(pager).to_contain_text("Řádky 1–100 z 215")
    first = table.locator("tbody tr").first.inner_text()
    back = pager.get_by_role("button", name="Předchozí stránka tabulky")
    expect(back).to_be_disabled()
    pager.get_by_role("button", name="Další stránka tabulky").focus()
    page.keyboard.press("Enter")
    expect(pager).to_contain_text("Řádky 101–200 z 215")
    expect(table.locator("tbody tr")).to_have_count(100)
    assert table.locator("tbody tr").first.inner_text() != first
    expect(back).to_be_enabled()
    pager.locator("button.dash-dropdown").click()  # named by its value, as every drop-down of the app
    page.get_by_role("option", name="řádky 201–215").click()
    expect(pager).to_contain_text("Řádky 201–215 z 215")
    expect(table.locator("tbody tr")).to_have_count(15)
    expect(pager.get_by_role("button", name="Další stránka tabulky")).to_be_disabled()
    # Jilemnice is on one of the pages, named with its nearest shelter as before
    jilemnice = page.locator("xpath=//table[@id='kapacity-nejblizsi']//tr[td[1][normalize-space()='Jilemnice']]")
    for _ in range(3):
        if jilemnice.count():
            break
        back.click()
        page.wait_for_timeout(300)
    expect(jilemnice).to_contain_text("Azylové domy – Dům Naděje Jablonec")
    assert wcag_violations(page) == []
    assert stray == []
