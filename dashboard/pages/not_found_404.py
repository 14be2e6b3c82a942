"""Dash answers every unknown path with 200 and the shell: this page says the address is wrong."""

import dash
from dash import dcc, html

dash.register_page(__name__, path="/404", name="Stránka nenalezena", title="Stránka nenalezena – socmap")


def layout(**_query):
    return html.Div([html.H1("Stránka nenalezena"), html.P("Adresa neexistuje. Pokračujte na přehled."),
                     dcc.Link("Přehled", href="/")])
