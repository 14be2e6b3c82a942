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

from dashboard import charts, db
from dashboard.directory import fold
from dashboard.exports import render
from dashboard.exports.printing import chart_for_print
from dashboard.exports.report import report_docx
from dashboard.exports.tables import sheets_to_xlsx_bytes
from dashboard.i18n import format_date, format_number

DISTANCE_KM = "15"


@dataclass
class Item:
    name: str
    params: dict[str, str]


def contents(area: str) -> list[Item]:
    """The charts of an area: population, places, rates by kind against the kraj, then for each kind with a
    target its ranking and distances, monthly occupancy where reported, and the allocation rounds."""
    items = [Item("populace", {"uroven": "obec", "uzemi": area}), Item("mista", {"uzemi": area}),
             Item("srovnani", {"uroven": "orp", "uzemi": "" if area == "kraj" else area}),
             Item("potreba-profil", {"uzemi": area})]  # #19: the need profile (chart, table, sentence)
    for k in db.query("pack_kinds").itertuples():
        items.append(Item("kapacity-poradi", {"druh": k.kind_code, "jednotka": k.capacity_type, "uroven": "orp",
                                              "cil": f"{k.per_10000:g}", "uzemi": area}))
        items.append(Item("kapacity-vzdalenost", {"druh": k.kind_code, "km": DISTANCE_KM, "uzemi": area}))
    for o in db.query("pack_occupancy", area=area).itertuples():
        for name in ("obsazenost-cas", "obsazenost-heatmapa"):
            items.append(Item(name, {"podle": o.podle, "vyber": o.vyber, "jednotka": o.jednotka}))
    for r in db.query("funnel_rounds_in", area=area).itertuples():
        items.append(Item("trychtyr", {"kolo": r.round_id}))
    return items


def slug(text: str) -> str:
    """'ORP Jilemnice' -> 'orp-jilemnice', 'Liberecký kraj' -> 'liberecky-kraj'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def make_pack(area: str, progress: Callable[[int, int, str], None] | None = None,
              today: dt.date | None = None) -> tuple[str, bytes]:
    """(file name, ZIP bytes) of the pack of `area` ('kraj' or an ORP code); progress(done, total, what)."""
    names = charts.area_names()
    if area not in names:
        raise charts.InvalidChartRequest(f"Neznámé území {area[:20]!r} / unknown area")
    today = today or dt.date.today()
    built_on = db.built_on()
    items = contents(area)
    total = len(items) + 1
    folder = f"socmap-balicek-{slug(names[area])}"
    files: dict[str, bytes] = {}
    listing = [f"Balíček pro strategii: {names[area]}",
               f"Vytvořeno v socmap {format_date(today)} z dat sestavených {format_date(built_on)}.", "",
               "Obsah / contents:"]
    sheets: dict[str, pd.DataFrame] = {"Obsah": pd.DataFrame()}
    entries, pictures = [], []
    for i, item in enumerate(items, start=1):
        built = charts.build(item.name, item.params)
        if progress:
            progress(i - 1, total, built.title)
        figure = chart_for_print(built, built_on, today)
        stem = f"grafy/{i:02d}-{item.name}"
        png, svg = render.render(figure, "png"), render.render(figure, "svg")
        files[f"{stem}.png"], files[f"{stem}.svg"] = png, svg
        sheet = re.sub(r"[\[\]:*?/\\]", " ", f"{i:02d} {built.title}")[:31].rstrip()  # Excel forbids these
        sheets[sheet] = built.table
        entries.append({"Č.": i, "Graf": built.title, "Výběr": built.filters, "Zdroj": built.source,
                        "Ilustrativní data": "ano" if built.illustrative else "ne",
                        "Soubory": f"{stem}.png, {stem}.svg", "List tabulky": sheet,
                        "Odkaz": charts.href(item.name, "png", **item.params)})
        listing.append(f"{stem}.png, {stem}.svg – {built.title} ({built.filters})")
        pictures.append((built, png))
    if progress:
        progress(len(items), total, "zpráva a tabulky")
    sheets["Obsah"] = pd.DataFrame(entries)
    files["tabulky.xlsx"] = sheets_to_xlsx_bytes(sheets)
    files["zprava.docx"] = report_docx(names[area], pictures, today, built_on)
    listing += ["tabulky.xlsx – čísla každého grafu, list na graf, a list Obsah se zdroji",
                "zprava.docx – krátká zpráva: grafy, jejich čísla a zdroje, připravená ke kopírování",
                "", f"Grafů: {format_number(len(items))}. Registrovaná kapacita je maximum, ne volná místa; "
                "údaje označené jako ilustrativní nejsou skutečné."]
    files["obsah.txt"] = ("\r\n".join(listing) + "\r\n").encode("utf-8-sig")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(f"{folder}/{path}", data)
    if progress:
        progress(total, total, "hotovo")
    return f"{folder}.zip", buffer.getvalue()
