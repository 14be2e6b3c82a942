"""Prohlášení o přístupnosti: the accessibility statement that zákon č. 99/2019 Sb. requires of public bodies,
in the structure of its model statement (vyhláška č. 515/2020 Sb.): commitment, scope, state of compliance,
content that is not accessible, how the statement was made, feedback and contact, enforcement. The contact
for reporting a problem is a setting (SOCMAP_A11Y_CONTACT)."""

from __future__ import annotations

import dash
import flask
from dash import html

from common.settings import Settings

dash.register_page(__name__, path="/prohlaseni-o-pristupnosti", name="Prohlášení o přístupnosti",
                   title="Prohlášení o přístupnosti – socmap", order=90, in_navigation=False)

PREPARED = "1. 12. 2026"  # when the statement was made and last reviewed (update with each review)

NOT_ACCESSIBLE = [
    "Mapy jsou obrázky: název každého ORP a větších měst je v mapě napsán, každá obec se jmenuje po najetí myší, "
    "ale kdo mapu nevidí, čte stejná čísla z tabulky pod ní (každá mapa a každý graf má svá čísla v tabulce).",
    "Barevné třídy map a grafů nejsou vždy rozlišitelné bez barvy; v tisku jsou sloupce rozlišeny i vzorem "
    "a v tabulkách jsou hodnoty vypsány.",
    "Grafy lze přibližovat jen myší; tytéž údaje jsou v tabulkách dostupné z klávesnice.",
    "Stažené soubory PNG a SVG jsou obrázky grafů; jejich čísla jsou v sešitu XLSX a ve zprávě DOCX "
    "(obrázky ve zprávě mají alternativní text).",
]


def contact() -> str:
    """The configured contact (create_app puts it in the Flask config); the default outside a request."""
    if flask.has_app_context():
        return flask.current_app.config.get("SOCMAP_A11Y_CONTACT") or Settings.a11y_contact
    return Settings.a11y_contact


def _contact_link(address: str):
    if "@" in address and " " not in address:
        return html.A(address, href=f"mailto:{address}", id="pristupnost-kontakt")
    return html.Span(address, id="pristupnost-kontakt")


def layout(**_query):
    return html.Div([
        html.H1("Prohlášení o přístupnosti"),
        html.P("Provozovatel aplikace socmap se zavazuje zpřístupnit ji v souladu se zákonem č. 99/2019 Sb., "
               "o přístupnosti internetových stránek a mobilních aplikací a o změně zákona č. 365/2000 Sb., "
               "o informačních systémech veřejné správy."),
        html.P("Toto prohlášení o přístupnosti se vztahuje na webovou aplikaci socmap — adresář a kapacity sítě "
               "sociálních služeb Libereckého kraje — se všemi jejími stránkami a soubory ke stažení."),
        html.H2("Stav souladu"),
        html.P("Aplikace je částečně v souladu se zákonem č. 99/2019 Sb., a to z důvodu nesouladu uvedeného níže. "
               "Cílem je úroveň AA podle WCAG 2.1 (harmonizovaná norma ČSN EN 301 549)."),
        html.H2("Nepřístupný obsah"),
        html.H3("Nesoulad se zákonem č. 99/2019 Sb."),
        html.Ul([html.Li(item) for item in NOT_ACCESSIBLE]),
        html.H3("Nepřiměřená zátěž"),
        html.P("Na nepřiměřenou zátěž se provozovatel neodvolává."),
        html.H3("Obsah mimo působnost zákona"),
        html.P("Odkazované dokumenty třetích stran (zdroje údajů, weby poskytovatelů) provozovatel nespravuje."),
        html.H2("Vypracování tohoto prohlášení"),
        html.P(f"Prohlášení bylo vypracováno {PREPARED} na základě vlastního posouzení: automatické kontroly "
               "každé stránky nástrojem axe-core podle WCAG 2.1 A a AA při každé změně aplikace, ovládání "
               "klávesnicí a kontrola zobrazení na šířce 390 a 1366 pixelů. Prohlášení bylo naposledy "
               f"přezkoumáno {PREPARED}."),
        html.H2("Zpětná vazba a kontaktní údaje"),
        html.P(["Nedostatky v přístupnosti a žádosti o informace v přístupné podobě hlaste na: ",
                _contact_link(contact()), ". Odpovíme do 30 dnů."]),
        html.H2("Postup pro vymáhání"),
        html.P("Nejste-li s vyřízením podnětu spokojeni, můžete se obrátit na Ministerstvo vnitra, které dozoruje "
               "dodržování zákona č. 99/2019 Sb. (Ministerstvo vnitra, Nad Štolou 936/3, 170 34 Praha 7, "
               "posta@mvcr.cz)."),
    ], className="col-lg-9")
