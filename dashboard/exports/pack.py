"""The report pack ("balíček pro strategii") of an ORP or the whole region: every chart of the area as
PNG and SVG, the numbers behind them in one XLSX, a DOCX report to paste from, and a list of contents.

The charts come from the same registry and the same checked parameters as the export links on the
pages, so the pack shows exactly what the screen does.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from common.vocabulary import slug, unit_name
from dashboard import charts, db, inputs
from dashboard.exports import render
from dashboard.exports.printing import chart_for_print
from dashboard.exports.report import Section, report_docx
from dashboard.exports.tables import marked_table, sheets_to_xlsx_bytes
from dashboard.exports.xlsx_formats import czech_number_formats
from dashboard.i18n import format_date, format_number
from dashboard.i18n.formats import column_decimals

DISTANCE_KM = "15"


@dataclass
class Item:
    name: str
    params: dict[str, str]
    subject: str = ""  # what the chart is about, in words: "Azylové domy (lůžka)", "Noclehárny", a round's name


# Each chart in words (the pack page's list, obsah.txt), a word for its file name and one for its sheet.
WORDS = {"populace": ("Obyvatelé podle obcí", "obyvatele", "Obyvatelé"),
         "mista": ("Místa poskytování služeb", "mista-sluzeb", "Místa"),
         "srovnani": ("Kapacita na 10 000 obyvatel po druzích, proti průměru kraje", "srovnani-druhu", "Srovnání"),
         "kapacity-poradi": ("Pořadí území podle kapacity na 10 000 obyvatel", "poradi", "Pořadí"),
         "kapacity-vzdalenost": ("Vzdálenost obcí k nejbližší službě", "vzdalenost", "Vzdálenost"),
         "obsazenost-cas": ("Obsazenost v čase", "obsazenost", "Obsazenost"),
         "obsazenost-heatmapa": ("Obsazenost po měsících a letech", "obsazenost-mesice", "Obsaz. měsíce"),
         "trychtyr": ("Kolo přidělování bytů", "zadosti", "Žádosti"),
         "potreba-profil": ("Profil potřeby: index sociálního vyloučení a jeho ukazatele", "profil-potreby",
                            "Potřeba"),
         "kapacity-zamery": ("Kapacita dnes a se záměry (záměr, ne skutečnost)", "zamery", "Záměry"),
         "kapacity-vzdalenost-zamery": ("Vzdálenost dnes a se záměry (záměr, ne skutečnost)", "vzdalenost-zamery",
                                        "Vzdál. záměry")}


def described(item: Item) -> str:
    """The chart in words: 'Pořadí území podle kapacity na 10 000 obyvatel: Azylové domy (lůžka), cíl 3'."""
    words = WORDS.get(item.name, (item.name,))[0]
    extra = []
    if item.params.get("cil"):
        extra.append(f"cíl {format_number(float(item.params['cil']), 2).rstrip('0').rstrip(',')} na 10 000 obyvatel")
    if item.params.get("km"):
        extra.append(f"hranice {item.params['km']} km")
    subject = f": {item.subject}" if item.subject else ""
    return words + subject + (f", {', '.join(extra)}" if extra else "")


def contents(area: str) -> list[Item]:
    """The charts of an area: population, places, rates by kind against the kraj, then for each kind with a
    target its ranking and distances, monthly occupancy where reported, and the allocation rounds."""
    kinds = db.lookup("registry_kinds", lambda frame: frame)  # kept until a rebuild; read, never changed
    kind_names = dict(zip(kinds["kind_code"], kinds["name_cs"], strict=True))
    items = [Item("populace", {"uroven": "obec", "uzemi": area}), Item("mista", {"uzemi": area}),
             Item("srovnani", {"uroven": "orp", "uzemi": "" if area == "kraj" else area}),
             Item("potreba-profil", {"uzemi": area})]  # #19: the need profile (chart, table, sentence)
    for k in db.query("pack_kinds").itertuples():
        kind = kind_names.get(k.kind_code, k.kind_code)
        items.append(Item("kapacity-poradi", {"druh": k.kind_code, "jednotka": k.capacity_type, "uroven": "orp",
                                              "cil": f"{k.per_10000:g}", "uzemi": area},
                          f"{kind} ({unit_name(k.capacity_type)})"))
        items.append(Item("kapacity-vzdalenost", {"druh": k.kind_code, "km": DISTANCE_KM, "uzemi": area}, kind))
    names = charts.area_names()
    for o in db.query("pack_occupancy", area=area).itertuples():
        chosen = kind_names.get(o.vyber, o.vyber) if o.podle == "kind" else names.get(o.vyber, o.vyber)
        for name in ("obsazenost-cas", "obsazenost-heatmapa"):
            items.append(Item(name, {"podle": o.podle, "vyber": o.vyber, "jednotka": o.jednotka},
                              f"{chosen} ({unit_name(o.jednotka)})"))
    # The workbooks' planned services that touch the area: each as today / with the plans.
    for p in db.query("pack_plans", area=area).itertuples():
        kind = kind_names.get(p.kind_code, p.kind_code)
        items.append(Item("kapacity-zamery", {"druh": p.kind_code, "jednotka": p.capacity_type, "uroven": "orp",
                                              "cil": "" if p.per_10000 != p.per_10000 else f"{p.per_10000:g}",
                                              "uzemi": area},
                          f"{kind} ({unit_name(p.capacity_type)})"))
        items.append(Item("kapacity-vzdalenost-zamery", {"druh": p.kind_code, "km": DISTANCE_KM, "uzemi": area}, kind))
    rounds = db.query("funnel_rounds").set_index("round_id")["name"].to_dict()
    for r in db.query("funnel_rounds_in", area=area).itertuples():
        items.append(Item("trychtyr", {"kolo": r.round_id}, rounds.get(r.round_id, "")))
    return items


def file_stem(i: int, item: Item) -> str:
    """'04-poradi-azylove-domy-luzka': the number, the kind of chart and what it is about."""
    word = WORDS.get(item.name, ("", item.name))[1]
    return "-".join(p for p in (f"{i:02d}", word, slug(item.subject)[:40].strip("-")) if p)


def sheet_name(i: int, item: Item) -> str:
    """'04 Pořadí Azylové domy (lůžka)': Excel's 31 characters, none of []:*?/\\, single spaces."""
    word = WORDS.get(item.name, ("", "", item.name))[2]
    text = re.sub(r"[\[\]:*?/\\]", " ", f"{i:02d} {word} {item.subject}")
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > 31:  # cut at a word, never inside one, and drop a dangling bracket or comma
        text = text[:32].rsplit(" ", 1)[0]
    return text.rstrip(" (,–-")


