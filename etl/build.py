"""Build the DuckDB file: into a temporary file, check it, then swap it in atomically.

A failed build raises BuildError and leaves the previous database untouched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from common.settings import DEFAULTS
from common.sqlfile import load_named
from etl import coverage, geocode, planner, services, steps, template, topics
from etl.errors import BuildError, Problem, Problems
from etl.sources import need, registry
from etl.steps import Loading, read_sources

HERE = Path(__file__).parent
SCHEMA = HERE / "schema.sql"
CHECKS = HERE / "sql" / "checks.sql"
STATUS = HERE / "sql" / "status.sql"
NEAREST = HERE / "sql" / "nearest.sql"
KEPT_SQL = HERE / "sql" / "kept.sql"
# Views that depend on today (through active_service) and on no input: their answer is kept (etl/sql/kept.sql).
KEPT = ("area_capacity", "utilisation")
DEFAULT_KRAJ = DEFAULTS.kraj
REFERENCE_SOURCE = "REF-OBCE"
GEOCODE_CACHE = "geocode/cache.duckdb"
TEMPLATE_NAME = "socmap-sablona.xlsx"
# Computed from other tables: counted per table, but not in the share of illustrative input rows.
DERIVED = ("capacity_allocation", "nearest_service", "nearest_topic", "workbook_template", "kept_span",
           *(f"{view}_kept" for view in KEPT))

Progress = Callable[[str], None]


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    # No progress bar: DuckDB prints it to stdout for queries slower than ~2 s (a busy machine, the country),
    # where it mixes into `socmap status --json` and the benchmarks' JSON.
    con = duckdb.connect(str(path), read_only=read_only, config={"autoinstall_known_extensions": False})
    con.execute("SET enable_progress_bar = false")  # a session setting: not accepted in the global config
    return con


def tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name").fetchall()]


def quoted_table(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """A table's name for SQL text, which cannot bind identifiers: only a table of the schema, quoted."""
    if name not in tables(con):
        raise ValueError(f"neznámá tabulka / unknown table {name!r}")
    return f'"{name}"'


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("incoming", frame)
    try:
        con.execute(f"INSERT INTO {quoted_table(con, table)} BY NAME SELECT * FROM incoming")
    finally:
        con.unregister("incoming")


def _load(data_dir: Path, kraj: str, progress: Progress, planner_paths: list[Path] | None = None
          ) -> dict[str, pd.DataFrame]:
    return assemble(read_sources(Loading(data_dir, kraj, planner_paths=planner_paths), progress), progress)


