"""KPI cards."""

from __future__ import annotations

from dash import html


def kpi_card(label: str, value: str, note: str | None = None, card_id: str | None = None):
    body = [html.P(label, className="kpi-label mb-1"), html.P(value, className="kpi-value mb-0")]
    if note:
        body.append(html.P(note, className="kpi-note small mb-0"))
    return html.Div(html.Div(body, className="card-body"), className="card kpi h-100", id=card_id)