def uninformative(item: Item, built) -> str | None:
    """Why a chart would carry no information (a ranking where no area has a known capacity, an empty
    table), as the one sentence the pack writes instead of it; None if the chart says something."""
    table = built.table
    if table.empty:
        return "Pro toto území nejsou žádné údaje, graf se proto nekreslí."
    if item.name.startswith("obsazenost") and "Obsazenost" in table:
        months = int(table["Obsazenost"].notna().sum())
        if months < 2:
            return (f"Je hlášen jen {months} měsíc; vývoj v čase z něj nakreslit nejde. Jeho čísla jsou "
                    "v sešitu tabulky.xlsx." if months else "Není hlášen žádný měsíc s kapacitou i obsazeností.")
    if item.name == "kapacity-poradi":
        capacity = next((c for c in table.columns if str(c).startswith("Kapacita (")), None)
        if capacity is not None and not (pd.to_numeric(table[capacity], errors="coerce").fillna(0) > 0).any():
            unknown = table.get("Kapacita neuvedena")
            said = ("; u některých služeb kapacita není v registru uvedena"
                    if unknown is not None and (unknown.fillna("") != "").any() else "")
            return (f"Žádné území nemá uvedenou kapacitu{said}. Pořadí by bylo prázdné, proto se nekreslí; "
                    "čísla jsou v sešitu tabulky.xlsx.")
    return None


def _skipped(n: int) -> str:
    """'; 2 další grafy by byly prázdné, ve zprávě je místo nich věta' (Czech plural forms)."""
    if not n:
        return ""
    said = ("další graf by byl prázdný, ve zprávě je místo něj věta" if n == 1 else
            "další grafy by byly prázdné, ve zprávě je místo nich věta" if n < 5 else
            "dalších grafů by bylo prázdných, ve zprávě je místo nich věta")
    return f"; {format_number(n)} {said}"


