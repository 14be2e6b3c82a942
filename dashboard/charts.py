"""Every exportable chart by name: what it shows, the parameters that make it, and how to build it.

A page module registers each of its charts with `@chart(name, title, **params)`. The page draws the
chart from the same builder that `/export/graf/<name>.<format>?…` and the report pack call, so a file
always shows what the screen showed. Parameters arrive as text from a URL: each is checked against an
allow-list (codes that exist in the loaded database) or a range, and anything else is refused with
`InvalidChartRequest` before a query runs.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard import db
from dashboard.i18n.formats import NotANumber, parse_number


class InvalidChartRequest(ValueError):
    """An unknown chart, format or parameter value; the message is Czech and English."""


@dataclass
class Chart:
    figure: go.Figure
    title: str
    filters: str            # the choice that made the chart, e.g. "ORP Jilemnice, Azylové domy (lůžka)"
    source: str             # "Zdroj: …" with the documents and their dates
    table: pd.DataFrame     # the numbers behind the chart, Czech column headers, for XLSX and the report
    illustrative: bool = False
    summary: str = ""       # one sentence for the report, where the chart has one (#19: the need profile)


@dataclass(frozen=True)
class Param:
    """One URL parameter: `check(key, text)` returns the value or raises InvalidChartRequest."""
    check: Callable[[str, str], object]
    default: str | None = None


@dataclass(frozen=True)
class Spec:
    name: str
    label: str
    build: Callable[..., Chart]
    params: dict[str, Param] = field(default_factory=dict)


REGISTRY: dict[str, Spec] = {}
MAX_PARAM = 200  # no real parameter is longer; a longer one is refused before it is looked at


def chart(name: str, label: str, **params: Param):
    """Register a builder `f(**values) -> Chart` under name, with its parameters."""
    def register(build):
        REGISTRY[name] = Spec(name, label, build, params)
        return build
    return register


def _refuse(key: str, value: str, why_cs: str, why_en: str):
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise InvalidChartRequest(f"Parametr {key}={shown!r}: {why_cs} / parameter {key}={shown!r}: {why_en}")


def one_of(options: Callable[[], Iterable[str]]) -> Callable[[str, str], str]:
    def check(key: str, value: str) -> str:
        if value not in set(options()):
            _refuse(key, value, "neznámá hodnota", "unknown value")
        return value
    return check


def many_of(options: Callable[[], Iterable[str]], low: int, high: int) -> Callable[[str, str], list[str]]:
    def check(key: str, value: str) -> list[str]:
        values = [v for v in value.split(",") if v]
        known = set(options())
        if not low <= len(values) <= high or len(set(values)) != len(values):
            _refuse(key, value, f"čekám {low}–{high} různých hodnot", f"expected {low}–{high} distinct values")
        for v in values:
            if v not in known:
                _refuse(key, v, "neznámá hodnota", "unknown value")
        return values
    return check


def free_text(key: str, value: str) -> str:
    """Any short text (a search, or filter values that only ever select rows: unknown ones match nothing)."""
    return value


def number(low: float, high: float, optional: bool = False) -> Callable[[str, str], float | None]:
    def check(key: str, value: str) -> float | None:
        if value == "" and optional:
            return None
        try:
            x = parse_number(value)
        except NotANumber:
            _refuse(key, value, "není číslo", "not a number")
        if x is None:
            _refuse(key, value, "chybí", "missing")
        if not low <= x <= high:
            _refuse(key, value, f"mimo rozsah {low}–{high}", f"outside {low}–{high}")
        return x
    return check


def values_of(name: str, query: Mapping[str, str]) -> dict[str, object]:
    """The checked parameters of chart `name` from a URL query; unknown keys are refused too."""
    spec = REGISTRY.get(name)
    if spec is None:
        raise InvalidChartRequest(f"Neznámý graf {name[:40]!r} / unknown chart {name[:40]!r}")
    extra = set(query) - set(spec.params)
    if extra:
        key = sorted(extra)[0]
        _refuse(key, str(query[key]), "tento graf takový parametr nemá", "this chart has no such parameter")
    values = {}
    for key, p in spec.params.items():
        text = query.get(key, p.default)
        if text is None:
            _refuse(key, "", "chybí", "missing")
        text = str(text)
        if len(text) > MAX_PARAM:
            _refuse(key, text, "příliš dlouhý", "too long")
        values[key] = p.check(key, text)
    return values


def build(name: str, query: Mapping[str, str]) -> Chart:
    values = values_of(name, query)
    return REGISTRY[name].build(**values)


def href(name: str, fmt: str, **params) -> str:
    """The export address of a chart; list values are joined by commas, None and '' left out."""
    query = {k: ",".join(v) if isinstance(v, list | tuple) else str(v) for k, v in params.items()
             if v not in (None, "") and not (isinstance(v, list | tuple) and not v)}
    return f"/export/graf/{name}.{fmt}" + (f"?{urllib.parse.urlencode(query)}" if query else "")


def area_names() -> dict[str, str]:
    """'kraj' (the loaded region) and every ORP code, with their Czech names."""
    return db.lookup("area_names", lambda frame: dict(zip(frame["code"], frame["name"], strict=True)))


AREA = Param(one_of(lambda: area_names()), "kraj")
