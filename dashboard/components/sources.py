"""Source lines and the illustrative-data banner."""

from __future__ import annotations

from dash import html

from dashboard.i18n import format_date, t


def source_text(document: str, date=None) -> str:
    dated = f", {format_date(date)}" if date is not None and str(date) not in ("", "NaT", "None") else ""
    return f"{t('source.prefix')}: {document}{dated}"


def source_line(document: str, date=None, link: str | None = None, illustrative: bool = False):
    children = [source_text(document, date)]
    if link and link.startswith("http"):
        children = [f"{t('source.prefix')}: ", html.A(document, href=link, rel="noopener"),
                    f", {format_date(date)}" if date is not None else ""]
    if illustrative:
        children.append(html.Strong(" (ilustrativní data)", className="text-danger"))
    return html.P(children, className="source-line small text-body-secondary")


def illustrative_banner(count: int):
    if not count:
        return None
    return html.Div(t("illustrative.banner"), role="alert", className="alert alert-warning",
                    id="illustrative-banner")
