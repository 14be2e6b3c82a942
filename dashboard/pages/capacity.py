"""Kapacity a mezery: where the network is thin — capacity per 10 000 by ORP or municipality against a
target, the gap in units, and the distance from every municipality to the nearest place of the kind."""

from __future__ import annotations

import urllib.parse

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update
from dash.exceptions import MissingCallbackContextException, PreventUpdate

from common.vocabulary import UNITS, unit_name
from dashboard import data_state, db, inputs, scenario
from dashboard.capacity import (
    areas_of,
    default_target,
    farther_than,
    kind_label,
    kind_options,
    kinds_of,
    target_words,
    unit_options,
)
from dashboard.charts.capacity import (
    DISTANCE_COLUMNS,
    area_columns,
    distance_chart,
    distance_title,
    ranking_chart,
    rate_map_chart,
    rate_map_title,
    with_texts,
)
from dashboard.charts.scenario import (
    placement_chart,
    scenario_distance_chart,
    scenario_distance_table,
    scenario_ranking_chart,
    scenario_summary,
)
from dashboard.components import paged
from dashboard.components.export import export_links
from dashboard.components.graphs import dropdown, graph
from dashboard.components.tables import Rows, chart_rows, chart_table, details_table, value_table
from dashboard.i18n import NotANumber, format_number, format_percent, input_number, parse_number, plural
from dashboard.states import SHORT, is_known, value_text

dash.register_page(__name__, path="/kapacity", name="Kapacity", title="Kapacity a mezery – socmap", order=2)

TARGET_MESSAGE, NEAREST = "kapacity-cil-zprava", "kapacity-nejblizsi-obal"
SWITCH, PLANS, QUERY, PLAN_LIST, PLAN_MESSAGE = ("kapacity-se-zamery", "kapacity-zamery", "kapacity-adresa",
                                                 "kapacity-zamery-seznam", "kapacity-zamer-zprava")
PLAN_KIND, PLAN_OBEC, PLAN_CAPACITY, PLAN_UNIT, ADD, CLEAR = (
    "kapacity-zamer-druh", "kapacity-zamer-obec", "kapacity-zamer-kapacita", "kapacity-zamer-jednotka",
    "kapacity-zamer-pridat", "kapacity-zamery-smazat")
KIND, UNIT, LEVEL, TARGET, KM, OUT = ("kapacity-druh", "kapacity-jednotka", "kapacity-uroven", "kapacity-cil",
                                      "kapacity-km", "kapacity-vysledek")


def _or_none(value) -> str:
    return "žádné místo" if value is None or value != value else value


# The results in parts, each drawn again only when an input it depends on changes: moving the distance redraws
# the share and the white spots, not three maps; typing a target redraws the table and the ranking only.
PARTS = {"mapa": "kapacity-cast-mapa", "mapa-odkazy": "kapacity-cast-mapa-odkazy", "tabulka": "kapacity-cast-tabulka",
         "podil": "kapacity-cast-podil", "vzdalenost": "kapacity-cast-vzdalenost",
         "bila-mista": "kapacity-cast-bila-mista", "zamery": "kapacity-cast-zamery"}
ALL = frozenset(PARTS)
NEEDS = {KIND: ALL, UNIT: frozenset({"mapa", "mapa-odkazy", "tabulka", "zamery"}),
         LEVEL: frozenset({"mapa", "mapa-odkazy", "tabulka", "zamery"}),
         TARGET: frozenset({"mapa-odkazy", "tabulka", "zamery"}), KM: frozenset({"podil", "bila-mista", "zamery"}),
         SWITCH: frozenset({"zamery"}), PLANS: frozenset({"zamery"})}


