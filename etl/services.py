"""Services, providers, capacities and places: the registry's records and the curated instruments,
each row with its source — the registry file, the public page a reconstructed record comes from, or
the illustrative source when any of the record's fields were made up.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

import pandas as pd

from etl.sources import facts as facts_source
from etl.sources.registry import ILLUSTRATIVE_SOURCE, REGISTRY_SOURCE, Registry, illustrative_fields
from etl.sources.table import split_list

FIELD_NAMES_CS = {"identifikator": "identifikátor", "kapacita": "kapacita", "ico": "IČO", "adresa": "adresa",
                  "datum": "datum zahájení", "forma": "forma", "cilove_skupiny": "cílové skupiny"}


def provider_slug(name: str) -> str:
    """A provider without IČO is keyed by its name: 'Návrat, o.p.s.' -> 'navrat-o-p-s'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def registry_sources(meta: dict | None, has_provenance: bool, services: int = 0,
                     extract: dict | None = None) -> pd.DataFrame:
    """The registry file itself — complete when fetched, partial when it is the shipped extract — and the
    illustrative source used by an extract's made-up fields."""
    fetched = (meta or {}).get("fetched_on")
    if fetched:
        completeness = "complete"
        coverage = f"úplný soubor registru MPSV stažený {pd.Timestamp(fetched):%-d. %-m. %Y}"
    elif has_provenance:
        completeness = "partial"
        described = (extract or {}).get("description_cs") or "sestavený z veřejných stránek (katalog kraje, " \
            "stránky poskytovatelů a měst, zprávy)"
        coverage = f"výtah registru: {services} služeb, {described}; neúplný"
    else:
        completeness, coverage = None, None
    rows = [{
        "source_id": REGISTRY_SOURCE,
        "document": "Registr poskytovatelů sociálních služeb (MPSV, otevřená data rpss.json)" if not has_provenance
        else "Výtah registru poskytovatelů sociálních služeb sestavený z veřejných zdrojů",
        "date": pd.Timestamp(fetched).date() if fetched else None,
        "link": (meta or {}).get("url", "https://data.mpsv.cz/od/soubory/rpss/rpss.json"),
        "publisher": "MPSV", "kind": "registr", "licence": "otevřená data bez povinnosti citace (podmínky 4. 5. 2022)",
        "is_illustrative": False,
        "note": "Staženo příkazem socmap fetch registry" if fetched else None,
        "completeness": completeness, "coverage": coverage,
    }]
    if has_provenance:
        rows.append({
            "source_id": ILLUSTRATIVE_SOURCE,
            "document": "Výtah registru sestavený z veřejných zdrojů: doplněná pole jsou ilustrativní",
            "date": None, "link": "data/registry/provenance.csv", "publisher": "socmap", "kind": "registr",
            "licence": None, "is_illustrative": True,
            "note": "Záznamy výtahu, jejichž některé údaje (např. identifikátor nebo kapacita) nejsou z veřejného "
                    "zdroje; které to jsou, říká poznámka služby. Nahraďte skutečným registrem: socmap fetch registry",
            "completeness": "partial", "coverage": None,
        })
    return pd.DataFrame(rows)


def page_source(url: str, title: str | None, date: str | None) -> dict:
    host = re.sub(r"^www\.", "", urlparse(url).hostname or "web")
    return {"source_id": facts_source.source_id_for(url), "document": title or f"webová stránka: {host}",
            "date": pd.Timestamp(date).date() if date else None, "link": url, "publisher": host, "kind": "web",
            "licence": None, "is_illustrative": False, "note": "Zdroj záznamu výtahu registru"}


def record_sources(reg: Registry, fact_sources: dict[str, str], known_sources: dict[str, str]
                   ) -> tuple[dict[str, str], dict[str, str], pd.DataFrame]:
    """source_id and note of every registry record, and the page sources they add.
    `known_sources` maps source ids to their links, so that a note can point at the page."""
    made_up = illustrative_fields(reg.provenance)
    prov = reg.provenance.set_index("identifikator") if reg.provenance is not None else None
    source_of, note_of, pages = {}, {}, []
    for ident in reg.services["identifikator"]:
        if prov is None:
            source_of[ident], note_of[ident] = REGISTRY_SOURCE, None
            continue
        if ident not in prov.index:
            source_of[ident] = ILLUSTRATIVE_SOURCE
            note_of[ident] = "Ilustrativní záznam: žádný veřejný zdroj"
            continue
        row = prov.loc[ident]
        ref = row["source"]
        if ref in fact_sources:
            cited = fact_sources[ref]
        elif ref in known_sources:
            cited = ref
        elif isinstance(ref, str) and ref.startswith("http"):
            page = page_source(ref, row.get("source_title"), row.get("source_date"))
            pages.append(page)
            cited = page["source_id"]
            known_sources = {**known_sources, cited: ref}
        else:
            cited = None
        fields = made_up.get(ident, [])
        notes = [row["note"]] if isinstance(row["note"], str) else []
        if fields or cited is None:
            source_of[ident] = ILLUSTRATIVE_SOURCE
            names = ", ".join(FIELD_NAMES_CS.get(f, f) for f in fields) or "vše"
            notes.append(f"Ilustrativní údaje: {names}. Ostatní podle zdroje: {known_sources.get(cited, ref)}")
        else:
            source_of[ident] = cited
        note_of[ident] = " · ".join(notes) or None
    page_frame = pd.DataFrame(pages).drop_duplicates("source_id") if pages else pd.DataFrame()
    return source_of, note_of, page_frame


