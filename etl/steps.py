"""The sources, in the order `socmap build` and `socmap check` read them: one declared list, one signature.

Each step reads one kind of source into `Loading` (what has been read so far, and where problems go) and
returns nothing; a step marked `stop` raises the problems collected so far, because the steps after it need
what it read. Problems before a stop are collected together, so a broken reference file and a broken facts
file are reported in one message.

To add a source format: a reader module under etl/sources/, a step here, its tables in etl/schema.sql and
its frames in etl/build.py's `assemble`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl import planner, topics
from etl.errors import Problems
from etl.sources import curated, facts, need, reference, registry, workbook


@dataclass
class Loading:
    """What the steps have read so far. `planner_paths` None = every workbook in data/planner/."""
    data_dir: Path
    kraj: str
    problems: Problems = field(default_factory=Problems)
    warnings: Problems = field(default_factory=Problems)
    planner_paths: list[Path] | None = None
    geo: reference.Geography | None = None
    facts: tuple[pd.DataFrame, pd.DataFrame] | None = None
    need: pd.DataFrame | None = None
    census: pd.DataFrame | None = None
    registry: registry.Registry | None = None
    curated: curated.Curated | None = None
    plans: dict[str, pd.DataFrame] | None = None

    @property
    def fact_source_of(self) -> dict[str, str]:
        frame = self.facts[0]
        return dict(zip(frame["fact_id"], frame["source_id"], strict=True))

    @property
    def scope(self) -> set[str]:
        """The municipalities of the built region."""
        return set(self.geo.municipality["kod_obce"])


@dataclass(frozen=True)
class Step:
    name: str
    label: str  # what the build's progress line says
    read: Callable[[Loading], None]
    stop: bool = False


def _reference(s: Loading) -> None:
    s.geo = reference.read(s.data_dir, s.kraj, s.problems)


def _facts(s: Loading) -> None:
    s.facts = facts.read(s.data_dir, s.problems)


def _need(s: Loading) -> None:
    s.need = need.read(s.data_dir, s.scope if s.geo else set(), set(s.geo.national.index) if s.geo else set(),
                       s.problems)


def _census(s: Loading) -> None:
    s.census = topics.read_census(s.data_dir, s.problems)


def _registry(s: Loading) -> None:
    s.registry = registry.read(s.data_dir, s.kraj, s.geo.national, s.problems, s.warnings)


def _curated(s: Loading) -> None:
    s.curated = curated.read(s.data_dir, s.fact_source_of, set(s.geo.national.index), s.scope, s.problems)


def _planner(s: Loading) -> None:
    paths = planner.planner_files(s.data_dir) if s.planner_paths is None else s.planner_paths
    # With the shipped extract (no provenance file) a workbook may name a service the extract lacks: a warning.
    lenient = s.warnings if s.registry.provenance is None else None
    s.plans = planner.read_all(paths, s.data_dir, planner_context(s, lenient), s.problems)


SOURCES = (
    Step("reference", "Referenční geografie / reference geography", _reference),
    Step("facts", "Zveřejněná fakta / published facts", _facts),
    Step("need", "Index sociálního vyloučení / index of social exclusion", _need),
    Step("census", "Soupis služeb kraje / census of the region's services", _census, stop=True),
    Step("registry", "Registr poskytovatelů / registry of providers", _registry, stop=True),
    Step("curated", "Zápisy a podklady / minutes and curated sources", _curated, stop=True),
    Step("planner", "Sešity plánovačů / planners' workbooks", _planner, stop=True),
)


def read_sources(loading: Loading, progress: Callable[[str], None] = lambda _: None,
                 steps: Iterable[Step] = SOURCES) -> Loading:
    """Run the steps in order; raise BuildError at a stop when problems were found."""
    for step in steps:
        progress(step.label)
        step.read(loading)
        if step.stop:
            loading.problems.raise_if_any()
    return loading


def before(name: str) -> tuple[Step, ...]:
    """The steps before the one named (check reads everything a workbook refers to, then the workbook)."""
    return SOURCES[:[s.name for s in SOURCES].index(name)]


def planner_context(s: Loading, lenient: Problems | None) -> workbook.Context:
    """What a workbook may refer to: services, municipalities, kinds, sources and facts of the sources."""
    cur, geo = s.curated, s.geo
    return workbook.Context(
        services={**{i: i for i in s.registry.all_identifiers},
                  **dict(zip(cur.service["service_id"], cur.service["name"], strict=True))},
        municipalities=geo.municipality.set_index("kod_obce")[["name"]],
        kinds=cur.service_kind[["kind_code", "name_cs"]], sources=set(cur.source["source_id"]),
        facts=s.fact_source_of, national_codes=set(geo.national.index), lenient_services=lenient,
        orps=dict(zip(geo.orp["kod_orp"], geo.orp["name"], strict=True)),
        illustrative_sources=set(cur.source.loc[cur.source["is_illustrative"], "source_id"]),
        usual_units=dict(cur.service_kind[["kind_code", "usual_unit"]].dropna().itertuples(index=False)))
