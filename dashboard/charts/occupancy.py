"""The Obsazenost page's charts: utilisation over time, a month × year heatmap and refusals of one service,
kind or ORP, from the monthly reports."""

from __future__ import annotations

import functools

import pandas as pd

from common.vocabulary import unit_name
from dashboard import db
from dashboard.charts import Chart, Param, chart
from dashboard.figures.occupancy import heatmap_figure, refusals_figure, utilisation_figure
from dashboard.inputs import InvalidInput

# A choice by service, kind or ORP: its Czech word, the column of its code and the column of its name.
LEVELS = {"service": ("Služba", "service_id", "service"), "kind": ("Druh služby", "kind_code", "kind"),
          "orp": ("ORP", "kod_orp", "orp")}
OCCUPANCY_PARAMS = {"podle": Param("occupancy_level", "kind"), "vyber": Param("pick"),
                    "jednotka": Param("unit", "luzka")}
MONTH_COLUMNS = {"period": "Měsíc", "capacity": "Kapacita", "occupied": "Obsazeno", "utilisation": "Obsazenost",
                 "refused": "Odmítnuto", "reports": "Vykázaných služeb"}


def by_month(monthly: pd.DataFrame) -> pd.DataFrame:
    return monthly.assign(period=[f"{m.month}/{m.year}" for m in monthly["month"]])


FIGURES = {"obsazenost-cas": (utilisation_figure, "Obsazenost v čase"),
           "obsazenost-heatmapa": (heatmap_figure, "Obsazenost po měsících a letech"),
           "obsazenost-odmitnuti": (refusals_figure, "Odmítnutí pro nedostatek kapacity")}


def chosen_rows(level: str, pick, unit: str) -> pd.DataFrame:
    """The reports of one service, kind or ORP in one unit (filtered in SQL: dashboard/queries/monitoring.sql)."""
    return db.query("occupancy_chosen", level=level, pick=pick, unit=unit)


def monthly(level: str, pick, unit: str) -> pd.DataFrame:
    """Utilisation by month, gaps where nobody reported (the macro monthly_utilisation of etl/schema.sql)."""
    frame = db.query("utilisation_by_month", level=level, pick=pick, unit=unit)
    return frame.assign(month=pd.to_datetime(frame["month"]).dt.date)


def occupancy_chart(name: str, podle: str, vyber: str, jednotka: str) -> Chart:
    chosen = chosen_rows(podle, vyber, jednotka)
    months = monthly(podle, vyber, jednotka)
    if chosen.empty or months.empty:
        raise InvalidInput("vyber", "pro tento výběr nikdo obsazenost měsíčně nevykázal",
                           "no monthly occupancy reported")
    label = chosen[LEVELS[podle][2]].iloc[0]
    illustrative = bool(chosen["is_illustrative"].any())
    source = "Zdroj: " + "; ".join(sorted(set(chosen["document"]))) + (" — ILUSTRATIVNÍ" if illustrative else "")
    draw, heading = FIGURES[name]
    title = f"{heading}: {label}"
    table = by_month(months)[list(MONTH_COLUMNS)].rename(columns=MONTH_COLUMNS)
    filters = f"{LEVELS[podle][0]}: {label}, {unit_name(jednotka)}" + (
        ", ilustrativní data" if illustrative else "")
    return Chart(draw(months, title, source, illustrative), title, filters, source, table, illustrative)


for _name, (_draw, _heading) in FIGURES.items():
    chart(_name, _heading, **OCCUPANCY_PARAMS)(functools.partial(occupancy_chart, _name))
