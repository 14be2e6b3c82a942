"""Need beside the network, as the Potřeba a síť page and the pack compute it (pure, tested by hand).

"High need" is an index of at least `high` points (the published top band starts at 12). The network is
"thin" for a high-need municipality when the nearest place of the chosen kind is farther than `km` (or
there is none), and for an ORP when any of its high-need municipalities is, or when the ORP's capacity
of the kind is unknown ("neuvedeno": services without a registered capacity, never read as 0) or none.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import format_number

SOURCE = "MMR ČR, Index sociálního vyloučení 2023"


# The state of an area's capacity (decided once, by capacity_state() in the database) in this page's words.
NEED_STATES = {"unknown": "neuvedeno", "other_unit": "neuvedeno", "partial": "nejméně", "counted": "známá",
               "zero": "žádná", "unlisted": "nenačtená"}


def capacity_state(state: str) -> str:
    """'neuvedeno' (services there, none with a capacity in the unit), 'žádná' (a complete registry lists none),
    'nenačtená' (the partial extract lists none), 'nejméně' (some unknown), 'známá'."""
    return NEED_STATES.get(state, "neuvedeno")


def is_far(distance_km: pd.Series, km: float) -> pd.Series:
    return distance_km.isna() | (distance_km > km)


def far_share(high: pd.DataFrame, km: float) -> float:
    """Share of the inhabitants of high-need municipalities who live farther than km from the nearest place."""
    total = high["population"].sum()
    return high.loc[is_far(high["distance_km"], km), "population"].sum() / total if total else float("nan")


def thin_orps(high: pd.DataFrame, capacity: pd.DataFrame, km: float) -> pd.DataFrame:
    """ORPs with high-need municipalities and a thin network, most inhabitants far first.

    high: code, name, kod_orp, population, points, distance_km (one row per high-need municipality);
    capacity: capacity_by_area at ORP level (code, name, capacity, rate, services, services_unknown)."""
    rows = []
    cap = capacity.set_index("code")
    for orp, group in high.groupby("kod_orp", sort=False):
        far = group[is_far(group["distance_km"], km)]
        c = cap.loc[orp]
        state = capacity_state(c["state"])
        reasons = []
        if len(far):
            reasons.append(f"{format_number(len(far))} z {format_number(len(group))} obcí dál než "
                           f"{format_number(km)} km")
        if state == "neuvedeno":
            reasons.append("kapacita neuvedena")
        elif state == "žádná":
            reasons.append("v ORP žádné místo")
        elif state == "nenačtená":
            reasons.append("v načtených datech v ORP žádné místo")
        if not reasons:
            continue
        rows.append({"code": orp, "name": c["name"], "municipalities": len(group),
                     "high_population": int(group["population"].sum()),
                     "far_population": int(far["population"].sum()),
                     "near_population": int(group["population"].sum() - far["population"].sum()),
                     "far_names": ", ".join(far["name"]), "max_points": group["points"].max(),
                     "rate": c["rate"] if state in ("známá", "nejméně", "žádná") else None, "state": state,
                     "reason": "; ".join(reasons)})
    columns = ["code", "name", "municipalities", "high_population", "far_population", "near_population", "far_names",
               "max_points", "rate", "state", "reason"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["far_population", "max_points"], ascending=False).reset_index(drop=True)


def thin_municipalities(high: pd.DataFrame, capacity: pd.DataFrame, km: float) -> pd.DataFrame:
    """High-need municipalities farther than km from the nearest place, or in an ORP whose capacity is unknown."""
    cap = capacity.set_index("code")
    states = {code: capacity_state(r["state"]) for code, r in cap.iterrows()}
    out = high.assign(state=high["kod_orp"].map(states), far=is_far(high["distance_km"], km))
    out = out[out["far"] | (out["state"] == "neuvedeno")].copy()
    out["reason"] = [("; ".join(filter(None, [
        (f"nejbližší místo {format_number(d, 1)} km" if d == d else "žádné místo") if f else "",
        "kapacita v ORP neuvedena" if s == "neuvedeno" else ""]))) for d, f, s in
        zip(out["distance_km"], out["far"], out["state"], strict=True)]
    out["far_population"] = out["population"].where(out["far"], 0)
    out["near_population"] = out["population"] - out["far_population"]
    return out.reset_index(drop=True)


def profile_sentence(area_name: str, rows: pd.DataFrame, level_word: str, distraint: float, pop15: float,
                     high: float) -> str:
    """One sentence for a report: the area's index, its high-need places and people in distraint."""
    top = rows[rows["points"] >= high].sort_values("points", ascending=False)
    weighted = (rows["points"] * rows["pop15"]).sum() / rows["pop15"].sum() if rows["pop15"].sum() else float("nan")
    named = ", ".join(f"{n} ({format_number(p)})" for n, p in list(zip(top["name"], top["points"], strict=True))[:5]) \
        if len(top) else ""
    high_part = (f"{format_number(len(top))} {level_word} s indexem od {format_number(high)} bodů: {named}"
                 + (" a další" if len(top) > 5 else "")) if len(top) else \
        f"žádná z {level_word} nemá index od {format_number(high)} bodů"
    return (f"{area_name}: index sociálního vyloučení {format_number(weighted, 1)} bodu (průměr vážený obyvateli "
            f"15+); {high_part}. V exekuci je {format_number(distraint)} osob, "
            f"{format_number(100 * distraint / pop15, 1)} % obyvatel starších 15 let ({SOURCE}, k 31. 12. 2023).")
