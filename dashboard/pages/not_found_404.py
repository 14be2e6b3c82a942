"""Dash answers every unknown path with 200 and the shell: this page says the address is wrong."""

import dash
from dash import dcc, html

from dashboard.i18n import t

dash.register_page(__name__, path="/404", name=t("page.not_found"), title=f"{t('page.not_found')} – socmap")


def layout(**_query):
    return html.Div([html.H1(t("page.not_found")), html.P(t("not_found.text")),
                     dcc.Link(t("page.overview"), href="/")])
