"""The need of an area where a planner looks at something else: Srovnání and the page of a service (#19)."""

from __future__ import annotations

from dash import dcc, html

from common.vocabulary import TOPICS
from dashboard import db
from dashboard.components.tables import value_table
from dashboard.i18n import format_number

SOURCE = "Zdroj: MMR ČR, Index sociálního vyloučení 2023 (k 31. 12. 2023; dávky průměrný měsíc 2023, školy 2022/23)"
EVIDENCE = {"text": "texty záznamu", "soupis": "soupis služeb kraje", "sesit": "sešit plánovače"}


def _points(v) -> str:
    return "" if v != v or v is None else format_number(v, 1)


def _share(v) -> str:
    return "" if v != v or v is None else f"{format_number(v, 1)} %"


def comparison_table(level: str, names: dict[str, str]) -> html.Div:
    """The need indicators of the compared areas, one row each (an ORP: computed from its municipalities)."""
    wide = db.query("need_wide", level=level).set_index("code")
    rows = wide.reindex(list(names)).reset_index().assign(name=list(names.values()))
    rows["leavers"] = [_share(v) + (f" (bez {format_number(n)} obcí bez školy)" if level == "orp" and n else
                                    " (převzato z nejbližší obce se školou)" if n else "")
                       for v, n in zip(rows["leavers_share"], rows["without_school"], strict=True)]
    columns = {"name": "Území", "points": "Index (0–30 bodů)", "distraint": "Osob v exekuci",
               "distraint_share": "V exekuci (% 15+)", "housing_share": "Příspěvek na bydlení (% 15+)",
               "subsistence_share": "Příspěvek na živobytí (% 15+)", "jobseekers_share": "Uchazeči nad 6 měsíců "
               "(% 15–64)", "leavers": "Předčasné odchody ze ZŠ"}
    table = value_table(rows, columns, "Potřeba v porovnávaných územích (u ORP index vážený obyvateli 15+)",
                        formats={"points": _points, "distraint": format_number, "distraint_share": _share,
                                 "housing_share": _share, "subsistence_share": _share, "jobseekers_share": _share},
                        numeric=("points", "distraint", "distraint_share", "housing_share", "subsistence_share",
                                 "jobseekers_share"), table_id="srovnani-potreba")
    return html.Div([html.H2("Potřeba v území"), html.Div(table, className="table-responsive"),
                     html.P([SOURCE, ". Více na stránce ", dcc.Link("Potřeba a síť", href="/potreba"), "."],
                            className="source-line small text-body-secondary")])


def service_section(service_id: str) -> list:
    """What the service does beyond its kind, and the need of its municipalities and their ORPs."""
    sections = []
    topics = db.query("service_topics", id=service_id)
    if not topics.empty:
        by = ", ".join(sorted({EVIDENCE.get(e, e) for e in topics["evidence"]}))
        sections += [html.H2("Zaměření"), html.P(
            f"{', '.join(sorted({TOPICS.get(t, t) for t in topics['topic']}))} (podle: {by})", id="service-topics")]
    need = db.query("need_of_service", id=service_id)
    if need.empty:
        return sections
    need = need.assign(area=[a if level == "orp" else f"obec {a}" for a, level in
                             zip(need["area"], need["level"], strict=True)])
    table = value_table(need, {"area": "Území", "points": "Index (0–30 bodů)", "distraint": "Osob v exekuci",
                               "subsistence_share": "Příspěvek na živobytí (% 15+)",
                               "housing_share": "Příspěvek na bydlení (% 15+)"},
                        "Potřeba v obci a ORP služby (u ORP index vážený obyvateli 15+)",
                        formats={"points": _points, "distraint": format_number, "subsistence_share": _share,
                                 "housing_share": _share},
                        numeric=("points", "distraint", "subsistence_share", "housing_share"), table_id="service-need")
    return sections + [html.H2("Potřeba v místě služby"), html.Div(table, className="table-responsive"),
                       html.P(SOURCE, className="source-line small text-body-secondary")]


