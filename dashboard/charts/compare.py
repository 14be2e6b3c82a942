"""The Srovnání page's chart: two to four ORPs or municipalities side by side, kind by kind, against the kraj
average — today, or beside the workbooks' planned services."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from common.vocabulary import unit_name
from dashboard import data_state, db, scenario
from dashboard.charts import Chart, Param, chart
from dashboard.figures.common import czech_layout
from dashboard.figures.ranking import state_bars
from dashboard.states import STATE_COLUMN, number_or_empty, state_labels

PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a"]


def area_options(level: str) -> list[dict]:
    options = db.query("filter_options")
    return [{"label": r.label, "value": r.value} for r in options[options["field"] == level].itertuples()]


def comparison(level: str, codes: list[str], with_plans: bool = False) -> pd.DataFrame:
    """One row per kind: per area its rate per 10 000 (in the kind's usual unit), services, distance to the
    nearest place (population-weighted for an ORP) and mean utilisation where reported; the kraj average.
    The same queries for all kinds together, whatever their number."""
    kinds = db.query("registry_kinds")
    capacity = db.query("capacity_by_area_and_kind", level=level, **scenario.TODAY)
    planned = db.query("capacity_by_area_and_kind", level=level, **scenario.query_params([], True)) \
        if with_plans else capacity.iloc[0:0]
    planned = planned[planned["level"] != "kraj"].set_index(["kind_code", "code"])
    kraj = capacity[capacity["level"] == "kraj"].set_index("kind_code")
    by_kind = dict(tuple(capacity[capacity["level"] != "kraj"].groupby("kind_code")))
    # the population-weighted distance and the utilisation: rules of the views area_distance, area_utilisation
    extras = db.query("distance_and_utilisation_by_area_and_kind", level=level).set_index(["kind_code", "code"])
    rows = []
    for kind in kinds.itertuples():
        unit = kind.usual_unit if isinstance(kind.usual_unit, str) else "klient"
        areas = by_kind.get(kind.kind_code, capacity.iloc[0:0]).set_index("code")
        whole = kraj.loc[kind.kind_code] if kind.kind_code in kraj.index else None
        row = {"kind": kind.name_cs, "unit": unit_name(unit),
               "kraj": float("nan") if whole is None else whole["rate"],
               "state_kraj": "unknown" if whole is None else whole["state"],
               "illustrative": bool((capacity.loc[capacity["kind_code"] == kind.kind_code, "illustrative_share"]
                                     .fillna(0) > 0).any())}
        for code in codes:
            if code not in areas.index:
                continue
            area = areas.loc[code]
            row[f"rate_{code}"] = area["rate"]
            row[f"state_{code}"] = area["state"]
            row[f"services_{code}"] = area["services"]
            row[f"unknown_{code}"] = area["services_unknown"]
            if with_plans:
                plan = planned.loc[(kind.kind_code, code)]
                row[f"plan_{code}"], row[f"plan_state_{code}"] = plan["rate"], plan["state"]
                row[f"planned_{code}"] = plan["planned"]
            extra = extras.loc[(kind.kind_code, code)] if (kind.kind_code, code) in extras.index else None
            row[f"km_{code}"] = float("nan") if extra is None else extra["distance_km"]
            row[f"occ_{code}"] = float("nan") if extra is None else extra["utilisation"]
        rows.append(row)
    return pd.DataFrame(rows)


def names_of(level: str, codes: list[str]) -> dict[str, str]:
    labels = {o["value"]: o["label"] for o in area_options(level)}
    return {c: labels.get(c, c) for c in codes}


def export_frame(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The comparison for a file: a rate nobody can state stays an empty cell, and "stav údaje" says why."""
    out = pd.DataFrame({"Druh služby": frame["kind"], "Jednotka": frame["unit"],
                        "Průměr kraje na 10 000": number_or_empty(frame["kraj"], frame["state_kraj"]).round(2),
                        f"Průměr kraje: {STATE_COLUMN.lower()}": state_labels(frame["state_kraj"])})
    for code, name in names.items():
        out[f"{name}: na 10 000"] = number_or_empty(frame[f"rate_{code}"], frame[f"state_{code}"]).round(2)
        out[f"{name}: {STATE_COLUMN.lower()}"] = state_labels(frame[f"state_{code}"])
        out[f"{name}: služeb"] = frame[f"services_{code}"]
        out[f"{name}: km k nejbližší"] = frame[f"km_{code}"].round(1)
        out[f"{name}: obsazenost"] = frame[f"occ_{code}"].round(3)
        if f"plan_{code}" in frame:
            out[f"{name}: se záměry na 10 000"] = number_or_empty(frame[f"plan_{code}"],
                                                                 frame[f"plan_state_{code}"]).round(2)
            out[f"{name}: se záměry, {STATE_COLUMN.lower()}"] = state_labels(frame[f"plan_state_{code}"])
            out[f"{name}: záměrů"] = frame[f"planned_{code}"]
            out["Scénář"] = scenario.MARK
    if frame["illustrative"].any():
        out["Ilustrativní data"] = frame["illustrative"].map({True: "ano – ilustrativní záznamy", False: ""})
    return out


@chart("srovnani", "Srovnání území: kapacita na 10 000 obyvatel po druzích",
       uroven=Param("level", "orp"), uzemi=Param("areas", ""), se_zamery=Param("with_plans", "0"))
def comparison_chart(uroven: str, uzemi: list[str], se_zamery: str = "0", frame: pd.DataFrame | None = None) -> Chart:
    """Rates by kind for up to four areas beside the kraj average; with no area, the kraj alone; with the
    workbooks' planned services, each area's scenario beside it (marked as a plan, not a fact)."""
    names = names_of(uroven, uzemi)
    with_plans = se_zamery == "1" and bool(uzemi)
    frame = comparison(uroven, uzemi, with_plans) if frame is None else frame
    # Kinds the chosen areas have, and kinds the kraj has (a small ORP's chart shows what it lacks, never an
    # empty axis); each bar says its value or why there is none.
    listed = frame["state_kraj"] != "unlisted"
    if uzemi:
        listed |= frame[[f"services_{c}" for c in uzemi]].sum(axis=1) > 0
    shown = frame[listed].reset_index(drop=True)
    known_rates = [shown[f"rate_{c}"] for c in uzemi] + [shown["kraj"]] + \
        ([shown[f"plan_{c}"] for c in uzemi] if with_plans else [])
    span = max([float(r.max()) for r in known_rates if r.notna().any()] + [1.0])
    fig = go.Figure()
    for i, code in enumerate(uzemi or ["kraj"]):
        rates, states = (shown["kraj"], shown["state_kraj"]) if code == "kraj" else \
            (shown[f"rate_{code}"], shown[f"state_{code}"])
        state_bars(fig, shown["kind"], rates, states, PALETTE[i], names.get(code, "kraj"), span)
        if with_plans:
            state_bars(fig, shown["kind"], shown[f"plan_{code}"], shown[f"plan_state_{code}"], PALETTE[i],
                       f"{names[code]} se záměry ({scenario.MARK})", span, pattern="x")
    if uzemi:
        fig.add_scatter(name="průměr kraje", y=shown["kind"], x=shown["kraj"], mode="markers",
                        marker={"symbol": "line-ns-open", "size": 18, "color": "#111", "line": {"width": 3}},
                        hovertemplate="průměr kraje: %{x:.2f}<extra>%{y}</extra>")
    # The legend above the plot: below it, it ran into the axis title and the source line.
    fig.update_layout(barmode="group", legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"})
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="kapacita na 10 000 obyvatel (v obvyklé jednotce druhu)", gridcolor="#e5e5e5",
                     range=[0, span * 1.35])
    title = "Kapacita na 10 000 obyvatel: " + (", ".join(names.values()) if uzemi else "průměr kraje")
    illustrative = bool(frame["illustrative"].any())
    source = data_state.capacity_source(illustrative)
    czech_layout(fig, title, source, height=180 + 28 * len(shown) * max(1, len(uzemi) // 2) * (2 if with_plans else 1))
    fig.update_layout(margin={"t": fig.layout.margin.t + 40, "b": fig.layout.margin.b + 10})  # legend on top
    filters = ("po druzích služeb, proti průměru kraje" if uzemi else "celý kraj, po druzích služeb")
    filters += "; šrafované pruhy: kapacita neuvedena"
    if with_plans:
        title += " (dnes a se záměry)"
        filters += f"; křížkované pruhy: se záměry ze sešitů – {scenario.MARK}"
        source += "; záměry: list Záměry sešitů plánovačů"
    return Chart(fig, title, filters, source, export_frame(frame, names), illustrative)
