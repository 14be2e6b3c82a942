"""Source lines and the illustrative-data banner."""

from __future__ import annotations

from dash import html

from dashboard import data_state
from dashboard.i18n import format_date


def source_text(document: str, date=None) -> str:
    dated = f", {format_date(date)}" if date is not None and str(date) not in ("", "NaT", "None") else ""
    return f"Zdroj: {document}{dated}"


def source_line(document: str, date=None, link: str | None = None, illustrative: bool = False):
    children = [source_text(document, date)]
    if isinstance(link, str) and link.startswith("http"):  # a source without a link arrives as NaN
        dated = source_text("", date)[len(source_text("", None)):]  # ", 6. 1. 2020" or "" when undated
        children = ["Zdroj: ", html.A(document, href=link, rel="noopener"), dated]
    if illustrative:
        children.append(html.Strong(" (ilustrativní data)", className="text-danger"))
    return html.P(children, className="source-line small text-body-secondary")


def illustrative_banner(documents: list[str]):
    """Shown on every page while any loaded row cites an illustrative or assumed source — the registry
    extract, occupancy, target norms — naming each, with a link to what is known and what is not."""
    if not documents:
        return None
    return html.Div([
        html.Strong("Pozor: část dat je ilustrativní." + " "),
        "Ilustrativní nebo předpokládané jsou tyto vstupy: ",
        html.Ul([html.Li(d) for d in documents], className="mb-1"),
        html.P("Skutečný registr MPSV načte příkaz „socmap fetch registry“.", className="mb-1")
        if any("Výtah registru" in d for d in documents) else None,
        html.A("Co o datech víme a co ne", href=data_state.ABOUT, className="alert-link"),
    ], role="status", className="alert alert-warning", id="illustrative-banner")
