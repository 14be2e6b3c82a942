"""The `socmap` command: a thin skin over etl.build (and, for serve, over dashboard.app)."""

from __future__ import annotations

import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

from common.settings import DEFAULTS, Settings, env
from etl.errors import BuildError

app = typer.Typer(help="socmap: síť sociálních služeb Libereckého kraje / social-services network.",
                  no_args_is_help=True, add_completion=False)

# Defaults and variable names come from the one declaration of settings (common/settings.py).
DbOption = Annotated[Path, typer.Option("--db", envvar=env("db_path"), help="Soubor DuckDB / DuckDB file.")]
DataOption = Annotated[Path, typer.Option("--data", envvar=env("data_dir"),
                                          help="Adresář zdrojů / source directory.")]
DEFAULT_DB = DEFAULTS.db_path
DEFAULT_DATA = DEFAULTS.data_dir
DEFAULT_KRAJ = DEFAULTS.kraj


def _err_console():
    from rich.console import Console  # created lazily: a module-level console hides output from CliRunner
    return Console(stderr=True, soft_wrap=True)


def _require_database(db: Path) -> None:
    """Exit 1 with what to run when the built file is missing."""
    if not db.exists():
        _err_console().print(f"Databáze {db} neexistuje; spusťte `socmap build` / "
                             f"database {db} does not exist; run `socmap build`.")
        raise typer.Exit(1)


def _with_database(db: Path, work):
    """Run work(connection) on the built file, read-only; a missing file says what to run."""
    from etl.build import connect

    _require_database(db)
    con = connect(db, read_only=True)
    try:
        return work(con)
    finally:
        con.close()


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
        counts = run_build(db, data, kraj=kraj, progress=progress, memory=Settings.from_env().build_memory)
    except BuildError as exc:
        console.print(str(exc), style="bold red", markup=False, highlight=False, soft_wrap=True)
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

    _require_database(db)
    result = read_status(db)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{'tabulka / table':<20} {'řádky':>8} {'ilustrativní':>13}")
    for table, row in result["tables"].items():
        typer.echo(f"{table:<20} {row['rows']:>8} {row['illustrative']:>13}")
    typer.echo(f"podíl ilustrativních řádků / illustrative share: {result['illustrative_share']:.1%}")
    sections = [
        ("services_by_kind", "Služby podle druhu / services by kind", ["kind", "services", "illustrative"]),
        ("services_by_orp", "Služby podle ORP (první místo) / services by ORP", ["orp", "services"]),
        ("capacity_by_kind_and_orp", "Registrovaná kapacita aktivních služeb / registered capacity",
         ["kind", "orp", "capacity_type", "capacity"]),
        ("planned_services", "Záměry (scénář, nezapočtené do dnešní sítě) / planned services (a scenario)",
         ["kind", "municipality", "capacity", "capacity_type", "date_from", "name"]),
        ("geo_precision", "Přesnost souřadnic míst / precision of points", ["precision", "places"]),
        ("warnings", "Varování sestavení / build warnings", ["file", "record", "field", "value", "reason_cs"]),
    ]
    for key, title, columns in sections:
        typer.echo(f"\n{title}")
        rows = result[key]
        if not rows:
            typer.echo("  (žádné / none)")
        for row in rows:
            typer.echo("  " + " | ".join("" if row.get(c) is None else str(row.get(c)) for c in columns))


@app.command()
def geocode(db: DbOption = DEFAULT_DB, data: DataOption = DEFAULT_DATA,
            limit: Annotated[int | None, typer.Option(help="Nejvýše N dotazů / at most N queries.")] = None,
            dry_run: Annotated[bool, typer.Option("--dry-run", help="Jen vypsat / only list.")] = False,
            contact: Annotated[str, typer.Option(envvar=env("geocoder_contact"),
                                                 help="Kontakt do user agenta / contact for the user agent.")]
            = DEFAULTS.geocoder_contact,
            url: Annotated[str, typer.Option(envvar=env("geocoder_url"), help="Nominatim host.")]
            = DEFAULTS.geocoder_url,
            ) -> None:
    """Doplní cache souřadnic adres (Nominatim, 1 dotaz/s) / fill the geocoding cache."""
    from etl import geocode as geo
    from etl.build import GEOCODE_CACHE, connect

    _require_database(db)
    con = connect(db, read_only=True)
    try:
        rows = con.execute("""SELECT p.address, m.name FROM service_place p
                              LEFT JOIN municipality m USING (kod_obce)
                              WHERE p.geo_precision NOT IN ('address') ORDER BY p.place_id""").fetchall()
    finally:
        con.close()
    queries = [q for q in (geo.query_for(a, m) for a, m in rows) if q]
    geocode_fn = None if dry_run else geo.nominatim(contact, domain=url)
    run = geo.geocode(queries, data / GEOCODE_CACHE, geocode_fn, url, limit=limit, dry_run=dry_run)
    verb = "by se zeptal / would ask" if dry_run else "dotázáno / asked"
    typer.echo(f"{verb}: {run.asked}, nalezeno / found: {run.found}, nenalezeno / not found: {run.not_found}, "
               f"už v cache / cached: {run.skipped_cached}. {geo.ATTRIBUTION}")
    if not dry_run and run.asked:
        typer.echo("Spusťte `socmap build`, aby se souřadnice použily / run `socmap build` to use them.")


