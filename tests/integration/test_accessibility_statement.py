"""The accessibility statement (zákon č. 99/2019 Sb.) names the contact the operator configures, keeps the
model statement's sections, and is linked from every page's footer; the README documents the setting."""

import json
import re
from pathlib import Path

import dash
from plotly.utils import PlotlyJSONEncoder

from common.settings import Settings
from dashboard.app import create_app

SECTIONS = ["Stav souladu", "Nepřístupný obsah", "Vypracování tohoto prohlášení",
            "Zpětná vazba a kontaktní údaje", "Postup pro vymáhání"]


def test_the_statement_names_the_configured_contact(built_db, monkeypatch):
    monkeypatch.setenv("SOCMAP_A11Y_CONTACT", "pristupnost@kraj-lbc.example")
    settings = Settings.from_env()
    assert settings.a11y_contact == "pristupnost@kraj-lbc.example"
    app = create_app(Settings(db_path=built_db, a11y_contact=settings.a11y_contact))
    from dashboard.pages import accessibility
    with app.server.test_request_context("/prohlaseni-o-pristupnosti"):
        text = json.dumps(accessibility.layout(), cls=PlotlyJSONEncoder, ensure_ascii=False)
        shell = json.dumps(app.layout(), cls=PlotlyJSONEncoder, ensure_ascii=False)
    assert "mailto:pristupnost@kraj-lbc.example" in text
    assert all(section in text for section in SECTIONS) and "99/2019 Sb." in text
    assert "/prohlaseni-o-pristupnosti" in shell  # the footer of every page
    page = next(p for p in dash.page_registry.values() if p["path"] == "/prohlaseni-o-pristupnosti")
    assert page["in_navigation"] is False


def test_the_readme_documents_every_setting():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    source = (Path(__file__).parents[2] / "common" / "settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'"(SOCMAP_[A-Z0-9_]+)"', source))
    assert names and [n for n in names if f"`{n}`" not in readme] == []
