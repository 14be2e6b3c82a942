"""What the Kapacity page, its scenario, other pages and the capacity charts (dashboard/charts/capacity.py) ask
of capacity: kinds and units to choose, the target and what it is (an assumption or a planner's), the areas'
capacity from the one named query (rates, the kraj average and gaps are computed once, in
dashboard/queries/capacity.sql over the derived view area_capacity), and the share of inhabitants beyond a
distance (pure, tested by hand)."""

from __future__ import annotations

import pandas as pd

from common.vocabulary import TOPIC_CHOICES, unit_name
from dashboard import db, scenario
from dashboard.i18n import format_number
from dashboard.states import ASSUMED


def farther_than(distances: pd.DataFrame, km: float) -> tuple[float, pd.DataFrame]:
    """Population-weighted share of inhabitants farther than km from the nearest place, and the white
    spots (municipalities farther than km, largest population first). No place at all = infinitely far."""
    far = distances[distances["distance_km"].isna() | (distances["distance_km"] > km)]
    share = far["population"].sum() / distances["population"].sum() if len(distances) else float("nan")
    return share, far.sort_values(["population", "name"], ascending=[False, True])


TOPICS = {value: f"Zaměření: {name}" for value, name in TOPIC_CHOICES.items()}  # #19: services of any kind that do it


def kinds_of(value: str) -> list[str]:
    """The choices behind a value: a kind code, 'skupina:<group>' for all kinds of a group, or a topic
    'tema:<topic>' (the services of any kind that do it, as service_choice lists them)."""
    kinds = db.lookup("registry_kinds", lambda frame: frame)  # kept until a rebuild; read, never changed
    if value.startswith("skupina:"):
        return list(kinds.loc[kinds["kind_group"] == value.split(":", 1)[1], "kind_code"])
    return [value]


def kind_options() -> list[dict]:
    kinds = db.lookup("registry_kinds", lambda frame: frame)  # kept until a rebuild; read, never changed
    groups = [{"label": f"Celá skupina: {g}", "value": f"skupina:{g}"} for g in kinds["kind_group"].unique()]
    return groups + [{"label": label, "value": value} for value, label in TOPICS.items()] + \
        [{"label": k.name_cs, "value": k.kind_code} for k in kinds.itertuples()]


def unit_options(kind: str) -> list[dict]:
    units = db.query("units_for_kinds", kinds=kinds_of(kind))
    return [{"label": unit_name(u), "value": u} for u in units["capacity_type"]] or \
        [{"label": "lůžka", "value": "luzka"}]


def target_norm(kind: str, unit: str) -> dict | None:
    """The workbook's target for one kind and unit, with whether socmap assumed it."""
    if kind.startswith(("skupina:", "tema:")):
        return None
    row = db.query("target_for", kind=kind, unit=unit)
    return None if row.empty else row.iloc[0].to_dict()


def default_target(kind: str, unit: str):
    norm = target_norm(kind, unit)
    return float(norm["per_10000"]) if norm else None


def target_words(kind: str, unit: str, target) -> str:
    """'cíl 3,00 – předpoklad socmap, ne schválená norma', 'cíl 3,00 ze sešitu plánovače' or a typed one."""
    if target in (None, ""):
        return ""
    norm = target_norm(kind, unit)
    value = f"cíl {format_number(float(target), 2)} na 10 000 obyvatel"
    if norm and abs(float(norm["per_10000"]) - float(target)) < 1e-9:
        return f"{value} – {ASSUMED}" if norm["assumed"] else f"{value} (norma ze sešitu plánovače)"
    return f"{value} (zadaný cíl)"


def kind_label(kind: str) -> str:
    return next((o["label"] for o in kind_options() if o["value"] == kind), kind)


def areas_of(kind: str, unit: str, level: str, target, plans=None, workbook: bool = False):
    """Today's capacity by area — or, given planned services, the scenario's (same query, same rules)."""
    return db.query("capacity_by_area", level=level, kinds=kinds_of(kind), unit=unit,
                    target=float(target) if target not in (None, "") else None,
                    **scenario.query_params(plans or [], workbook))
