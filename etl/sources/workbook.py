"""Planners' workbooks: XLSX with one sheet per kind, or the same kinds as CSV from Czech Excel.

One reader for every file under data/planner/ — the shipped facts of the minutes and a planner's own
files alike. A file's kind is known from its headers, whatever its name; headers match without
regard to case, diacritics, spaces or underscores (`Pořadí` = `poradi`). Every problem of a file is
reported at once, with file, sheet, row, column, value and reason in Czech and English.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from common.vocabulary import HOUSING_STATUSES, PLAN_STATUSES, TOPICS, WORKBOOK_UNITS, fold_key
from etl.errors import Problems
from etl.sources import spreadsheet
from etl.sources.matching import SUGGEST_MAX_LOOKUPS, Suggest, best_match
from etl.sources.spreadsheet import CellError, Formula, TooLong, column_letter

__all__ = ["SUGGEST_MAX_LOOKUPS", "Suggest", "best_match"]  # where the planner and tests find them

DIR = "planner"
TOPIC_NAMES = tuple(TOPICS.values())
LOCAL_NEED = ("lidé bez přístřeší venku", "čekatelé na sociální byt", "odmítnutí pro nedostatek kapacity")
MONTHS = {m: i for i, m in enumerate(["leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen",
                                      "září", "říjen", "listopad", "prosinec"], start=1)}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str  # text, int, decimal, date, period, kind, kinds, obec, orp, service, enum, capacity_type
    required: bool = False
    description: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    kind: str
    title: str
    columns: tuple[Column, ...]
    description: str

    @property
    def required(self) -> set[str]:
        return {c.key for c in self.columns if c.required}


SOURCE = Column("zdroj", "Zdroj", "text", False, "Dokument (id z data/sources/documents.csv), fakt (F05) nebo "
                "adresa stránky; prázdné = tento sešit")
SHEETS = {s.kind: s for s in (
    Sheet("obsazenost", "Obsazenost", (
        Column("identifikator", "Identifikátor", "service", True, "Identifikátor služby v registru (7 číslic)"),
        Column("obdobi", "Období", "period", True, "Den (6. 1. 2020), měsíc (1/2020) nebo rozsah dnů "
               "(1. 7. 2023 – 10. 1. 2024)"),
        Column("jednotka", "Jednotka", "capacity_type", False, "lůžka, klienti, bytové jednotky … (prázdné = lůžka)"),
        Column("kapacita", "Kapacita", "int", False, "Kapacita v období"),
        Column("obsazeno", "Obsazeno", "decimal", False, "Obsazeno: v den, nebo průměrně za noc v měsíci (může být "
               "desetinné, 14,5); prázdné = nezjištěno, nikdy 0"),
        Column("odmitnuto", "Odmítnuto", "int", False, "Odmítnutí zájemci pro nedostatek kapacity"),
        Column("poznamka", "Poznámka", "text"), SOURCE),
        "Jak plná byla služba v období: den nebo měsíc, kapacita, obsazeno, odmítnuto."),
    Sheet("zadosti", "Žádosti", (
        Column("kolo", "Kolo", "text", True, "Označení kola přidělování (např. ZITAVSKA-2020)"),
        Column("datum", "Datum", "date", False, "Datum kola (6. 1. 2020)"),
        Column("program", "Program", "kind", True, "Nástroj nebo druh služby (Sociální byty, Housing First …)"),
        Column("poradi", "Pořadí", "int", True, "Pořadí fáze 1, 2, 3 …"),
        Column("faze", "Fáze", "text", True, "Název fáze (rozdané žádosti …)"),
        Column("pocet", "Počet", "int", False, "Počet; prázdné = nikdo nespočítal (nezjištěno), nikdy 0"),
        Column("duvod", "Důvod", "text", False, "Důvody odpadnutí a poznámka k fázi"),
        Column("jednotka", "Jednotka", "text", False, "Co se počítá (žádosti, byty, klienti)"),
        Column("nazev", "Název kola", "text", False, "Název kola pro grafy"),
        Column("obec", "Obec", "obec", False, "Obec (název nebo kód)"),
        Column("bydleni", "Bydlení", "text", False, "Id sociálního bydlení z listu Sociální bydlení"),
        Column("poznamka", "Poznámka ke kolu", "text"), SOURCE),
        "Kola přidělování (byty, Housing First): fáze s počty; co nikdo nespočítal, zůstává prázdné."),
    Sheet("socialni_bydleni", "Sociální bydlení", (
        Column("program", "Program", "kind", True, "Sociální byty, krizové byty, vstupní byty …"),
        Column("adresa", "Adresa", "text", False, "Ulice a číslo"),
        Column("obec", "Obec", "obec", True, "Obec (název nebo kód)"),
        Column("byty", "Byty", "int", False, "Počet bytů nebo míst; prázdné = neznámo"),
        Column("velikosti", "Velikosti", "text", False, "Např. 1+kk až 4+1"),
        Column("id", "Id", "text", False, "Krátké označení (SB-ZITAVSKA); prázdné = z názvu"),
        Column("nazev", "Název", "text", False, "Název domu nebo nástroje"),
        Column("stav", "Stav", "enum", False, "v provozu, plánováno, návrh, ukončeno", HOUSING_STATUSES),
        Column("od", "Od", "text", False, "Od kdy (2020, podzim 2017)"),
        Column("poznamka", "Poznámka", "text"),
        Column("fakta", "Fakta", "text", False, "Id zveřejněných faktů (F25|F28)"), SOURCE),
        "Byty a místa, které obec pronajímá mimo registr sociálních služeb."),
    Sheet("opatreni", "Opatření", (
        Column("plan", "Plán", "text", True, "Název plánu"),
        Column("cil", "Cíl", "text", True, "Cíl s číslem (4.1 Udržení stávající sítě …)"),
        Column("kod", "Kód", "text", True, "Číslo opatření (4.1.1)"),
        Column("text", "Text", "text", False, "Text opatření"),
        Column("druhy", "Druhy služeb", "kinds", False, "Druhy služeb, které opatření jmenuje (oddělené |)"),
        Column("stav", "Stav", "enum", False, "splněno, probíhá, nezahájeno, zrušeno", PLAN_STATUSES),
        Column("rok", "Rok", "int", False, "Rok hodnocení stavu"),
        Column("indikator", "Indikátor", "text"),
        Column("oblast", "Oblast", "text", False, "Oblast plánu"),
        Column("obec", "Obec", "obec", False, "Obec, jejíž plán to je"),
        Column("od", "Od roku", "int"), Column("do", "Do roku", "int"), SOURCE),
        "Cíle a opatření plánu a jejich stav po letech (jeden řádek na opatření a rok)."),
    Sheet("normy", "Normy", (
        Column("druh", "Druh služby", "kind", True, "Druh služby"),
        Column("jednotka", "Jednotka", "capacity_type", True, "lůžka, klienti …"),
        Column("na_10000", "Na 10 000 obyvatel", "decimal", True, "Cílová kapacita na 10 000 obyvatel"),
        Column("uroven", "Úroveň", "enum", False, "orp nebo obec", ("orp", "obec")),
        Column("stanovil", "Stanovil", "text", False, "Kdo normu stanovil"),
        Column("datum", "Datum", "date", False, "Kdy"), SOURCE),
        "Cílové kapacity na 10 000 obyvatel, výchozí hodnoty stránky Kapacity."),
    Sheet("zamery", "Záměry", (
        Column("druh", "Druh", "kind", True, "Druh služby, který má vzniknout (Noclehárny …)"),
        Column("obec", "Obec", "obec", True, "Obec: kód, „Název (kód)“ nebo jednoznačný název"),
        Column("kapacita", "Kapacita", "int", False, "Plánovaná kapacita; prázdné = neznámo (nikdy 0)"),
        Column("jednotka", "Jednotka", "capacity_type", False, "lůžka, klienti … (prázdné = obvyklá jednotka druhu)"),
        Column("od", "Od", "date", False, "Odkdy má služba fungovat (1. 1. 2027)"),
        Column("nazev", "Název", "text", False, "Název záměru"),
        Column("poznamka", "Poznámka", "text"), SOURCE),
        "Plánované služby (záměry): socmap je ukáže jako scénář vedle dnešní sítě, nikdy je nesečte do ní."),
    Sheet("zamereni", "Zaměření služeb", (
        Column("identifikator", "Identifikátor", "service", True, "Identifikátor služby (7 číslic) nebo id záznamu"),
        Column("zamereni", "Zaměření", "enum", True, "dluhové poradenství", TOPIC_NAMES),
        Column("poznamka", "Poznámka", "text"), SOURCE),
        "Co služba dělá nad rámec svého druhu (dluhové poradenství v odborném sociálním poradenství)."),
    Sheet("potreba", "Potřeba v místě", (
        Column("ukazatel", "Ukazatel", "enum", True, ", ".join(LOCAL_NEED), LOCAL_NEED),
        Column("obec", "Obec", "obec", False, "Obec (název nebo kód); nebo vyplňte ORP"),
        Column("orp", "ORP", "orp", False, "ORP (název nebo kód), když počet není za jednu obec"),
        Column("pocet", "Počet", "int", False, "Počet; prázdné = nezjištěno, nikdy 0"),
        Column("datum", "Datum", "date", True, "Den sčítání nebo stav seznamu (6. 1. 2020)"),
        Column("poznamka", "Poznámka", "text"), SOURCE),
        "Místní počty potřeby, které index nemá: lidé bez přístřeší venku, čekatelé na sociální byt, odmítnutí."),
)}


HEADER_KEYS = {kind: {**{fold_key(c.key): c.key for c in s.columns}, **{fold_key(c.header): c.key for c in s.columns}}
               for kind, s in SHEETS.items()}


def detect_kind(headers: list[str]) -> tuple[str | None, dict[int, str]]:
    """The kind whose required headers all appear, and the column index -> key mapping."""
    folded = [fold_key(h) if h is not None else "" for h in headers]
    best, best_map = None, {}
    for kind, keys in HEADER_KEYS.items():
        mapping = {i: keys[f] for i, f in enumerate(folded) if f in keys}
        if SHEETS[kind].required <= set(mapping.values()) and len(mapping) > len(best_map):
            best, best_map = kind, mapping
    return best, best_map


# --- values --------------------------------------------------------------------------------------

def parse_number(value) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", ".")
    return float(text)


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})", text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    raise ValueError(text)


def parse_period(value) -> tuple[dt.date, dt.date]:
    """A day (6. 1. 2020, 2020-01-06), a month (1/2020, 01.2020, 2020-01, leden 2020) or a range of
    days (1. 7. 2023 – 10. 1. 2024)."""
    if isinstance(value, (dt.date, dt.datetime)):
        day = parse_date(value)
        return day, day
    text = str(value).strip().casefold()
    if m := re.fullmatch(r"(.+?)\s+[–-]\s+(.+)", text):
        start, end = parse_date(m[1]), parse_date(m[2])
        if end < start:
            raise ValueError(text)
        return start, end
    month = year = None
    if m := re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{4})", text):
        month, year = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"([^\W\d_]+)\s+(\d{4})", text):
        month, year = MONTHS.get(m[1]), int(m[2])
    if month and year and 1 <= month <= 12:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = parse_date(text)
    return day, day


@dataclass
class Context:
    """What references in a workbook are checked against."""
    services: dict[str, str]              # identifikator -> name
    municipalities: pd.DataFrame          # index kod_obce; column name: the built region's (names resolve here)
    kinds: pd.DataFrame                   # kind_code, name_cs
    sources: set[str]                     # source ids of documents
    facts: dict[str, str] = field(default_factory=dict)  # fact id -> source id
    national_codes: set[str] = field(default_factory=set)  # every kód obce of the country
    # A registry fetched over the extract has other identifiers: rows naming a missing service are
    # then skipped with a warning (into this collector) instead of failing the build.
    lenient_services: Problems | None = None
    housing_ids: set[str] = field(default_factory=set)  # social housing of other files (for `socmap check`)
    illustrative_sources: set[str] = field(default_factory=set)  # real rows replace illustrative ones
    usual_units: dict[str, str] = field(default_factory=dict)  # kind_code -> its usual capacity unit
    orps: dict[str, str] = field(default_factory=dict)  # kod_orp -> name, of the country
    suggest: Suggest = field(default_factory=lambda: Suggest())  # closest matches, bounded for the run


SKIP = object()
INT_MAX = 2_147_483_647  # the model's INTEGER columns: a count beyond it is refused here, not by the build
TEXT_EXPECTED = {"text", "kind", "kinds", "obec", "service", "enum", "capacity_type"}


class Converter:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.kind_by_name = {fold_key(n): k for k, n in zip(ctx.kinds["kind_code"], ctx.kinds["name_cs"], strict=True)}
        self.kind_by_name.update({fold_key(k): k for k in ctx.kinds["kind_code"]})
        names = ctx.municipalities["name"]
        counts = names.map(fold_key).value_counts()
        self.obec_by_name = {fold_key(n): k for k, n in names.items() if counts[fold_key(n)] == 1}
        self.obec_labels = [f"{n} ({k})" for k, n in names.items()]
        self.kind_names = list(ctx.kinds["name_cs"])

    def convert(self, column: Column, value):
        """Return (value, None) or (None, (reason_cs, reason_en))."""
        kind = column.kind
        try:
            if kind == "text":
                return str(value).strip(), None
            if kind in ("int", "decimal"):
                number = parse_number(value)
                if not math.isfinite(number):
                    return None, ("není konečné číslo (NaN nebo nekonečno)", "is not a finite number (NaN or infinity)")
                if kind == "decimal":
                    return number, None
                if number != int(number) or number < 0:
                    return None, ("není celé nezáporné číslo", "is not a whole non-negative number")
                if number > INT_MAX:
                    return None, (f"číslo je větší než {INT_MAX:_}, největší, jaké sloupec pojme".replace("_", " "),
                                  f"the number exceeds {INT_MAX:,}, the largest the column holds")
                return int(number), None
            if kind == "date":
                return parse_date(value), None
            if kind == "period":
                return parse_period(value), None
        except (ValueError, TypeError):
            expected = {"int": ("číslo", "a number"), "decimal": ("číslo", "a number"),
                        "date": ("datum (6. 1. 2020)", "a date (6. 1. 2020)"),
                        "period": ("den nebo měsíc (1/2020)", "a day or a month (1/2020)")}[kind]
            return None, (f"očekáváno {expected[0]}", f"expected {expected[1]}")
        text = str(value).strip()
        if kind == "capacity_type":
            for code, name in WORKBOOK_UNITS.items():
                if fold_key(text) in (fold_key(code), fold_key(name)):
                    return code, None
            return None, (f"neznámá jednotka; možné: {', '.join(WORKBOOK_UNITS.values())}",
                          f"unknown unit; allowed: {', '.join(WORKBOOK_UNITS)}")
        if kind == "enum":
            for choice in column.choices:
                if fold_key(text) == fold_key(choice):
                    return choice, None
            return None, (f"neznámá hodnota; možné: {', '.join(column.choices)}",
                          f"unknown value; allowed: {', '.join(column.choices)}")
        if kind in ("kind", "kinds"):
            codes = []
            for part in [p for p in re.split(r"[|;]", text) if p.strip()] if kind == "kinds" else [text]:
                code = self.kind_by_name.get(fold_key(part))
                if code is None:
                    cs, en = self.ctx.suggest(part, self.kind_names, "kind")
                    return None, (f"neznámý druh služby.{cs}", f"unknown kind of service.{en}")
                codes.append(code)
            return (codes if kind == "kinds" else codes[0]), None
        if kind == "obec":
            codes = self.ctx.national_codes or set(self.ctx.municipalities.index)
            code = text if text in codes else None
            if m := re.fullmatch(r".*\((\d{6})\)\s*", text):
                code = m[1] if m[1] in codes else None
            code = code or self.obec_by_name.get(fold_key(text))
            if code is None:
                cs, en = self.ctx.suggest(text, self.obec_labels, "obec")
                return None, (f"obec v kraji neexistuje nebo není jednoznačná.{cs}",
                              f"no such municipality in the region, or ambiguous.{en}")
            return code, None
        if kind == "orp":
            by_name = {fold_key(n): k for k, n in self.ctx.orps.items()}
            code = text if text in self.ctx.orps else by_name.get(fold_key(text.removeprefix("ORP ")))
            if code is None:
                cs, en = self.ctx.suggest(text, list(self.ctx.orps.values()), "orp")
                return None, (f"neznámé ORP.{cs}", f"unknown ORP.{en}")
            return code, None
        if kind == "service":
            if text in self.ctx.services:
                return text, None
            if self.ctx.lenient_services is not None:
                return SKIP, None
            cs, en = self.ctx.suggest(text, self.ctx.services, "service")
            return None, (f"služba s tímto identifikátorem v registru není.{cs}",
                          f"no service with this identifier in the registry.{en}")
        raise AssertionError(kind)


# --- reading files -------------------------------------------------------------------------------

@dataclass
class Table:
    label: str        # "planner/x.xlsx [list Obsazenost]"
    kind: str
    rows: list[dict]  # key -> converted value; "_row" -> line number


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def unusable(column: Column, value) -> tuple[str, str, object] | None:
    """Why a cell's value cannot be read at all (over a limit, an error value, a formula where text is
    expected or one Excel never calculated): (reason_cs, reason_en, value shown), or None."""
    if isinstance(value, TooLong):
        size = f"{value.length:_}".replace("_", " ")
        limit = f"{spreadsheet.MAX_CELL_CHARS:_}".replace("_", " ")
        return (f"text buňky má {size} znaků, víc než limit {limit}",
                f"the cell holds {value.length:,} characters, over the limit of {spreadsheet.MAX_CELL_CHARS:,}",
                value.start)
    if isinstance(value, CellError):
        return f"buňka obsahuje chybu {value.code}", f"the cell holds the error {value.code}", value.code
    if isinstance(value, Formula):
        if column.kind in TEXT_EXPECTED:
            return ("v buňce je vzorec, očekáván text; zapište hodnotu (vzorec se nenačte ani nezahodí potichu)",
                    "the cell holds a formula where text is expected; type the value", value.text)
        if value.cached is None:
            return ("vzorec bez uložené hodnoty (sešit nebyl v Excelu přepočten a uložen); zapište číslo",
                    "a formula without a saved value (the workbook was never calculated in Excel)", value.text)
        if isinstance(value.cached, CellError):
            return (f"vzorec dává chybu {value.cached.code}", f"the formula gives the error {value.cached.code}",
                    value.text)
    return None


def parse_cells(label: str, cells: list[tuple[int, list]], conv: Converter, problems: Problems) -> Table | None:
    """Find the header row (within the first rows), then convert every data row."""
    found = next(((i, *detect_kind([None if v is None else str(v) for v in values]))
                  for i, (_, values) in enumerate(cells[:10])
                  if detect_kind([None if v is None else str(v) for v in values])[0]), None)
    if found is None:
        oversized(label, cells, {}, problems)
        return None
    index, kind, mapping = found
    sheet = SHEETS[kind]
    columns = {c.key: c for c in sheet.columns}
    headers = {i: columns[key].header for i, key in mapping.items()}
    oversized(label, cells, headers, problems)
    descriptions = {fold_key(c.description) for c in sheet.columns if c.description}
    rows = []
    for line, values in cells[index + 1:]:
        cells_by_key = {}
        for i, v in enumerate(values):  # a merged header spans columns: keep the filled one
            if i in mapping and (not _empty(v) or mapping[i] not in cells_by_key):
                cells_by_key[mapping[i]] = v
        filled = {k: v for k, v in cells_by_key.items() if not _empty(v)}
        if not filled:
            continue  # trailing or separating empty rows
        if all(fold_key(v) in descriptions for v in filled.values()):
            continue  # the template's description row
        row = {"_row": line}
        for key, column in columns.items():
            value = filled.get(key)
            if isinstance(value, Formula) and column.kind not in TEXT_EXPECTED and value.cached == "":
                value = None  # a formula that gives nothing (=IF(…;"";…)) is an empty cell
            if isinstance(value, TooLong):
                row[key] = None  # reported by oversized()
                continue
            if value is not None and (reason := unusable(column, value)):
                problems.add(label, reason[0], reason[1], row=line, column=column.header, value=reason[2])
                row[key] = None
                continue
            if isinstance(value, Formula):
                value = value.cached  # a number or date Excel calculated and saved
            if value is None:
                if column.required:
                    problems.add(label, "prázdná povinná hodnota", "required value is empty", row=line,
                                 column=column.header)
                row[key] = None
                continue
            converted, error = conv.convert(column, value)
            if converted is SKIP:
                conv.ctx.lenient_services.add(label, "služba není v načteném registru: řádek přeskočen",
                                              "service not in the loaded registry: row skipped", row=line,
                                              column=column.header, value=value)
                row = None
                break
            if error:
                problems.add(label, error[0], error[1], row=line, column=column.header, value=value)
            row[key] = converted
        if row is not None:
            rows.append(row)
    return Table(label, kind, rows)


def oversized(label: str, cells: list[tuple[int, list]], headers: dict[int, str], problems: Problems) -> None:
    """Every cell over the length limit, wherever it is: its column's header if it has one, else its letter."""
    text_column = Column("", "", "text")
    for line, values in cells:
        for i, value in enumerate(values):
            if isinstance(value, TooLong):
                reason = unusable(text_column, value)
                problems.add(label, reason[0], reason[1], row=line, column=headers.get(i, column_letter(i + 1)),
                             value=reason[2])


