"""Pages register, render from the built file, and their callbacks answer."""

import json

import dash
import pytest
from plotly.utils import PlotlyJSONEncoder

from common.settings import Settings
from dashboard.app import create_app


@pytest.fixture(scope="module")
def app(built_db):
    return create_app(Settings(db_path=built_db))


def test_the_expected_pages_register(app):
    paths = {page["path"] for page in dash.page_registry.values()}
    assert {"/", "/404", "/adresar"} <= paths
    templates = {page.get("path_template") for page in dash.page_registry.values()}
    assert "/sluzba/<service_id>" in templates


def test_the_page_is_czech(app):
    assert '<html lang="cs">' in app.index_string


def test_the_overview_shows_real_numbers(app):
    from dashboard.pages import overview

    text = json.dumps(overview.layout(), cls=PlotlyJSONEncoder, ensure_ascii=False)
    assert "442\u00a0476" in text  # population of the kraj, 1. 1. 2021
    assert "Rozdané žádosti" in text
    funnel_table = text[text.index('"overview-funnel-table"') - 4000:text.index('"overview-funnel-table"')]
    assert funnel_table.count('"nezjištěno"') == 2  # the two uncounted stages, as cells of the table


def test_switching_the_map_to_municipalities_draws_all_215(app):
    from dashboard.pages import overview

    figure, table, links = overview.switch_map_level("obec")
    assert len(figure.data[0].locations) == 215
    assert "/export/graf/populace.png?uroven=obec" in str(links)  # the export follows the switch
    assert "'level': 'obec'" in str(table)  # the values behind the summary follow the switch, drawn when opened
    from dashboard.components import paged

    rows = paged.SOURCES[overview.MAP_TABLE].build(level="obec").frame
    assert len(rows) == 215 and "Jablonec nad Nisou" in set(rows["Obec"])
    assert not rows["Obec"].str.contains("Ústí").any()  # only the kraj's municipalities


def test_the_server_answers(app):
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/assets/vendor/bootstrap.min.css").status_code == 200


def test_the_hsds_package_downloads_as_a_zip(app):
    import io
    import zipfile

    response = app.server.test_client().get("/export/hsds.zip")
    assert response.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert "socmap-hsds/datapackage.json" in names and "socmap-hsds/services.csv" in names


def test_an_unknown_service_says_so(app):
    from dashboard.pages import service

    assert "Služba nenalezena" in str(service.layout(service_id="0000000"))


def test_the_workbook_template_downloads_with_every_sheet(app):
    import io

    import openpyxl

    response = app.server.test_client().get("/export/sablona.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert {"Návod", "Obsazenost", "Žádosti", "Sociální bydlení", "Opatření", "Normy"} <= set(book.sheetnames)


def test_illustrative_occupancy_is_marked_on_the_service_page(app):
    from dashboard.pages import service

    page = str(service.layout(service_id="9900008"))
    assert "Část údajů o obsazenosti je ilustrativní" in page
    assert "ILUSTRATIVNÍ" in page


def test_a_service_whose_page_names_no_place_has_a_page_that_says_where_it_works(app):
    from dashboard.pages import service

    page = str(service.layout(service_id="9900046"))  # pečovatelská služba on Frýdlantsko, no address given
    assert "Pečovatelská služba – Diecézní charita Litoměřice" in page
    assert "působí na Frýdlantsku" in page


def _visible_text(component) -> str:
    """The words a person reads on a rendered layout: children and labels, not ids, links or figure data."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(_visible_text(c) for c in component)
    if component is None or not hasattr(component, "to_plotly_json"):
        return ""
    props = component.to_plotly_json()["props"]
    return " ".join(_visible_text(props.get(key)) for key in ("children", "label", "title") if key in props)


def test_no_page_of_any_service_shows_internal_notes_codes_or_raw_ids(app):
    """A planner opens every service and instrument: no fact codes (F28), no English working notes, a name as
    the heading — never the raw id of a municipal instrument."""
    import re

    from dashboard import db
    from dashboard.pages import about_data, service

    ids = list(db.query("directory_entries")["id"])
    assert len(ids) > 50
    for service_id in ids:
        text = _visible_text(service.layout(service_id=service_id))
        assert not re.search(r"\bF\d{2}\b", text), (service_id, re.search(r".{40}\bF\d{2}\b.{20}", text))
        for english in ("keep both", "do not merge", "catalogue", "provider's page", "Planned at"):
            assert english not in text, (service_id, english)
        assert not text.startswith("← Adresář 0 "), service_id
    zitavska = _visible_text(service.layout(service_id="SB-ZITAVSKA"))
    assert "Sociální byty IPRÚ – Žitavská 393" in zitavska
    assert service.page_title(service_id="SB-ZITAVSKA") == "Sociální byty IPRÚ – Žitavská 393 – socmap"
    assert "F2" not in _visible_text(about_data.layout())


def test_the_plan_counts_kinds_on_its_own_territory(app):
    from dashboard.pages import plan

    kinds = " ".join(plan.evaluation()["kinds"])
    assert "(ORP Liberec)" in kinds and "kraj" not in kinds
    assert "Noclehárny (ORP Liberec): 1 služba, kapacita 32 lůžek" in kinds
