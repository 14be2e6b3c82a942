"""The planners' tables (etl/sources/workbook.py) as rows of the model, each citing its source."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pandas as pd

from common.vocabulary import fold_key
from etl.errors import Problems
from etl.services import page_source
from etl.sources import workbook
from etl.sources.workbook import Context, Table


def _workbook_source(label: str) -> dict:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", fold_key(label)).strip("-").upper()
    return {"source_id": f"SESIT-{slug}", "document": f"Sešit plánovače: {label}", "date": None, "link": label,
            "publisher": None, "kind": "sešit", "licence": None, "is_illustrative": False, "note": None}


def _slug(text: str) -> str:
    return re.sub(r"_+", "-", fold_key(text)).upper()


def assemble(tables: list[Table], ctx: Context, problems: Problems) -> dict[str, pd.DataFrame]:
    sources: dict[str, dict] = {}
    out: dict[str, list[dict]] = defaultdict(list)
    links = []

    def source_of(table: Table, row: dict) -> str | None:
        ref = row.get("zdroj")
        if ref is None:
            src = _workbook_source(table.label)
            sources.setdefault(src["source_id"], src)
            return src["source_id"]
        if ref in ctx.sources:
            return ref
        if ref in ctx.facts:
            return ctx.facts[ref]
        if ref.startswith("http"):
            page = page_source(ref, None, None)
            sources.setdefault(page["source_id"], page)
            return page["source_id"]
        cs, en = ctx.suggest(ref, sorted(ctx.sources | set(ctx.facts)), "source")
        problems.add(table.label, f"neznámý zdroj.{cs}", f"unknown source.{en}", row=row["_row"], column="Zdroj",
                     value=ref)
        return None

    for table in tables:
        for row in table.rows:
            src = source_of(table, row)
            if table.kind == "obsazenost":
                start, end = row["obdobi"] or (None, None)
                out["occupancy"].append({
                    "service_id": row["identifikator"], "period_start": start, "period_end": end,
                    "capacity_type": row["jednotka"] or "luzka", "capacity": row["kapacita"],
                    "occupied": row["obsazeno"], "refused": row["odmitnuto"], "note": row["poznamka"],
                    "source_id": src, "_at": (table.label, row["_row"])})
            elif table.kind == "socialni_bydleni":
                ident = row["id"] or "SB-" + _slug(row["nazev"] or row["adresa"] or str(row["_row"]))
                out["social_housing"].append({
                    "social_housing_id": ident, "programme": row["program"],
                    "name": row["nazev"] or row["adresa"], "address": row["adresa"], "kod_obce": row["obec"],
                    "units": row["byty"], "unit_sizes": row["velikosti"], "status": row["stav"] or "v provozu",
                    "since": row["od"], "note": row["poznamka"], "source_id": src, "_at": (table.label, row["_row"])})
                for fact in [f for f in re.split(r"[|;, ]+", row["fakta"] or "") if f]:
                    if fact not in ctx.facts:
                        problems.add(table.label, "neznámý fakt", "unknown fact", row=row["_row"], column="Fakta",
                                     value=fact)
                    links.append((fact, "social_housing_id", ident))
            elif table.kind == "zadosti":
                out["funnel_round_rows"].append({**row, "source_id": src, "_label": table.label})
            elif table.kind == "opatreni":
                out["measure_rows"].append({**row, "source_id": src, "_label": table.label})
            elif table.kind == "zamery":
                name = row["nazev"] or f"{row['druh']} ({row['obec']})"
                out["planned_service"].append({
                    "planned_id": "ZAMER-" + _slug(f"{table.label}-{row['_row']}"), "kind_code": row["druh"],
                    "kod_obce": row["obec"], "capacity": row["kapacita"],
                    "capacity_type": row["jednotka"] or ctx.usual_units.get(row["druh"]) or "klient",
                    "date_from": row["od"], "name": name, "note": row["poznamka"], "source_id": src})
            elif table.kind == "zamereni":
                out["service_topic"].append({
                    "service_id": row["identifikator"], "topic": fold_key(row["zamereni"] or "").replace("_", "-"),
                    "detail": row["poznamka"] or table.label, "source_id": src})
            elif table.kind == "potreba":
                if row["obec"] is None and row["orp"] is None:
                    problems.add(table.label, "vyplňte obec nebo ORP", "give a municipality or an ORP",
                                 row=row["_row"], column="Obec")
                out["need_local_count"].append({
                    "kod_obce": row["obec"], "kod_orp": row["orp"], "measure": row["ukazatel"],
                    "count": row["pocet"], "date": row["datum"], "note": row["poznamka"], "source_id": src})
            elif table.kind == "normy":
                out["target_norm"].append({
                    "kind_code": row["druh"], "capacity_type": row["jednotka"], "per_10000": row["na_10000"],
                    "area_level": row["uroven"] or "orp", "set_by": row["stanovil"], "set_on": row["datum"],
                    "source_id": src})

    frames = {
        "occupancy": pd.DataFrame(out["occupancy"]),
        "social_housing": pd.DataFrame(out["social_housing"]),
        "target_norm": pd.DataFrame(out["target_norm"]),
        "planned_service": pd.DataFrame(out["planned_service"]),
        "service_topic": pd.DataFrame(out["service_topic"], columns=["service_id", "topic", "detail", "source_id"]),
        "need_local_count": pd.DataFrame(out["need_local_count"], columns=[
            "kod_obce", "kod_orp", "measure", "count", "date", "note", "source_id"]),
    }
    occupancy_key = ["service_id", "period_start", "period_end", "capacity_type"]
    frames["occupancy"] = _real_over_illustrative(frames["occupancy"], occupancy_key, ctx.illustrative_sources)
    _unique(frames["social_housing"], ["social_housing_id"], "Id", problems)
    _unique(frames["occupancy"], occupancy_key, "Období", problems)
    housing = set(frames["social_housing"].get("social_housing_id", [])) | ctx.housing_ids
    frames.update(_funnels(out["funnel_round_rows"], housing, problems, ctx.suggest))
    frames.update(_plans(out["measure_rows"], problems))
    for name in ("occupancy", "social_housing"):
        if "_at" in frames[name]:
            frames[name] = frames[name].drop(columns=["_at"])
    frames["source"] = pd.DataFrame(list(sources.values()))
    frames["fact_links"] = pd.DataFrame(links, columns=["fact_id", "link", "target"])
    return frames


def _real_over_illustrative(frame: pd.DataFrame, keys: list[str], illustrative: set[str]) -> pd.DataFrame:
    """A planner's real figure for a period replaces the shipped illustrative one for that period."""
    if frame.empty:
        return frame
    made_up = frame["source_id"].isin(illustrative)
    real_keys = frame.loc[~made_up, keys].apply(tuple, axis=1)
    shadowed = made_up & frame[keys].apply(tuple, axis=1).isin(set(real_keys))
    return frame[~shadowed].reset_index(drop=True)


