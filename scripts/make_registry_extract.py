"""Write the shipped registry extract, data/registry/, in the published format of MPSV's open data.

    python scripts/make_registry_extract.py

Input: data/registry/extract.csv — one row per service of Liberecký kraj, compiled by hand from public
sources (each row cites its page, fact or minutes) — and the reference files. Output, beside it:

- rpss.json (root `polozky`, one item per service, the keys and shapes real readers see),
- the code lists druhy-socialni-sluzby.json, formy-soc-sluzby.json, typy-kapacity-socialni-sluzby.json,
  cilove-skupiny-osoby.json and kraje.json (only ids confirmed in public readers; see data/README.md),
- provenance.csv: for each record its source, the fields that were made up (illustrative), the linked facts, the
  note and whether the source names debt counselling (`dluhove_poradenstvi`: the published format has no field
  for it),
- extract.json: what the extract is — `complete` (false: a partial extract), the number of services, the kinds
  of public pages it was reconstructed from and the date it was compiled.

Made-up values are never silent: an identifier that no source gives is drawn from the range 99xxxxx
and listed in `illustrative_fields`, as is a capacity no source gives.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from common.vocabulary import FORMS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
OUT = DATA / "registry"

CAPACITY_TYPES = {"luzka": "Počet lůžek", "klient": "Počet klientů", "interv": "Počet intervencí (30 min. jednání)",
                  "kontakt": "Počet kontaktů (10 min. jednání)", "hovor": "Počet hovorů"}
TARGET_GROUPS = {"24": "senioři", "26": "pečující osoby", "27": "osoby s potřebou paliativní péče",
                 "30": "osoby žijící s demencí"}
KRAJE = [("19", "Hlavní město Praha", "CZ010"), ("27", "Středočeský kraj", "CZ020"),
         ("35", "Jihočeský kraj", "CZ031"), ("43", "Plzeňský kraj", "CZ032"), ("51", "Karlovarský kraj", "CZ041"),
         ("60", "Ústecký kraj", "CZ042"), ("78", "Liberecký kraj", "CZ051"), ("86", "Královéhradecký kraj", "CZ052"),
         ("94", "Pardubický kraj", "CZ053"), ("108", "Kraj Vysočina", "CZ063"), ("116", "Jihomoravský kraj", "CZ064"),
         ("124", "Olomoucký kraj", "CZ071"), ("132", "Moravskoslezský kraj", "CZ080"),
         ("141", "Zlínský kraj", "CZ072")]
LK_OKRESY = {"CZ0511": "3501", "CZ0512": "3504", "CZ0513": "3505", "CZ0514": "3608"}
COMPILED_ON = "2026-12-01"
DESCRIPTION_CS = ("Výtah registru poskytovatelů sociálních služeb pro Liberecký kraj, sestavený ručně z veřejných "
                  "stránek: katalogu sociálních služeb Libereckého kraje (socialnisluzbylk.cz), webů poskytovatelů, "
                  "stránek měst a mikroregionů, výročních zpráv a regionálních zpráv. Je neúplný: služba, která "
                  "ve výtahu chybí, může existovat.")


def code_list(items: list[dict]) -> dict:
    return {"polozky": items}


def write_json(path: Path, payload) -> None:
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def place(spec: str, municipalities: dict) -> dict:
    """'nazev; ulice; cisloDomovni; cisloOrientacni; psc; kod_obce' or 'utajená'."""
    parts = [p.strip() for p in spec.split(";")]
    name = parts[0]
    if len(parts) == 2 and parts[1] == "utajená":
        return {"id": None, "portalId": None, "identifikator": None, "nazev": name, "poskytujeOd": None,
                "poskytujeDo": None, "utajenaAdresa": True}
    name, street, domovni, orientacni, psc, kod_obce = parts
    okres = municipalities[kod_obce]["kod_okres_lau1"]
    adresa = {
        "cisloDomovni": int(domovni) if domovni else None, "cisloOrientacni": orientacni or None,
        "dodatekAdresy": None, "kodAdresnihoMista": None, "psc": psc or None,
        "typCislaDomovniho": {"id": "TypStavebnihoObjektu/1"} if domovni else None,
        "kraj": {"id": "Kraj/78"}, "okres": {"id": f"Okres/{LK_OKRESY[okres]}"},
        "obec": {"id": f"Obec/{kod_obce}"}, "castObce": None,
        "mestskyObvodMestskaCast": None, "mestskyObvodVPraze": None,
        "ulice": {"nazev": street} if street else None,
    }
    return {"id": None, "portalId": None, "identifikator": None, "nazev": name, "poskytujeOd": None,
            "poskytujeDo": None, "utajenaAdresa": False, "adresa": adresa}


def item(row: dict, number: int, druhy: dict, municipalities: dict) -> dict:
    forms = []
    capacities = {}
    for spec in split(row["capacities"]):
        form, typ, count = (spec.split(":") + [""])[:3]
        capacities.setdefault(form, []).append((typ, count))
    for form in split(row["forms"]):
        kapacity = [{"pocet": int(count), "popis": f"Maximální kapacita {count} ({CAPACITY_TYPES[typ].lower()}).",
                     "typ": {"id": f"TypKapacitySocialniSluzby/{typ}"}}
                    for typ, count in capacities.get(form, []) if count != ""]
        forms.append({"forma": {"id": f"FormaSocialniSluzby/{form}"}, "nepretrzitePoskytovani": form == "pob",
                      "casoveRozsahy": None, "kapacity": kapacity})
    web = row["web"] or None
    return {
        "portalId": None,  # the portal's own ids are not public: left empty rather than made up
        "id": None,
        "identifikator": row["identifikator"],
        "datumPoskytovaniOd": row["date_from"] or None,
        "datumPoskytovaniDo": row["date_to"] or None,
        "kontaktniAdresy": [],
        "druhSocialniSluzby": {"id": druhy[row["paragraf"]]},
        "zarizeni": [place(spec, municipalities) for spec in split(row["places"])],
        "poskytovatel": {"ico": row["ico"] or None, "nazev": row["provider"],
                         "weby": [{"web": web, "poznamka": None}] if web else [], "emaily": [], "telefony": []},
        "emaily": [], "telefony": [], "faxy": [], "weby": [],
        "ciloveSkupiny": [{"cilovaSkupina": {"id": f"CilovaSkupinaOsoby/{g}"}} for g in split(row["target_groups"])],
        "vekoveSkupiny": [], "doplnujiciInformaceVekoveSkupiny": None,
        "formy": forms,
        "rozsirenePusobnostiVKraji": [{"kraj": {"id": "Kraj/78"}}] if row["reach_kraj"] == "yes" else [],
        "doplnkoveUdaje": None,
    }


def main() -> None:
    with (DATA / "reference" / "rpss-druhy.csv").open(encoding="utf-8") as handle:
        druhy_rows = [r for r in csv.DictReader(handle) if r["open_data_id"]]
    druhy = {r["paragraf"]: r["open_data_id"] for r in druhy_rows}
    with (DATA / "reference" / "cr-obce.csv").open(encoding="utf-8") as handle:
        municipalities = {r["kod_obce"]: r for r in csv.DictReader(handle)}
    with (OUT / "extract.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))

    write_json(OUT / "druhy-socialni-sluzby.json", code_list(
        [{"id": r["open_data_id"], "nazev": {"cs": r["nazev"][0].lower() + r["nazev"][1:]}} for r in druhy_rows]))
    write_json(OUT / "formy-soc-sluzby.json", code_list(
        [{"id": f"FormaSocialniSluzby/{k}", "nazev": {"cs": v}} for k, v in FORMS.items()]))
    write_json(OUT / "typy-kapacity-socialni-sluzby.json", code_list(
        [{"id": f"TypKapacitySocialniSluzby/{k}", "nazev": {"cs": v}} for k, v in CAPACITY_TYPES.items()]))
    write_json(OUT / "cilove-skupiny-osoby.json", code_list(
        [{"id": f"CilovaSkupinaOsoby/{k}", "nazev": {"cs": v}} for k, v in TARGET_GROUPS.items()]))
    write_json(OUT / "kraje.json", code_list(
        [{"id": f"Kraj/{k}", "kod": k, "nazev": {"cs": n}, "kodNuts3": nuts} for k, n, nuts in KRAJE]))
    write_json(OUT / "rpss.json", {"polozky": [item(r, n, druhy, municipalities) for n, r in enumerate(rows, 1)]})

    with (OUT / "provenance.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["identifikator", "source", "source_title", "source_date", "illustrative_fields", "facts",
                         "note", "dluhove_poradenstvi"])
        for r in rows:
            writer.writerow([r["identifikator"], r["source"], r["source_title"], r["source_date"],
                             r["illustrative_fields"], r["facts"], r["note"], r["dluhove_poradenstvi"]])
    write_json(OUT / "extract.json", {"complete": False, "services": len(rows), "description_cs": DESCRIPTION_CS,
                                      "compiled_on": COMPILED_ON})
    print(f"{len(rows)} records written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
