"""Capacity charts (the Kapacity page, also drawn on Potřeba a síť and in the pack): the rate per 10 000 as a
map and a ranking against the kraj average and a target, and the distance to the nearest place of a kind."""

from __future__ import annotations

from common.vocabulary import unit_name
from dashboard import data_state, db, geometry
from dashboard.capacity import areas_of, farther_than, kind_label, kinds_of, target_norm, target_words
from dashboard.charts import AREA, Chart, Param, area_names, chart
from dashboard.figures.maps import class_map, distance_classes, rate_classes
from dashboard.figures.ranking import rate_ranking
from dashboard.i18n import format_number, format_percent
from dashboard.states import KNOWN_STATES, STATE_COLUMN, gap_text, is_known, state_labels, value_text

KIND_PARAMS = {"druh": Param("kind", "57"), "jednotka": Param("unit", "luzka")}
RATE_PARAMS = {**KIND_PARAMS, "uroven": Param("level", "orp"), "cil": Param("target", ""), "uzemi": AREA}


def filter_words(kind, unit, level=None, target=None, km=None, area="kraj") -> str:
    parts = [area_names()[area], f"{kind_label(kind)} ({unit_name(unit)})"]
    if level:
        parts.append("podle ORP" if level == "orp" else "podle obcí")
    if target not in (None, ""):
        parts.append(target_words(kind, unit, target))
    if km is not None:
        parts.append(f"hranice {format_number(km)} km")
    return ", ".join(parts)


def in_area(frame, area: str, level: str = "obec"):
    if area == "kraj":
        return frame
    orp = area_names()[area].removeprefix("ORP ")
    return frame[frame["code"] == area] if level == "orp" else frame[frame["orp"] == orp]


def is_illustrative(areas) -> bool:
    return bool((areas["illustrative_share"].fillna(0) > 0).any())


def rate_map_title(kind: str, unit: str, level: str) -> str:
    return f"{kind_label(kind)}: {unit_name(unit)} na 10 000 obyvatel ({'ORP' if level == 'orp' else 'obce'})"


def distance_title(kind: str) -> str:
    return f"{kind_label(kind)}: vzdálenost k nejbližšímu místu"


@chart("kapacity-mapa", "Kapacita na 10 000 obyvatel (mapa)", **RATE_PARAMS)
def rate_map_chart(druh: str, jednotka: str, uroven: str, cil, uzemi: str = "kraj", areas=None) -> Chart:
    level = "obec" if uzemi != "kraj" else uroven
    areas = in_area(areas_of(druh, jednotka, level, cil) if areas is None else areas, uzemi, level)
    unit_label = unit_name(jednotka)
    classes, labels, colours = rate_classes(areas["rate"], areas["state"])
    hover = [f"<b>{n}</b><br>{value_text(s, c, 1, o)} {unit_label if is_known(s) else ''}"
             + (f", {value_text(s, r, 2)} na 10 000 obyvatel" if is_known(s) else "")
             + (f"<br>u {format_number(u)} služeb kapacita neuvedena" if u else "")
             for n, c, r, s, u, o in zip(areas["name"], areas["capacity"], areas["rate"], areas["state"],
                                         areas["services_unknown"], areas["other_units"], strict=True)]
    title = rate_map_title(druh, jednotka, level)
    illustrative = is_illustrative(areas)
    source = data_state.capacity_source(illustrative)
    outlines = geometry.boundaries("orp")
    boundaries = geometry.boundaries(level)
    figure = class_map(areas, classes, labels, colours, boundaries[boundaries["code"].isin(areas["code"])],
                       outlines if uzemi == "kraj" else outlines[outlines["code"] == uzemi],
                       db.query("map_view").iloc[0].to_dict(), title, source, "na 10 000 obyvatel", hover)
    return Chart(figure, title, filter_words(druh, jednotka, level, cil, area=uzemi), source,
                 _table(areas, level, unit_label), illustrative)


def area_columns(level: str, unit_label: str) -> dict[str, str]:
    return {"name": "ORP" if level == "orp" else "Obec", **({} if level == "orp" else {"orp": "ORP"}),
            "population": "Obyvatel", "services": "Služeb", "capacity": f"Kapacita ({unit_label})",
            "rate": "Na 10 000", "kraj_rate": "Průměr kraje", "target": "Cíl na 10 000", "gap": "Mezera (jednotek)",
            "state_text": STATE_COLUMN, "gap_text": "Mezera slovy", "unknown": "Kapacita neuvedena"}