def _unique(frame: pd.DataFrame, keys: list[str], column: str, problems: Problems) -> None:
    if frame.empty:
        return
    frame = frame.dropna(subset=keys)  # rows with a missing key part have their own error already
    for _, group in frame[frame.duplicated(keys, keep=False)].groupby(keys, dropna=False):
        for label, line in list(group["_at"])[1:]:
            problems.add(label, "řádek opakuje jiný řádek (stejný klíč)", "the row repeats another (same key)",
                         row=line, column=column)


def _funnels(rows: list[dict], housing: set[str], problems: Problems, suggest) -> dict[str, pd.DataFrame]:
    rounds, stages, seen = {}, [], set()
    for row in rows:
        key = row["kolo"]
        if key not in rounds or rounds[key]["date"] is None:
            rounds.setdefault(key, {})
            rounds[key] = {
                "round_id": key, "programme": row["program"], "name": row["nazev"] or rounds[key].get("name") or key,
                "date": row["datum"] or rounds[key].get("date"), "kod_obce": row["obec"] or rounds[key].get("kod_obce"),
                "social_housing_id": row["bydleni"] or rounds[key].get("social_housing_id"),
                "note": row["poznamka"] or rounds[key].get("note"), "source_id": row["source_id"]}
        if row["bydleni"] and row["bydleni"] not in housing:
            cs, en = suggest(row["bydleni"], sorted(housing), "housing")
            problems.add(row["_label"], f"neznámé sociální bydlení.{cs}", f"unknown social housing.{en}",
                         row=row["_row"], column="Bydlení", value=row["bydleni"])
        if (key, row["poradi"]) in seen:
            problems.add(row["_label"], "pořadí fáze se v kole opakuje", "stage order repeats within the round",
                         row=row["_row"], column="Pořadí", value=row["poradi"])
        seen.add((key, row["poradi"]))
        stages.append({"round_id": key, "stage_order": row["poradi"], "stage": row["faze"], "count": row["pocet"],
                       "unit": row["jednotka"], "note": row["duvod"], "source_id": row["source_id"]})
    return {"funnel_round": pd.DataFrame(list(rounds.values())), "funnel_stage": pd.DataFrame(stages)}


