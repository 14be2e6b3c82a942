"""/sluzba/<id>: everything known about one service (or a municipal housing instrument), with sources."""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from common.vocabulary import FORMS, unit_name
from dashboard import db
from dashboard.charts.service import places_map
from dashboard.components.export import export_links
from dashboard.components.graphs import graph
from dashboard.components.need_profile import service_section
from dashboard.components.sources import source_line, source_text
from dashboard.components.tables import value_table
from dashboard.directory import METRICS, plural
from dashboard.figures.maps import PRECISION_LABELS
from dashboard.i18n import format_date, format_number


def page_title(service_id=None, **_query) -> str:
    """The browser's title names the service or instrument, never its raw id."""
    try:
        for name in ("service_detail", "housing_detail"):
            found = db.query(name, id=service_id)
            if not found.empty:
                return f"{found.iloc[0]['name']} – socmap"
    except Exception:  # a title must never break the page; the layout reports the problem
        pass
    return "Služba – socmap"


dash.register_page(__name__, path_template="/sluzba/<service_id>", name="Služba", title=page_title)



def _row(term: str, value) -> list:
    return [html.Dt(term, className="col-sm-3"), html.Dd(value if value not in (None, "") else "neuvedeno",
                                                           className="col-sm-9")]


def _service_ids() -> list[str]:
    return list(db.query("directory_entries")["id"])


def not_found(service_id):
    return html.Div([html.H1("Služba nenalezena"),
                     html.P(f"Služba s identifikátorem {service_id} v načtených datech není."),
                     dcc.Link("Zpět do adresáře", href="/adresar")])


def housing_layout(h) -> html.Div:
    return html.Div([
        html.P(dcc.Link("← Adresář", href="/adresar")),
        html.H1(h["name"]),  # h.name would be the row's index label
        html.Dl(_row("Druh", f"{h.kind} (mimo registr sociálních služeb)")
                + _row("Obec", f"{h.municipality}, ORP {h.orp}") + _row("Adresa", h.address)
                + _row("Počet bytů / míst", format_number(h.units))
                + _row("Velikosti", h.unit_sizes) + _row("Stav", h.status) + _row("Od", h.since)
                + _row("Poznámka", h.note), className="row"),
        *service_section(h.social_housing_id),
        html.H2("Zdroj"),
        source_line(h.document, h.source_date, h.link, bool(h.is_illustrative)),
    ])