def with_texts(areas):
    return areas.assign(
        gap_text=[gap_text(s, g) if t == t and t is not None else "bez cíle"
                  for s, g, t in zip(areas["state"], areas["gap"], areas["target"], strict=True)],
        state_text=state_labels(areas["state"]),
        unknown=[f"u {format_number(u)} neuvedena" if u else "" for u in areas["services_unknown"]])


def _table(areas, level: str, unit_label: str):
    """The numbers for a file: a number cell stays empty where nobody stated it, and "Stav údaje" says why."""
    columns = area_columns(level, unit_label)
    frame = with_texts(areas).assign(kraj_rate=areas["kraj_rate"].where(areas["kraj_state"].isin(KNOWN_STATES)))
    return frame[list(columns)].rename(columns=columns)


@chart("kapacity-poradi", "Pořadí území podle kapacity na 10 000 obyvatel", **RATE_PARAMS)
def ranking_chart(druh: str, jednotka: str, uroven: str, cil, uzemi: str = "kraj", areas=None) -> Chart:
    """ORPs (or municipalities) ranked by rate; for an ORP its municipalities, against the kraj average."""
    level = "obec" if uzemi != "kraj" else uroven
    areas = in_area(areas_of(druh, jednotka, level, cil) if areas is None else areas, uzemi, level)
    unit_label = unit_name(jednotka)
    title = f"Pořadí: {kind_label(druh)}"
    illustrative = is_illustrative(areas)
    source = data_state.capacity_source(illustrative)
    first = areas.iloc[0] if len(areas) else None
    norm = target_norm(druh, jednotka)
    assumed = bool(norm and norm["assumed"] and cil not in (None, "")
                   and abs(float(norm["per_10000"]) - float(cil)) < 1e-9)
    ranking = rate_ranking(
        areas, title, source, f"{unit_label} na 10 000 obyvatel",
        kraj_rate=None if first is None else first["kraj_rate"],
        kraj_partial=first is not None and first["kraj_state"] == "partial",
        target=None if cil in (None, "") else float(cil), target_label="cíl (předpoklad)" if assumed else "cíl")
    return Chart(ranking, title, filter_words(druh, jednotka, level, cil, area=uzemi), source,
                 _table(areas, level, unit_label), illustrative)


DISTANCE_COLUMNS = {"name": "Obec", "orp": "ORP", "population": "Obyvatel", "nearest_service": "Nejbližší služba",
                    "nearest_municipality": "Obec nejbližší služby", "distance_km": "Km k nejbližšímu"}


def nearest_text(service, municipality, km) -> str:
    """'Noclehárna Liberec, Liberec, 28,0 km', or that there is no place of the kind."""
    if km != km or km is None:
        return "žádné místo tohoto druhu"
    return f"nejbližší: {service}, {municipality}, {format_number(km, 1)} km"


@chart("kapacity-vzdalenost", "Vzdálenost obcí k nejbližšímu místu služby", druh=KIND_PARAMS["druh"],
       km=Param("km", "15"), uzemi=AREA)
def distance_chart(druh: str, km: float, uzemi: str = "kraj", distances=None) -> Chart:
    if distances is None:
        distances = db.query("nearest_by_municipality", kinds=kinds_of(druh))
    distances = in_area(distances, uzemi)
    d_classes, d_labels, d_colours = distance_classes(distances["distance_km"])
    d_hover = [f"<b>{n}</b><br>{nearest_text(s, m, d)}" for n, s, m, d in zip(
        distances["name"], distances["nearest_service"], distances["nearest_municipality"], distances["distance_km"],
        strict=True)]
    outlines = geometry.boundaries("orp")
    title = distance_title(druh)
    illustrative = bool(distances["illustrative"].fillna(False).any())
    source = data_state.distance_source(illustrative)
    boundaries = geometry.boundaries("obec")
    figure = class_map(distances, d_classes, d_labels, d_colours,
                       boundaries[boundaries["code"].isin(distances["code"])],
                       outlines if uzemi == "kraj" else outlines[outlines["code"] == uzemi],
                       db.query("map_view").iloc[0].to_dict(), title, source, "vzdálenost", d_hover)
    share, _white = farther_than(distances, km)
    table = distances[list(DISTANCE_COLUMNS)].rename(columns=DISTANCE_COLUMNS)
    filters = (f"{area_names()[uzemi]}, {kind_label(druh)}; dál než {format_number(km)} km žije "
               f"{format_percent(share)} obyvatel")
    return Chart(figure, title, filters, source, table, illustrative)