def assemble(loading: Loading, progress: Progress) -> dict[str, pd.DataFrame]:
    """The tables of the database from what the source steps read (etl/steps.py)."""
    data_dir, warnings = loading.data_dir, loading.warnings
    geo, reg, cur, census, need_rows = loading.geo, loading.registry, loading.curated, loading.census, loading.need
    fact_frame, fact_sources = loading.facts
    fact_source_of = loading.fact_source_of
    scope = loading.scope
    plans = loading.plans
    plans = in_scope(plans, scope, set(reg.services["identifikator"]) | set(cur.service["service_id"]))
    counts = plans["need_local_count"]
    orp_of = dict(zip(geo.municipality["kod_obce"], geo.municipality["kod_orp"], strict=True))
    counts["kod_orp"] = counts["kod_orp"].where(counts["kod_obce"].isna(), counts["kod_obce"].map(orp_of))
    plans["need_local_count"] = counts[counts["kod_orp"].isin(set(geo.orp["kod_orp"]))]

    links_of = dict(zip(cur.source["source_id"], cur.source["link"], strict=True)) | \
        dict(zip(fact_sources["source_id"], fact_sources["link"], strict=True))
    source_of, note_of, page_sources = services.record_sources(reg, fact_source_of, links_of)
    kind_of, unknown_kinds = services.registry_kinds(reg, cur.service_kind)
    reg_frames = services.registry_frames(reg, source_of, note_of, kind_of)
    all_services = pd.concat([reg_frames["service"], cur.service], ignore_index=True)
    service_topic, census_sources = topics.debt_counselling(
        all_services, pd.concat([reg_frames["service_place"], cur.service_place], ignore_index=True),
        pd.concat([reg_frames["provider"], cur.provider], ignore_index=True), reg_frames["registered_capacity"],
        census, geo.national["name"], plans["service_topic"])
    meta_path = data_dir / registry.DIR / "fetched.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else None
    extract_path = data_dir / registry.DIR / "extract.json"
    extract = json.loads(extract_path.read_text(encoding="utf-8")) if extract_path.exists() else None
    registry_source = services.registry_sources(meta, reg.provenance is not None, len(reg.services), extract)
    sources = pd.concat([cur.source, fact_sources, registry_source,
                         page_sources, plans["source"], need.source(), census_sources],
                        ignore_index=True)
    sources = sources.drop_duplicates("source_id").sort_values("source_id")

    progress("Souřadnice míst / points of places")
    places = pd.concat([reg_frames["service_place"], cur.service_place], ignore_index=True)
    names = geo.national["name"]
    places["query"] = [geocode.query_for(a, names.get(k)) for a, k in zip(places["address"], places["kod_obce"],
                                                                          strict=True)]
    cache = geocode.load_cache(data_dir / GEOCODE_CACHE)
    places = geocode.locate(places, geo.national[["lat", "lon"]], cache).drop(columns=["query"])

    links = pd.concat([cur.fact_links, plans["fact_links"],
                       pd.DataFrame(services.fact_links(reg), columns=["fact_id", "link", "target"])],
                      ignore_index=True)
    present = set(reg.services["identifikator"]) | set(cur.service["service_id"]) | \
        set(plans["social_housing"].get("social_housing_id", []))
    links = links[links["target"].isin(present)]  # facts about services outside the built region stay unlinked
    links = links.pivot_table(index="fact_id", columns="link", values="target", aggfunc="first")
    fact = pd.DataFrame({
        "fact_id": fact_frame["fact_id"],
        "service_id": fact_frame["fact_id"].map(links.get("service_id", {})),
        "social_housing_id": fact_frame["fact_id"].map(links.get("social_housing_id", {})),
        "subject": fact_frame["facility_or_item"] + " (" + fact_frame["provider"] + ")",
        "kod_obce": fact_frame["kod_obce"].where(fact_frame["kod_obce"].str.len() == 6),
        "metric": fact_frame["metric"],
        "value": pd.to_numeric(fact_frame["value"]),
        "unit": fact_frame["unit"],
        "as_of": fact_frame["as_of"],
        "note": fact_frame["note"],
        "source_id": fact_frame["source_id"],
    })
    build_warning = pd.DataFrame([{"file": w.file, "record": w.record, "field": w.column,
                                   "value": None if w.value is None else str(w.value),
                                   "reason_cs": w.reason_cs, "reason_en": w.reason_en} for w in warnings.items])
    with_ref = {"source_id": REFERENCE_SOURCE}
    return {
        "source": sources,
        "kraj": geo.kraj.assign(**with_ref),
        "okres": geo.okres.assign(**with_ref),
        "orp": geo.orp.assign(**with_ref),
        "municipality": geo.municipality.assign(**with_ref),
        "need_measure": need.measures(),
        "need_indicator": need_rows,
        "boundary": geo.boundary,
        "service_kind": pd.concat([cur.service_kind, unknown_kinds], ignore_index=True),
        "provider": pd.concat([reg_frames["provider"], cur.provider], ignore_index=True).drop_duplicates("provider_id"),
        "service": pd.concat([reg_frames["service"], cur.service], ignore_index=True),
        "registered_capacity": reg_frames["registered_capacity"],
        "service_place": places,
        **coverage_frames(reg_frames, cur, places, geo),
        "social_housing": plans["social_housing"],
        "fact": fact,
        "service_topic": service_topic,
        "need_local_count": plans["need_local_count"],
        "funnel_round": plans["funnel_round"],
        "funnel_stage": plans["funnel_stage"],
        "occupancy": plans["occupancy"],
        "plan": plans["plan"],
        "plan_measure": plans["plan_measure"],
        "plan_measure_status": plans["plan_measure_status"],
        "target_norm": plans["target_norm"],
        "planned_service": plans["planned_service"],
        "build_warning": build_warning,
        "geocode_cache": cache,
    }


def coverage_frames(reg_frames: dict, cur, places: pd.DataFrame, geo) -> dict[str, pd.DataFrame]:
    """Where capacity counts and how far municipalities are from each kind (see etl/coverage.py)."""
    service = pd.concat([reg_frames["service"], cur.service], ignore_index=True)
    kraj_ruian = dict(zip(geo.kraj["kod_kraj"], geo.kraj["kod_ruian"], strict=True))
    allocation = coverage.capacity_allocation(service, reg_frames["registered_capacity"], places, geo.municipality,
                                              kraj_ruian)
    allocation["source_id"] = allocation["service_id"].map(service.set_index("service_id")["source_id"])
    return {"capacity_allocation": allocation}