def parts(kind: str, unit: str, level: str, target, km: float, plans=(), with_plans: bool = False,
          needed: frozenset = ALL) -> dict[str, object]:
    """The parts of the results in `needed`, by name (see PARTS)."""
    made: dict[str, object] = {}
    params = {"druh": kind, "jednotka": unit, "uroven": level, "cil": target}
    if needed & {"mapa", "mapa-odkazy", "tabulka"}:
        areas = areas_of(kind, unit, level, target)
    if "mapa" in needed:
        rate_map = rate_map_chart(kind, unit, level, target, areas=areas)
        rules = list(db.query("allocation_rules", kinds=kinds_of(kind), unit=unit)["rule"])
        made["mapa"] = [
            html.P(data_state.registry_sentence(), id="kapacity-uplnost"),
            html.P([html.Strong("Pravidlo započtení: "), "; ".join(rules) if rules else "žádná kapacita k započtení",
                    ". Kapacita je registrované maximum, ne volná místa. Kde kapacitu nikdo neuvedl, stojí "
                    "„neuvedeno“, kde ji uvedla jen část služeb, „nejméně“. ",
                    html.A("Jak se údaje počítají", href=data_state.ABOUT)], id="kapacity-pravidlo"),
            graph("kapacity-mapa", rate_map.figure)]
    if "mapa-odkazy" in needed:
        made["mapa-odkazy"] = export_links("kapacity-mapa", rate_map_title(kind, unit, level), **params)
    if "tabulka" in needed:
        ranking = ranking_chart(kind, unit, level, target, areas=areas)
        norm_words = target_words(kind, unit, target)
        made["tabulka"] = [
            html.P(norm_words[0].upper() + norm_words[1:] + ".", id="kapacity-cil-text") if norm_words else None,
            html.Div(paged.table("kapacity-tabulka", kind=kind, unit=unit, level=level, target=target),
                     className="table-responsive"),
            graph("kapacity-poradi", ranking.figure),
            export_links("kapacity-poradi", ranking.title, **params)]
    if needed & {"podil", "vzdalenost", "bila-mista"}:
        distances = db.query("nearest_by_municipality", kinds=kinds_of(kind))
        share, white = farther_than(distances, km)
    if "podil" in needed:
        made["podil"] = html.P(
            f"Dál než {format_number(km)} km od nejbližšího místa žije {format_percent(share)} obyvatel kraje "
            f"({format_number(len(white))} obcí).", id="kapacity-podil", **{"aria-live": "polite"})
    if "vzdalenost" in needed:
        made["vzdalenost"] = graph("kapacity-vzdalenost", distance_chart(kind, km, distances=distances).figure)
    if "bila-mista" in needed:
        white_table = value_table(white.head(30), DISTANCE_COLUMNS,
                                  f"Bílá místa: obce dál než {format_number(km)} km (nejlidnatější první)",
                                  formats={"population": format_number,
                                           "distance_km": lambda v: "žádné místo" if v != v else format_number(v, 1)},
                                  numeric=("population", "distance_km"), table_id="kapacity-bila-mista")
        made["bila-mista"] = [export_links("kapacity-vzdalenost", distance_title(kind), druh=kind, km=km),
                              details_table("Bílá místa", white_table)]
    if "zamery" in needed:
        made["zamery"] = scenario_section(kind, unit, level, target, km, list(plans)) if with_plans else None
    return made


def results(kind: str, unit: str, level: str, target, km: float, plans=(), with_plans: bool = False):
    made = parts(kind, unit, level, target, km, plans, with_plans)

    def part(name):
        return html.Div(made[name], id=PARTS[name])
    return html.Div([part("mapa"), part("mapa-odkazy"), part("tabulka"), html.H2("Vzdálenost k nejbližší službě"),
                     part("podil"), part("vzdalenost"), part("bila-mista"), part("zamery")])


@paged.source("kapacity-tabulka", kind="kind", unit="unit", level="level", target="target")
def area_rows(kind: str, unit: str, level: str, target) -> Rows:
    """Every area's capacity, inhabitants and gap as the page's table shows them (a page of them nationally)."""
    areas = areas_of(kind, unit, level, target)
    texts = with_texts(areas)
    area_word = "ORP" if level == "orp" else "obce"
    return Rows(
        texts.assign(capacity=[value_text(st, c, 1, o) for st, c, o in
                               zip(areas["state"], areas["capacity"], areas["other_units"], strict=True)],
                     rate=[value_text(st, r, 2) if is_known(st) else SHORT.get(st, "neuvedeno")
                           for st, r in zip(areas["state"], areas["rate"], strict=True)],
                     kraj_rate=[value_text(areas["kraj_state"].iloc[0], v, 2) for v in areas["kraj_rate"]]),
        {k: v for k, v in area_columns(level, unit_name(unit)).items() if k not in ("gap", "unknown", "state_text")},
        f"{kind_label(kind)}: kapacita, obyvatelé a mezera ({area_word})",
        formats={"population": format_number, "services": format_number,
                 "target": lambda v: "" if v != v or v is None else format_number(v, 2)},
        numeric=("population", "services", "capacity", "rate", "kraj_rate", "target"))


