"""The Potřeba a síť page's charts: need by area (MMR's index of social exclusion 2023 and each of its
indicators), need against the capacity of a kind, the places with high need and a thin network (today or with
the workbooks' planned services), people in distraint per place of debt counselling, and an area's need profile."""

from __future__ import annotations

import pandas as pd

from common.vocabulary import unit_name
from dashboard import db, geometry, scenario
from dashboard.capacity import areas_of, kind_label, kinds_of
from dashboard.charts import AREA, Chart, Param, area_names, chart
from dashboard.charts.capacity import KIND_PARAMS
from dashboard.figures.need import (
    band_classes,
    debt_bars,
    need_capacity_scatter,
    need_map,
    profile_bars,
    thin_network_bars,
    value_classes,
)
from dashboard.i18n import format_number, format_percent
from dashboard.need import SOURCE, capacity_state, far_share, profile_sentence, thin_municipalities, thin_orps
from dashboard.states import SHORT, value_text

REGISTRY_SOURCE = "registr poskytovatelů (registrovaná kapacita, u výtahu částečně ilustrativní)"


def measures() -> pd.DataFrame:
    return db.lookup("need_measures", lambda frame: frame)  # kept until a rebuild; read, never changed


def measure(indicator: str) -> pd.Series:
    return measures().set_index("indicator").loc[indicator]


def source_of(indicator: str = "index_points") -> str:
    m = measure(indicator)
    base = f"; základ: {m['base']}" if isinstance(m["base"], str) else ""
    return f"Zdroj: {SOURCE} ({m['period']}{base})"


def _level_word(level: str) -> str:
    return "podle ORP" if level == "orp" else "podle obcí"


def need_areas(indicator: str, level: str, high: float) -> pd.DataFrame:
    return db.query("need_by_area", level=level, indicator=indicator, high=high)


INDICATOR_PARAM = Param("indicator", "index_points")
LEVEL_PARAM = Param("level", "orp")
HIGH_PARAM = Param("high", "12")
KM_PARAM = Param("km", "15")


def _value_text(value, note, unit: str) -> str:
    if value != value or value is None:
        return note if isinstance(note, str) else "není k dispozici"
    decimals = 0 if unit in ("osob", "dávek", "žáků") else 1 if unit in ("%", "bodů") else 2
    return format_number(value, decimals) + (" %" if unit == "%" else "")


@chart("potreba-mapa", "Potřeba podle území (mapa s názvy)", ukazatel=INDICATOR_PARAM, uroven=LEVEL_PARAM)
def need_map_chart(ukazatel: str = "index_points", uroven: str = "orp", areas=None) -> Chart:
    m = measure(ukazatel)
    areas = need_areas(ukazatel, uroven, 12) if areas is None else areas
    if ukazatel == "index_points":
        classes, labels, colours = band_classes(areas["value"])
        colour_title = "pásmo indexu" + (" (vážený průměr)" if uroven == "orp" else "")
    else:
        classes, labels, colours = value_classes(areas["value"], areas["note"], m["unit"])
        colour_title = m["unit"]
    texts = [_value_text(v, n, m["unit"]) for v, n in zip(areas["value"], areas["note"], strict=True)]
    hover = [f"<b>{name}</b>" + (f" (ORP {orp})" if isinstance(orp, str) else "") + f"<br>{m['name_cs']}: {t}"
             for name, orp, t in zip(areas["name"], areas["orp"], texts, strict=True)]
    title = f"{m['name_cs']} ({'ORP' if uroven == 'orp' else 'obce'})"
    boundaries = geometry.boundaries(uroven)
    names = db.query("map_labels", min_population=5000)
    figure = need_map(areas, classes, labels, colours, boundaries[boundaries["code"].isin(areas["code"])],
                      geometry.boundaries("orp"), names, hover, title, source_of(ukazatel), colour_title)
    table = pd.DataFrame({("ORP" if uroven == "orp" else "Obec"): areas["name"],
                          **({} if uroven == "orp" else {"ORP": areas["orp"]}),
                          m["name_cs"]: texts, "Obyvatel 15+": areas["pop15"]})
    filters = f"{area_names()['kraj']}, {_level_word(uroven)}; {m['period']}" + \
        (", u ORP průměr obcí vážený obyvateli 15+" if uroven == "orp" and ukazatel == "index_points" else "")
    return Chart(figure, title, filters, source_of(ukazatel), table)


