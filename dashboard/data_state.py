"""What the loaded data is, said once for every page and file: how complete the registry is, which inputs
are illustrative or assumed, and the source lines that credit what was really used."""

from __future__ import annotations

from dashboard import db
from dashboard.i18n import format_date

POPULATION = "obyvatelé ČSÚ k 1. 1. 2021"
POINTS = ("místa poskytování: adresa z geokódování (© přispěvatelé OpenStreetMap), jinak střed obce (ArcČR 500)")
ABOUT = "/o-datech"


def registry() -> dict:
    rows = db.query("registry_state")
    if rows.empty:
        return {"document": "Registr poskytovatelů sociálních služeb", "date": None, "complete": False,
                "coverage": None, "services": 0}
    return rows.iloc[0].to_dict()


def registry_credit() -> str:
    """'Výtah registru … sestavený z veřejných zdrojů (47 služeb, neúplný)' or the fetched file with its date."""
    r = registry()
    if r["complete"]:
        dated = f", stažený {format_date(r['date'])}" if r.get("date") is not None and r["date"] == r["date"] else ""
        return f"Registr poskytovatelů sociálních služeb MPSV (úplný soubor{dated})"
    return f"výtah registru sestavený z veřejných zdrojů ({r['services']} služeb, neúplný)"


def registry_sentence() -> str:
    """One sentence on what an area without a listed service means."""
    r = registry()
    if r["complete"]:
        dated = f" stažený {format_date(r['date'])}" if r.get("date") is not None and r["date"] == r["date"] else ""
        return (f"Načtený registr je úplný soubor MPSV{dated}: území bez služby v něm žádnou registrovanou "
                "službu daného druhu nemá (0).")
    return (f"Načtený registr je jen výtah sestavený z veřejných zdrojů ({r['services']} služeb), ne úplný "
            "soubor: území bez služby ve výtahu neznamená, že tam žádná není („v načtených datech žádná služba“).")


def capacity_source(illustrative: bool = False) -> str:
    mark = "; obsahuje ilustrativní záznamy" if illustrative else ""
    return f"Zdroj: {registry_credit()}, registrovaná kapacita{mark}; {POPULATION}"


def distance_source(illustrative: bool = False) -> str:
    mark = "; obsahuje ilustrativní záznamy" if illustrative else ""
    return (f"Zdroj: {registry_credit()}{mark}; {POINTS}; vzdušná geodetická vzdálenost od středu obce")


def illustrative_inputs() -> list[str]:
    """The documents of every illustrative or assumed input that loaded rows cite."""
    return list(db.query("illustrative_inputs")["document"])
