"""What services do beyond their kind, derived once in the build (table service_topic).

Debt counselling (dluhové poradenství) is not a kind of the registry but a part of odborné sociální
poradenství, so it is told from three kinds of evidence:
- `text`: the record's own words — its name, note, places' names, capacity descriptions and target
  groups speak of debts, distraint or insolvency;
- `soupis`: a row of the census of the kraj's services (data/facts/liberecky-kraj-census.csv) marked
  "dluhové poradenství", matched to a service by its registry identifier, or by provider and municipality;
- `sesit`: a planner's workbook tags the service (sheet Zaměření služeb).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from common.vocabulary import fold_key
from etl.errors import Problems
from etl.services import page_source
from etl.sources.table import read_table, text

DEBT = "dluhove-poradenstvi"
DEBT_WORDS = re.compile(r"dluh|zadlužen|oddlužen|insolven|exekuc", re.IGNORECASE)
CENSUS_FILE = "facts/liberecky-kraj-census.csv"
CENSUS_MODEL = pa.DataFrameSchema({
    "identifikator": text(r"^\d{7}$", nullable=True), "nazev": text(), "poskytovatel": text(nullable=True),
    "obec": text(nullable=True), "zdroj_url": text(r"^https?://"), "zdroj_nazev": text(nullable=True),
    "zdroj_datum": text(nullable=True), "poznamka": text(nullable=True)})


def read_census(data_dir: Path, problems: Problems) -> pd.DataFrame | None:
    """The census rows marked as debt counselling; an absent census file is no evidence, not an error."""
    if not (data_dir / CENSUS_FILE).exists():
        return pd.DataFrame(columns=list(CENSUS_MODEL.columns))
    frame = read_table(data_dir / CENSUS_FILE, CENSUS_MODEL, problems, CENSUS_FILE)
    if frame is None:
        return None
    marked = (frame["poznamka"].fillna("") + " " + frame["nazev"]).str.contains("dluhové poradenství", case=False)
    return frame[marked]


def _first_words(name) -> str:
    return " ".join(fold_key(name or "").split("_")[:3])


def debt_counselling(service: pd.DataFrame, places: pd.DataFrame, provider: pd.DataFrame,
                     capacity: pd.DataFrame, census: pd.DataFrame, names: pd.Series,
                     tags: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of service_topic and the page sources the census rows cite."""
    rows, sources = [], {}
    place_names = places.groupby("service_id")["name"].apply(lambda s: " ".join(x for x in s if x))
    descriptions = capacity.groupby("service_id")["description"].apply(lambda s: " ".join(x for x in s if x))
    for s in service.itertuples():
        groups = " ".join(s.target_groups) if isinstance(s.target_groups, list | tuple) else ""
        words = " ".join(str(x) for x in (s.name, s.note or "", place_names.get(s.service_id, ""),
                                          descriptions.get(s.service_id, ""), groups))
        if m := DEBT_WORDS.search(words):
            start = max(0, m.start() - 30)
            rows.append({"service_id": s.service_id, "topic": DEBT, "evidence": "text",
                         "detail": f"…{words[start:m.end() + 30].strip()}…", "source_id": s.source_id})

    provider_of = dict(zip(provider["provider_id"], provider["name"], strict=True))
    towns = places.assign(town=places["kod_obce"].map(names)).groupby("service_id")["town"].apply(
        lambda s: {fold_key(t) for t in s.dropna()})
    for row in census.itertuples():
        src = page_source(row.zdroj_url, row.zdroj_nazev, row.zdroj_datum if re.fullmatch(
            r"\d{4}-\d{2}-\d{2}", row.zdroj_datum or "") else None)
        census_towns = {fold_key(t) for t in (row.obec or "").split(";") if t.strip()}
        for s in service.itertuples():
            if row.identifikator:
                hit = s.identifikator == row.identifikator
            else:
                hit = (_first_words(provider_of.get(s.provider_id)) == _first_words(row.poskytovatel)
                       and bool(census_towns & towns.get(s.service_id, set())))
            if hit:
                sources[src["source_id"]] = src
                rows.append({"service_id": s.service_id, "topic": DEBT, "evidence": "soupis",
                             "detail": row.nazev, "source_id": src["source_id"]})
    if not tags.empty:
        rows += [{"service_id": t.service_id, "topic": t.topic, "evidence": "sesit", "detail": t.detail,
                  "source_id": t.source_id} for t in tags.itertuples()]
    frame = pd.DataFrame(rows, columns=["service_id", "topic", "evidence", "detail", "source_id"])
    frame = frame[frame["service_id"].isin(service["service_id"])]
    return frame.drop_duplicates(["service_id", "topic", "evidence"]), pd.DataFrame(list(sources.values()))

