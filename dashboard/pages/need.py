"""Potřeba a síť: where need is high (MMR's index of social exclusion 2023, each indicator on choice) beside the
capacity of a chosen kind — a map with names, need against capacity, the places with high need and a thin
network, and people in distraint per place of debt counselling."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, dcc, html

from common.vocabulary import unit_name
from dashboard import db, inputs, scenario
from dashboard.capacity import KIND_PARAMS, areas_of, kind_options, kinds_of, unit_options
from dashboard.charts import AREA, Chart, Param, area_names, chart
from dashboard.components.export import export_links
from dashboard.components.static_table import static_table
from dashboard.components.tables import details_table, value_table
from dashboard.figures.need import (
    TOPOJSON_URL,
    band_classes,
    debt_bars,
    need_capacity_scatter,
    need_map,
    profile_bars,
    thin_network_bars,
    value_classes,
)
from dashboard.i18n import format_date, format_number, format_percent
from dashboard.need import SOURCE, capacity_state, far_share, profile_sentence, thin_municipalities, thin_orps
from dashboard.pages.capacity import rate_map_chart
from dashboard.states import SHORT, value_text

dash.register_page(__name__, path="/potreba", name="Potřeba a síť", title="Potřeba a síť – socmap", order=2.5)

SWITCH = "potreba-se-zamery"
INDICATOR, LEVEL, KIND, UNIT, HIGH, KM, OUT = (f"potreba-{n}" for n in ("ukazatel", "uroven", "druh", "jednotka",
                                                                          "prah", "km", "vysledek"))
REGISTRY = "registr poskytovatelů (registrovaná kapacita, u výtahu částečně ilustrativní)"
GRAPH = {"displaylogo": False, "scrollZoom": False, "locale": "cs", "topojsonURL": TOPOJSON_URL}


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


def _areas(indicator: str, level: str, high: float) -> pd.DataFrame:
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
    areas = _areas(ukazatel, uroven, 12) if areas is None else areas
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
    boundaries = db.query("boundaries", level=uroven)
    names = db.query("map_labels", min_population=5000)
    figure = need_map(areas, classes, labels, colours, boundaries[boundaries["code"].isin(areas["code"])],
                      db.query("boundaries", level="orp"), names, hover, title, source_of(ukazatel), colour_title)
    table = pd.DataFrame({("ORP" if uroven == "orp" else "Obec"): areas["name"],
                          **({} if uroven == "orp" else {"ORP": areas["orp"]}),
                          m["name_cs"]: texts, "Obyvatel 15+": areas["pop15"]})
    filters = f"{area_names()['kraj']}, {_level_word(uroven)}; {m['period']}" + \
        (", u ORP průměr obcí vážený obyvateli 15+" if uroven == "orp" and ukazatel == "index_points" else "")
    return Chart(figure, title, filters, source_of(ukazatel), table)


def _capacity(kind: str, unit: str, level: str) -> pd.DataFrame:
    return areas_of(kind, unit, level, None)  # the one capacity query, its state decided in the database


def _kind_label(kind: str) -> str:
    return next((o["label"] for o in kind_options() if o["value"] == kind), kind)


@chart("potreba-bodovy", "Potřeba proti kapacitě na 10 000 obyvatel", ukazatel=INDICATOR_PARAM, uroven=LEVEL_PARAM,
       prah=HIGH_PARAM, **KIND_PARAMS)
def scatter_chart(ukazatel: str, uroven: str, prah: float, druh: str, jednotka: str) -> Chart:
    m = measure(ukazatel)
    need = _areas(ukazatel, uroven, prah)
    capacity = _capacity(druh, jednotka, uroven)
    areas = need[["code", "name", "value", "points"]].merge(capacity[["code", "rate", "state"]], on="code")
    areas = areas.rename(columns={"value": "need"}).assign(unknown=areas["rate"].isna(), truth=areas["state"])
    areas["state"] = areas["truth"].map(capacity_state)
    areas["strip"] = areas["truth"].map(lambda state: SHORT.get(state, "neuvedeno"))
    areas = areas[areas["need"].notna()]
    areas["label"] = areas["name"] if uroven == "orp" else areas["name"].where(areas["points"] >= prah, "")
    unit_label = unit_name(jednotka)
    rate_label = f"{unit_label} na 10 000 obyvatel"
    title = f"{m['name_cs']} proti kapacitě: {_kind_label(druh)}"
    source = f"{source_of(ukazatel)}; {REGISTRY}; obyvatelé ČSÚ 1. 1. 2021"
    figure = need_capacity_scatter(areas, m["name_cs"], rate_label, title, source,
                                   prah if ukazatel == "index_points" else None)
    table = pd.DataFrame({"Území": areas["name"], m["name_cs"]: areas["need"].round(2),
                          f"Kapacita ({rate_label})": [value_text(s, r, 2)
                                                       for r, s in zip(areas["rate"], areas["truth"], strict=True)]})
    filters = f"{_kind_label(druh)} ({unit_label}), {_level_word(uroven)}; kapacita neuvedena je zvlášť, ne jako 0"
    return Chart(figure, title, filters, source, table, True)


def _high(druh: str, prah: float, with_plans: bool = False) -> pd.DataFrame:
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
    high = _high(druh, prah, plans)
    capacity = areas_of(druh, jednotka, "orp", None, [], workbook=True) if plans else _capacity(druh, jednotka, "orp")
    rows = thin_orps(high, capacity, km) if uroven == "orp" else thin_municipalities(high, capacity, km)
    share = far_share(high, km)
    title = f"Vysoká potřeba, řídká síť: {_kind_label(druh)}"
    source = f"{source_of()}; {REGISTRY}; vzdušná vzdálenost od středu obce"
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
    filters = (f"{_kind_label(druh)}; index od {format_number(prah)} bodů; dál než {format_number(km)} km žije "
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
    rows = _areas("index_points", level, 12)
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


def _figure_block(graph_id: str, built: Chart, link_id: str, **params) -> list:
    return [dcc.Graph(id=graph_id, figure=built.figure, config=GRAPH),
            export_links(graph_id, built.title, link_id, **params),
            details_table(f"Tabulka: {built.title}", table_of(built, f"{graph_id}-tabulka"))]


def table_of(built: Chart, table_id: str):
    return static_table(built.table, f"{built.title}: {built.filters}", table_id)


def results(indicator: str, level: str, kind: str, unit: str, high: float, km: float, with_plans: bool = False):
    need = need_map_chart(indicator, level, _areas(indicator, level, high))
    rate = rate_map_chart(kind, unit, level, None)
    scatter = scatter_chart(indicator, level, high, kind, unit)
    thin = thin_chart("orp", high, km, kind, unit)
    thin_obce = thin_chart("obec", high, km, kind, unit)
    debt = debt_chart()
    share = far_share(_high(kind, high), km)
    local = db.query("need_local_counts")
    kind_params = {"druh": kind, "jednotka": unit}
    orps = ", ".join(thin.table["ORP"]) or "žádná"
    return html.Div([
        html.Div([
            html.Div(_figure_block("potreba-mapa", need, "potreba-mapa-export", ukazatel=indicator, uroven=level),
                     className="col-xl-6"),
            html.Div([dcc.Graph(id="potreba-kapacita", figure=rate.figure, config=GRAPH),
                      export_links("kapacity-mapa", rate.title, "potreba-kapacita-export", uroven=level, **kind_params),
                      details_table(f"Tabulka: {rate.title}", table_of(rate, "potreba-kapacita-tabulka"))],
                     className="col-xl-6"),
        ], className="row"),
        html.H2("Potřeba proti kapacitě"),
        *_figure_block("potreba-bodovy", scatter, "potreba-bodovy-export", ukazatel=indicator, uroven=level,
                       prah=high, **kind_params),
        html.H2("Vysoká potřeba, řídká síť"),
        html.P([html.Strong(f"ORP s vysokou potřebou a řídkou sítí ({_kind_label(kind)}): "), orps, ". ",
                f"Dál než {format_number(km)} km od nejbližšího místa žije {format_percent(share)} obyvatel obcí "
                f"s indexem od {format_number(high)} bodů."], id="potreba-odpoved", **{"aria-live": "polite"}),
        dcc.Graph(id="potreba-ridka-sit", figure=thin.figure, config=GRAPH),
        export_links("potreba-ridka-sit", thin.title, "potreba-ridka-sit-export", uroven="orp", prah=high, km=km,
                     **kind_params),
        table_of(thin, "potreba-ridka-sit-tabulka"),
        details_table("Obce s vysokou potřebou a řídkou sítí",
                      table_of(thin_obce, "potreba-ridka-obce-tabulka")),
        scenario_block(high, km, kind, unit) if with_plans else None,
        html.H2("Dluhové poradenství a exekuce"),
        html.P("Dluhové poradenství není druh služby registru, ale část odborného sociálního poradenství: služby, "
               "které ho dělají, socmap pozná podle textů registru, soupisu služeb kraje a sešitů plánovačů "
               "(v adresáři volba „Zaměření: dluhové poradenství“)."),
        *_figure_block("potreba-dluhy", debt, "potreba-dluhy-export"),
        html.H2("Místní počty potřeby"),
        local_counts(local),
    ])


def scenario_block(high: float, km: float, kind: str, unit: str) -> html.Section:
    """The same question with the workbooks' planned services: which ORPs would still be thin (a plan, not a fact)."""
    planned = thin_chart("orp", high, km, kind, unit, "1")
    orps = ", ".join(planned.table["ORP"]) or "žádná"
    return html.Section([
        html.H3(["Se záměry ", html.Span(f"({scenario.MARK})", className="badge text-bg-warning")],
                id="potreba-zamery-nadpis"),
        html.P([html.Strong("ORP s vysokou potřebou a řídkou sítí se záměry ze sešitů: "), orps, "."],
               id="potreba-zamery-odpoved"),
        dcc.Graph(id="potreba-ridka-sit-zamery", figure=planned.figure, config=GRAPH),
        export_links("potreba-ridka-sit", planned.title, "potreba-ridka-sit-zamery-export", uroven="orp", prah=high,
                     km=km, druh=kind, jednotka=unit, se_zamery="1"),
        table_of(planned, "potreba-ridka-sit-zamery-tabulka"),
    ], **{"aria-labelledby": "potreba-zamery-nadpis"})


