"""The allocation rounds' chart: one round's funnel, its stages with conversions, and whether a stage is an
application stage or the round's offer (the table beside it on the pages uses the same words)."""

from __future__ import annotations

import pandas as pd

from dashboard import db
from dashboard.charts import Chart, Param, chart
from dashboard.components.sources import source_text
from dashboard.figures.funnels import funnel_figure
from dashboard.i18n import format_date, format_percent


def stage_shares(stages: pd.DataFrame) -> list[str]:
    """Each counted stage as a share of the previous counted stage in the same unit; '' otherwise."""
    shares, last = [], {}
    for s in stages.itertuples():
        prev = last.get(s.unit)
        counted = bool(pd.notna(s.count))
        shares.append(format_percent(s.count / prev) if counted and prev else "")
        if counted:
            last[s.unit] = s.count
    return shares


def stage_columns() -> dict[str, str]:
    return {"stage": "Fáze", "count": "Počet", "unit": "Jednotka",
            "share": "Podíl z předchozí spočítané fáze", "what": "Co to je", "note": "Poznámka a důvody odpadnutí"}


def with_words(stages: pd.DataFrame) -> pd.DataFrame:
    """The conversion between counted stages, and whether a stage is an application stage or the round's offer."""
    what = ["nabídka kola (ne počet přidělených)" if s else "žádosti a žadatelé"
            for s in stages.get("is_supply", pd.Series(False, index=stages.index)).fillna(False)]
    return stages.assign(share=stage_shares(stages), what=what)


def round_title(rnd) -> str:
    return f"{rnd['name']} ({format_date(rnd['date'])})" if pd.notna(rnd["date"]) else rnd["name"]


@chart("trychtyr", "Kolo přidělování (trychtýř)", kolo=Param("round"))
def funnel_chart(kolo: str) -> Chart:
    """One round's funnel as an exportable chart (the export links of Přehled and Žádosti, the pack)."""
    rnd = db.query("funnel_round", round_id=kolo).iloc[0]
    stages = db.query("funnel_stages", round_id=kolo)
    title = round_title(rnd)
    figure = funnel_figure(stages, title, source_text(rnd.document, rnd.source_date), "nezjištěno")
    columns = stage_columns()
    table = with_words(stages)[list(columns)].rename(columns=columns)
    return Chart(figure, title, f"kolo přidělování, {rnd['municipality'] or 'obec neuvedena'}",
                 source_text(rnd.document, rnd.source_date), table, bool(rnd.is_illustrative))