def nearest_frames(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """How far every municipality is from the nearest place of each kind and topic, over the stored tables'
    view active_service: an ended service counts nowhere, not as anybody's nearest place either."""
    municipality = con.execute("SELECT kod_obce, lat, lon FROM municipality").df()
    frames = {}
    for table, sql in load_named(NEAREST).items():
        places = con.execute(sql).df()
        nearest = coverage.nearest_places(municipality, places)
        nearest["source_id"] = nearest["place_id"].map(places.set_index("place_id")["source_id"])
        frames[table] = nearest.rename(columns={"kind_code": "topic"}) if table == "nearest_topic" else nearest
    return frames


def in_scope(plans: dict[str, pd.DataFrame], scope: set[str], services_in_scope: set[str]) -> dict[str, pd.DataFrame]:
    """Keep the planners' rows about the built region; the rest were checked but are not loaded."""
    p = dict(plans)

    def local(frame):
        return frame if frame.empty else frame[frame["kod_obce"].isna() | frame["kod_obce"].isin(scope)]

    p["social_housing"] = local(p["social_housing"])
    p["planned_service"] = local(p["planned_service"])
    p["funnel_round"] = local(p["funnel_round"])
    if not p["funnel_stage"].empty:
        p["funnel_stage"] = p["funnel_stage"][p["funnel_stage"]["round_id"].isin(p["funnel_round"]["round_id"])]
    p["plan"] = local(p["plan"])
    for name in ("plan_measure", "plan_measure_status"):
        if not p[name].empty:
            p[name] = p[name][p[name]["plan_id"].isin(p["plan"]["plan_id"])]
    if not p["occupancy"].empty:
        p["occupancy"] = p["occupancy"][p["occupancy"]["service_id"].isin(services_in_scope)]
    p["service_topic"] = p["service_topic"][p["service_topic"]["service_id"].isin(services_in_scope)]
    p["need_local_count"] = local(p["need_local_count"])
    return p


def check_file(path: Path, data_dir: Path, kraj: str = DEFAULT_KRAJ) -> dict[str, int]:
    """Validate one planner's file against the sources in data_dir without building; return rows by
    table. Raises BuildError listing every problem of the file."""
    # The build's own list of sources, with the file in data/planner/ under its name (replacing a file of that
    # name): what a workbook refers to is read as the build reads it.
    staged = [p for p in planner.planner_files(data_dir) if p.name != Path(path).name] + [Path(path)]
    loading = read_sources(Loading(Path(data_dir), kraj, planner_paths=staged), steps=steps.before("planner"))
    # First the file alone, so its own problems are reported as its own; the other files of data/planner/ are
    # context (a funnel may name housing listed elsewhere).
    others = [p for p in staged if p.resolve() != Path(path).resolve()]
    context = planner.read_all(others, loading.data_dir, steps.planner_context(loading, None), Problems())
    ctx = steps.planner_context(loading, None)
    ctx.housing_ids = set(context["social_housing"].get("social_housing_id", []))
    problems = Problems()
    plans = planner.read_all([Path(path)], loading.data_dir, ctx, problems)
    problems.raise_if_any()
    # Then exactly what the build would do: the planners' step, the tables, a database in memory and the
    # build's checks. A file `check` passes, the build loads.
    con = connect(":memory:")
    try:
        store(con, assemble(read_sources(loading, steps=[steps.SOURCES[-1]]), lambda _: None))
    finally:
        con.close()
    return {name: len(frame) for name, frame in plans.items() if name not in ("source", "fact_links")}


def check(con: duckdb.DuckDBPyConnection) -> list[Problem]:
    problems = []
    for name, sql in load_named(CHECKS).items():
        message = sql.splitlines()[0].lstrip("- ").strip()
        cs, _, en = message.partition(" / ")
        rows = con.execute(sql).fetchall()
        if rows:
            values = ", ".join(str(r[0]) for r in rows[:10])
            problems.append(Problem(f"kontrola/check {name}", cs, en, value=values))
    return problems


def quoted_view(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """A view's name for SQL text: only a view of the schema, quoted."""
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    if name not in views:
        raise ValueError(f"neznámý pohled / unknown view {name!r}")
    return f'"{name}"'


def sql_days(first: date, until: date) -> str:
    """'current_date is in [first, until)' as SQL text, for a view's definition, which cannot bind parameters:
    built from Python dates only, never from text."""
    if not (isinstance(first, date) and isinstance(until, date)):
        raise TypeError(f"not dates: {first!r}, {until!r}")
    return f"current_date >= DATE '{first.isoformat()}' AND current_date < DATE '{until.isoformat()}'"


def switch(con: duckdb.DuckDBPyConnection, view: str, first: date, until: date) -> None:
    """Point `view` at its kept table on the days [first, until), at its rule (`view`_live) on any other."""
    con.execute(f"CREATE OR REPLACE VIEW {quoted_view(con, view)} AS "
                f"SELECT * FROM {quoted_table(con, view + '_kept')} WHERE {sql_days(first, until)} "
                f"UNION ALL SELECT * FROM {quoted_view(con, view + '_live')} WHERE NOT ({sql_days(first, until)})")
    con.execute(f"COMMENT ON VIEW {quoted_view(con, view)} IS 'As the view of its name with _live (the rule), read "
                "from the table of its name with _kept on the days of kept_span, from the rule on other days.'")


def keep(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """Store the answer of each view in KEPT as it is today, and point the view at it for the days it stays
    true (kept_span); return those days. On any other day the view answers from its rule, as before.

    DuckDB plans current_date as a constant, so the branch of the view whose condition is false is dropped when
    a query is planned and never runs."""
    valid_from, valid_until = con.execute(load_named(KEPT_SQL)["span"]).fetchone()
    con.execute("INSERT INTO kept_span VALUES (?, ?)", [valid_from, valid_until])
    for view in KEPT:
        con.execute(f"INSERT INTO {quoted_table(con, view + '_kept')} SELECT * FROM {quoted_view(con, view + '_live')}")
        switch(con, view, valid_from, valid_until)
    return valid_from, valid_until


def store(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame], progress: Progress = lambda _: None
          ) -> dict[str, int]:
    """Create the schema, insert the frames and run the checks; return row counts. Raises BuildError."""
    progress("Schéma / schema")
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    for table, frame in frames.items():
        progress(f"Tabulka / table {table}")
        try:
            _insert(con, table, frame)
        except duckdb.Error as exc:
            raise BuildError([Problem(f"tabulka/table {table}", f"data nelze uložit: {exc}",
                                      f"cannot store the data: {exc}")]) from exc
    for table, frame in nearest_frames(con).items():
        progress(f"Tabulka / table {table}")
        _insert(con, table, frame)
    # The template's drop-down lists are this file's kinds, municipalities and ORPs: the dashboard serves it.
    con.execute("INSERT INTO workbook_template VALUES (?, ?)",
                [TEMPLATE_NAME, template.template_bytes(*template.lists_from_db(con))])
    progress("Uložené odpovědi / kept answers")
    keep(con)
    progress("Kontroly / checks")
    failed = check(con)
    if failed:
        raise BuildError(failed)
    return {t: con.execute(f"SELECT count(*) FROM {quoted_table(con, t)}").fetchone()[0] for t in tables(con)}


def build(db_path: Path, data_dir: Path, kraj: str = DEFAULT_KRAJ,
          progress: Progress = lambda _: None, memory: str = DEFAULTS.build_memory) -> dict[str, int]:
    """Build `db_path` from `data_dir`, DuckDB bounded by `memory`; return row counts. Raises BuildError."""
    db_path = Path(db_path)
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise BuildError([Problem(str(data_dir), "adresář s daty neexistuje", "data directory does not exist")])
    frames = _load(data_dir, kraj, progress)

    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f"{db_path.name}.tmp-{os.getpid()}")
    for leftover in (tmp, Path(f"{tmp}.wal")):
        leftover.unlink(missing_ok=True)
    try:
        con = connect(tmp)
        try:
            con.execute("SET memory_limit = ?", [memory])
            counts = store(con, frames, progress)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db_path)
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            with suppress(FileNotFoundError):
                leftover.unlink()
    return counts


def status(db_path: Path) -> dict:
    """Row counts of every table and the share of rows that come from illustrative sources."""
    con = connect(db_path, read_only=True)
    try:
        result = {"database": str(db_path), "tables": {}}
        total = illustrative = 0
        for table in tables(con):
            rows = con.execute(f"SELECT count(*) FROM {quoted_table(con, table)}").fetchone()[0]
            columns = {r[0] for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]).fetchall()}
            ill = 0
            if "source_id" in columns and table != "source":
                ill = con.execute(f"SELECT count(*) FROM {quoted_table(con, table)} t "
                                  "JOIN source s USING (source_id) WHERE s.is_illustrative").fetchone()[0]
            elif table == "source":
                ill = con.execute("SELECT count(*) FROM source WHERE is_illustrative").fetchone()[0]
            result["tables"][table] = {"rows": rows, "illustrative": ill}
            if table not in ("source", *DERIVED):
                total += rows
                illustrative += ill
        result["illustrative_share"] = round(illustrative / total, 4) if total else 0.0
        for name, sql in load_named(STATUS).items():
            result[name] = json.loads(con.execute(sql).df().to_json(orient="records", force_ascii=False))
        return result
    finally:
        con.close()
