"""Žádosti: the allocation rounds as funnels, side by side while there are a few, one chosen from a list when
there are many (a country's rounds); uncounted stages drawn as unknown."""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, callback, html

from dashboard import db, inputs
from dashboard.components.funnel import funnel_block
from dashboard.components.graphs import dropdown

dash.register_page(__name__, path="/zadosti", name="Žádosti", title="Žádosti – socmap",
                   order=3)

ROUND, CHOSEN = "zadosti-kolo", "zadosti-vybrane"
ALL_SHOWN_UP_TO = 6  # more rounds than this: one at a time, chosen from a list (#18: 208 nationally)
NO_STAGES = pd.DataFrame(columns=["stage_order", "stage", "count", "unit", "note"])


def block(rnd, stages: pd.DataFrame, i: int) -> html.Div:
    title = f"{rnd.name} ({rnd.programme})"
    return html.Div(funnel_block(rnd, stages, f"zadosti-{i}", title, heading_level=html.H2),
                    className="col-12")  # side by side, titles and notes were cut


def layout(**_query):
    rounds = db.query("funnel_rounds")
    lead = html.P("Kola přidělování bytů a Housing First: kolik lidí prošlo kterou fází a proč odpadli. Fáze, "
                  "kterou nikdo nespočítal, je „nezjištěno“ (šrafovaně, s rozmezím mezi spočítanými fázemi), "
                  "nikdy nula.", className="lead")
    if rounds.empty:
        return html.Div([html.H1("Žádosti"), lead, html.P("Žádná kola nejsou načtena.")])
    if len(rounds) > ALL_SHOWN_UP_TO:
        options = [{"label": f"{r.name} ({r.programme})", "value": r.round_id} for r in rounds.itertuples()]
        return html.Div([html.H1("Žádosti"), lead,
                         html.Div([html.Label(f"Kolo ({len(rounds)} kol)", htmlFor=ROUND,
                                              className="form-label fw-semibold"),
                                   dropdown(ROUND, options=options, value=options[0]["value"], clearable=False)],
                                  className="mb-3"),
                         html.Div(chosen(options[0]["value"]), id=CHOSEN, className="row")])
    by_round = {key: frame.drop(columns="round_id").reset_index(drop=True)
                for key, frame in db.query("funnel_stages_all").groupby("round_id")}
    blocks = [block(rnd, by_round.get(rnd.round_id, NO_STAGES), i) for i, rnd in enumerate(rounds.itertuples())]
    return html.Div([html.H1("Žádosti"), lead, html.Div(blocks, className="row")])


def chosen(round_id: str) -> html.Div:
    rounds = db.query("funnel_rounds")
    rnd = next(rounds[rounds["round_id"] == round_id].itertuples())
    return block(rnd, db.query("funnel_stages", round_id=round_id), 0)


@callback(Output(CHOSEN, "children"), Input(ROUND, "value"), prevent_initial_call=True)
def show_round(round_id):
    inputs.check(round=round_id)
    return chosen(round_id)
