"""Planned services as a scenario beside today's network: what a proposal would change.

A scenario is the workbooks' planned services (sheet *Záměry*, table `planned_service`) and those a planner
enters on a page, kept in the address as `zamery=KIND:OBEC:CAPACITY:UNIT;…` (capacity may be empty =
unknown), so that a scenario is a link. It is never mixed into today's figures: the same named queries run
once without plans and once with them, and everything drawn from it says "záměr, ne skutečnost".

Distances: a planned service sits at its municipality's centre, measured with the build's geodesic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from common.distance import geodesic_km
from dashboard import db

MARK = "záměr, ne skutečnost"
MAX_PLANS = 6  # a page's scenario is a few proposals, not a second network (and fits an export link)
_ITEM = re.compile(r"^(?P<kind>[0-9a-z-]{1,30}):(?P<obec>\d{6}):(?P<capacity>\d{0,5}):(?P<unit>[a-z-]{1,20})$")


@dataclass(frozen=True)
class Plan:
    kind_code: str
    kod_obce: str
    capacity: int | None
    unit: str


class InvalidScenario(ValueError):
    """A `zamery` value that is not a list of planned services; the message is Czech and English."""


def parse(text: str | None) -> list[Plan]:
    """'63:577162:10:luzka;57:563889::luzka' -> plans; '' -> []. Codes are checked by the caller's rules."""
    if not text:
        return []
    items = [i for i in str(text).split(";") if i]
    if len(items) > MAX_PLANS:
        raise InvalidScenario(f"Nejvýše {MAX_PLANS} záměrů / at most {MAX_PLANS} planned services")
    plans = []
    for item in items:
        match = _ITEM.match(item)
        if not match:
            raise InvalidScenario(f"Záměr {item[:40]!r} není ve tvaru druh:obec:kapacita:jednotka / "
                                  "a planned service must be kind:municipality:capacity:unit")
        capacity = match["capacity"]
        plans.append(Plan(match["kind"], match["obec"], int(capacity) if capacity else None, match["unit"]))
    return plans


def encode(plans: list[Plan]) -> str:
    return ";".join(f"{p.kind_code}:{p.kod_obce}:{'' if p.capacity is None else p.capacity}:{p.unit}" for p in plans)


def query_params(plans: list[Plan], workbook: bool) -> dict:
    """The bound parameters of a named query's scenario: none at all means today."""
    return {"p_kinds": [p.kind_code for p in plans], "p_obce": [p.kod_obce for p in plans],
            "p_caps": [p.capacity for p in plans], "p_units": [p.unit for p in plans], "workbook": workbook}


TODAY = query_params([], False)


def workbook_plans() -> pd.DataFrame:
    return db.query("planned_services")


def plan_points(kinds: list[str], plans: list[Plan], workbook: bool) -> pd.DataFrame:
    """kod_obce of every planned place of the kinds (the workbook's when asked, and the page's)."""
    rows = [p.kod_obce for p in plans if p.kind_code in kinds]
    if workbook:
        book = workbook_plans()
        rows += list(book.loc[book["kind_code"].isin(kinds), "kod_obce"])
    return pd.DataFrame({"kod_obce": sorted(set(rows))})


def with_plans(distances: pd.DataFrame, planned_obce: list[str], centres: pd.DataFrame | None = None) -> pd.DataFrame:
    """Today's nearest distances (code, lat, lon, distance_km) with the planned places added: the nearer of
    today's place and each planned municipality's centre (looked up in `centres` — code, lat, lon — or in the
    frame itself)."""
    out = distances.copy()
    if not planned_obce:
        return out
    centres = (distances if centres is None else centres).set_index("code")
    centres = centres.loc[[c for c in planned_obce if c in centres.index]]
    lat, lon = distances["lat"].to_numpy(float), distances["lon"].to_numpy(float)
    best = distances["distance_km"].to_numpy(float).copy()
    for _, centre in centres.iterrows():
        km = np.round(geodesic_km(lat, lon, np.full_like(lat, centre["lat"]), np.full_like(lon, centre["lon"])), 3)
        best = np.fmin(best, km)
    out["distance_km"] = best
    return out


def placement_gains(distances: pd.DataFrame, km: float, top: int = 15) -> pd.DataFrame:
    """Where one new place would bring the most inhabitants within km: for each municipality of the frame as a
    candidate, the inhabitants of the frame now farther than km (or with no place) who would be within km of
    its centre. A computation to start from, not a recommendation."""
    far = distances[distances["distance_km"].isna() | (distances["distance_km"] > km)]
    if far.empty:
        return pd.DataFrame(columns=["code", "name", "orp", "gain", "towns"])
    f_lat, f_lon = far["lat"].to_numpy(float), far["lon"].to_numpy(float)
    pop = far["population"].to_numpy(float)
    c_lat, c_lon = distances["lat"].to_numpy(float), distances["lon"].to_numpy(float)
    candidate, town = _pairs_within(c_lat, c_lon, f_lat, f_lon, km)
    near = geodesic_km(f_lat[town], f_lon[town], c_lat[candidate], c_lon[candidate]) <= km
    gains = np.bincount(candidate[near], weights=pop[town[near]], minlength=len(c_lat))
    towns = np.bincount(candidate[near], minlength=len(c_lat))
    ranked = distances[["code", "name", "orp"]].assign(gain=gains, towns=towns.astype(int))
    ranked = ranked[ranked["gain"] > 0].sort_values(["gain", "name"], ascending=[False, True])
    return ranked.head(top).reset_index(drop=True)


def _pairs_within(c_lat, c_lon, f_lat, f_lon, km: float, chunk: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """Every (candidate, town) pair whose boxes of ±km overlap: a superset of the pairs within km (a degree of
    latitude is at least 110.5 km, a degree of longitude at least 111.3 km × cos of the highest latitude), so
    the geodesic test on these pairs alone gives the same answer as on all of them — for a country a tenth of
    a second instead of ten (6 258 candidates × every town without a place near)."""
    top = np.radians(min(89.0, float(np.nanmax(np.abs(np.concatenate([c_lat, f_lat])))) + km / 110.5 + 0.01))
    d_lat, d_lon = km / 110.5 + 1e-6, km / (111.3 * np.cos(top)) + 1e-6
    candidates, towns = [], []
    for start in range(0, len(c_lat), chunk):
        lat, lon = c_lat[start:start + chunk, None], c_lon[start:start + chunk, None]
        hit = (np.abs(f_lat[None, :] - lat) <= d_lat) & (np.abs(f_lon[None, :] - lon) <= d_lon)
        i, j = np.nonzero(hit)
        candidates.append(i + start)
        towns.append(j)
    return np.concatenate(candidates), np.concatenate(towns)
