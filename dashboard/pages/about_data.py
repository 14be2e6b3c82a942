"""O datech: per source what it is, its date, coverage and completeness, how much is illustrative, how each
figure is computed and what socmap does not know. Every banner and chart source line links here."""

from __future__ import annotations

import dash
from dash import html

from dashboard import data_state, db
from dashboard.components.tables import value_table
from dashboard.i18n import format_date, format_number

dash.register_page(__name__, path=data_state.ABOUT, name="O datech", title="O datech – socmap", order=10)

COMPLETENESS = {"complete": "úplný", "partial": "neúplný (výtah)"}


def _source_table(sources):
    shown = sources.assign(
        what=sources["kind"],
        date=[format_date(d) if d == d and d is not None else "bez data" for d in sources["date"]],
        coverage=[c if isinstance(c, str) and c else COMPLETENESS.get(k, "") for c, k in
                  zip(sources["coverage"], sources["completeness"], strict=True)],
        illustrative=sources["is_illustrative"].map({True: "ano – vymyšleno pro ukázku nebo předpoklad", False: "ne"}),
        rows=[format_number(r) for r in sources["rows"]],
        used_for=sources["used_for"].fillna(""))
    return value_table(shown, {"document": "Zdroj", "what": "Druh", "date": "Datum", "coverage": "Pokrytí a úplnost",
                               "illustrative": "Ilustrativní", "used_for": "Použito pro", "rows": "Řádků"},
                       "Zdroje načtených dat", numeric=("rows",), table_id="o-datech-zdroje")


def layout(**_query):
    sources = db.query("source_use")
    used = sources[sources["rows"] > 0]
    inputs = data_state.illustrative_inputs()
    return html.Div([
        html.H1("O datech"),
        html.P("Co socmap ukazuje, odkud to je, jak úplné to je a co nevíme. Každé číslo je buď sečtené ze zdroje, "
               "nula podle úplného zdroje, neuvedené, částečné („nejméně X“), ilustrativní, nebo předpoklad socmap.",
               className="lead"),
        html.H2("Registr poskytovatelů"),
        html.P(data_state.registry_sentence(), id="o-datech-registr"),
        html.P(f"Zdroj: {data_state.registry_credit()}."),
        html.H2("Ilustrativní a předpokládané vstupy"),
        html.Ul([html.Li(d) for d in inputs], id="o-datech-ilustrativni") if inputs
        else html.P("Žádný načtený údaj není ilustrativní.", id="o-datech-ilustrativni"),
        html.H2("Jak se údaje počítají"),
        html.Dl([item for name, text in data_state.RULES for item in (html.Dt(name), html.Dd(text))]),
        html.H2("Co socmap neví"),
        html.Ul([html.Li(s) for s in data_state.unknown_sentences()], id="o-datech-nevime"),
        html.H2("Zdroje"),
        html.Div(_source_table(used), className="table-responsive"),
    ])