def local_counts(local: pd.DataFrame):
    if local.empty:
        return html.P("Žádné místní počty (lidé bez přístřeší venku, čekatelé na sociální byt, odmítnutí) zatím "
                      "nikdo nedoplnil: list „Potřeba v místě“ sešitu plánovače.", id="potreba-mistni")
    columns = {"area": "Území", "measure": "Ukazatel", "count": "Počet", "date": "Datum", "source": "Zdroj"}
    return html.Div(value_table(local, columns, "Místní počty potřeby ze sešitů plánovačů (prázdný počet = "
                                "nezjištěno)", formats={"count": lambda c: "nezjištěno" if c != c or c is None
                                                        else format_number(c), "date": format_date},
                                numeric=("count",)), id="potreba-mistni", className="table-responsive")


def layout(**_query):
    options = [{"label": f"{r.name_cs} ({r.period})", "value": r.indicator} for r in measures().itertuples()]
    kinds = kind_options()
    return html.Div([
        html.H1("Potřeba a síť"),
        html.P("Kde je potřeba vysoká a síť řídká: index sociálního vyloučení ministerstva pro místní rozvoj "
               "(a každý jeho ukazatel) podle obcí a ORP vedle kapacity vybraného druhu služby na 10 000 obyvatel. "
               "Neuvedená kapacita se nikdy nepočítá jako 0.", className="lead"),
        html.Div([
            html.Div([html.Label("Ukazatel potřeby", htmlFor=INDICATOR, className="form-label fw-semibold"),
                      dcc.Dropdown(id=INDICATOR, options=options, value="index_points", clearable=False)],
                     className="col-md-4"),
            html.Fieldset([html.Legend("Území", className="col-form-label fw-semibold p-0"),
                           dbc.RadioItems(id=LEVEL, value="orp", inline=True,
                                          options=[{"label": "ORP", "value": "orp"},
                                                   {"label": "obce", "value": "obec"}])], className="col-md-2"),
            html.Div([html.Label("Druh služby", htmlFor=KIND, className="form-label fw-semibold"),
                      dcc.Dropdown(id=KIND, options=kinds, value="57", clearable=False)], className="col-md-3"),
            html.Div([html.Label("Jednotka", htmlFor=UNIT, className="form-label fw-semibold"),
                      dcc.Dropdown(id=UNIT, options=unit_options("57"), value="luzka", clearable=False)],
                     className="col-md-3"),
            html.Div([html.Label("Vysoká potřeba od (bodů indexu)", htmlFor=HIGH, className="form-label fw-semibold"),
                      dcc.Input(id=HIGH, type="number", min=0, max=30, step=1, value=12, debounce=0.5,
                                className="form-control")], className="col-md-3"),
            html.Div([html.Label("Vzdálenost (km)", htmlFor=KM, className="form-label fw-semibold"),
                      dcc.Slider(id=KM, min=5, max=40, step=5, value=15, marks={k: f"{k}" for k in range(5, 41, 5)},
                                 allow_direct_input=False)],
                     className="col-md-4"),
            html.Div(dbc.Checklist(id=SWITCH, options=[{"label": "se záměry ze sešitů", "value": "on"}], value=[],
                                   switch=True), className="col-md-2 d-flex align-items-end"),
        ], className="row mb-3 g-2"),
        html.Div(results("index_points", "orp", "57", "luzka", 12, 15), id=OUT),
    ])


@callback(Output(UNIT, "options"), Output(UNIT, "value"), Input(KIND, "value"), prevent_initial_call=True)
def kind_changed(kind):
    inputs.check(kind=kind)
    options = unit_options(kind)
    return options, options[0]["value"]


@callback(Output(OUT, "children"), Input(INDICATOR, "value"), Input(LEVEL, "value"), Input(KIND, "value"),
          Input(UNIT, "value"), Input(HIGH, "value"), Input(KM, "value"), Input(SWITCH, "value"),
          prevent_initial_call=True)
def update(indicator, level, kind, unit, high, km, switch):
    inputs.check(indicator=indicator, level=level, kind=kind, unit=unit, high=high, km=km, switch=switch)
    return results(indicator, level, kind, unit, float(high), float(km), "on" in (switch or []))
