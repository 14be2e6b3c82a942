"""Kapacity a mezery: where the network is thin — capacity per 10 000 by ORP or municipality against a
target, the gap in units, and the distance from every municipality to the nearest place of the kind."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Input, Output, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import db, validation
from dashboard.capacity import farther_than, with_gaps
from dashboard.charts import AREA, Chart, Param, area_names, chart, number, one_of
from dashboard.components.export import export_links
from dashboard.components.graphs import dropdown, graph
from dashboard.components.tables import details_table, value_table
from dashboard.directory import UNIT_NAMES
from dashboard.figures.common import KNOWN, czech_layout
from dashboard.figures.maps import class_map, distance_classes, rate_classes
from dashboard.i18n import NotANumber, format_number, format_percent, input_number, parse_number

dash.register_page(__name__, path="/kapacity", name="Kapacity", title="Kapacity a mezery – socmap", order=2)

TARGET_MESSAGE, NEAREST = "kapacity-cil-zprava", "kapacity-nejblizsi-obal"
KIND, UNIT, LEVEL, TARGET, KM, OUT = ("kapacity-druh", "kapacity-jednotka", "kapacity-uroven", "kapacity-cil",
                                      "kapacity-km", "kapacity-vysledek")
SOURCE = ("Registr poskytovatelů sociálních služeb (registrovaná kapacita, u výtahu částečně ilustrativní); "
          "obyvatelé ČSÚ k 1. 1. 2021")


def kinds_of(value: str) -> list[str]:
    """A kind code, or 'skupina:<group>' for all kinds of a group."""
    kinds = db.lookup("registry_kinds", lambda frame: frame)  # kept until a rebuild; read, never changed
    if value.startswith("skupina:"):
        return list(kinds.loc[kinds["kind_group"] == value.split(":", 1)[1], "kind_code"])
    return [value]


def kind_options() -> list[dict]:
    kinds = db.lookup("registry_kinds", lambda frame: frame)  # kept until a rebuild; read, never changed
    groups = [{"label": f"Celá skupina: {g}", "value": f"skupina:{g}"} for g in kinds["kind_group"].unique()]
    return groups + [{"label": k.name_cs, "value": k.kind_code} for k in kinds.itertuples()]


def unit_options(kind: str) -> list[dict]:
    units = db.query("units_for_kinds", kinds=kinds_of(kind))
    return [{"label": UNIT_NAMES.get(u, u), "value": u} for u in units["capacity_type"]] or \
        [{"label": "lůžka", "value": "luzka"}]


def default_target(kind: str, unit: str):
    if kind.startswith("skupina:"):
        return None
    row = db.query("target_for", kind=kind, unit=unit)
    return float(row["per_10000"].iloc[0]) if not row.empty else None


def _label(kind: str) -> str:
    return next((o["label"] for o in kind_options() if o["value"] == kind), kind)


def _areas(kind: str, unit: str, level: str, target):
    return with_gaps(db.query("capacity_by_area", level=level, kinds=kinds_of(kind), unit=unit),
                     float(target) if target not in (None, "") else None)


def _gap_texts(areas) -> list[str]:
    return [("bez cíle" if g != g else ("nejvýše chybí " if u else "chybí ") + format_number(g, 1) if g > 0 else
             ("nejméně přebývá " if u else "přebývá ") + format_number(-g, 1))
            for g, u in zip(areas["gap"], areas["services_unknown"], strict=True)]


def _filters(kind, unit, level=None, target=None, km=None, area="kraj") -> str:
    parts = [area_names()[area], f"{_label(kind)} ({UNIT_NAMES.get(unit, unit)})"]
    if level:
        parts.append("podle ORP" if level == "orp" else "podle obcí")
    if target not in (None, ""):
        parts.append(f"cíl {format_number(float(target), 2)} na 10 000 obyvatel")
    if km is not None:
        parts.append(f"hranice {format_number(km)} km")
    return ", ".join(parts)


def _in_area(frame, area: str, level: str = "obec"):
    if area == "kraj":
        return frame
    orp = area_names()[area].removeprefix("ORP ")
    return frame[frame["code"] == area] if level == "orp" else frame[frame["orp"] == orp]


KIND_PARAMS = {"druh": Param(one_of(lambda: [o["value"] for o in kind_options()]), "57"),
               "jednotka": Param(one_of(lambda: UNIT_NAMES), "luzka")}
RATE_PARAMS = {**KIND_PARAMS, "uroven": Param(one_of(lambda: ("orp", "obec")), "orp"),
               "cil": Param(number(0, 100_000, optional=True), ""), "uzemi": AREA}


@chart("kapacity-mapa", "Kapacita na 10 000 obyvatel (mapa)", **RATE_PARAMS)
def rate_map_chart(druh: str, jednotka: str, uroven: str, cil, uzemi: str = "kraj", areas=None) -> Chart:
    level = "obec" if uzemi != "kraj" else uroven
    areas = _in_area(_areas(druh, jednotka, level, cil) if areas is None else areas, uzemi, level)
    unit_name = UNIT_NAMES.get(jednotka, jednotka)
    classes, labels, colours = rate_classes(areas["rate"], (areas["capacity"] <= 0) & (areas["services_unknown"] > 0))
    hover = [f"<b>{n}</b><br>{format_number(c, 1)} {unit_name}, {format_number(r, 2)} na 10 000 obyvatel"
             + (f"<br>u {format_number(u)} služeb kapacita neuvedena" if u else "")
             for n, c, r, u in zip(areas["name"], areas["capacity"], areas["rate"], areas["services_unknown"],
                                   strict=True)]
    title = f"{_label(druh)}: {unit_name} na 10 000 obyvatel ({'ORP' if level == 'orp' else 'obce'})"
    outlines = db.query("boundaries", level="orp")
    boundaries = db.query("boundaries", level=level)
    figure = class_map(areas, classes, labels, colours, boundaries[boundaries["code"].isin(areas["code"])],
                       outlines if uzemi == "kraj" else outlines[outlines["code"] == uzemi],
                       db.query("map_view").iloc[0].to_dict(), title, f"Zdroj: {SOURCE}", "na 10 000 obyvatel", hover)
    return Chart(figure, title, _filters(druh, jednotka, level, cil, area=uzemi), f"Zdroj: {SOURCE}",
                 _table(areas, level, unit_name), True)


def _columns(level: str, unit_name: str) -> dict[str, str]:
    return {"name": "ORP" if level == "orp" else "Obec", **({} if level == "orp" else {"orp": "ORP"}),
            "population": "Obyvatel", "services": "Služeb", "capacity": f"Kapacita ({unit_name})",
            "rate": "Na 10 000", "kraj_rate": "Průměr kraje", "target": "Cíl na 10 000", "gap_text": "Mezera",
            "unknown": "Kapacita neuvedena"}


def _with_texts(areas):
    return areas.assign(gap_text=_gap_texts(areas),
                        unknown=[f"u {format_number(u)} neuvedena" if u else "" for u in areas["services_unknown"]])


def _table(areas, level: str, unit_name: str):
    columns = _columns(level, unit_name)
    return _with_texts(areas)[list(columns)].rename(columns=columns)


@chart("kapacity-poradi", "Pořadí území podle kapacity na 10 000 obyvatel", **RATE_PARAMS)
def ranking_chart(druh: str, jednotka: str, uroven: str, cil, uzemi: str = "kraj", areas=None) -> Chart:
    """ORPs (or municipalities) ranked by rate; for an ORP its municipalities, against the kraj average."""
    level = "obec" if uzemi != "kraj" else uroven
    areas = _in_area(_areas(druh, jednotka, level, cil) if areas is None else areas, uzemi, level)
    unit_name = UNIT_NAMES.get(jednotka, jednotka)
    ranked = areas.sort_values("rate")
    ranking = go.Figure(go.Bar(x=ranked["rate"], y=ranked["name"], orientation="h", marker={"color": KNOWN},
                               text=[format_number(r, 2) for r in ranked["rate"]], textposition="outside",
                               hovertemplate="%{y}: %{text}<extra></extra>"))
    if len(areas):
        ranking.add_vline(x=areas["kraj_rate"].iloc[0], line={"dash": "dash", "color": "#555"},
                          annotation_text=f"průměr kraje {format_number(areas['kraj_rate'].iloc[0], 2)}")
    if areas["target"].notna().any():
        ranking.add_vline(x=areas["target"].iloc[0], line={"dash": "dot", "color": "#b30000"},
                          annotation_text=f"cíl {format_number(areas['target'].iloc[0], 2)}",
                          annotation_position="bottom right")
    ranking.update_xaxes(title=f"{unit_name} na 10 000 obyvatel", gridcolor="#e5e5e5")
    title = f"Pořadí: {_label(druh)}"
    czech_layout(ranking, title, f"Zdroj: {SOURCE}", height=max(380, 26 * len(areas) + 120))
    return Chart(ranking, title, _filters(druh, jednotka, level, cil, area=uzemi), f"Zdroj: {SOURCE}",
                 _table(areas, level, unit_name), True)


DISTANCE_COLUMNS = {"name": "Obec", "orp": "ORP", "population": "Obyvatel", "nearest_service": "Nejbližší služba",
                    "nearest_municipality": "Obec nejbližší služby", "distance_km": "Km k nejbližšímu"}


def nearest_text(service, municipality, km) -> str:
    """'Noclehárna Liberec, Liberec, 28,0 km', or that there is no place of the kind."""
    if km != km or km is None:
        return "žádné místo tohoto druhu"
    return f"nejbližší: {service}, {municipality}, {format_number(km, 1)} km"


DISTANCE_SOURCE = ("Zdroj: registr (místa poskytování, u mnoha jen střed obce); vzdušná geodetická vzdálenost od "
                   "středu obce")


@chart("kapacity-vzdalenost", "Vzdálenost obcí k nejbližšímu místu služby", druh=KIND_PARAMS["druh"],
       km=Param(number(1, 500), "15"), uzemi=AREA)
def distance_chart(druh: str, km: float, uzemi: str = "kraj", distances=None) -> Chart:
    if distances is None:
        distances = db.query("nearest_by_municipality", kinds=kinds_of(druh))
    distances = _in_area(distances, uzemi)
    d_classes, d_labels, d_colours = distance_classes(distances["distance_km"])
    d_hover = [f"<b>{n}</b><br>{nearest_text(s, m, d)}" for n, s, m, d in zip(
        distances["name"], distances["nearest_service"], distances["nearest_municipality"], distances["distance_km"],
        strict=True)]
    outlines = db.query("boundaries", level="orp")
    title = f"{_label(druh)}: vzdálenost k nejbližšímu místu"
    boundaries = db.query("boundaries", level="obec")
    figure = class_map(distances, d_classes, d_labels, d_colours,
                       boundaries[boundaries["code"].isin(distances["code"])],
                       outlines if uzemi == "kraj" else outlines[outlines["code"] == uzemi],
                       db.query("map_view").iloc[0].to_dict(), title, DISTANCE_SOURCE, "vzdálenost", d_hover)
    share, _white = farther_than(distances, km)
    table = distances[list(DISTANCE_COLUMNS)].rename(columns=DISTANCE_COLUMNS)
    filters = (f"{area_names()[uzemi]}, {_label(druh)}; dál než {format_number(km)} km žije "
               f"{format_percent(share)} obyvatel")
    return Chart(figure, title, filters, DISTANCE_SOURCE, table, True)


def _or_none(value) -> str:
    return "žádné místo" if value is None or value != value else value


def results(kind: str, unit: str, level: str, target, km: float):
    areas = _areas(kind, unit, level, target)
    unit_name = UNIT_NAMES.get(unit, unit)
    label = _label(kind)
    area_word = "ORP" if level == "orp" else "obce"
    rate_map = rate_map_chart(kind, unit, level, target, areas=areas)
    ranking = ranking_chart(kind, unit, level, target, areas=areas)
    params = {"druh": kind, "jednotka": unit, "uroven": level, "cil": target}
    table = value_table(
        _with_texts(areas), _columns(level, unit_name),
        f"{label}: kapacita, obyvatelé a mezera ({area_word})",
        formats={"population": format_number, "services": format_number,
                 "capacity": lambda v: format_number(v, 1), "rate": lambda v: format_number(v, 2),
                 "kraj_rate": lambda v: format_number(v, 2),
                 "target": lambda v: "" if v != v or v is None else format_number(v, 2)},
        numeric=("population", "services", "capacity", "rate", "kraj_rate", "target"), table_id="kapacity-tabulka")
    rules = sorted({r for rules in areas["rules"].dropna() for r in rules})

    distances = db.query("nearest_by_municipality", kinds=kinds_of(kind))
    share, white = farther_than(distances, km)
    distance_map = distance_chart(kind, km, distances=distances)
    white_table = value_table(white.head(30), DISTANCE_COLUMNS,
                              f"Bílá místa: obce dál než {format_number(km)} km (nejlidnatější první)",
                              formats={"population": format_number,
                                       "distance_km": lambda v: "žádné místo" if v != v else format_number(v, 1)},
                              numeric=("population", "distance_km"), table_id="kapacity-bila-mista")
    return html.Div([
        html.P([html.Strong("Pravidlo započtení: "), "; ".join(rules) if rules else "žádná kapacita k započtení",
                ". Kapacita je registrované maximum, ne volná místa; oblasti bez služby mají kapacitu 0."],
               id="kapacity-pravidlo"),
        graph("kapacity-mapa", rate_map.figure),
        export_links("kapacity-mapa", rate_map.title, **params),
        html.Div(table, className="table-responsive"),
        graph("kapacity-poradi", ranking.figure),
        export_links("kapacity-poradi", ranking.title, **params),
        html.H2("Vzdálenost k nejbližší službě"),
        html.P(f"Dál než {format_number(km)} km od nejbližšího místa žije {format_percent(share)} obyvatel kraje "
               f"({format_number(len(white))} obcí).", id="kapacity-podil", **{"aria-live": "polite"}),
        graph("kapacity-vzdalenost", distance_map.figure),
        export_links("kapacity-vzdalenost", distance_map.title, druh=kind, km=km),
        details_table("Bílá místa", white_table),
    ])


def nearest_details(kind: str) -> html.Details:
    """The nearest service of the kind for every municipality: it depends on the kind alone, so it sits
    outside the results and is not drawn again when the level, the target or the distance change
    (215 rows are seconds of rendering in the browser)."""
    distances = db.query("nearest_by_municipality", kinds=kinds_of(kind))
    return details_table("Nejbližší služba pro každou obec", value_table(
        distances, DISTANCE_COLUMNS, f"{_label(kind)}: nejbližší služba pro každou obec",
        formats={"population": format_number, "nearest_service": _or_none, "nearest_municipality": _or_none,
                 "distance_km": lambda v: "" if v != v else format_number(v, 1)},
        numeric=("population", "distance_km"), table_id="kapacity-nejblizsi"))


def layout(**_query):
    kind = "57"
    unit = "luzka"
    target = default_target(kind, unit)
    return html.Div([
        html.H1("Kapacity a mezery"),
        html.P("Kde je síť řídká: kapacita na 10 000 obyvatel proti cíli a průměru kraje, mezera v lůžkách či "
               "místech a vzdálenost obcí k nejbližší službě. Cíl můžete změnit — výchozí je norma ze sešitu.",
               className="lead"),
        html.Div([
            html.Div([html.Label("Druh služby", htmlFor=KIND, className="form-label fw-semibold"),
                      dropdown(KIND, options=kind_options(), value=kind, clearable=False)],
                     className="col-md-4"),
            html.Div([html.Label("Jednotka", htmlFor=UNIT, className="form-label fw-semibold"),
                      dropdown(UNIT, options=unit_options(kind), value=unit, clearable=False)],
                     className="col-md-2"),
            html.Fieldset([html.Legend("Území", className="col-form-label fw-semibold p-0"),
                           dbc.RadioItems(id=LEVEL, value="orp", inline=True,
                                          options=[{"label": "ORP", "value": "orp"},
                                                   {"label": "obce", "value": "obec"}])],
                          className="col-md-2"),
            html.Div([html.Label("Cíl na 10 000 obyvatel", htmlFor=TARGET, className="form-label fw-semibold"),
                      dbc.Input(id=TARGET, type="text", value=input_number(target), debounce=0.5,
                                autocomplete="off", placeholder="např. 3,5"),
                      html.Div(id=TARGET_MESSAGE, className="invalid-feedback d-block",
                               **{"data-describes": TARGET, "aria-live": "polite"})], className="col-md-2"),
            html.Div([html.Label("Vzdálenost (km)", htmlFor=KM, className="form-label fw-semibold"),
                      dcc.Slider(id=KM, min=5, max=40, step=5, value=15, updatemode="drag",
                                 marks={k: f"{k}" for k in range(5, 41, 5)})], className="col-md-2"),
        ], className="row mb-3"),
        html.Div(results(kind, unit, "orp", target, 15), id=OUT),
        html.Div(nearest_details(kind), id=NEAREST),
    ])


@callback(Output(NEAREST, "children"), Input(KIND, "value"), prevent_initial_call=True)
def kind_nearest(kind):
    validation.check(kind=kind)
    return nearest_details(kind)


@callback(Output(UNIT, "options"), Output(UNIT, "value"), Output(TARGET, "value"), Input(KIND, "value"),
          prevent_initial_call=True)
def kind_changed(kind):
    validation.check(kind=kind)
    options = unit_options(kind)
    unit = options[0]["value"]
    return options, unit, input_number(default_target(kind, unit))


@callback(Output(OUT, "children"), Input(KIND, "value"), Input(UNIT, "value"), Input(LEVEL, "value"),
          Input(TARGET, "value"), Input(KM, "value"), prevent_initial_call=True)
def update(kind, unit, level, target, km):
    _typed(target)
    try:
        target = parse_number(target)  # "3,5" and "3.5" are 3,5; anything else waits for a number (message beside)
    except NotANumber:
        raise PreventUpdate from None
    if target is not None and target < 0:
        raise PreventUpdate
    validation.check(kind=kind, unit=unit, level=level, target=target, km=km)
    return results(kind, unit, level, target, km)


def _typed(target) -> None:
    """The field sends text as typed (short, no control characters); a forged payload may send anything."""
    if isinstance(target, str):
        validation.check(text=target)
    else:
        validation.check(target=target)


@callback(Output(TARGET_MESSAGE, "children"), Output(TARGET, "invalid"), Input(TARGET, "value"),
          prevent_initial_call=True)
def check_target(text):
    """What is wrong with the typed target, beside the field; the value itself is never changed."""
    _typed(text)
    try:
        value = parse_number(text)
    except NotANumber as err:
        return err.message, True
    if value is not None and value < 0:
        return "Cíl nemůže být záporný.", True
    return "", False