def layout(service_id=None, **_query):
    detail = db.query("service_detail", id=service_id)
    if detail.empty:
        housing = db.query("housing_detail", id=service_id)
        return housing_layout(housing.iloc[0]) if not housing.empty else not_found(service_id)
    s = detail.iloc[0]
    capacities = db.query("service_capacities", id=service_id)
    places = db.query("service_places", id=service_id)
    occupancy = db.query("service_occupancy", id=service_id)
    facts = db.query("service_facts", id=service_id)
    measures = db.query("service_measures", kind_code=s.kind_code)

    capacity_items = [html.Li(f"{plural(int(c.capacity), c.capacity_type)} – {FORMS.get(c.form, c.form)}"
                              + (f" ({c.description})" if isinstance(c.description, str) else ""))
                      for c in capacities.itertuples() if pd.notna(c.capacity)]
    badge = html.Span("ilustrativní záznam", className="badge text-bg-warning ms-2") if s.is_illustrative else None
    sections = [
        html.P(dcc.Link("← Adresář", href="/adresar")),
        html.H1([s["name"], badge]),
        html.Dl(
            _row("Identifikátor v registru", s.identifikator if not (s.is_illustrative and str(s.identifikator)
                                                                    .startswith("99"))
                 else f"neznámý (výtah registru mu dal ilustrativní číslo {s.identifikator})")
            + _row("Poskytovatel", (s.provider if isinstance(s.provider, str) else "neuveden")
                   + (f", IČO {s.ico}" if isinstance(s.ico, str) else ""))
            + _row("Druh služby", f"{s.kind} ({s.paragraf}), skupina {s.kind_group}"
                   if isinstance(s.paragraf, str) else s.kind)
            + _row("Forma", ", ".join(FORMS.get(f, f) for f in s.forms) if len(s.forms) else None)
            + _row("Cílové skupiny", ", ".join(s.target_groups) if len(s.target_groups) else None)
            + _row("Registrovaná kapacita", html.Ul(capacity_items, className="mb-0") if capacity_items
                   else "registr ji u tohoto záznamu neuvádí")
            + _row("Poskytuje od", format_date(s.date_from) if pd.notna(s.date_from) else None)
            + _row("Web", html.A(s.web, href=s.web, rel="noopener") if isinstance(s.web, str) else None)
            + _row("Poznámka", s.note),
            className="row", id="service-facts"),
        html.P("Registrovaná kapacita je maximum, které služba smí poskytnout, ne počet volných míst.",
               className="small text-body-secondary"),
    ]
    if not places.empty:
        located = places[places["lat"].notna()]
        table = value_table(places.assign(precision=places["geo_precision"].map(
            lambda p: PRECISION_LABELS.get(p, "bez polohy"))),
            {"name": "Místo", "address": "Adresa", "municipality": "Obec", "orp": "ORP", "precision": "Poloha"},
            "Místa poskytování", table_id="service-places")
        sections += [html.H2("Místa poskytování"), html.Div(table, className="table-responsive")]
        if not located.empty:
            sections += [graph("service-map", places_map(located, None)),
                         export_links("sluzba-mapa", f"Místa poskytování: {s['name']}", id=service_id)]
    sections.append(html.H2("Obsazenost a odmítnutí"))
    if not occupancy.empty and occupancy["is_illustrative"].any():
        sections.append(html.P(html.Strong("Část údajů o obsazenosti je ilustrativní (vymyšlená pro ukázku), "
                                           "ne skutečná: řádky jsou označeny ve sloupci Zdroj."),
                               className="text-danger", id="service-occupancy-illustrative"))
    if occupancy.empty:
        sections.append(html.P("Údaje o obsazenosti této služby nejsou k dispozici (nezjištěno)."))
    else:
        occupancy["capacity_type"] = occupancy["capacity_type"].map(lambda u: unit_name(u))
        occupancy["period"] = [f"{format_date(a)} – {format_date(b)}" for a, b in
                               zip(occupancy["period_start"], occupancy["period_end"], strict=True)]
        occupancy["source"] = [source_text(d, dt) + (" — ILUSTRATIVNÍ" if ill else "") for d, dt, ill in
                               zip(occupancy["document"], occupancy["source_date"], occupancy["is_illustrative"],
                                   strict=True)]
        sections.append(html.Div(value_table(
            occupancy, {"period": "Období", "capacity_type": "Jednotka", "capacity": "Kapacita", "occupied": "Obsazeno",
                        "refused": "Odmítnuto", "note": "Poznámka", "source": "Zdroj"}, "Obsazenost",
            formats={"capacity": format_number, "occupied": format_number, "refused": format_number},
            numeric=("capacity", "occupied", "refused"), table_id="service-occupancy"), className="table-responsive"))
    if not facts.empty:
        facts["source"] = [source_text(d, dt) for d, dt in zip(facts["document"], facts["source_date"], strict=True)]
        facts["metric"] = facts["metric"].map(lambda m: METRICS.get(m, m))
        sections += [html.H2("Údaje z veřejných zdrojů"), html.Div(value_table(
            facts, {"metric": "Údaj", "value": "Hodnota", "unit": "Jednotka", "as_of": "K datu",
                    "source": "Zdroj"}, "Zveřejněné údaje o službě",
            formats={"value": format_number, "as_of": format_date}, numeric=("value",), table_id="service-published"),
            className="table-responsive")]
    sections.append(html.H2("Opatření plánů, která jmenují tento druh služby"))
    if measures.empty:
        sections.append(html.P("Žádné opatření načtených plánů tento druh nejmenuje."))
    else:
        measures["state"] = [f"{st} ({int(y)})" if isinstance(st, str) and pd.notna(y)
                             else "stav nezjištěn" for st, y in zip(measures["status"], measures["status_year"],
                                                                    strict=True)]
        sections.append(value_table(measures, {"plan": "Plán", "code": "Opatření", "text": "Text", "state": "Stav"},
                                    "Opatření plánů", table_id="service-measures"))
    sections += service_section(service_id)  # #19: its topics and the need of its municipalities and ORPs
    sections += [html.H2("Zdroje"), source_line(s.document, s.source_date, s.link, bool(s.is_illustrative))]
    return html.Div(sections)