def registry_kinds(reg: Registry, service_kind: pd.DataFrame) -> tuple[dict[str, str], pd.DataFrame]:
    """Map registry kind ids to kind codes; kinds missing from our list are added as unknown."""
    by_id = dict(zip(service_kind["registry_id"], service_kind["kind_code"], strict=True))
    by_name = {str(n).casefold(): k for n, k in zip(service_kind["name_cs"], service_kind["kind_code"], strict=True)}
    added, mapping = [], {}
    for druh_id in sorted(reg.services["druh_id"].unique()):
        if druh_id in by_id:
            mapping[druh_id] = by_id[druh_id]
            continue
        name = reg.kinds.get(druh_id)
        if name and name.casefold() in by_name:
            mapping[druh_id] = by_name[name.casefold()]
            continue
        code = "id-" + druh_id.rsplit("/", 1)[-1]
        mapping[druh_id] = code
        added.append({"kind_code": code, "registry_id": druh_id, "paragraf": None,
                      "name_cs": f"neznámý druh ({druh_id})", "name_en": f"unknown kind ({druh_id})",
                      "kind_group": "neznámá", "usual_unit": None, "in_registry": True, "id_status": "unknown",
                      "source_id": REGISTRY_SOURCE})
    return mapping, pd.DataFrame(added)


def registry_frames(reg: Registry, source_of: dict, note_of: dict, kind_of: dict) -> dict[str, pd.DataFrame]:
    s = reg.services
    provider_id = [ico if pd.notna(ico) else provider_slug(name)
                   for ico, name in zip(s["ico"], s["provider_name"], strict=True)]
    provider = pd.DataFrame({
        "provider_id": provider_id, "ico": s["ico"], "name": s["provider_name"], "legal_form": s["legal_form"],
        "web": s["web"], "email": s["email"], "phone": s["phone"], "source_id": s["identifikator"].map(source_of),
    }).sort_values(["provider_id", "source_id"]).drop_duplicates("provider_id")
    first_place = reg.places.sort_values("place_no").drop_duplicates("identifikator").set_index("identifikator")
    # The registry names facilities, not services: a service is called by its first facility, and by
    # its kind and facility where several services share a facility (shelter, night shelter, day centre).
    facility = s["identifikator"].map(first_place["name"])
    shared = facility.map(facility.value_counts()) > 1
    names = [f"{reg.kinds.get(d, d).capitalize()} – {f}" if many and isinstance(f, str)
             else f if isinstance(f, str) else f"{reg.kinds.get(d, d).capitalize()} – {p}"
             for f, many, d, p in zip(facility, shared, s["druh_id"], s["provider_name"], strict=True)]
    service = pd.DataFrame({
        "service_id": s["identifikator"], "identifikator": s["identifikator"], "provider_id": provider_id,
        "name": names, "kind_code": s["druh_id"].map(kind_of),
        "forms": s["forms"], "target_groups": s["target_groups"].map(
            lambda ids: [reg.target_groups.get(i, f"cílová skupina {i}") for i in ids]),
        "reach_kraje": s["reach_kraje"],
        "date_from": pd.to_datetime(s["date_from"].str[:10]).dt.date,
        "date_to": pd.to_datetime(s["date_to"].str[:10]).dt.date,
        "note": s["identifikator"].map(note_of), "source_id": s["identifikator"].map(source_of),
    })
    c = reg.capacities
    capacity = pd.DataFrame({
        "service_id": c["identifikator"], "form": c["form"], "capacity_type": c["capacity_type"],
        "capacity": pd.to_numeric(c["capacity"]).astype("Int64"), "description": c["description"],
        "source_id": c["identifikator"].map(source_of),
    })
    p = reg.places
    place = pd.DataFrame({
        "place_id": p["identifikator"] + "-" + p["place_no"].astype(str), "service_id": p["identifikator"],
        "name": p["name"], "address": p["address"], "kod_obce": p["kod_obce"], "address_point": p["address_point"],
        "date_from": pd.to_datetime(p["date_from"].str[:10]).dt.date,
        "date_to": pd.to_datetime(p["date_to"].str[:10]).dt.date,
        "source_id": p["identifikator"].map(source_of),
    })
    return {"provider": provider, "service": service, "registered_capacity": capacity, "service_place": place}


def fact_links(reg: Registry) -> list[tuple[str, str, str]]:
    if reg.provenance is None:
        return []
    return [(fact, "service_id", row.identifikator) for row in reg.provenance.itertuples()
            for fact in split_list(row.facts)]