@app.command()
def fetch(what: Annotated[str, typer.Argument(help="registry")], data: DataOption = DEFAULT_DATA,
          base_url: Annotated[str, typer.Option(envvar=env("registry_url"))] = DEFAULTS.registry_url,
          ) -> None:
    """Stáhne skutečný registr a číselníky / download the real registry and code lists."""
    from etl.fetch import fetch_registry

    if what != "registry":
        _err_console().print(f"Neznámý zdroj {what!r}; umím jen `registry` / unknown source, only `registry`.")
        raise typer.Exit(2)
    try:
        meta = fetch_registry(data, base_url)
    except BuildError as exc:
        _err_console().print(str(exc), style="bold red", markup=False, highlight=False)
        _err_console().print("Výtah v data/registry zůstal beze změny / the shipped extract is untouched.")
        raise typer.Exit(1) from exc
    typer.echo(f"Registr stažen / registry fetched: {meta['url']} ({meta['fetched_on']}). Spusťte `socmap build`.")


@app.command()
def check(file: Annotated[Path, typer.Argument(help="Sešit XLSX nebo CSV / workbook or CSV.")],
          data: DataOption = DEFAULT_DATA,
          kraj: Annotated[str, typer.Option(help="NUTS 3 kód kraje / region code.")] = DEFAULT_KRAJ) -> None:
    """Zkontroluje soubor plánovače bez sestavení / validate a planner's file without building."""
    from etl.build import check_file

    if not file.exists():
        _err_console().print(f"Soubor {file} neexistuje / file {file} does not exist.")
        raise typer.Exit(1)
    try:
        counts = check_file(file, data, kraj)
    except BuildError as exc:
        _err_console().print(str(exc).replace("Sestavení selhalo", "Kontrola selhala").replace(
            "Build failed", "Check failed"), markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    found = ", ".join(f"{name} {n}" for name, n in counts.items() if n)
    typer.echo(f"V pořádku / OK: {file} — {found or 'žádné řádky / no rows'}")


@app.command()
def template(file: Annotated[Path, typer.Argument(help="Cílový soubor .xlsx / target .xlsx file.")],
             db: DbOption = DEFAULT_DB) -> None:
    """Prázdný sešit pro plánovače s rozbalovacími seznamy / an empty workbook with drop-down lists."""
    from etl.template import lists_from_db, template_bytes

    file.write_bytes(template_bytes(*_with_database(db, lists_from_db)))
    typer.echo(f"Šablona / template: {file}")


@app.command("export-hsds")
def export_hsds(out_dir: Annotated[Path, typer.Argument(help="Cílový adresář / target folder.")],
                db: DbOption = DEFAULT_DB) -> None:
    """Adresář jako datový balíček Open Referral HSDS / the directory as an HSDS data package."""
    from dashboard.exports.hsds import write_hsds

    counts = _with_database(db, lambda con: write_hsds(con, out_dir))
    typer.echo(f"HSDS: {out_dir}/datapackage.json — " + ", ".join(f"{t} {n}" for t, n in counts.items()))


@app.command("export")
def export_pack(out: Annotated[Path, typer.Argument(help="Cílový soubor .zip / target .zip file.")],
                area: Annotated[str, typer.Option("--area", help="Kód ORP (např. 5104) nebo kraj / ORP code or kraj.")]
                = "kraj",
                db: DbOption = DEFAULT_DB) -> None:
    """Balíček pro strategii: grafy (PNG, SVG), tabulky (XLSX) a zpráva (DOCX) / the report pack of an area."""
    _require_database(db)
    from dashboard import db as database
    from dashboard.exports import render
    from dashboard.exports.pack import make_pack  # imports dashboard.charts, whose topic modules register every chart
    from dashboard.inputs import InvalidInput

    database.init(db.resolve())  # no Dash app: the charts need only the built file
    console = _err_console()
    started = time.perf_counter()

    def progress(done: int, total: int, what: str) -> None:
        console.print(f"[{done}/{total}] {what}")

    try:
        name, data = make_pack(area, progress)
    except InvalidInput as err:
        console.print(f"{err}. Území: kraj nebo kód ORP / area: kraj or an ORP code (socmap status).")
        raise typer.Exit(1) from None
    finally:
        render.stop()
    out.write_bytes(data)
    console.print(f"{out}: {len(data) / 1e6:.1f} MB za {time.perf_counter() - started:.1f} s ({name})")


@app.command("deploy-copy")
def deploy_copy(source: Annotated[Path, typer.Argument(help="Sestavený soubor / the built file.")],
                live: Annotated[list[Path], typer.Argument(help="Živé soubory replik / the replicas' live files.")],
                ) -> None:
    """Zkopíruje sestavený soubor k živému souboru repliky a atomicky jej vymění / copy a built file in
    beside each replica's live file, verify it and swap it in (os.replace)."""
    from etl.deploy import DeployError, copy_in

    for target in live:
        try:
            done = copy_in(source, target)
        except DeployError as exc:
            _err_console().print(f"{exc}\nŽivý soubor {target} zůstal beze změny / the live file is untouched.",
                                 style="bold red", markup=False, highlight=False)
            raise typer.Exit(1) from exc
        typer.echo(f"{done['live']}: vyměněno / swapped in ({done['bytes']} B, {done['tables']} tabulek, "
                   f"sha256 {done['sha256'][:12]}…, {done['seconds']:.2f} s)")


user_app = typer.Typer(help="Uživatelé přihlášení (SOCMAP_AUTH) / login users.", no_args_is_help=True)
app.add_typer(user_app, name="user")
UsersOption = Annotated[Path, typer.Option("--users", envvar=env("auth_file"),
                                           help="Soubor uživatelů / users file (SOCMAP_AUTH).")]


@user_app.command("add")
def user_add(name: Annotated[str, typer.Argument(help="Přihlašovací jméno / login name.")], users: UsersOption,
             ) -> None:
    """Přidá uživatele nebo změní jeho heslo (zeptá se na ně) / add a user or change their password."""
    from dashboard.auth import UsersFileError, add_user

    password = typer.prompt("Heslo / password", hide_input=True, confirmation_prompt=True, err=True)
    try:
        existed = add_user(users, name, password)
    except UsersFileError as exc:
        _err_console().print(f"{exc.cs} / {exc.en}", markup=False)
        raise typer.Exit(2) from exc
    verb = "heslo změněno / password changed" if existed else "přidán / added"
    typer.echo(f"{name}: {verb} ({users})")


@user_app.command("remove")
def user_remove(name: Annotated[str, typer.Argument(help="Přihlašovací jméno / login name.")],
                users: UsersOption) -> None:
    """Odebere uživatele; odhlásí se při dalším požadavku / remove a user (logged out at once)."""
    from dashboard.auth import remove_user

    if not remove_user(users, name):
        _err_console().print(f"Uživatel {name} v {users} není / no such user.", markup=False)
        raise typer.Exit(1)
    typer.echo(f"{name}: odebrán / removed ({users})")


@user_app.command("list")
def user_list(users: UsersOption) -> None:
    """Vypíše jména uživatelů (ne hesla) / list the users' names."""
    from dashboard.auth import read_users

    for name in read_users(users):
        typer.echo(name)


@app.command()
def serve(db: DbOption = DEFAULT_DB,
          host: Annotated[str, typer.Option(envvar=env("host"))] = DEFAULTS.host,
          port: Annotated[int, typer.Option(envvar=env("port"))] = DEFAULTS.port,
          workers: Annotated[int, typer.Option(envvar=env("workers"), help="gunicorn workers")] = DEFAULTS.workers,
          debug: Annotated[bool, typer.Option(help="Vývojový server Dash / Dash development server.")] = False,
          replica: Annotated[str | None, typer.Option(
              envvar=env("replica"), help="Jméno repliky v hlavičce X-Socmap-Replica / replica name header.")]
          = None,
          auth: Annotated[Path | None, typer.Option(envvar=env("auth_file"), help="Soubor uživatelů: přihlášení "
                                                    "povinné / users file: login required.")] = None,
          ) -> None:
    """Spustí dashboard / serve the dashboard.

    gunicorn imports the app in each worker after fork (no --preload), so every worker opens the file
    read-only on its own; `--debug` alone uses Dash's development server (one process, reloader).
    """
    _require_database(db)
    # The workers read these back with Settings.from_env().
    os.environ[env("db_path")] = str(db.resolve())
    if replica:
        os.environ[env("replica")] = replica
    if auth is not None:
        if not auth.exists():
            _err_console().print(f"Soubor uživatelů {auth} neexistuje; vytvořte jej `socmap user add JMÉNO --users "
                                 f"{auth}` / users file {auth} does not exist; run `socmap user add`.")
            raise typer.Exit(1)
        os.environ[env("auth_file")] = str(auth.resolve())
        # One key for all the workers, so a login holds whichever worker answers; sessions end on restart.
        # Replicas behind one proxy need the same key: set SOCMAP_SECRET_KEY for all of them.
        os.environ.setdefault(env("secret_key"), secrets.token_urlsafe(32))
    # One folder for the workers' report packs, so a page's next request may reach any worker (dashboard/jobs.py).
    os.environ.setdefault(env("jobs_dir"), tempfile.mkdtemp(prefix="socmap-jobs-"))
    _err_console().print(f"socmap: http://{host}:{port}/  (databáze {db}"
                         + (f", přihlášení: {auth})" if auth else ")"))
    if debug:
        from dashboard.app import create_app

        create_app().run(host=host, port=port, debug=True)
        return
    # Threads, because a page asks for several callbacks at once; DuckDB gets a cursor per thread.
    os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}",
                               "--workers", str(workers), "--worker-class", "gthread", "--threads", "4",
                               "--access-logfile", "-", "dashboard.wsgi:server"])


if __name__ == "__main__":
    app()