def _table_key(table: pd.DataFrame) -> tuple:
    return (tuple(table.columns), tuple(pd.util.hash_pandas_object(table.astype(str), index=False)))


def rounded(table: pd.DataFrame) -> pd.DataFrame:
    """Numbers rounded by the one decimal policy, so that XLSX holds what the screen and the report show."""
    out = table.copy()
    for column in out.columns:
        if pd.api.types.is_float_dtype(out[column]):
            kind, decimals = column_decimals(str(column))
            out[column] = out[column].round(decimals + 2 if kind == "percent" else decimals)
    return out


def make_pack(area: str, progress: Callable[[int, int, str], None] | None = None,
              today: dt.date | None = None) -> tuple[str, bytes]:
    """(file name, ZIP bytes) of the pack of `area` ('kraj' or an ORP code); progress(done, total, what)."""
    names = charts.area_names()
    if area not in names:
        raise inputs.InvalidInput("území", f"Neznámé území {area[:20]!r}", "unknown area", "area")
    today = today or dt.date.today()
    built_on = db.built_on()
    items = contents(area)
    total = len(items) + 1
    folder = f"socmap-balicek-{slug(names[area])}"
    files: dict[str, bytes] = {}
    sheets_names: dict[int, str] = {}
    listing = [f"Balíček pro strategii: {names[area]}",
               f"Vytvořeno v socmap {format_date(today)} z dat sestavených {format_date(built_on)}.", "",
               "Obsah / contents:"]
    sheets: dict[str, pd.DataFrame] = {"Obsah": pd.DataFrame()}
    entries, sections, seen = [], [], {}
    for i, item in enumerate(items, start=1):
        built = charts.build(item.name, item.params)
        if progress:
            progress(i - 1, total, built.title)
        stem = f"grafy/{file_stem(i, item)}"
        note = uninformative(item, built)
        files_of = "žádné (graf by byl prázdný)"
        png = None
        if note is None:
            figure = chart_for_print(built, built_on, today)
            png, svg = render.render(figure, "png"), render.render(figure, "svg")
            files[f"{stem}.png"], files[f"{stem}.svg"] = png, svg
            files_of = f"{stem}.png, {stem}.svg"
        key = _table_key(built.table)
        same_as = seen.get(key)
        sheet = sheets_names[same_as] if same_as is not None else sheet_name(i, item)
        if same_as is None:
            seen[key] = i
            sheets_names[i] = sheet
            sheets[sheet] = marked_table(built, rounded(built.table))
        entries.append({"Č.": i, "Graf": described(item), "Název v grafu": built.title, "Výběr": built.filters,
                        "Zdroj": built.source, "Ilustrativní data": "ano" if built.illustrative else "ne",
                        "Soubory": files_of, "List tabulky": sheet + (f" (stejná čísla jako graf č. {same_as})"
                                                                      if same_as is not None else "")})
        listing.append(f"{files_of} – {described(item)}" if note is None else f"{described(item)}: {note}")
        sections.append(Section(built, png, note, same_as))
    if progress:
        progress(len(items), total, "zpráva a tabulky")
    sheets["Obsah"] = pd.DataFrame(entries)
    drawn = sum(1 for part in sections if part.png is not None)
    files["tabulky.xlsx"] = czech_number_formats(sheets_to_xlsx_bytes(sheets))
    files["zprava.docx"] = report_docx(names[area], sections, today, built_on)
    listing += ["tabulky.xlsx – čísla každého grafu, list na graf, a list Obsah se zdroji",
                "zprava.docx – krátká zpráva: grafy, jejich čísla a zdroje, připravená ke kopírování",
                "", f"Grafů: {format_number(drawn)}" + _skipped(len(items) - drawn)
                + ". Registrovaná kapacita je maximum, ne volná místa; "
                "údaje označené jako ilustrativní nejsou skutečné."]
    files["obsah.txt"] = ("\r\n".join(listing) + "\r\n").encode("utf-8-sig")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(f"{folder}/{path}", data)
    if progress:
        progress(total, total, "hotovo")
    return f"{folder}.zip", buffer.getvalue()
