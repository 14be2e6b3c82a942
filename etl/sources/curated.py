"""Facts of the working-group minutes and public pages, curated by hand in data/sources/.

Each table names its source in a `source` column: either a document of documents.csv or a fact id
of the facts file (F05), which stands for that fact's public page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from etl.errors import Problems
from etl.sources.table import check_refs, read_table, split_list, text, to_int

DIR = "sources"
DATE = r"^\d{4}-\d{2}-\d{2}$"
STATUSES = {"splněno", "probíhá", "nezahájeno", "zrušeno"}
HOUSING_STATUSES = {"v provozu", "plánováno", "návrh", "ukončeno"}
FORMS = {"pob", "amb", "ter"}
SOURCE = text()

MODELS = {
    "documents": {"source_id": text(r"^[A-Z0-9-]+$", unique=True), "document": text(),
                  "date": text(DATE, nullable=True), "link": text(nullable=True),
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
    "social_housing": {"social_housing_id": text(r"^[A-Z0-9-]+$", unique=True), "programme": text(),
                       "name": text(), "address": text(nullable=True), "kod_obce": text(r"^\d{6}$"),
                       "units": text(r"^\d+$", nullable=True), "unit_sizes": text(nullable=True),
                       "status": text(), "since": text(nullable=True), "facts": text(nullable=True),
                       "note": text(nullable=True), "source": SOURCE},
    "funnel_rounds": {"round_id": text(r"^[A-Z0-9-]+$", unique=True), "programme": text(), "name": text(),
                      "date": text(DATE, nullable=True), "kod_obce": text(r"^\d{6}$", nullable=True),
                      "social_housing_id": text(nullable=True), "note": text(nullable=True),
                      "source": SOURCE},
    "funnel_stages": {"round_id": text(), "stage_order": text(r"^\d+$"), "stage": text(),
                      "count": text(r"^\d+$", nullable=True), "unit": text(nullable=True),
                      "note": text(nullable=True), "source": SOURCE},
    "occupancy": {"service_id": text(), "period_start": text(DATE), "period_end": text(DATE),
                  "capacity_type": text(), "capacity": text(r"^\d+$", nullable=True),
                  "occupied": text(r"^\d+$", nullable=True), "refused": text(r"^\d+$", nullable=True),
                  "note": text(nullable=True), "source": SOURCE},
    "plans": {"plan_id": text(r"^[A-Z0-9-]+$", unique=True), "name": text(), "area": text(nullable=True),
              "kod_obce": text(r"^\d{6}$", nullable=True), "year_from": text(r"^\d{4}$", nullable=True),
              "year_to": text(r"^\d{4}$", nullable=True), "source": SOURCE},
    "plan_measures": {"plan_id": text(), "goal_code": text(r"^\d+(\.\d+)*$"), "goal": text(),
                      "code": text(r"^\d+(\.\d+)+$"), "text": text(), "kind_codes": text(nullable=True),
                      "status": text(nullable=True), "status_year": text(r"^\d{4}$", nullable=True),
                      "indicator": text(nullable=True), "source": SOURCE},
}


@dataclass
class Curated:
    source: pd.DataFrame
    service_kind: pd.DataFrame
    provider: pd.DataFrame
    service: pd.DataFrame
    service_place: pd.DataFrame
    social_housing: pd.DataFrame
    funnel_round: pd.DataFrame
    funnel_stage: pd.DataFrame
    occupancy: pd.DataFrame
    plan: pd.DataFrame
    plan_measure: pd.DataFrame
    fact_links: pd.DataFrame  # fact_id -> service_id / social_housing_id


RPSS_DRUHY = "reference/rpss-druhy.csv"
RPSS_MODEL = pa.DataFrameSchema({
    "open_data_id": text(r"^DruhSocialniSluzby/\d+$", nullable=True),
    "paragraf": text(r"^§\d+a?$", nullable=True),
    "nazev": text(),
    "open_data_id_status": text(r"^(confirmed|inferred|unknown)$"),
})


def _in_scope(tables: dict[str, pd.DataFrame], scope: set[str]) -> dict[str, pd.DataFrame]:
    """Keep the rows about municipalities of the built region (and the rows that hang on them)."""
    def local(frame):
        return frame[frame["kod_obce"].isna() | frame["kod_obce"].isin(scope)]

    t = dict(tables)
    t["service_places"] = local(t["service_places"])
    t["services"] = t["services"][t["services"]["service_id"].isin(t["service_places"]["service_id"])]
    t["social_housing"] = local(t["social_housing"])
    t["funnel_rounds"] = local(t["funnel_rounds"])
    t["funnel_stages"] = t["funnel_stages"][t["funnel_stages"]["round_id"].isin(t["funnel_rounds"]["round_id"])]
    t["plans"] = local(t["plans"])
    t["plan_measures"] = t["plan_measures"][t["plan_measures"]["plan_id"].isin(t["plans"]["plan_id"])]
    return t


def _date(cell):
    return None if cell is None else pd.Timestamp(cell).date()


def read(data_dir: Path, fact_sources: dict[str, str], municipalities: set[str], scope: set[str],
         problems: Problems, registry_services: set[str] = frozenset(), scope_services: set[str] = frozenset(),
         warnings: Problems | None = None,
         extra_sources: set[str] = frozenset()) -> Curated | None:
    """Read every curated table and keep the rows of the municipalities in `scope`.

    `fact_sources` maps fact ids to their source ids; `municipalities` are all valid codes of the
    country; occupancy may name the registry's services (`registry_services`). Given `warnings`, an
    occupancy row naming a service the registry lacks is skipped with a warning instead of an error
    (a real registry fetched over the extract has other identifiers)."""
    tables = {}
    for name, columns in MODELS.items():
        label = f"{DIR}/{name}.csv"
        tables[name] = read_table(data_dir / label, pa.DataFrameSchema(columns), problems, label)
    druhy = read_table(data_dir / RPSS_DRUHY, RPSS_MODEL, problems, RPSS_DRUHY)
    if problems.items:
        return None

    documents = tables["documents"]
    valid_sources = set(documents["source_id"]) | set(fact_sources) | set(extra_sources)

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
    housing, rounds, stages = tables["social_housing"], tables["funnel_rounds"], tables["funnel_stages"]
    check_refs(services, "provider_id", set(providers["provider_id"]), problems,
               f"{DIR}/services.csv", "poskytovatel", "provider")
    check_refs(services, "kind_code", kind_codes, problems, f"{DIR}/services.csv", "druh služby", "kind")
    check_refs(services, "forms", FORMS, problems, f"{DIR}/services.csv", "forma", "form")
    service_ids = set(services["service_id"])
    check_refs(places, "service_id", service_ids, problems, f"{DIR}/service_places.csv", "služba", "service")
    occupancy_known = tables["occupancy"]["service_id"].isin(service_ids | set(registry_services))
    if warnings is None:
        check_refs(tables["occupancy"], "service_id", service_ids | set(registry_services), problems,
                   f"{DIR}/occupancy.csv", "služba", "service")
    else:
        for index, ident in tables["occupancy"].loc[~occupancy_known, "service_id"].items():
            warnings.add(f"{DIR}/occupancy.csv", "služba není v načteném registru: řádek přeskočen",
                         "service not in the loaded registry: row skipped", row=int(index) + 2,
                         column="service_id", value=ident)
        tables["occupancy"] = tables["occupancy"][occupancy_known]
    check_refs(housing, "programme", kind_codes, problems, f"{DIR}/social_housing.csv", "druh", "kind")
    check_refs(housing, "status", HOUSING_STATUSES, problems, f"{DIR}/social_housing.csv", "stav", "status")
    check_refs(rounds, "programme", kind_codes, problems, f"{DIR}/funnel_rounds.csv", "druh", "kind")
    check_refs(rounds, "social_housing_id", set(housing["social_housing_id"]), problems,
               f"{DIR}/funnel_rounds.csv", "sociální bydlení", "social housing")
    check_refs(stages, "round_id", set(rounds["round_id"]), problems, f"{DIR}/funnel_stages.csv",
               "kolo", "round")
    plans, measures = tables["plans"], tables["plan_measures"]
    check_refs(measures, "plan_id", set(plans["plan_id"]), problems, f"{DIR}/plan_measures.csv",
               "plán", "plan")
    check_refs(measures, "kind_codes", kind_codes, problems, f"{DIR}/plan_measures.csv", "druh", "kind")
    check_refs(measures, "status", STATUSES, problems, f"{DIR}/plan_measures.csv", "stav", "status")
    if problems.items:
        return None
    tables = _in_scope(tables, scope)
    occ = tables["occupancy"]
    tables["occupancy"] = occ[occ["service_id"].isin(set(scope_services) | set(tables["services"]["service_id"]))]
    services, places = tables["services"], tables["service_places"]
    housing, rounds, stages = tables["social_housing"], tables["funnel_rounds"], tables["funnel_stages"]
    plans, measures = tables["plans"], tables["plan_measures"]

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
    links += [(fact, "social_housing_id", row.social_housing_id) for row in housing.itertuples()
              for fact in split_list(row.facts)]
    social_housing = housing.drop(columns=["facts"]).assign(
        units=housing["units"].map(to_int), source_id=resolve(housing)).drop(columns=["source"])
    funnel_round = rounds.assign(date=rounds["date"].map(_date), source_id=resolve(rounds)).drop(columns=["source"])
    funnel_stage = stages.assign(stage_order=stages["stage_order"].map(to_int), count=stages["count"].map(to_int),
                                 source_id=resolve(stages)).drop(columns=["source"])
    occ = tables["occupancy"]
    occupancy = occ.assign(
        period_start=occ["period_start"].map(_date), period_end=occ["period_end"].map(_date),
        capacity=occ["capacity"].map(to_int), occupied=occ["occupied"].map(to_int),
        refused=occ["refused"].map(to_int), source_id=resolve(occ)).drop(columns=["source"])
    plan = plans.assign(year_from=plans["year_from"].map(to_int), year_to=plans["year_to"].map(to_int),
                        source_id=resolve(plans)).drop(columns=["source"])
    plan_measure = measures.assign(kind_codes=measures["kind_codes"].map(split_list),
                                   status_year=measures["status_year"].map(to_int),
                                   source_id=resolve(measures)).drop(columns=["source"])
    fact_links = pd.DataFrame(links, columns=["fact_id", "link", "target"])
    return Curated(source, service_kind, provider, service, service_place, social_housing, funnel_round,
                   funnel_stage, occupancy, plan, plan_measure, fact_links)
