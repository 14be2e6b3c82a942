"""One allocation round: its funnel chart, the table of its stages with conversions and reasons, its source."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard import db
from dashboard.charts import Chart
from dashboard.components.export import export_links
from dashboard.components.graphs import graph
from dashboard.components.sources import source_line, source_text
from dashboard.components.tables import value_table
from dashboard.figures.funnels import funnel_figure
from dashboard.i18n import format_date, format_number, format_percent, t


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
    return {"stage": t("funnel.stage"), "count": t("funnel.count"), "unit": t("funnel.unit"),
            "share": t("funnel.conversion"), "what": "Co to je", "note": t("funnel.note")}


def with_words(stages: pd.DataFrame) -> pd.DataFrame:
    """The conversion between counted stages, and whether a stage is an application stage or the round's offer."""
    what = ["nabídka kola (ne počet přidělených)" if s else "žádosti a žadatelé"
            for s in stages.get("is_supply", pd.Series(False, index=stages.index)).fillna(False)]
    return stages.assign(share=stage_shares(stages), what=what)


def round_title(rnd) -> str:
    return f"{rnd['name']} ({format_date(rnd['date'])})" if pd.notna(rnd["date"]) else rnd["name"]


def funnel_chart(kolo: str) -> Chart:
    """One round's funnel as an exportable chart (registered as "trychtyr" by the Žádosti page)."""
    rnd = db.query("funnel_round", round_id=kolo).iloc[0]
    stages = db.query("funnel_stages", round_id=kolo)
    title = round_title(rnd)
    figure = funnel_figure(stages, title, source_text(rnd.document, rnd.source_date), t("funnel.unknown"))
    columns = stage_columns()
    table = with_words(stages)[list(columns)].rename(columns=columns)
    return Chart(figure, title, f"kolo přidělování, {rnd['municipality'] or 'obec neuvedena'}",
                 source_text(rnd.document, rnd.source_date), table, bool(rnd.is_illustrative))


def funnel_block(rnd, stages: pd.DataFrame, prefix: str, title: str, heading_level=html.H2) -> html.Section:
    line = source_text(rnd.document, rnd.source_date)
    dated = f" ({format_date(rnd.date)})" if pd.notna(rnd.date) else ""
    figure = funnel_figure(stages, f"{title}{dated}", line, t("funnel.unknown"))
    table = value_table(
        with_words(stages), stage_columns(),
        f"{title}: {t('table.values').lower()}",
        formats={"count": format_number}, numeric=("count", "share"), table_id=f"{prefix}-table")
    return html.Section([
        heading_level(title, id=f"{prefix}-heading"),
        html.P(rnd.note) if isinstance(rnd.note, str) else None,
        graph(prefix, figure, responsive=True),
        export_links("trychtyr", f"{title}{dated}", f"{prefix}-export", kolo=rnd.round_id),
        html.Div(table, className="table-responsive"),
        source_line(rnd.document, rnd.source_date, rnd.link, bool(rnd.is_illustrative)),
    ], className="mb-5", **{"aria-labelledby": f"{prefix}-heading"})