def scenario_section(kind: str, unit: str, level: str, target, km: float, plans: list) -> html.Section:
    """Today beside the scenario: what the planned services would change, marked as a plan, not a fact."""
    params = {"druh": kind, "jednotka": unit, "uroven": level, "cil": target, "zamery": scenario.encode(plans)}
    ranking = scenario_ranking_chart(kind, unit, level, target, zamery=plans)
    distance = scenario_distance_chart(kind, km, zamery=plans)
    placement = placement_chart(kind, km, zamery=plans)
    near = {"druh": kind, "km": km, "zamery": scenario.encode(plans)}
    return html.Section([
        html.H2(["Se záměry ", html.Span(f"({scenario.MARK})", className="badge text-bg-warning")],
                id="kapacity-scenar-nadpis"),
        html.Ul([html.Li(s) for s in scenario_summary(kind, unit, level, target, km, plans)]
                or [html.Li("Záměry tohoto druhu a jednotky nic nemění.")], id="kapacity-scenar-shrnuti"),
        graph("kapacity-zamery-graf", ranking.figure),
        export_links("kapacity-zamery", ranking.title, **params),
        details_table("Dnes a se záměry: čísla", chart_table(ranking, "kapacity-zamery-tabulka")),
        graph("kapacity-vzdalenost-zamery-graf", distance.figure),
        export_links("kapacity-vzdalenost-zamery", distance.title, **near),
        html.P(distance.filters, id="kapacity-scenar-vzdalenost"),
        paged.details("Vzdálenost dnes a se záměry", "kapacity-vzdalenost-zamery-tabulka", kind=kind, km=km,
                      plans=scenario.encode(plans)),
        html.H3("Kam umístit nové místo"),
        html.P("Výpočet, ne doporučení: v kterých obcích by jedno nové místo tohoto druhu přiblížilo nejvíc "
               f"obyvatel, kteří ho dnes (se záměry) mají dál než {format_number(km)} km."),
        graph("kapacity-umisteni-graf", placement.figure),
        export_links("kapacity-umisteni", placement.title, **near),
        details_table("Kam umístit: čísla", chart_table(placement, "kapacity-umisteni-tabulka")),
    ], className="mt-5 border-top pt-3", **{"aria-labelledby": "kapacity-scenar-nadpis"})


def plan_controls(kind: str, unit: str, plans: list, with_plans: bool) -> html.Section:
    """The scenario's switch and the form that adds a planned service (kept in the page's address)."""
    towns = db.lookup("municipality_codes", lambda frame: frame)
    kinds = [o for o in kind_options() if not o["value"].startswith("skupina:")]
    return html.Section([
        html.H2("Záměry: co by změnila nová služba", className="h4", id="kapacity-zamery-nadpis"),
        html.P("Plánované služby z listu Záměry sešitů a ty, které zadáte zde, jako scénář vedle dnešní sítě — "
               "záměr, ne skutečnost; do dnešních čísel se nikdy nesčítají. Zadané záměry jsou v adrese stránky, "
               "odkaz na scénář lze poslat.", className="small"),
        dbc.Checklist(id=SWITCH, options=[{"label": "Ukázat se záměry", "value": "on"}],
                      value=["on"] if with_plans else [], switch=True, className="mb-2"),
        html.Div([
            html.Div([html.Label("Druh záměru", htmlFor=PLAN_KIND, className="form-label"),
                      dropdown(PLAN_KIND, options=kinds, value=kind if not kind.startswith("skupina:") else None,
                               clearable=False)], className="col-md-3"),
            html.Div([html.Label("Obec záměru", htmlFor=PLAN_OBEC, className="form-label"),
                      dropdown(PLAN_OBEC, options=[{"label": r.name, "value": r.kod_obce}
                                                   for r in towns.itertuples()], placeholder="vyberte obec")],
                     className="col-md-3"),
            html.Div([html.Label("Kapacita záměru", htmlFor=PLAN_CAPACITY, className="form-label"),
                      dbc.Input(id=PLAN_CAPACITY, type="text", autocomplete="off", placeholder="prázdné = neznámá"),
                      html.Div(id=PLAN_MESSAGE, className="invalid-feedback d-block", **{"aria-live": "polite"})],
                     className="col-md-2"),
            html.Div([html.Label("Jednotka záměru", htmlFor=PLAN_UNIT, className="form-label"),
                      dropdown(PLAN_UNIT, options=[{"label": v, "value": k} for k, v in UNITS.items()],
                               value=unit, clearable=False)], className="col-md-2"),
            html.Div([html.Button("Přidat záměr", id=ADD, className="btn btn-primary me-2"),
                      html.Button("Smazat zadané", id=CLEAR, className="btn btn-outline-secondary")],
                     className="col-md-2 d-flex align-items-end"),
        ], className="row g-2 mb-2"),
        html.Ul(plan_items(plans), id=PLAN_LIST, className="small"),
        dcc.Store(id=PLANS, data=scenario.encode(plans)),
        dcc.Store(id=QUERY, data=None),
    ], className="border rounded p-3 mb-3", **{"aria-labelledby": "kapacity-zamery-nadpis"})


