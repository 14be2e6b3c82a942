"""What the loaded data is, said once for every page and file: how complete the registry is, which inputs
are illustrative or assumed, and the source lines that credit what was really used."""

from __future__ import annotations

from dashboard import db
from dashboard.i18n import format_date

POPULATION = "obyvatelé ČSÚ k 1. 1. 2021"
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


def points_credit() -> str:
    """What the points on the maps really are: geocoded addresses (© OpenStreetMap) only where there are any."""
    used = set(db.query("point_sources")["geo_precision"])
    parts = []
    if used & {"address", "street"}:
        parts.append("adresy z geokódování (© přispěvatelé OpenStreetMap)")
    if "municipality" in used:
        parts.append("střed obce (ArcČR 500), kde adresa není geokódovaná" if parts else
                     "všechna místa jen ve středu své obce (ArcČR 500), adresy nejsou geokódované")
    return "polohy míst: " + ", jinak ".join(parts) if parts else "místa bez polohy"


def places_credit() -> str:
    return f"{registry_credit()}; {points_credit()}; hranice ORP ČÚZK/RÚIAN"


def capacity_source(illustrative: bool = False) -> str:
    mark = "; obsahuje ilustrativní záznamy" if illustrative else ""
    return f"Zdroj: {registry_credit()}, registrovaná kapacita{mark}; {POPULATION}"


def distance_source(illustrative: bool = False) -> str:
    mark = "; obsahuje ilustrativní záznamy" if illustrative else ""
    return f"Zdroj: {registry_credit()}{mark}; {points_credit()}; vzdušná geodetická vzdálenost od středu obce"


def illustrative_inputs() -> list[str]:
    """The documents of every illustrative or assumed input that loaded rows cite."""
    return list(db.query("illustrative_inputs")["document"])


RULES = [
    ("Kapacita území", "Registrovaná kapacita aktivních služeb (bez ukončených) v jedné jednotce, nikdy sečtená "
     "přes jednotky. Pobytová a ambulantní forma se počítá v obcích míst poskytování rovným dílem, terénní forma "
     "v celé působnosti služby (kraj, jinak ORP jejích míst) podle počtu obyvatel. Je to maximum, ne volná místa."),
    ("Stav údaje", "Sečteno ze zdroje; nejméně X, když část služeb kapacitu neuvádí; neuvedeno, když ji neuvádí "
     "žádná; kapacita v jiné jednotce; v načtených datech žádná služba, když je registr jen výtah; 0 – žádná "
     "služba jen podle úplného registru. Neznámé se nikdy nekreslí ani nepíše jako 0: v souborech zůstává buňka "
     "prázdná a sloupec „stav údaje“ říká proč."),
    ("Na 10 000 obyvatel", "Kapacita ÷ počet obyvatel (ČSÚ k 1. 1. 2021) × 10 000; průměr kraje je totéž pro celý "
     "kraj."),
    ("Mezera", "Cíl × obyvatelé ÷ 10 000 − kapacita: kladná chybí, záporná přebývá; u kapacity „nejméně X“ je to "
     "nejvýše chybějící počet; u neznámé kapacity „nelze určit“."),
    ("Cíl", "Výchozí cíle jsou předpoklady socmap, ne schválené normy; plánovač je změní ve svém sešitu nebo na "
     "stránce Kapacity."),
    ("Vzdálenost", "Vzdušná geodetická vzdálenost (WGS-84) ze středu obce k nejbližšímu místu aktivní služby druhu; "
     "místo známé jen podle obce leží ve středu obce. Podíl obyvatel dál než N km váží obce počtem obyvatel."),
    ("Obsazenost", "Obsazená lůžka ÷ kapacita za měsíc, kde je vykázaná; skutečné hlášení za období nahrazuje "
     "ilustrativní měsíce, které překrývá; měsíční průměr může být desetinný."),
]


def unknown_sentences() -> list[str]:
    """What socmap does not know, counted on the loaded data."""
    u = db.query("unknowns").iloc[0]
    sentences = [
        "Volná místa: registr uvádí maximum, ne obsazenost; volná místa socmap nezná.",
        f"Kapacitu neuvádí {u.services_no_capacity} z {u.services} aktivních služeb.",
        f"Jen podle obce (ne podle adresy) je umístěno {u.places_municipality_only} z {u.places} míst poskytování.",
        f"Nikdo nespočítal {u.stages_uncounted} z {u.stages} kroků přidělovacích řízení.",
        f"Obsazenost hlásí {u.services_with_occupancy} služeb, z toho skutečně (ne ilustrativně) "
        f"{u.services_with_real_occupancy}.",
    ]
    if u.norms_assumed:
        sentences.append(f"Cílové normy: {u.norms_assumed} z {u.norms} jsou předpoklady socmap, ne schválené normy.")
    if not registry()["complete"]:
        sentences.append("Služby, které výtah registru neobsahuje: jejich počet není znám, dokud se nenačte úplný "
                         "registr (socmap fetch registry).")
    return sentences
