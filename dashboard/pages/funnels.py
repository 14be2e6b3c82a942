"""Žádosti: every allocation round as a funnel, side by side; uncounted stages drawn as unknown."""

from __future__ import annotations

import dash
import pandas as pd
from dash import html

from dashboard import db
from dashboard.components.funnel import funnel_block

dash.register_page(__name__, path="/zadosti", name="Žádosti", title="Žádosti – socmap",
                   order=3)

def layout(**_query):
    rounds = db.query("funnel_rounds")
    by_round = {key: frame.drop(columns="round_id").reset_index(drop=True)
                for key, frame in db.query("funnel_stages_all").groupby("round_id")}
    blocks = []
    for i, rnd in enumerate(rounds.itertuples()):
        stages = by_round.get(rnd.round_id, pd.DataFrame(columns=["stage_order", "stage", "count", "unit", "note"]))
        title = f"{rnd.name} ({rnd.programme})"
        blocks.append(html.Div(funnel_block(rnd, stages, f"zadosti-{i}", title, heading_level=html.H2),
                               className="col-12"))  # side by side, titles and notes were cut
    return html.Div([
        html.H1("Žádosti"),
        html.P("Kola přidělování bytů a Housing First: kolik lidí prošlo kterou fází a proč odpadli. Fáze, "
               "kterou nikdo nespočítal, je „nezjištěno“ (šrafovaně, s rozmezím mezi spočítanými fázemi), "
               "nikdy nula.", className="lead"),
        html.Div(blocks, className="row") if blocks else html.P("Žádná kola nejsou načtena."),
    ])