def plan_items(plans: list) -> list:
    book = scenario.workbook_plans()
    towns = db.lookup("municipality_codes", lambda frame: frame).set_index("kod_obce")["name"]
    kinds = {o["value"]: o["label"] for o in kind_options()}
    items = [html.Li(f"ze sešitu: {r.kind}, {r.municipality}, "
                     + (plural(int(r.capacity), r.capacity_type)
                        if r.capacity == r.capacity and r.capacity is not None else "kapacita neznámá")
                     + f" ({r.name})") for r in book.itertuples()]
    items += [html.Li(f"zadáno: {kinds.get(p.kind_code, p.kind_code)}, {towns.get(p.kod_obce, p.kod_obce)}, "
                      + (plural(p.capacity, p.unit) if p.capacity is not None else "kapacita neznámá"))
              for p in plans]
    return items or [html.Li("Zatím žádný záměr.")]


@paged.source("kapacity-nejblizsi", kind="kind")
def nearest_rows(kind: str) -> Rows:
    return Rows(db.query("nearest_by_municipality", kinds=kinds_of(kind)), DISTANCE_COLUMNS,
                f"{kind_label(kind)}: nejbližší služba pro každou obec",
                formats={"population": format_number, "nearest_service": _or_none, "nearest_municipality": _or_none,
                         "distance_km": lambda v: "" if v != v else format_number(v, 1)},
                numeric=("population", "distance_km"))


@paged.source("kapacity-vzdalenost-zamery-tabulka", kind="kind", km="km", plans="plans")
def scenario_distance_rows(kind: str, km: float, plans) -> Rows:
    return chart_rows(*scenario_distance_table(kind, km, plans))


def nearest_details(kind: str) -> html.Details:
    """The nearest service of the kind for every municipality, drawn when opened: it depends on the kind alone,
    so it sits outside the results and is not drawn again when the level, the target or the distance change."""
    return paged.details("Nejbližší služba pro každou obec", "kapacity-nejblizsi", kind=kind)