def _capacity(kind: str, unit: str, level: str) -> pd.DataFrame:
    return areas_of(kind, unit, level, None)  # the one capacity query, its state decided in the database


@chart("potreba-bodovy", "Potřeba proti kapacitě na 10 000 obyvatel", ukazatel=INDICATOR_PARAM, uroven=LEVEL_PARAM,
       prah=HIGH_PARAM, **KIND_PARAMS)
def scatter_chart(ukazatel: str, uroven: str, prah: float, druh: str, jednotka: str) -> Chart:
    m = measure(ukazatel)
    need = need_areas(ukazatel, uroven, prah)
    capacity = _capacity(druh, jednotka, uroven)
    areas = need[["code", "name", "value", "points"]].merge(capacity[["code", "rate", "state"]], on="code")
    areas = areas.rename(columns={"value": "need"}).assign(unknown=areas["rate"].isna(), truth=areas["state"])
    areas["state"] = areas["truth"].map(capacity_state)
    areas["strip"] = areas["truth"].map(lambda state: SHORT.get(state, "neuvedeno"))
    areas = areas[areas["need"].notna()]
    areas["label"] = areas["name"] if uroven == "orp" else areas["name"].where(areas["points"] >= prah, "")
    unit_label = unit_name(jednotka)
    rate_label = f"{unit_label} na 10 000 obyvatel"
    title = f"{m['name_cs']} proti kapacitě: {kind_label(druh)}"
    source = f"{source_of(ukazatel)}; {REGISTRY_SOURCE}; obyvatelé ČSÚ 1. 1. 2021"
    figure = need_capacity_scatter(areas, m["name_cs"], rate_label, title, source,
                                   prah if ukazatel == "index_points" else None)
    table = pd.DataFrame({"Území": areas["name"], m["name_cs"]: areas["need"].round(2),
                          f"Kapacita ({rate_label})": [value_text(s, r, 2)
                                                       for r, s in zip(areas["rate"], areas["truth"], strict=True)]})
    filters = f"{kind_label(druh)} ({unit_label}), {_level_word(uroven)}; kapacita neuvedena je zvlášť, ne jako 0"
    return Chart(figure, title, filters, source, table, True)


def high_need(druh: str, prah: float, with_plans: bool = False) -> pd.DataFrame:
    """High-need municipalities and their nearest place of the kind — today, or with the workbooks' planned
    services (záměry) at their municipalities' centres."""
    high = db.query("need_high_municipalities", kinds=kinds_of(druh), high=prah)
    if not with_plans:
        return high
    planned = scenario.plan_points(kinds_of(druh), [], workbook=True)
    return scenario.with_plans(high, list(planned["kod_obce"]), db.lookup("municipality_codes", lambda f: f))


@chart("potreba-ridka-sit", "Vysoká potřeba, řídká síť", uroven=LEVEL_PARAM, prah=HIGH_PARAM, km=KM_PARAM,
       **KIND_PARAMS, se_zamery=Param("with_plans", "0"))