def _plans(rows: list[dict], problems: Problems) -> dict[str, pd.DataFrame]:
    plans, measures, statuses = {}, {}, []
    for row in rows:
        plan_id = _slug(row["plan"])
        plans.setdefault(plan_id, {"plan_id": plan_id, "name": row["plan"], "area": None, "kod_obce": None,
                                   "year_from": None, "year_to": None, "source_id": row["source_id"]})
        for key, col in (("area", "oblast"), ("kod_obce", "obec"), ("year_from", "od"), ("year_to", "do")):
            plans[plan_id][key] = plans[plan_id][key] or row[col]
        goal_code, _, goal = (row["cil"] or "").partition(" ")
        if not re.fullmatch(r"\d+(\.\d+)*", goal_code):
            problems.add(row["_label"], "cíl má začínat číslem (4.1 Text cíle)", "the goal must start with its "
                         "number (4.1 Goal text)", row=row["_row"], column="Cíl", value=row["cil"])
        key = (plan_id, row["kod"])
        measure = measures.setdefault(key, {"plan_id": plan_id, "goal_code": goal_code, "goal": goal.strip(),
                                            "code": row["kod"], "text": None, "kind_codes": [], "status": None,
                                            "status_year": None, "indicator": None, "source_id": row["source_id"]})
        measure["text"] = measure["text"] or row["text"]
        measure["kind_codes"] = measure["kind_codes"] or row["druhy"] or []
        measure["indicator"] = measure["indicator"] or row["indikator"]
        if row["stav"]:
            if row["rok"] is None:
                problems.add(row["_label"], "stav bez roku", "a status without its year", row=row["_row"],
                             column="Rok")
            statuses.append({"plan_id": plan_id, "code": row["kod"], "year": row["rok"], "status": row["stav"],
                             "source_id": row["source_id"]})
            if row["rok"] is not None and (measure["status_year"] is None or row["rok"] >= measure["status_year"]):
                measure["status"], measure["status_year"] = row["stav"], row["rok"]
    for m in measures.values():
        if m["text"] is None:
            problems.add("planner", "opatření nemá text", "the measure has no text", column="Text", value=m["code"])
    return {"plan": pd.DataFrame(list(plans.values())), "plan_measure": pd.DataFrame(list(measures.values())),
            "plan_measure_status": pd.DataFrame(statuses)}


def read_all(paths: list[Path], data_dir: Path, ctx: Context, problems: Problems) -> dict[str, pd.DataFrame]:
    conv = workbook.Converter(ctx)
    tables = []
    for path in paths:
        label = str(path.relative_to(data_dir)) if path.is_relative_to(data_dir) else path.name
        tables += workbook.read_file(path, label, conv, problems)
    return assemble(tables, ctx, problems)


def planner_files(data_dir: Path) -> list[Path]:
    return workbook.planner_files(data_dir)
