"""The directory's logic, kept out of the page: filters from and to the URL, diacritics-insensitive
search, and the rows as a planner reads them."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from urllib.parse import parse_qs, urlencode

import numpy as np
import pandas as pd

from common.vocabulary import FORMS, TOPIC_CHOICES, fold, unit_name
from dashboard.i18n import format_number, plural  # noqa: F401 (plural: used by pages)

METRICS = {"capacity": "kapacita", "capacity_rooms": "pokoje", "capacity_flats": "byty na půl cesty",
           "planned_capacity_total": "plánovaná kapacita celkem", "planned_capacity_women": "plánovaná lůžka pro ženy",
           "unique_clients_per_year": "osob za rok", "max_daily_visitors": "nejvíce návštěvníků za den",
           "frost_night_users": "přespalo v mrazivé noci", "syringes_received": "přijaté použité stříkačky",
           "clients_per_year": "klientů za rok", "cases_per_year": "případů za rok",
           "catalogue_entry": "záznam v katalogu",
           "target_outcome_share_leaving_to_housing": "cíl: podíl odchodů do bydlení",
           "planned_family_units": "plánované bytové jednotky pro rodiny", "planned_flats": "plánované byty",
           "address": "adresa", "opening_hours": "provozní doba", "service_listed": "služba uvedena ve zdroji",
           "operating_since": "v provozu od", "new_premises_planned": "plánované nové prostory",
           "registration_stated": "číslo registrace ve zdroji", "frost_rule": "otevřeno při venkovní teplotě pod"}
# URL parameter of each filter: short Czech words a planner can read in a shared link
PARAMS = {"kinds": "druh", "groups": "skupina", "forms": "forma", "targets": "cilova", "orps": "orp",
          "obce": "obec", "text": "q"}


@dataclass
class Filters:
    kinds: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    orps: list[str] = field(default_factory=list)
    obce: list[str] = field(default_factory=list)
    text: str = ""


def parse_query(query: dict | str) -> Filters:
    """Filters from the URL's query (a dict as Dash pages passes it, or a raw '?a=b' string)."""
    if isinstance(query, str):
        query = {k: v[-1] for k, v in parse_qs(query.lstrip("?")).items()}
    values = {}
    for f in fields(Filters):
        raw = query.get(PARAMS[f.name])
        if f.name == "text":
            values["text"] = (raw or "").strip()
        else:
            values[f.name] = [v for v in (raw or "").split(",") if v]
    return Filters(**values)


def to_query(filters: Filters) -> str:
    pairs = []
    for f in fields(Filters):
        value = getattr(filters, f.name)
        if value:
            pairs.append((PARAMS[f.name], value if isinstance(value, str) else ",".join(value)))
    return "?" + urlencode(pairs) if pairs else ""


def _has_any(cell, wanted: set) -> bool:
    return _is_list(cell) and bool(wanted & set(cell))


def filter_entries(entries: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=entries.index)
    if filters.kinds or filters.groups:
        keep &= (entries["kind_code"].isin(filters.kinds) | entries["kind_group"].isin(filters.groups)
                 | _topics(entries).map(lambda c: _has_any(c, set(filters.kinds))))
    if filters.forms:
        keep &= entries["forms"].map(lambda c: _has_any(c, set(filters.forms)))
    if filters.targets:
        keep &= entries["target_groups"].map(lambda c: _has_any(c, set(filters.targets)))
    if filters.orps:
        keep &= entries["orps"].map(lambda c: _has_any(c, set(filters.orps)))
    if filters.obce:
        keep &= entries["obce"].map(lambda c: _has_any(c, set(filters.obce)))
    if filters.text:
        words = fold(filters.text).split()
        haystack = (entries["name"].map(fold) + " " + entries["provider"].map(fold) + " " +
                    entries["kind"].map(fold) + " " + entries["municipality"].map(fold) + " " +
                    entries["target_groups"].map(lambda c: fold(" ".join(c)) if _is_list(c) else "") + " " +
                    _topics(entries).map(lambda c: fold(" ".join(TOPIC_CHOICES.get(x, "") for x in c)) if _is_list(c)
                                         else ""))
        for word in words:
            keep &= haystack.str.contains(word, regex=False)
    return entries[keep]


def _topics(entries: pd.DataFrame) -> pd.Series:
    """Each entry's topics (tema:…); none where the rows carry no such column."""
    return entries["topics"] if "topics" in entries else pd.Series([[]] * len(entries), index=entries.index)


def _is_list(cell) -> bool:
    """DuckDB lists arrive as lists or arrays; a missing one as None, NaN or pd.NA."""
    return isinstance(cell, (list, tuple, np.ndarray))


def capacity_text(capacities) -> str:
    """'32 lůžek (ambulantní); 3 klienti (pobytová)' — registered maxima, each type on its own."""
    if not _is_list(capacities) or len(capacities) == 0:
        return "neuvedena"
    parts = []
    for c in capacities:
        text = (plural(int(c["capacity"]), c["capacity_type"]) if c["capacity"] is not None
                else f"{unit_name(c['capacity_type'])}: nezjištěno")
        if c["capacity_type"] == "byt":
            text += " (obecní, mimo registr)"
        form = FORMS.get(c["form"]) if c["form"] else None
        parts.append(f"{text} ({form})" if form else text)
    return "; ".join(parts)


def display_rows(entries: pd.DataFrame) -> pd.DataFrame:
    """The grid's rows: text as a planner reads it, the link to the service's page in `name`."""
    return pd.DataFrame({
        "id": entries["id"],
        "name": [f"[{n}](/sluzba/{i})" for n, i in zip(entries["name"], entries["id"], strict=True)],
        "provider": entries["provider"].fillna(""),
        "kind": entries["kind"],
        "forms": entries["forms"].map(lambda c: ", ".join(FORMS.get(f, f) for f in c)
                                      if _is_list(c) and len(c) else "neuvedeno"),
        "target_groups": entries["target_groups"].map(lambda c: ", ".join(c) if _is_list(c) and len(c)
                                                      else "neuvedeno"),
        "municipality": entries["municipality"].fillna(""),
        "orp": entries["orp"].fillna(""),
        "capacity": entries["capacities"].map(capacity_text),
        "source": entries["source"] + entries["is_illustrative"].map({True: " (ilustrativní)", False: ""}),
    })


EXPORT_COLUMNS = {"name": "Název", "provider": "Poskytovatel", "kind": "Druh služby", "forms": "Forma",
                  "target_groups": "Cílové skupiny", "municipality": "Obec", "orp": "ORP",
                  "capacity": "Kapacita (u služeb registrovaná)", "source": "Zdroj", "id": "Identifikátor"}


def export_frame(entries: pd.DataFrame) -> pd.DataFrame:
    rows = display_rows(entries).assign(name=entries["name"].to_numpy())
    return rows[list(EXPORT_COLUMNS)].rename(columns=EXPORT_COLUMNS)