def thin_chart(uroven: str, prah: float, km: float, druh: str, jednotka: str, se_zamery: str = "0") -> Chart:
    plans = se_zamery == "1"
    high = high_need(druh, prah, plans)
    capacity = areas_of(druh, jednotka, "orp", None, [], workbook=True) if plans else _capacity(druh, jednotka, "orp")
    rows = thin_orps(high, capacity, km) if uroven == "orp" else thin_municipalities(high, capacity, km)
    share = far_share(high, km)
    title = f"Vysoká potřeba, řídká síť: {kind_label(druh)}"
    source = f"{source_of()}; {REGISTRY_SOURCE}; vzdušná vzdálenost od středu obce"
    figure = thin_network_bars(rows, km, title, source)
    if uroven == "orp":
        table = pd.DataFrame({"ORP": rows["name"], "Obcí s vysokou potřebou": rows["municipalities"],
                              "Jejich obyvatel": rows["high_population"],
                              f"Z toho dál než {format_number(km)} km": rows["far_population"],
                              "Vzdálené obce": rows["far_names"], "Kapacita na 10 000": [
                                  {"neuvedeno": "neuvedeno", "žádná": "0 (žádné místo)",
                                   "nenačtená": "v načtených datech žádná služba"}.get(s) or format_number(r, 2)
                                  for r, s in zip(rows["rate"], rows["state"], strict=True)],
                              "Proč řídká": rows["reason"]})
    else:
        table = pd.DataFrame({"Obec": rows["name"], "ORP": rows["orp"], "Index": rows["points"],
                              "Obyvatel": rows["population"], "Proč řídká": rows["reason"]})
    filters = (f"{kind_label(druh)}; index od {format_number(prah)} bodů; dál než {format_number(km)} km žije "
               f"{format_percent(share)} obyvatel obcí s vysokou potřebou")
    if plans:
        title += " (se záměry)"
        filters += f"; se záměry ze sešitů – {scenario.MARK}"
        source += "; záměry: list Záměry sešitů plánovačů (záměr ve středu své obce)"
    summary = (f"Vysoká potřeba = index sociálního vyloučení od {format_number(prah)} bodů; řídká síť = nejbližší "
               f"místo dál než {format_number(km)} km, v ORP žádné místo, nebo kapacita neuvedena. "
               f"ORP s vysokou potřebou a řídkou sítí: {', '.join(thin_orps(high, capacity, km)['name']) or 'žádná'}.")
    return Chart(figure, title, filters, source, table, True, summary=summary)


@chart("potreba-dluhy", "Osoby v exekuci na místo dluhového poradenství")
def debt_chart() -> Chart:
    rows = db.query("debt_by_orp")
    title = "Osoby v exekuci na jedno místo dluhového poradenství (ORP)"
    source = (f"{source_of('distraint_count')}; místa dluhového poradenství: registr, soupis služeb kraje a "
              "sešity plánovačů")
    table = pd.DataFrame({"ORP": rows["name"], "Osob v exekuci": rows["distraint"],
                          "Podíl z obyvatel 15+ (%)": rows["share"].round(1),
                          "Míst dluhového poradenství": rows["places"],
                          "Osob v exekuci na místo": [format_number(v) if v == v else "žádné místo"
                                                      for v in rows["per_place"]]})
    return Chart(debt_bars(rows, title, source), title, "podle ORP; ORP bez místa nemá podíl (žádné místo)",
                 source, table)


@chart("potreba-profil", "Profil potřeby území", uzemi=AREA)
def profile_chart(uzemi: str = "kraj") -> Chart:
    level = "orp" if uzemi == "kraj" else "obec"
    rows = need_areas("index_points", level, 12)
    if uzemi != "kraj":
        rows = rows[rows["kod_orp"] == uzemi]
    name = area_names()[uzemi]
    title = f"Profil potřeby: {name}"
    sentence = profile_sentence(name, rows, "ORP" if level == "orp" else "obcí", rows["distraint"].sum(),
                                rows["pop15"].sum(), 12)
    table = pd.DataFrame({("ORP" if level == "orp" else "Obec"): rows["name"], "Index (body)": rows["points"].round(1),
                          "Obyvatel 15+": rows["pop15"], "Osob v exekuci": rows["distraint"],
                          "Podíl v exekuci (%)": (100 * rows["distraint"] / rows["pop15"]).round(1)})
    figure = profile_bars(rows, title, source_of())
    return Chart(figure, title, "ORP kraje" if level == "orp" else "obce ORP", source_of(), table, summary=sentence)
