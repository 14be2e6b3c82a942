"""The `socmap` command: a thin skin over etl.build (and, for serve, over dashboard.app)."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from etl.build import DEFAULT_KRAJ
from etl.errors import BuildError

app = typer.Typer(help="socmap: síť sociálních služeb Libereckého kraje / social-services network.",
                  no_args_is_help=True, add_completion=False)

DbOption = Annotated[Path, typer.Option("--db", envvar="SOCMAP_DB", help="Soubor DuckDB / DuckDB file.")]
DataOption = Annotated[Path, typer.Option("--data", envvar="SOCMAP_DATA", help="Adresář zdrojů / source directory.")]
DEFAULT_DB = Path("data/socmap.duckdb")
DEFAULT_DATA = Path("data")


def _err_console():
    from rich.console import Console  # created lazily: a module-level console hides output from CliRunner
    return Console(stderr=True, soft_wrap=True)


@app.command()
def build(db: DbOption = DEFAULT_DB, data: DataOption = DEFAULT_DATA,
          kraj: Annotated[str, typer.Option(help="NUTS 3 kód kraje nebo 'all' / region code or 'all'.")]
          = DEFAULT_KRAJ) -> None:
    """Sestaví databázi ze zdrojů / build the database from the sources."""
    from etl.build import build as run_build

    console = _err_console()
    started = time.perf_counter()
    progress = (lambda step: console.print(f"[dim]…[/] {step}")) if console.is_terminal else (lambda _: None)
    try:
        counts = run_build(db, data, kraj=kraj, progress=progress)
    except BuildError as exc:
        console.print(f"[bold red]{exc}[/]", highlight=False, soft_wrap=True)
        console.print(f"Předchozí databáze {db} zůstala beze změny / the previous database is untouched.")
        raise typer.Exit(1) from exc
    elapsed = time.perf_counter() - started
    console.print(f"Hotovo / done: {db} — {counts['municipality']} obcí, {counts['service']} služeb, "
                  f"{counts['source']} zdrojů, {elapsed:.1f} s")


@app.command()
def status(db: DbOption = DEFAULT_DB,
           as_json: Annotated[bool, typer.Option("--json", help="Výstup jako JSON / output JSON.")] = False) -> None:
    """Počty řádků a podíl ilustrativních dat / row counts and share of illustrative data."""
    from etl.build import status as read_status

    if not db.exists():
        _err_console().print(f"Databáze {db} neexistuje; spusťte `socmap build` / "
                             f"database {db} does not exist; run `socmap build`.")
        raise typer.Exit(1)
    result = read_status(db)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{'tabulka / table':<20} {'řádky':>8} {'ilustrativní':>13}")
    for table, row in result["tables"].items():
        typer.echo(f"{table:<20} {row['rows']:>8} {row['illustrative']:>13}")
    typer.echo(f"podíl ilustrativních řádků / illustrative share: {result['illustrative_share']:.1%}")


@app.command()
def serve(db: DbOption = DEFAULT_DB,
          host: Annotated[str, typer.Option(envvar="SOCMAP_HOST")] = "127.0.0.1",
          port: Annotated[int, typer.Option(envvar="SOCMAP_PORT")] = 8050,
          workers: Annotated[int, typer.Option(envvar="SOCMAP_WORKERS", help="gunicorn workers")] = 2,
          debug: Annotated[bool, typer.Option(help="Vývojový server Dash / Dash development server.")] = False,
          ) -> None:
    """Spustí dashboard / serve the dashboard."""
    if not db.exists():
        _err_console().print(f"Databáze {db} neexistuje; spusťte `socmap build` / "
                             f"database {db} does not exist; run `socmap build`.")
        raise typer.Exit(1)
    os.environ["SOCMAP_DB"] = str(db.resolve())
    _err_console().print(f"socmap: http://{host}:{port}/  (databáze {db})")
    if debug:
        from dashboard.app import create_app

        create_app().run(host=host, port=port, debug=True)
        return
    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}",
                               "--workers", str(workers), "--access-logfile", "-", "dashboard.wsgi:server"])


if __name__ == "__main__":
    app()
