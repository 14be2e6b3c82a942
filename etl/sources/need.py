"""Index sociálního vyloučení 2023 (MMR ČR) as published: data/need/index-socialniho-vylouceni-2023.xlsx.

One sheet, one row per municipality, 31 columns whose headers are read exactly as the publisher wrote
them (typos included: "Počet obyvyatel", "sitauci"). The file is streamed (openpyxl read_only). Each
indicator keeps its base (population 15+ or 15–64 …) and its date. The four school columns hold a
text note where the municipality has no primary school: that is "převzato z nejbližší obce se
školou", kept as a note with no value — never 0, never missing. Joined on kód obce only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.errors import Problems

FILE = "need/index-socialniho-vylouceni-2023.xlsx"
SHEET = "Index soc. vyloučení 2023"
SOURCE_ID = "MMR-ISV-2023"
SCHOOL_NOTE = "převzato z nejbližší obce se školou"
# The publisher's note in the school columns starts so; its tail carries a typo ("sitauci").
SCHOOL_NOTE_START = "Daná obec nemá na svém území ZŠ"
BANDS = ((0, 1, "0 až 1"), (2, 7, "2 až 7"), (8, 11, "8 až 11"), (12, 30, "12 až 30"))
END_2023 = dt.date(2023, 12, 31)
SCHOOL_YEAR_END = dt.date(2023, 6, 30)


@dataclass(frozen=True)
class Indicator:
    code: str
    header: str          # exactly as published
    name_cs: str
    unit: str            # osob, %, kvocient, bodů
    base: str | None     # what a share is a share of
    as_of: dt.date
    period: str          # the publisher's reference period, for captions
    school: bool = False  # may hold the "no school here" note


P15 = "obyvatelé 15+ (k 31. 12. 2023)"
P1564 = "obyvatelé 15–64 (k 31. 12. 2023)"
LEAVERS = "předčasné odchody ze ZŠ v obci (běžné třídy)"
K = "k 31. 12. 2023"
AVG = "průměrný měsíc r. 2023"
DEC = "prosinec 2023"
SY = "školní rok 2022/23"
INDICATORS = (
    Indicator("population_15plus", "Počet obyvyatel - starších 15 let (k 31. 12. 2023)", "Obyvatelé 15+", "osob",
              None, END_2023, K),
    Indicator("population_15_64", "Počet obyvyatel - 15 až 64 let (k 31. 12. 2023)", "Obyvatelé 15–64", "osob",
              None, END_2023, K),
    Indicator("distraint_count", "Počet osob v exekuci (k 31. 12. 2023)", "Osoby v exekuci", "osob", None,
              END_2023, K),
    Indicator("distraint_share", "% podíl obyvatel v exekuci (k 31. 12. 2023; vztaženo na obyvatelstvo 15+)",
              "Podíl osob v exekuci", "%", P15, END_2023, K),
    Indicator("distraint_lq", "Osoby v exekuci - lokalizační kvocient", "Osoby v exekuci – lokalizační kvocient",
              "kvocient", P15, END_2023, K),
    Indicator("housing_allowance_count", "Počet vyplacených PnB (průměrný měsíc r. 2023)",
              "Vyplacené příspěvky na bydlení", "dávek", None, END_2023, AVG),
    Indicator("housing_allowance_share", "% podíl příjemců PnB (průměrný měsíc r. 2023; vztaženo na "
              "obyvatelstvo 15+)", "Podíl příjemců příspěvku na bydlení", "%", P15, END_2023, AVG),
    Indicator("housing_allowance_lq", "PnB - lokalizační kvocient", "Příspěvek na bydlení – lokalizační kvocient",
              "kvocient", P15, END_2023, AVG),
    Indicator("subsistence_count", "Počet vyplacených PnŽ (průměrný měsíc r. 2023)",
              "Vyplacené příspěvky na živobytí", "dávek", None, END_2023, AVG),
    Indicator("subsistence_share", "% podíl příjemců PnŽ (průměrný měsíc r. 2023; vztaženo na obyvatelstvo 15+)",
              "Podíl příjemců příspěvku na živobytí", "%", P15, END_2023, AVG),
    Indicator("subsistence_lq", "PnŽ - lokalizační kvocient", "Příspěvek na živobytí – lokalizační kvocient",
              "kvocient", P15, END_2023, AVG),
    Indicator("jobseekers_6m_count", "Počet uchazečů o zaměstnání evidovaných ÚP déle než 6 měsíců (prosinec 2023)",
              "Uchazeči o zaměstnání déle než 6 měsíců", "osob", None, END_2023, DEC),
    Indicator("jobseekers_6m_share", "% podíl uchazečů o zaměstnání evidovaných ÚP déle než 6 měsíců (prosinec "
              "2023; vztaženo na obyvatelstvo 15 až 64)", "Podíl uchazečů o zaměstnání déle než 6 měsíců", "%",
              P1564, END_2023, DEC),
    Indicator("jobseekers_6m_lq", "Uchazeči o zaměstnání evidovaní ÚP déle než 6 měsíců - lokalizační kvocient",
              "Dlouhodobí uchazeči o zaměstnání – lokalizační kvocient", "kvocient", P1564, END_2023, DEC),
    Indicator("school_leavers_count", "Počet předčasných odchodů ze ZŠ - běžné třídy (školní rok 2022/23)",
              "Předčasné odchody ze ZŠ", "žáků", None, SCHOOL_YEAR_END, SY, True),
    Indicator("school_leavers_share", "% podíl předčasných odchodů ze ZŠ na celkovém počtu předčasných odchodů "
              "ze ZŠ - běžné třídy (školní rok 2022/23)", "Podíl předčasných odchodů ze ZŠ", "%", LEAVERS,
              SCHOOL_YEAR_END, SY, True),
    Indicator("school_finished_count", "Celkový počet žáků, kteří ukončili povinnou školní docházku - běžné "
              "třídy (školní rok 2022/23)", "Žáci, kteří ukončili povinnou docházku", "žáků", None,
              SCHOOL_YEAR_END, SY, True),
    Indicator("school_leavers_lq", "Předčasné odchody ze ZŠ - běžné třídy - lokalizační kvocient",
              "Předčasné odchody ze ZŠ – lokalizační kvocient", "kvocient", LEAVERS, SCHOOL_YEAR_END, SY, True),
    Indicator("index_points", "Index soc. vyloučení 2023 (0-30 bodů)", "Index sociálního vyloučení (0–30 bodů)",
              "bodů", "součet bodů za ukazatele", END_2023, K),
)
CODE_HEADER = "Kód obce"
NAME_HEADER = "Název obce"
BAND_HEADER = "Index soc. vyloučení 2023 (4 kategorie bodů)"
REQUIRED = (CODE_HEADER, NAME_HEADER, *(i.header for i in INDICATORS), BAND_HEADER)


def band_of(points: float) -> str:
    return next(label for low, high, label in BANDS if low <= points <= high)


def source() -> pd.DataFrame:
    return pd.DataFrame([{
        "source_id": SOURCE_ID, "document": "MMR ČR, Index sociálního vyloučení 2023", "date": END_2023,
        "link": "https://github.com/falconizmi/Socialni-atlas-Usteckeho-kraje/blob/"
                "f395d0f220edf509e586844a5f14f916d0de833e/backend/index_vylouceni.xlsx",
        "publisher": "Ministerstvo pro místní rozvoj ČR, Odbor pro sociální začleňování", "kind": "otevřená data",
        "licence": "otevřená data MMR ČR (citovat zdroj a datum)", "is_illustrative": False,
        "note": "Soubor ministerstva beze změny (list „Index soc. vyloučení 2023“); data k 31. 12. 2023, "
                "dávky průměrný měsíc 2023, školy školní rok 2022/23"}])


def measures() -> pd.DataFrame:
    """One row per indicator: its Czech name, unit, base, date and period (table need_measure)."""
    return pd.DataFrame([{"indicator": i.code, "name_cs": i.name_cs, "unit": i.unit, "base": i.base,
                          "as_of": i.as_of, "period": i.period, "sort_order": n, "source_id": SOURCE_ID}
                         for n, i in enumerate(INDICATORS, start=1)])


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def read(data_dir: Path, scope: set[str], national: set[str], problems: Problems) -> pd.DataFrame | None:
    """Rows of need_indicator for the municipalities in `scope` (all rows are checked, in or out of scope).

    `national` holds every kód obce of the reference geography: a code outside it is an error.
    """
    import openpyxl

    path = data_dir / FILE
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — whatever the library says, the file cannot be opened
        problems.add(FILE, f"soubor nelze otevřít ({exc})", f"cannot open the file ({exc})")
        return None
    try:
        if SHEET not in book.sheetnames:
            problems.add(FILE, f"chybí list „{SHEET}“ (listy: {', '.join(book.sheetnames)})",
                         f"sheet {SHEET!r} is missing (sheets: {', '.join(book.sheetnames)})")
            return None
        return _rows(book[SHEET].iter_rows(values_only=True), scope, national, problems)
    finally:
        book.close()


def _rows(rows, scope: set[str], national: set[str], problems: Problems) -> pd.DataFrame | None:
    label = f"{FILE} [list {SHEET}]"
    headers = [None if h is None else str(h).strip() for h in next(rows, ())]
    missing = [h for h in REQUIRED if h not in headers]
    for header in missing:
        problems.add(label, "chybí sloupec (záhlaví se čte přesně, jak je ministerstvo zveřejnilo)",
                     "column is missing (headers are read exactly as the ministry published them)", row=1,
                     column=header)
    if missing:
        return None
    at = {h: headers.index(h) for h in REQUIRED}
    out, seen = [], set()
    before = len(problems.items)
    for line, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        raw_code = values[at[CODE_HEADER]]
        code = str(raw_code).strip() if raw_code is not None else ""
        if isinstance(raw_code, float) and raw_code.is_integer():
            code = str(int(raw_code))
        if code not in national:
            problems.add(label, "neznámý kód obce (není v referenční geografii)",
                         "unknown municipality code (not in the reference geography)", row=line,
                         column=CODE_HEADER, value=raw_code)
            continue
        if code in seen:
            problems.add(label, "kód obce se opakuje", "municipality code repeats", row=line, column=CODE_HEADER,
                         value=code)
            continue
        seen.add(code)
        found = {}
        for ind in INDICATORS:
            cell = values[at[ind.header]]
            number = _number(cell)
            if number is not None and number >= 0:
                found[ind.code] = (number, None)
            elif ind.school and isinstance(cell, str) and cell.strip().startswith(SCHOOL_NOTE_START):
                found[ind.code] = (None, SCHOOL_NOTE)
            else:
                why = ("prázdná buňka" if cell is None else "není nezáporné číslo",
                       "empty cell" if cell is None else "not a non-negative number")
                problems.add(label, why[0], why[1], row=line, column=ind.header, value=cell)
        points = found.get("index_points", (None, None))[0]
        if points is not None:
            band = values[at[BAND_HEADER]]
            if not 0 <= points <= 30 or points != int(points):
                problems.add(label, "index má být celé číslo 0–30", "the index must be a whole number 0–30",
                             row=line, column="Index soc. vyloučení 2023 (0-30 bodů)", value=points)
            elif str(band).strip() != band_of(points):
                problems.add(label, f"kategorie neodpovídá bodům (čekám „{band_of(points)}“)",
                             f"the band does not match the points (expected {band_of(points)!r})", row=line,
                             column=BAND_HEADER, value=band)
        if code in scope:
            out += [(code, ind.code, *found[ind.code], ind.base, ind.as_of) for ind in INDICATORS if ind.code in found]
    if len(problems.items) > before:
        return None
    for code in sorted(scope - seen):
        problems.add(label, "obec v souboru chybí", "municipality is missing from the file", column=CODE_HEADER,
                     value=code)
    frame = pd.DataFrame(out, columns=["kod_obce", "indicator", "value", "note", "base", "as_of"])
    frame["source_id"] = SOURCE_ID
    return frame
