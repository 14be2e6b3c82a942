"""Every exportable chart by name: what it shows, the parameters that make it, and how to build it.

One module per topic beside this file registers its charts with `@chart(name, title, **params)`; importing
this package imports them all, so the registry is complete without a page or a Dash app (`socmap export`
draws the report pack from the command line). A page draws each chart from the same builder that
`/export/graf/<name>.<format>?…` and the report pack call, so a file always shows what the screen showed.
Parameters arrive as text from a URL: each is checked by the rule of its meaning (dashboard/inputs.py: codes
that exist in the loaded database, a range), and anything else is refused with `InvalidInput` before a query
runs.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dashboard import db, inputs
from dashboard.inputs import InvalidInput


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
    """One URL parameter: its meaning (a key of inputs.VALUES, whose rule checks it) and its default text."""
    meaning: str
    default: str | None = None


@dataclass(frozen=True)
class Spec:
    name: str
    label: str
    build: Callable[..., Chart]
    params: dict[str, Param] = field(default_factory=dict)


REGISTRY: dict[str, Spec] = {}


def chart(name: str, label: str, **params: Param):
    """Register a builder `f(**values) -> Chart` under name, with its parameters."""
    def register(build):
        REGISTRY[name] = Spec(name, label, build, params)
        return build
    return register


def values_of(name: str, query: Mapping[str, str]) -> dict[str, object]:
    """The checked parameters of chart `name` from a URL query; unknown keys are refused too."""
    spec = REGISTRY.get(name)
    if spec is None:
        raise InvalidInput("graf", f"Neznámý graf {name[:40]!r}", f"unknown chart {name[:40]!r}")
    return inputs.from_text({key: (p.meaning, p.default) for key, p in spec.params.items()}, query)


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


AREA = Param("area", "kraj")


# The topic modules register their charts with the names above, so they are imported last.
from dashboard.charts import (  # noqa: E402, F401
    capacity,
    compare,
    directory,
    funnels,
    need,
    occupancy,
    overview,
    plan,
    scenario,
    service,
)
