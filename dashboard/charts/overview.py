"""The Přehled page's charts: inhabitants by ORP or municipality, and the places where services are provided."""

from __future__ import annotations

from dashboard import data_state, db, geometry
from dashboard.charts import AREA, Chart, Param, area_names, chart
from dashboard.components.sources import source_text
from dashboard.figures.maps import PRECISION_LABELS, places_map, population_map

LEVEL_WORDS = {"orp": "ORP", "obec": "obce"}
MAP_CREDITS = ("Hranice: ČÚZK/RÚIAN (obce zjednodušeně, ORP po roce 2021); obyvatelé: ČSÚ k 1. 1. 2021; středy obcí: "
               "ArcČR 500. Mapa bez podkladové dlaždicové vrstvy.")


def reference_source_line() -> str:
    refs = db.query("reference_sources")
    return "; ".join(source_text(r.document, r.date) for r in refs.itertuples())


def _in_area(frame, area: str, column: str = "kod_orp"):
    return frame if area == "kraj" else frame[frame[column] == area]


def _population(uroven: str, uzemi: str):
    level = "obec" if uroven == "obec" or uzemi != "kraj" else "orp"
    if level == "orp":
        return level, db.query("population_by_orp"), {"name": "ORP", "municipalities": "Obcí",
                                                      "population": "Počet obyvatel"}
    return level, _in_area(db.query("population_by_municipality"), uzemi), {"name": "Obec", "orp": "ORP",
                                                                           "population": "Počet obyvatel"}


def _population_filters(level: str, uzemi: str) -> str:
    return f"{area_names()[uzemi]}, {LEVEL_WORDS[level]}"


def _population_title(level: str) -> str:
    return f"Obyvatelé podle území ({LEVEL_WORDS[level]})"


def population_table(uroven: str, uzemi: str):
    """The population chart's table and caption, without drawing the map (a page of a long table)."""
    level, areas, columns = _population(uroven, uzemi)
    return (areas[list(columns)].rename(columns=columns),
            f"{_population_title(level)}: {_population_filters(level, uzemi)}")


@chart("populace", "Obyvatelé podle ORP nebo obcí", uroven=Param("level", "orp"),
       uzemi=AREA)
def population_chart(uroven: str, uzemi: str) -> Chart:
    """Areas coloured by population; for an ORP its municipalities only."""
    level, areas, columns = _population(uroven, uzemi)
    boundaries = geometry.boundaries(level)
    outlines = geometry.boundaries("orp")
    title = _population_title(level)
    figure = population_map(areas, boundaries[boundaries["code"].isin(areas["code"])],
                            outlines if uzemi == "kraj" else outlines[outlines["code"] == uzemi],
                            db.query("map_view").iloc[0].to_dict(), title=title, source_line=MAP_CREDITS,
                            colour_title="Počet obyvatel")
    return Chart(figure, title, _population_filters(level, uzemi), reference_source_line(),
                 areas[list(columns)].rename(columns=columns))


@chart("mista", "Místa poskytování služeb", uzemi=AREA)
def places_chart(uzemi: str) -> Chart:
    places = _in_area(db.query("places_for_map"), uzemi)
    outlines = geometry.boundaries("orp")
    figure = places_map(places, outlines if uzemi == "kraj" else outlines[outlines["code"] == uzemi],
                        db.query("map_view").iloc[0].to_dict(), "Místa poskytování služeb", data_state.places_credit())
    table = places.assign(precision=places["geo_precision"].map(lambda p: PRECISION_LABELS.get(p, "bez polohy")))
    columns = {"service": "Služba", "kind": "Druh služby", "municipality": "Obec", "address": "Adresa",
               "precision": "Přesnost polohy"}
    return Chart(figure, "Místa poskytování služeb", area_names()[uzemi], source_text(data_state.places_credit()),
                 table[list(columns)].rename(columns=columns), bool(places["is_illustrative"].any()))