def layout(druh: str = "57", jednotka: str = "", zamery: str = "", se_zamery: str = "0", **_query):
    """The page; a scenario's link (`?druh=63&jednotka=luzka&zamery=…&se_zamery=1`) opens it as it was."""
    kind = druh if druh in {o["value"] for o in kind_options()} else "57"
    units = [o["value"] for o in unit_options(kind)]
    unit = jednotka if jednotka in units else units[0]
    target = default_target(kind, unit)
    plans = scenario.parse(zamery)  # checked with the address's other parameters before the page is drawn
    with_plans = se_zamery == "1" or bool(plans)
    return html.Div([
        html.H1("Kapacity a mezery"),
        html.P("Kde je síť řídká: kapacita na 10 000 obyvatel proti cíli a průměru kraje, mezera v lůžkách či "
               "místech a vzdálenost obcí k nejbližší službě. Cíl můžete změnit — výchozí je předpoklad socmap, ne "
               "schválená norma, pokud sešit plánovače neuvádí vlastní.",
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
        plan_controls(kind, unit, plans, with_plans),
        html.Div(results(kind, unit, "orp", target, 15, plans, with_plans), id=OUT),
        html.Div(nearest_details(kind), id=NEAREST),
    ])


@callback(Output(NEAREST, "children"), Input(KIND, "value"), prevent_initial_call=True)
def kind_nearest(kind):
    inputs.check(kind=kind)
    return nearest_details(kind)


@callback(Output(UNIT, "options"), Output(UNIT, "value"), Output(TARGET, "value"), Input(KIND, "value"),
          prevent_initial_call=True)
def kind_changed(kind):
    inputs.check(kind=kind)
    options = unit_options(kind)
    unit = options[0]["value"]
    return options, unit, input_number(default_target(kind, unit))


@callback(*[Output(PARTS[name], "children") for name in PARTS], Output(QUERY, "data"), Input(KIND, "value"),
          Input(UNIT, "value"), Input(LEVEL, "value"), Input(TARGET, "value"), Input(KM, "value"),
          Input(SWITCH, "value"), Input(PLANS, "data"), prevent_initial_call=True)
def update(kind, unit, level, target, km, switch, plans):
    _typed(target)
    try:
        target = parse_number(target)  # "3,5" and "3.5" are 3,5; anything else waits for a number (message beside)
    except NotANumber:
        raise PreventUpdate from None
    if target is not None and target < 0:
        raise PreventUpdate
    inputs.check(kind=kind, unit=unit, level=level, target=target, km=km, switch=switch, plans=plans)
    on = "on" in (switch or [])
    kept = {} if kind.startswith("skupina:") else {"druh": kind, "jednotka": unit}  # a group stays on the page
    query = ("?" + urllib.parse.urlencode({**kept, "se_zamery": "1", **({"zamery": plans} if plans else {})})) \
        if on else ""
    changed = _changed()
    needed = frozenset().union(*(NEEDS.get(c, ALL) for c in changed)) if changed else ALL
    if not on and not changed & {SWITCH, PLANS}:
        needed -= {"zamery"}  # no scenario shown, none asked for: that part stays empty as it is
    made = parts(kind, unit, level, target, km, scenario.parse(plans), on, needed)
    return *[made.get(name, no_update) for name in PARTS], query


@callback(Output(PLANS, "data"), Output(PLAN_LIST, "children"), Output(PLAN_MESSAGE, "children"),
          Output(SWITCH, "value"), Input(ADD, "n_clicks"), Input(CLEAR, "n_clicks"), State(PLAN_KIND, "value"),
          State(PLAN_OBEC, "value"), State(PLAN_CAPACITY, "value"), State(PLAN_UNIT, "value"), State(PLANS, "data"),
          State(SWITCH, "value"), prevent_initial_call=True)
def edit_plans(_add, _clear, kind, obec, capacity, unit, plans, switch):
    """Add a planned service from the form (and show the scenario), or clear the ones entered here."""
    inputs.check(clicks=_add, plan_kind=kind, plan_obec=obec, plan_unit=unit, plans=plans, switch=switch)
    _typed(capacity)
    current = scenario.parse(plans)
    if dash.ctx.triggered_id == CLEAR:
        return "", plan_items([]), "", switch
    if not kind or not obec:
        return no_update, no_update, "Vyberte druh a obec záměru.", no_update
    try:
        number = parse_number(capacity)
    except NotANumber as err:
        return no_update, no_update, err.message, no_update
    if number is not None and (number < 0 or number != int(number) or number > 99_999):
        return no_update, no_update, "Kapacita je celé číslo od 0 do 99 999, nebo prázdná (neznámá).", \
            no_update
    if len(current) >= scenario.MAX_PLANS:
        return no_update, no_update, f"Nejvýše {scenario.MAX_PLANS} zadaných záměrů.", no_update
    current.append(scenario.Plan(kind, obec, None if number is None else int(number), unit))
    return scenario.encode(current), plan_items(current), "", ["on"]


# The scenario lives in the address: each change adds a history entry, and a copied link opens the same view.
clientside_callback(
    """function (query) {
        if (query === null || query === undefined) { return window.dash_clientside.no_update; }
        const path = window.location.pathname;
        if ((window.location.search || "") !== query) { window.history.pushState({}, "", path + query); }
        return window.dash_clientside.no_update;
    }""",
    Output(QUERY, "id"), Input(QUERY, "data"), prevent_initial_call=True)


def _changed() -> set[str]:
    """The ids of the inputs that changed (none outside a request: then everything is drawn)."""
    try:
        return {key.rsplit(".", 1)[0] for key in dash.ctx.triggered_prop_ids}
    except MissingCallbackContextException:
        return set()


def _typed(target) -> None:
    """The field sends text as typed (short, no control characters); a forged payload may send anything."""
    if isinstance(target, str):
        inputs.check(text=target)
    else:
        inputs.check(target=target)


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
