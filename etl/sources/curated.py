"""Facts of the working-group minutes and public pages, curated by hand in data/sources/.

Each table names its source in a `source` column: either a document of documents.csv or a fact id
of the facts file (F05), which stands for that fact's public page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from common.vocabulary import FORMS
from etl.errors import Problems
from etl.sources.table import check_refs, read_table, split_list, text

DIR = "sources"
DATE = r"^\d{4}-\d{2}-\d{2}$"
SOURCE = text()

MODELS = {
    "documents": {"source_id": text(r"^[A-Z0-9-]+$", unique=True), "document": text(),
                  "date": text(DATE, nullable=True, date=True), "link": text(nullable=True),
                  "publisher": text(nullable=True), "kind": text(), "licence": text(nullable=True),
                  "is_illustrative": text(r"^(true|false)$"), "note": text(nullable=True)},
    "kinds": {"kind_code": text(r"^[a-z0-9-]+$", unique=True), "paragraf": text(r"^§\d+a?$", nullable=True),
              "name_cs": text(nullable=True), "name_en": text(),
              "kind_group": text(r"^(poradenství|péče|prevence|mimo registr)$"),
              "usual_unit": text(nullable=True), "source_id": SOURCE},
    "providers": {"provider_id": text(r"^[a-z0-9-]+$", unique=True), "ico": text(r"^\d{8}$", nullable=True),
                  "name": text(), "legal_form": text(nullable=True), "web": text(r"^https?://", nullable=True),
                  "source": SOURCE},
    "services": {"service_id": text(r"^S\d{2,}$", unique=True), "provider_id": text(nullable=True),
                 "name": text(), "kind_code": text(), "forms": text(nullable=True),
                 "target_groups": text(nullable=True), "facts": text(nullable=True),
                 "note": text(nullable=True), "source": SOURCE},
    "service_places": {"place_id": text(r"^P\d{2,}$", unique=True), "service_id": text(),
                       "name": text(nullable=True), "address": text(nullable=True),
                       "kod_obce": text(r"^\d{6}$"), "source": SOURCE},
}


@dataclass
class Curated:
    source: pd.DataFrame
    service_kind: pd.DataFrame
    provider: pd.DataFrame
    service: pd.DataFrame
    service_place: pd.DataFrame
    fact_links: pd.DataFrame  # fact_id -> service_id


RPSS_DRUHY = "reference/rpss-druhy.csv"
RPSS_MODEL = pa.DataFrameSchema({
    "open_data_id": text(r"^DruhSocialniSluzby/\d+$", nullable=True),
    "paragraf": text(r"^§\d+a?$", nullable=True),
    "nazev": text(),
    "open_data_id_status": text(r"^(confirmed|inferred|unknown)$"),
})


def _in_scope(tables: dict[str, pd.DataFrame], scope: set[str]) -> dict[str, pd.DataFrame]:
    """Keep the places in the built region's municipalities, and the services that have one."""
    t = dict(tables)
    places = t["service_places"]
    t["service_places"] = places[places["kod_obce"].isna() | places["kod_obce"].isin(scope)]
    t["services"] = t["services"][t["services"]["service_id"].isin(t["service_places"]["service_id"])]
    return t


def _date(cell):
    return None if cell is None else pd.Timestamp(cell).date()


