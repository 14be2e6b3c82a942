"""The service page's map: the places where one service is provided."""

from __future__ import annotations

import pandas as pd

from dashboard import data_state, db
from dashboard.charts import Chart, Param, chart
from dashboard.components.sources import source_text
from dashboard.figures.maps import PRECISION_LABELS, directory_map
from dashboard.inputs import InvalidInput


def places_map(places: pd.DataFrame, capacity_max):
    """The located places on a map framed around them (the page shows the same map)."""
    frame = places.assign(id="", service="", kind="", capacity="", capacity_max=capacity_max)
    extent = {"lat_min": frame["lat"].min() - 0.2, "lat_max": frame["lat"].max() + 0.2,
              "lon_min": frame["lon"].min() - 0.3, "lon_max": frame["lon"].max() + 0.3}
    frame["service"] = frame["name"]
    return directory_map(frame, db.query("boundaries", level="orp"), extent, "Místa poskytování",
                         data_state.places_credit())


@chart("sluzba-mapa", "Místa poskytování jedné služby", id=Param("service"))
def service_places_chart(id: str) -> Chart:  # noqa: A002 - the URL's word
    detail = db.query("service_detail", id=id)
    places = db.query("service_places", id=id)
    located = places[places["lat"].notna()]
    if detail.empty or located.empty:
        raise InvalidInput("id", "služba nemá místa s polohou", "the service has no located places")
    s = detail.iloc[0]
    table = located.assign(precision=located["geo_precision"].map(lambda p: PRECISION_LABELS.get(p, "bez polohy")))
    columns = {"name": "Místo", "address": "Adresa", "municipality": "Obec", "orp": "ORP", "precision": "Poloha"}
    return Chart(places_map(located, None), f"Místa poskytování: {s['name']}", f"{s['kind']}",
                 source_text(data_state.places_credit()), table[list(columns)].rename(columns=columns),
                 bool(s["is_illustrative"]))
