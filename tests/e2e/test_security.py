"""Every page renders under the Content-Security-Policy with no violation; with SOCMAP_AUTH an official logs in
through the Czech form, sees the occupancy figures and logs out."""

import pytest
from playwright.sync_api import expect

from dashboard.auth import add_user
from tests.e2e.axe import wcag_violations
from tests.e2e.conftest import serving

pytestmark = pytest.mark.e2e

PASSWORD = "heslo-pro-test-2026"
# Violations as the browser reports them: the event, and the console line Chromium writes beside it.
WATCH = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(" \
        "e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"
PAGES = [("/", "#overview-map .choroplethlayer path"), ("/adresar", "#adresar-map .maplibregl-canvas"),
         ("/sluzba/9900008", "#service-map .maplibregl-canvas"), ("/kapacity", "#kapacity-mapa .choroplethlayer path"),
         ("/srovnani", "#srovnani-graf .main-svg"), ("/obsazenost", "#obsazenost-heatmapa .main-svg"),
         ("/zadosti", ".js-plotly-plot .main-svg"), ("/plan", "table"), ("/adresar?orp=9999", "#invalid-link"),
         ("/potreba", "#potreba-mapa .main-svg")]


@pytest.fixture
def csp_watch(page):
    """Fail the test on any CSP violation (event or console message) on any page it visits."""
    console = []
    page.add_init_script(WATCH)
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    yield page
    assert console == []


def violations(page) -> list:
    return page.evaluate("() => window.__csp")


@pytest.mark.parametrize(("path", "drawn"), PAGES, ids=[p for p, _ in PAGES])
def test_every_page_renders_under_the_csp(csp_watch, server, offline, path, drawn):
    page = csp_watch
    response = page.goto(server + path)
    assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    expect(page.locator(drawn).first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_the_directory_still_searches_and_downloads_under_the_csp(csp_watch, server, offline):
    page = csp_watch
    page.goto(server + "/adresar")
    expect(page.locator("#adresar-grid .ag-row").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Hledat (bez ohledu na diakritiku)").fill("noclehar")
    expect(page.locator("#adresar-count")).to_contain_text("Nalezeno 2 ")
    with page.expect_download() as download:
        page.get_by_role("button", name="Stáhnout CSV (Excel)").click()
    assert download.value.suggested_filename == "socmap-adresar.csv"
    assert violations(page) == []


def test_a_broken_link_says_so_in_czech(page, server, offline):
    response = page.goto(server + "/adresar?orp=9999")
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("Neplatný odkaz")
    expect(page.locator("#invalid-link-reason")).to_contain_text("ORP: kód „9999“ v načtených datech není")
    expect(page.get_by_role("link", name="Adresář").last).to_be_visible()


@pytest.fixture(scope="module")
def auth_server(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("auth")
    add_user(folder / "users", "urednice", PASSWORD)
    with serving(built_db, folder, SOCMAP_AUTH=str(folder / "users")) as url:
        yield url


def test_an_official_logs_in_sees_occupancy_and_logs_out(csp_watch, auth_server):
    page = csp_watch
    page.goto(auth_server + "/obsazenost")
    expect(page).to_have_url(auth_server + "/prihlaseni?dalsi=%2Fobsazenost")
    expect(page.locator("html")).to_have_attribute("lang", "cs")
    assert wcag_violations(page) == []
    page.get_by_label("Uživatelské jméno").fill("urednice")
    page.get_by_label("Heslo").fill("spatne-heslo-123")
    page.get_by_role("button", name="Přihlásit se").click()
    expect(page.get_by_role("alert")).to_have_text("Jméno nebo heslo nesouhlasí.")
    assert wcag_violations(page) == []
    page.get_by_label("Heslo").fill(PASSWORD)
    page.get_by_role("button", name="Přihlásit se").click()
    expect(page).to_have_url(auth_server + "/obsazenost")
    expect(page.locator("#obsazenost-heatmapa .main-svg").first).to_be_visible()
    expect(page.locator("#odhlaseni")).to_contain_text("urednice")
    page.get_by_role("button", name="Odhlásit").click()
    expect(page).to_have_url(auth_server + "/prihlaseni")
    page.goto(auth_server + "/obsazenost")
    expect(page.get_by_role("heading", level=1)).to_have_text("Přihlášení")
    assert violations(page) == []