def read(data_dir: Path, fact_sources: dict[str, str], municipalities: set[str], scope: set[str],
         problems: Problems) -> Curated | None:
    """Read the documents, the kinds of service and the instruments the sources name outside the
    registry, keeping the places in `scope`; `municipalities` are all valid codes of the country and
    `fact_sources` maps fact ids to their source ids. The planners' tables (funnels, housing,
    occupancy, plans, norms) are read by etl/sources/workbook.py."""
    tables = {}
    for name, columns in MODELS.items():
        label = f"{DIR}/{name}.csv"
        tables[name] = read_table(data_dir / label, pa.DataFrameSchema(columns), problems, label)
    druhy = read_table(data_dir / RPSS_DRUHY, RPSS_MODEL, problems, RPSS_DRUHY)
    if problems.items:
        return None

    documents = tables["documents"]
    valid_sources = set(documents["source_id"]) | set(fact_sources)

    def resolve(frame: pd.DataFrame, column: str = "source") -> pd.Series:
        return frame[column].map(lambda ref: fact_sources.get(ref, ref))

    for name, frame in tables.items():
        label = f"{DIR}/{name}.csv"
        column = "source_id" if name == "kinds" else "source"
        if column in frame and name != "documents":
            check_refs(frame, column, valid_sources, problems, label, "zdroj", "source")
        if "kod_obce" in frame:
            check_refs(frame, "kod_obce", municipalities, problems, label, "kód obce", "municipality code")
        if "facts" in frame:
            check_refs(frame, "facts", set(fact_sources), problems, label, "fakt", "fact")

    kinds = tables["kinds"]
    by_paragraph = {row.paragraf: row for row in druhy.itertuples() if row.paragraf}
    cdz = druhy[druhy["paragraf"].isna()]
    service_kind = []
    for row in kinds.itertuples():
        registry = by_paragraph.get(row.paragraf) if row.paragraf else None
        if row.kind_code == "cdz" and len(cdz):
            registry = cdz.iloc[0]
        name_cs = row.name_cs or (registry.nazev if registry is not None else None)
        if name_cs is None:
            problems.add(f"{DIR}/kinds.csv", "druh bez českého názvu (ani v číselníku)",
                         "kind without a Czech name (not in the code list either)",
                         row=row.Index + 2, column="name_cs", value=row.kind_code)
            continue
        service_kind.append({
            "kind_code": row.kind_code,
            "registry_id": registry.open_data_id if registry is not None else None,
            "paragraf": row.paragraf,
            "name_cs": name_cs,
            "name_en": row.name_en,
            "kind_group": row.kind_group,
            "usual_unit": row.usual_unit,
            "in_registry": registry is not None,
            "id_status": registry.open_data_id_status if registry is not None else None,
            "source_id": fact_sources.get(row.source_id, row.source_id),
        })
    service_kind = pd.DataFrame(service_kind)
    kind_codes = set(service_kind["kind_code"])

    providers, services, places = tables["providers"], tables["services"], tables["service_places"]
    check_refs(services, "provider_id", set(providers["provider_id"]), problems,
               f"{DIR}/services.csv", "poskytovatel", "provider")
    check_refs(services, "kind_code", kind_codes, problems, f"{DIR}/services.csv", "druh služby", "kind")
    check_refs(services, "forms", set(FORMS), problems, f"{DIR}/services.csv", "forma", "form")
    check_refs(places, "service_id", set(services["service_id"]), problems, f"{DIR}/service_places.csv",
               "služba", "service")
    if problems.items:
        return None
    tables = _in_scope(tables, scope)
    services, places = tables["services"], tables["service_places"]

    source = documents.rename(columns={}).assign(
        date=documents["date"].map(_date),
        is_illustrative=documents["is_illustrative"].eq("true"),
    )
    provider = pd.DataFrame({
        "provider_id": providers["provider_id"], "ico": providers["ico"], "name": providers["name"],
        "legal_form": providers["legal_form"], "web": providers["web"], "email": None, "phone": None,
        "source_id": resolve(providers),
    })
    service = pd.DataFrame({
        "service_id": services["service_id"], "identifikator": None, "provider_id": services["provider_id"],
        "name": services["name"], "kind_code": services["kind_code"],
        "forms": services["forms"].map(split_list), "target_groups": services["target_groups"].map(split_list),
        "date_from": None, "date_to": None, "note": services["note"], "source_id": resolve(services),
    })
    service_place = pd.DataFrame({
        "place_id": places["place_id"], "service_id": places["service_id"], "name": places["name"],
        "address": places["address"], "kod_obce": places["kod_obce"], "address_point": None,
        "source_id": resolve(places),
    })
    links = [(fact, "service_id", row.service_id) for row in services.itertuples()
             for fact in split_list(row.facts)]
    fact_links = pd.DataFrame(links, columns=["fact_id", "link", "target"])
    return Curated(source, service_kind, provider, service, service_place, fact_links)
