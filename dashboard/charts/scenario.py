"""The Kapacity page's scenario: today beside "se záměry" — rates, gaps, distances, and where one new place
would reach most people. Registered like every chart, so the page, its export links (which carry `zamery`)
and the report pack draw the same picture. Everything here says "záměr, ne skutečnost"."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from common.vocabulary import unit_name
from dashboard import data_state, db, geometry, scenario
from dashboard.capacity import areas_of, farther_than, kind_label, kinds_of
from dashboard.charts import AREA, Chart, Param, area_names, chart
from dashboard.charts.capacity import KIND_PARAMS, RATE_PARAMS, filter_words, in_area
from dashboard.figures.common import KNOWN, czech_layout
from dashboard.figures.maps import class_map, distance_classes
from dashboard.figures.ranking import state_bars
from dashboard.i18n import format_number, format_percent
from dashboard.states import STATE_COLUMN, number_or_empty, state_labels, value_text

PLANNED = "#d95f02"
SOURCE_PLANS = "záměry: list Záměry sešitů plánovačů a záměry zadané na stránce"


PLANS = Param("plans", "")


def _source(illustrative: bool) -> str:
    return f"{data_state.capacity_source(illustrative)}; {SOURCE_PLANS}"


def compared_areas(kind: str, unit: str, level: str, target, plans) -> pd.DataFrame:
    """Today's and the scenario's figures of every area side by side (columns *_today, *_plan)."""
    today = areas_of(kind, unit, level, target)
    planned = areas_of(kind, unit, level, target, plans, workbook=True)
    keep = ["code", "state", "capacity", "rate", "gap", "planned", "other_units", "illustrative_share"]
    return today.merge(planned[keep], on="code", suffixes=("_today", "_plan"))


def change_sentences(both: pd.DataFrame, unit_label: str, level: str) -> list[str]:
    """'ORP Jilemnice: dnes v načtených datech žádná služba → se záměry 4,55 (lůžka na 10 000 obyvatel)'."""
    sentences = []
    for row in both[both["planned_plan"] > 0].itertuples():
        before = value_text(row.state_today, row.rate_today, 2)
        after = value_text(row.state_plan, row.rate_plan, 2)
        area = f"ORP {row.name}" if level == "orp" else row.name
        sentences.append(f"{area}: dnes {before} → se záměry {after} ({unit_label} na 10 000 obyvatel)")
    return sentences


@chart("kapacity-zamery", "Kapacita na 10 000 obyvatel: dnes a se záměry", **RATE_PARAMS, zamery=PLANS)
def scenario_ranking_chart(druh: str, jednotka: str, uroven: str, cil, uzemi: str = "kraj", zamery=(),
                           both=None) -> Chart:
    level = "obec" if uzemi != "kraj" else uroven
    both = in_area(compared_areas(druh, jednotka, level, cil, list(zamery)) if both is None else both, uzemi, level)
    if level == "obec":  # municipalities: those a plan touches and those with a service, not 215 empty rows
        both = both[(both["planned_plan"] > 0) | (both["services"] > 0)]
    unit_label = unit_name(jednotka)
    ranked = both.sort_values("name", ascending=False)
    spans = [v for v in (ranked["rate_today"].max(), ranked["rate_plan"].max(), 1.0) if v == v]
    span = max(spans)
    fig = go.Figure()
    state_bars(fig, ranked["name"], ranked["rate_today"], ranked["state_today"], KNOWN, "dnes", span)
    state_bars(fig, ranked["name"], ranked["rate_plan"], ranked["state_plan"], PLANNED,
               f"se záměry ({scenario.MARK})", span, pattern="x")
    if cil not in (None, ""):
        fig.add_vline(x=float(cil), line={"dash": "dot", "color": "#b30000"},
                      annotation_text=f"cíl {format_number(float(cil), 2)}", annotation_position="bottom right")
    fig.update_layout(barmode="group", legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"})
    fig.update_xaxes(title=f"{unit_label} na 10 000 obyvatel", gridcolor="#e5e5e5", range=[0, span * 1.4])
    title = f"{kind_label(druh)}: dnes a se záměry"
    illustrative = bool((both["illustrative_share_today"].fillna(0) > 0).any())
    source = _source(illustrative)
    czech_layout(fig, title, source, height=max(380, 44 * len(ranked) + 160))
    fig.update_layout(margin={"t": fig.layout.margin.t + 40})
    table = pd.DataFrame({
        "ORP" if level == "orp" else "Obec": both["name"], "Obyvatel": both["population"],
        "Dnes na 10 000": number_or_empty(both["rate_today"], both["state_today"]).round(2),
        f"Dnes: {STATE_COLUMN.lower()}": state_labels(both["state_today"]),
        "Se záměry na 10 000": number_or_empty(both["rate_plan"], both["state_plan"]).round(2),
        f"Se záměry: {STATE_COLUMN.lower()}": state_labels(both["state_plan"]),
        "Záměrů": both["planned_plan"], "Scénář": scenario.MARK})
    filters = f"{filter_words(druh, jednotka, level, cil, area=uzemi)}; {scenario.MARK}"
    return Chart(fig, title, filters, source, table, illustrative)


def scenario_distances(kind: str, plans, area: str = "kraj") -> pd.DataFrame:
    today = db.query("nearest_by_municipality", kinds=kinds_of(kind))
    points = scenario.plan_points(kinds_of(kind), list(plans), workbook=True)
    planned = scenario.with_plans(today, list(points["kod_obce"]))
    both = today.assign(km_plan=planned["distance_km"])
    return in_area(both, area)


@chart("kapacity-vzdalenost-zamery", "Vzdálenost k nejbližšímu místu: se záměry", druh=KIND_PARAMS["druh"],
       km=Param("km", "15"), uzemi=AREA, zamery=PLANS)
def scenario_distance_chart(druh: str, km: float, uzemi: str = "kraj", zamery=(), both=None) -> Chart:
    both = scenario_distances(druh, zamery, uzemi) if both is None else both
    planned = both.assign(distance_km=both["km_plan"])
    classes, labels, colours = distance_classes(planned["distance_km"])
    hover = [f"<b>{n}</b><br>dnes: " + ("žádné místo" if t != t else f"{format_number(t, 1)} km")
             + "<br>se záměry: " + ("žádné místo" if p != p else f"{format_number(p, 1)} km")
             for n, t, p in zip(both["name"], both["distance_km"], both["km_plan"], strict=True)]
    outlines = geometry.boundaries("orp")
    boundaries = geometry.boundaries("obec")
    title = f"{kind_label(druh)}: vzdálenost se záměry"
    illustrative = bool(both["illustrative"].fillna(False).any())
    source = f"{data_state.distance_source(illustrative)}; {SOURCE_PLANS} (záměr ve středu své obce)"
    figure = class_map(planned, classes, labels, colours, boundaries[boundaries["code"].isin(planned["code"])],
                       outlines if uzemi == "kraj" else outlines[outlines["code"] == uzemi],
                       db.query("map_view").iloc[0].to_dict(), title, source, "vzdálenost", hover)
    filters = _distance_filters(both, druh, km, uzemi)
    return Chart(figure, title, filters, source, _distance_table(both), illustrative)


def _distance_table(both: pd.DataFrame) -> pd.DataFrame:
    return both.assign(change=(both["km_plan"] < both["distance_km"].fillna(float("inf")))
                       .map({True: "blíž se záměrem", False: ""}))[
        ["name", "orp", "population", "distance_km", "km_plan", "change"]].rename(columns={
            "name": "Obec", "orp": "ORP", "population": "Obyvatel", "distance_km": "Km dnes",
            "km_plan": "Km se záměry", "change": "Změna"}).assign(Scénář=scenario.MARK)


def _distance_filters(both: pd.DataFrame, druh: str, km: float, uzemi: str) -> str:
    planned = both.assign(distance_km=both["km_plan"])
    share_today, _ = farther_than(both, km)
    share_plan, _ = farther_than(planned, km)
    closer = gained(both, km)
    return (f"{area_names()[uzemi]}, {kind_label(druh)}; dál než {format_number(km)} km dnes "
            f"{format_percent(share_today)}, se záměry {format_percent(share_plan)} obyvatel; "
            f"{format_number(len(closer))} obcí nově blíž než {format_number(km)} km; {scenario.MARK}")


def scenario_distance_table(druh: str, km: float, zamery=(), uzemi: str = "kraj") -> tuple[pd.DataFrame, str]:
    """The scenario distance chart's table and its caption, without drawing the map (a page of a long table)."""
    both = scenario_distances(druh, zamery, uzemi)
    title = f"{kind_label(druh)}: vzdálenost se záměry"
    return _distance_table(both), f"{title}: {_distance_filters(both, druh, km, uzemi)}"