def read_file(path: Path, label: str, conv: Converter, problems: Problems) -> list[Table]:
    """Every table of one file; a file whose kind cannot be told is an error. The same limits and rules
    for `socmap check` and `socmap build`: both come here."""
    if path.suffix.lower() not in (".xlsx", ".csv"):
        problems.add(label, "neznámý typ souboru (čtu .xlsx a .csv)", "unknown file type (.xlsx and .csv are read)")
        return []
    sheets = spreadsheet.read(path, label, problems)
    if sheets is None:
        return []
    tables = []
    for sheet_label, cells in sheets.items():
        table = parse_cells(sheet_label, cells, conv, problems)
        if table is not None:
            tables.append(table)
        elif path.suffix.lower() == ".csv" or any(not _empty(v) for _, row in cells[:10] for v in row):
            if sheet_label.endswith("[list Návod]") or sheet_label.endswith("[list Číselníky]"):
                continue
            problems.add(sheet_label, "druh tabulky nelze poznat ze záhlaví; očekávám sloupce jednoho z listů: "
                         + "; ".join(f"{s.title}: {', '.join(c.header for c in s.columns if c.required)}"
                                     for s in SHEETS.values()),
                         "the kind of table cannot be told from its headers", row=1)
    return tables


def planner_files(data_dir: Path) -> list[Path]:
    folder = data_dir / DIR
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".xlsx", ".csv") and not p.name.startswith("~$"))
