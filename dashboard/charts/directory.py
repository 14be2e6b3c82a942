"""The Adresář page's map: the places of the services and instruments its filters choose, and the filters
in words."""

from __future__ import annotations

from common.vocabulary import GROUPS, TOPIC_CHOICES
from dashboard import data_state, db, geometry
from dashboard.charts import Chart, Param, chart
from dashboard.components.sources import source_text
from dashboard.directory import PARAMS, Filters, capacity_text, filter_entries
from dashboard.figures.maps import directory_map
from dashboard.i18n import format_number


def kind_options() -> list[dict]:
    """The page's choice of kinds, groups and topics; their labels name the chosen kinds under the map too."""
    kinds = db.query("kinds_in_use")
    options = [{"label": f"Celá skupina: {g}", "value": f"skupina:{g}"} for g in GROUPS]
    options += [{"label": f"Zaměření: {label}", "value": value} for value, label in TOPIC_CHOICES.items()]
    for k in kinds.itertuples():
        paragraph = f" ({k.paragraf})" if isinstance(k.paragraf, str) else ""
        options.append({"label": f"{k.name_cs}{paragraph} · {k.kind_group}", "value": k.kind_code})
    return options


def describe(filters: Filters) -> str:
    """The filters in words for an exported map: "druh: Noclehárny; ORP: Liberec; hledání: …"."""
    names = {**{o["value"]: o["label"] for o in kind_options()},
             **{r.value: r.label for r in db.query("filter_options").itertuples()}}
    parts = [f"{word}: {', '.join(names.get(v, v) for v in getattr(filters, key))}"
             for key, word in (("kinds", "druh"), ("groups", "skupina"), ("forms", "forma"),
                               ("targets", "cílová skupina"), ("orps", "ORP"), ("obce", "obec"))
             if getattr(filters, key)]
    if filters.text:
        parts.append(f"hledání: {filters.text}")
    return "; ".join(parts) or "všechny služby a zařízení"


@chart("adresar-mapa", "Mapa vybraných služeb adresáře", **{word: Param(field, "") for field, word in PARAMS.items()})
def directory_chart(**values) -> Chart:
    return directory_view(Filters(**{field: values[word] for field, word in PARAMS.items()}))[1]


def directory_view(filters: Filters, entries=None):
    """The entries the filters choose, the map of their places as a chart, and how many entries there are."""
    entries = db.query("directory_entries") if entries is None else entries
    shown = filter_entries(entries, filters)
    places = db.query("directory_places").merge(
        shown[["id", "name", "kind", "capacities", "capacity_max"]].rename(columns={"name": "service"}), on="id")
    places["capacity"] = places["capacities"].map(capacity_text)
    title = f"Místa vybraných služeb ({format_number(len(places))})"
    figure = directory_map(places, geometry.boundaries("orp"), db.query("map_view").iloc[0].to_dict(),
                           title, data_state.places_credit())
    table = places[["service", "kind", "capacity", "address", "municipality"]].rename(columns={
        "service": "Služba", "kind": "Druh služby", "capacity": "Kapacita", "address": "Adresa",
        "municipality": "Obec"})
    illustrative = bool(shown["is_illustrative"].fillna(False).any()) if "is_illustrative" in shown else False
    return shown, Chart(figure, title, describe(filters), source_text(data_state.places_credit()), table,
                        illustrative), len(entries)
