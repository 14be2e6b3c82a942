"""The house's floors: the command line knows both halves, the halves share only common/.

A newcomer can read etl/ without the dashboard and the dashboard without the build: data flow one way,
sources -> etl -> DuckDB file -> dashboard, and the words of the domain are defined once in common/.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported(path: Path) -> set[str]:
    """The top-level packages a module imports (at its top or inside a function)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_the_build_never_imports_the_dashboard_except_the_command_line():
    offenders = [p.relative_to(ROOT) for p in modules("etl") if p.name != "cli.py" and "dashboard" in imported(p)]
    assert offenders == []


def test_the_dashboard_never_imports_the_build():
    assert [p.relative_to(ROOT) for p in modules("dashboard") if "etl" in imported(p)] == []


def test_common_imports_neither_half():
    assert [p.relative_to(ROOT) for p in modules("common") if imported(p) & {"etl", "dashboard"}] == []


def test_every_setting_is_read_from_the_environment_in_one_place():
    readers = [p.relative_to(ROOT) for package in ("etl", "dashboard", "common") for p in modules(package)
               if "os.environ.get(" in p.read_text(encoding="utf-8") or "os.getenv(" in p.read_text(encoding="utf-8")]
    assert readers == []  # common/settings.py reads through Settings.from_env's mapping, nothing else reads