def gained(both: pd.DataFrame, km: float) -> pd.DataFrame:
    """Municipalities farther than km today (or with no place) and within km in the scenario."""
    return both[(both["distance_km"].isna() | (both["distance_km"] > km)) & (both["km_plan"] <= km)]


@chart("kapacity-umisteni", "Kam umístit nové místo: kolik obyvatel by bylo blíž", druh=KIND_PARAMS["druh"],
       km=Param("km", "15"), uzemi=AREA, zamery=PLANS)
def placement_chart(druh: str, km: float, uzemi: str = "kraj", zamery=(), both=None) -> Chart:
    both = scenario_distances(druh, zamery, uzemi) if both is None else both
    after = both.assign(distance_km=both["km_plan"])
    ranked = scenario.placement_gains(after, km, top=12)
    fig = go.Figure(go.Bar(x=ranked["gain"], y=ranked["name"], orientation="h", marker={"color": PLANNED},
                           text=[f"{format_number(g)} obyvatel v {format_number(t)} obcích"
                                 for g, t in zip(ranked["gain"], ranked["towns"], strict=True)],
                           textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title=f"obyvatelé, kteří by měli místo do {format_number(km)} km", tickformat=",d",
                     gridcolor="#e5e5e5", range=[0, (ranked["gain"].max() if len(ranked) else 1) * 1.6])
    with_plans = bool(len(list(zamery))) or not scenario.workbook_plans().empty
    title = f"{kind_label(druh)}: kam umístit nové místo" + (" (po záměrech)" if with_plans else "")
    source = (f"{data_state.distance_source(False)}; výpočet socmap, ne doporučení: obyvatelé obcí dál než "
              f"{format_number(km)} km od nejbližšího místa, kteří by byli do {format_number(km)} km od středu obce")
    czech_layout(fig, title, source, height=max(320, 34 * len(ranked) + 170))
    table = ranked.rename(columns={"name": "Obec", "orp": "ORP", "gain": "Obyvatel nově do vzdálenosti",
                                   "towns": "Obcí nově do vzdálenosti"})[
        ["Obec", "ORP", "Obyvatel nově do vzdálenosti", "Obcí nově do vzdálenosti"]].assign(
        Poznámka="výpočet, ne doporučení")
    filters = f"{area_names()[uzemi]}, {kind_label(druh)}, hranice {format_number(km)} km; výpočet, ne doporučení"
    return Chart(fig, title, filters, source, table, False)


def scenario_summary(kind: str, unit: str, level: str, target, km: float, plans) -> list[str]:
    """The sentences above the scenario's charts: what each plan changes, in words (none if nothing changes)."""
    both = compared_areas(kind, unit, level, target, plans)
    sentences = change_sentences(both, unit_name(unit), level)
    distances = scenario_distances(kind, plans)
    closer = gained(distances, km)
    if len(closer):
        sentences.append(f"{format_number(len(closer))} obcí ({format_number(closer['population'].sum())} "
                         f"obyvatel) by mělo místo blíž než {format_number(km)} km.")
    return sentences

