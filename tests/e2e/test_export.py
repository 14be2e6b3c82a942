"""A planner takes charts into the community plan: one click gives a print-size file with its source, and
one more the whole pack of ORP Jilemnice."""

import io
import struct
import zipfile

import docx
import pytest
from playwright.sync_api import expect

from tests.e2e.axe import wcag_violations
from tests.e2e.controls import pick

pytestmark = pytest.mark.e2e


def download(page, link):
    with page.expect_download(timeout=60_000) as info:
        link.click()
    return info.value, open(info.value.path(), "rb").read()


@pytest.mark.parametrize("path", ["/", "/adresar", "/kapacity", "/srovnani", "/obsazenost", "/zadosti",
                                  "/sluzba/9900008", "/potreba"])
def test_every_chart_on_the_page_has_its_export(page, server, path):
    page.goto(server + path)
    page.wait_for_selector(".chart-export")
    page.wait_for_load_state("networkidle")
    graphs = page.locator(".dash-graph").count()
    assert graphs >= 1
    expect(page.locator(".chart-export")).to_have_count(graphs)
    # PNG, SVG, PDF, PDF on A4, and the numbers as CSV and XLSX
    expect(page.locator(".chart-export a[download]")).to_have_count(6 * graphs)
    expect(page.locator(".chart-export a[href='/o-datech']")).to_have_count(graphs)


def test_the_ranking_of_shelters_downloads_as_a_print_size_png(page, server):
    page.goto(server + "/kapacity")
    link = page.get_by_role("link", name="Stáhnout graf Pořadí: Azylové domy jako PNG", exact=False)
    file, data = download(page, link)
    assert file.suggested_filename == "socmap-kapacity-poradi.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", data[16:20])[0] == 2000


def test_the_directory_map_export_follows_the_filter(page, server):
    page.goto(server + "/adresar")
    expect(page.locator("#adresar-grid .ag-row").first).to_be_visible()
    pick(page, "adresar-druh", "Noclehárny")
    expect(page.locator("#adresar-count")).to_contain_text("Nalezeno 2 ")
    link = page.locator("#adresar-mapa-export").get_by_role("link", name="SVG", exact=False)
    expect(link).to_have_attribute("href", "/export/graf/adresar-mapa.svg?druh=63")
    _file, data = download(page, link)
    text = data.decode("utf-8")
    assert "druh: Noclehárny" in text and "Místa vybraných služeb (2)" in text
    assert "Zdroj: výtah registru sestavený z veřejných zdrojů" in text  # an extract, and said to be one


def test_a_planner_makes_the_pack_of_orp_jilemnice(page, server, tmp_path):
    page.goto(server + "/balicek")
    pick(page, "balicek-uzemi", "ORP Jilemnice")
    expect(page.locator("#balicek-pocet")).to_contain_text("Balíček bude mít 14 grafů")
    # the pack's charts in words, not `druh=40, jednotka=klient`
    expect(page.locator("#balicek-tabulka")).to_contain_text("Vzdálenost obcí k nejbližší službě: Azylové domy")
    expect(page.locator("#balicek-tabulka")).not_to_contain_text("druh=")
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Vytvořit balíček (ZIP)").click()
        expect(page.locator("#balicek-probiha")).to_contain_text("Připravuji balíček: 14 grafů")
    assert info.value.suggested_filename == "socmap-balicek-orp-jilemnice.zip"
    expect(page.locator("#balicek-hotovo")).to_contain_text("Hotovo")
    expect(page.locator("#balicek-probiha")).to_be_hidden()
    pack = zipfile.ZipFile(info.value.path())
    names = pack.namelist()
    # #16: five rankings with no known capacity in ORP Jilemnice are a sentence, not five empty charts
    assert "socmap-balicek-orp-jilemnice/zprava.docx" in names and len([n for n in names if n.endswith(".svg")]) == 9
    assert "socmap-balicek-orp-jilemnice/grafy/10-vzdalenost-azylove-domy.png" in names  # named by its kind
    report = docx.Document(io.BytesIO(pack.read("socmap-balicek-orp-jilemnice/zprava.docx")))
    assert {(round(s.page_width.mm), round(s.page_height.mm)) for s in report.sections} <= {(210, 297), (297, 210)}
    assert report.core_properties.author == "socmap" and report.core_properties.language == "cs-CZ"
    assert all(sum(c.width.cm for c in t.rows[0].cells) <= 25.8 for t in report.tables)  # tables fit the page


def test_the_pack_page_meets_wcag_2_1_aa(page, server):
    page.goto(server + "/balicek")
    page.wait_for_selector("#balicek-pocet")
    page.wait_for_timeout(500)
    assert wcag_violations(page) == []
