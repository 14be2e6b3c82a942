"""The MPSV registry of social-service providers in its published format (open data `rpss.json`).

Reads `data/registry/rpss.json` (root key `polozky`, one item per service) with the code lists beside
it, streaming the file (it is about 100 MB nationally), flattens every item into services, providers,
capacities and places, validates them with pandera models and keeps the services of the region.

Where the shipped file is an extract reconstructed from public sources, `provenance.csv` beside it
says, for each record, which public source it comes from and which of its fields were made up
(illustrative). A real file fetched from MPSV has no such file: all its records cite the registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from etl.errors import Problems
from etl.sources import jsonstream
from etl.sources.table import read_table, split_list, text

DIR = "registry"
FILE = f"{DIR}/rpss.json"
PROVENANCE = f"{DIR}/provenance.csv"
CODE_LISTS = {
    "druhy": "druhy-socialni-sluzby.json",
    "formy": "formy-soc-sluzby.json",
    "cilove_skupiny": "cilove-skupiny-osoby.json",
    "typy_kapacity": "typy-kapacity-socialni-sluzby.json",
    "kraje": "kraje.json",
}
INT_MAX = 2_147_483_647  # registered_capacity.capacity is an INTEGER
REGISTRY_SOURCE = "REG-RPSS"
ILLUSTRATIVE_SOURCE = "REG-RPSS-ILUSTRATIVNI"

SERVICE_MODEL = pa.DataFrameSchema({
    "identifikator": text(r"^\d{7}$", unique=True),
    "druh_id": text(r"^DruhSocialniSluzby/\d+$"),
    "date_from": text(r"^\d{4}-\d{2}-\d{2}", nullable=True, date=True),
    "date_to": text(r"^\d{4}-\d{2}-\d{2}", nullable=True, date=True),
    "ico": text(r"^\d{8}$", nullable=True),
    "provider_name": text(),
})
CAPACITY_MODEL = pa.DataFrameSchema({
    "identifikator": text(),
    "form": text(r"^(pob|amb|ter)$"),
    "capacity_type": text(r"^(luzka|klient|kontakt|interv|hovor)$"),
    "capacity": text(r"^\d+$", nullable=True),
})
PLACE_MODEL = pa.DataFrameSchema({
    "identifikator": text(),
    "kod_obce": text(r"^\d{6}$", nullable=True),
    "address_point": text(r"^\d+$", nullable=True),
    "date_from": text(r"^\d{4}-\d{2}-\d{2}", nullable=True, date=True),
    "date_to": text(r"^\d{4}-\d{2}-\d{2}", nullable=True, date=True),
})
PROVENANCE_MODEL = pa.DataFrameSchema({
    "identifikator": text(r"^\d{7}$", unique=True),
    "source": text(nullable=True),
    "source_title": text(nullable=True),
    "source_date": text(r"^\d{4}-\d{2}-\d{2}$", nullable=True),
    "illustrative_fields": text(r"^[a-z_]+(\|[a-z_]+)*$", nullable=True),
    "facts": text(nullable=True),
    "note": text(nullable=True),
})


@dataclass
class Registry:
    services: pd.DataFrame     # one row per service of the region
    capacities: pd.DataFrame   # identifikator, form, capacity_type, capacity, description
    places: pd.DataFrame       # identifikator, place_no, name, address, kod_obce, address_point, dates
    kinds: dict[str, str]      # registry id of a kind -> its Czech name in the shipped code list
    target_groups: dict[str, str]
    provenance: pd.DataFrame | None
    all_identifiers: set[str]  # every service of the file, before keeping the region's


def _code(ref) -> str | None:
    """'Obec/563889' -> '563889'; {'id': 'Obec/563889'} -> '563889'."""
    if isinstance(ref, dict):
        ref = ref.get("id")
    if ref is None:
        return None
    return str(ref).rsplit("/", 1)[-1]


def _ref(ref) -> str | None:
    return ref.get("id") if isinstance(ref, dict) else ref


def _text(value) -> str | None:
    return None if value is None else str(value)


def _name(value) -> str | None:
    """Code-list names are {'cs': …}; plain strings are taken as they are."""
    if isinstance(value, dict):
        value = value.get("cs") or next(iter(value.values()), None)
    return _text(value)


def _first_contact(item: dict, provider: dict, key: str, field: str) -> str | None:
    for holder in (item, provider):
        entries = holder.get(key)
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and entry.get(field):
                return str(entry[field])
    return None


def _address(adresa: dict, municipality_names: pd.Series) -> str | None:
    street = (adresa.get("ulice") or {}).get("nazev") if isinstance(adresa.get("ulice"), dict) else None
    number = _text(adresa.get("cisloDomovni"))
    if number and adresa.get("cisloOrientacni"):
        number = f"{number}/{adresa['cisloOrientacni']}"
    kod = _code(adresa.get("obec"))
    town = municipality_names.get(kod) if kod else None
    psc = _text(adresa.get("psc"))
    first = " ".join(p for p in (street or town, number) if p)
    last = " ".join(p for p in (psc and f"{psc[:3]} {psc[3:]}", town) if p)
    parts = [p for p in (first, last if street or psc else None) if p]
    extra = adresa.get("dodatekAdresy")
    return ", ".join(parts + ([str(extra)] if extra else [])) or None


def read_code_list(path: Path, label: str, problems: Problems) -> dict[str, dict]:
    """Items of a code list by id. A missing list is an error: records carry only codes."""
    if not path.exists():
        problems.add(label, "chybí číselník registru", "the registry code list is missing")
        return {}
    items = {}
    for record in _records(path, label, problems):
        item = record.value
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.add(label, "položka číselníku nemá id", "a code-list item has no id", record=str(record.number))
            continue
        items[item["id"]] = item
    return items


def _records(path: Path, label: str, problems: Problems, warnings: Problems | None = None):
    """Stream the records of `polozky`; a broken or truncated file becomes one problem naming the record where it
    broke; duplicated keys, nesting, long strings and big records are refused with the record and field."""
    try:
        with path.open("rb") as handle:
            if handle.read(3) != b"\xef\xbb\xbf":
                handle.seek(0)
            for record in jsonstream.records(handle):
                ident = record.value.get("identifikator") if isinstance(record.value, dict) else None
                where = f"{record.number} (identifikátor {str(ident)[:20]})" if isinstance(ident, str) \
                    else str(record.number)
                for issue in record.issues:
                    _issue(label, issue, where, problems, warnings)
                if record.broken or any(i.kind != "duplicate-same" for i in record.issues):
                    continue
                yield record
    except FileNotFoundError:
        problems.add(label, "soubor registru chybí", "the registry file is missing")
    except UnicodeDecodeError:
        problems.add(label, "soubor není v kódování UTF-8", "the file is not UTF-8")
    except jsonstream.FileError as exc:
        message = exc.message.strip().splitlines()[0] if exc.message.strip() else "?"
        record = (f"{exc.number} (identifikátor {exc.ident[:20]})" if exc.ident else str(exc.number)) \
            if exc.number else None
        if "UTF8" in exc.message or "UTF-8" in exc.message:
            problems.add(label, "soubor není v kódování UTF-8 (registr se zveřejňuje v UTF-8)",
                         "the file is not UTF-8 (the registry is published in UTF-8)", record=record)
        elif "premature EOF" in exc.message:
            problems.add(label, "soubor je useknutý: končí uprostřed záznamu", "the file is truncated mid-record",
                         record=record)
        elif exc.message == jsonstream.OUT_OF_RANGE:
            problems.add(label, "číslo mimo jakýkoli rozsah", "a number out of any range", record=record,
                         column=exc.path)
        else:
            problems.add(label, f"soubor není platný JSON ({message[:120]})",
                         f"the file is not valid JSON ({message[:120]})", record=record)


def _issue(label: str, issue: jsonstream.Issue, where: str, problems: Problems, warnings: Problems | None) -> None:
    field = issue.path or None
    if issue.kind == "duplicate-same":
        (warnings or problems).add(label, "klíč je v záznamu dvakrát se stejnou hodnotou",
                                   "the key appears twice in the record with the same value",
                                   column=field, value=issue.value[0], record=where)
    elif issue.kind == "duplicate":
        shown = issue.value if issue.value and not isinstance(issue.value[0], dict | list) else None
        problems.add(label, "klíč je v záznamu dvakrát s různými hodnotami (nevím, která platí)",
                     "the key appears twice in the record with different values (which one holds?)",
                     column=field, value=shown, record=where)
    elif issue.kind == "depth":
        problems.add(label, f"záznam je vnořený hlouběji než {jsonstream.MAX_DEPTH} úrovní (limit)",
                     f"the record nests deeper than {jsonstream.MAX_DEPTH} levels (the limit)",
                     column=field, record=where)
    elif issue.kind == "string":
        problems.add(label, f"text je delší než {jsonstream.MAX_STRING} znaků (limit)",
                     f"a text longer than {jsonstream.MAX_STRING} characters (the limit)",
                     column=field, value=issue.value, record=where)
    else:
        problems.add(label, f"záznam má víc než {jsonstream.MAX_VALUES} hodnot (limit)",
                     f"the record holds more than {jsonstream.MAX_VALUES} values (the limit)", record=where)


def _list(item: dict, key: str, record: str, problems: Problems, field: str | None = None) -> list:
    """item[key] as a list (missing or null: empty); anything else is a located problem."""
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(FILE, "pole má být seznam", "the field must be a list", column=field or key, record=record)
        return []
    return value


def _flatten(path: Path, names: pd.Series, problems: Problems, warnings: Problems):
    services, capacities, places = [], [], []
    for entry in _records(path, FILE, problems, warnings):
        number, item = entry.number, entry.value
        if not isinstance(item, dict):
            problems.add(FILE, "záznam není objekt", "the record is not an object", record=str(number))
            continue
        ident = _text(item.get("identifikator"))
        record = f"{number} (identifikátor {ident[:20]})" if ident else str(number)
        missing = [key for key in ("identifikator", "druhSocialniSluzby", "poskytovatel", "formy", "zarizeni")
                   if item.get(key) is None]
        for key in missing:
            problems.add(FILE, "chybí povinné pole", "a required field is missing", column=key, record=record)
        if missing:
            continue
        provider = item["poskytovatel"] if isinstance(item["poskytovatel"], dict) else {}
        before = len(problems.items)
        lists = {key: _list(item, key, record, problems)
                 for key in ("formy", "zarizeni", "ciloveSkupiny", "rozsirenePusobnostiVKraji", "weby")}
        malformed = [(key, n) for key in ("formy", "zarizeni", "ciloveSkupiny", "rozsirenePusobnostiVKraji")
                     for n, part in enumerate(lists[key]) if not isinstance(part, dict)]
        for f, forma in enumerate(lists["formy"]):
            if isinstance(forma, dict):
                kapacity = _list(forma, "kapacity", record, problems, f"formy[{f}].kapacity")
                malformed += [(f"formy[{f}].kapacity", n) for n, kap in enumerate(kapacity)
                              if not isinstance(kap, dict)]
        for key, n in malformed:
            problems.add(FILE, "položka není objekt", "the item is not an object", column=f"{key}[{n}]",
                         record=record)
        if len(problems.items) > before:
            continue
        forms = []
        for f_no, forma in enumerate(lists["formy"]):
            form = _code(forma.get("forma"))
            forms.append(form)
            for c_no, kap in enumerate(forma.get("kapacity") or []):
                capacities.append({
                    "identifikator": ident, "record": record, "form": form,
                    "field": f"formy[{f_no}].kapacity[{c_no}].pocet",
                    "capacity_type": _code(kap.get("typ")), "capacity": _text(kap.get("pocet")),
                    "description": _text(kap.get("popis")),
                })
        for p_no, zarizeni in enumerate(lists["zarizeni"]):
            adresa = zarizeni.get("adresa") if isinstance(zarizeni.get("adresa"), dict) else None
            secret = bool(zarizeni.get("utajenaAdresa")) or adresa is None
            places.append({
                "identifikator": ident, "record": record, "place_no": p_no + 1,
                "field": f"zarizeni[{p_no}].adresa.obec",
                "name": _text(zarizeni.get("nazev")),
                "address": "utajená adresa" if secret else _address(adresa, names),
                "kod_obce": None if secret else _code(adresa.get("obec")),
                "address_point": None if secret else _text(adresa.get("kodAdresnihoMista")),
                "date_from": _text(zarizeni.get("poskytujeOd")), "date_to": _text(zarizeni.get("poskytujeDo")),
                "secret": secret,
            })
        services.append({
            "identifikator": ident, "record": record, "portal_id": _text(item.get("portalId")),
            "druh_id": _ref(item.get("druhSocialniSluzby")),
            "date_from": _text(item.get("datumPoskytovaniOd")), "date_to": _text(item.get("datumPoskytovaniDo")),
            "ico": _text(provider.get("ico")), "provider_name": _text(provider.get("nazev")),
            "legal_form": _name((provider.get("pravniForma") or {}).get("nazev"))
            if isinstance(provider.get("pravniForma"), dict) else _text(provider.get("pravniForma")),
            "web": _first_contact(item, provider, "weby", "web"),
            # E-mails and phones at service level are often a named person's: not read (personal data).
            "email": None,
            "phone": None,
            "forms": forms,
            "target_groups": [_code(g.get("cilovaSkupina") if isinstance(g, dict) and "cilovaSkupina" in g else g)
                              for g in lists["ciloveSkupiny"]],
            "reach_kraje": sorted({_code(r.get("kraj") if isinstance(r, dict) and "kraj" in r else r)
                                   for r in lists["rozsirenePusobnostiVKraji"]} - {None}),
        })
    return pd.DataFrame(services), pd.DataFrame(capacities), pd.DataFrame(places)


def _validate(frame: pd.DataFrame, model: pa.DataFrameSchema, problems: Problems, field_of=None) -> None:
    """Problems name the record (its position and identifier) and the field, not a row number."""
    if frame.empty:
        return
    try:
        model.validate(frame[list(model.columns)], lazy=True)
    except pa.errors.SchemaErrors as err:
        for case in err.failure_cases.itertuples():
            if pd.isna(case.index):
                continue
            row = frame.iloc[int(case.index)]
            check = str(case.check)
            if check == "field_uniqueness":
                cs, en = "identifikátor se opakuje", "duplicate identifier"
            elif check == "not_nullable":
                cs, en = "prázdná povinná hodnota", "required value is empty"
            elif check == "real_date":
                cs, en = "neexistující datum", "not a real calendar date"
            elif case.column == "capacity":
                cs, en = "kapacita není celé nezáporné číslo", "capacity is not a whole non-negative number"
            else:
                cs, en = f"neplatná hodnota ({check})", f"invalid value ({check})"
            field = field_of(row, case.column) if field_of else case.column
            problems.add(FILE, cs, en, column=field, value=case.failure_case, record=row["record"])


SERVICE_FIELDS = {"druh_id": "druhSocialniSluzby.id", "date_from": "datumPoskytovaniOd",
                  "date_to": "datumPoskytovaniDo", "ico": "poskytovatel.ico", "provider_name": "poskytovatel.nazev"}


def read(data_dir: Path, kraj: str, national: pd.DataFrame, problems: Problems, warnings: Problems
         ) -> Registry | None:
    """Read the registry and keep the services of `kraj` (NUTS 3 code or 'all')."""
    registry_dir = data_dir / DIR
    lists = {key: read_code_list(registry_dir / name, f"{DIR}/{name}", problems) for key, name in CODE_LISTS.items()}
    services, capacities, places = _flatten(data_dir / FILE, national["name"], problems, warnings)
    if problems.items:
        return None
    if services.empty:
        problems.add(FILE, "registr neobsahuje žádnou službu", "the registry holds no service")
        return None
    _validate(services, SERVICE_MODEL, problems, lambda row, col: SERVICE_FIELDS.get(col, col))
    _validate(capacities, CAPACITY_MODEL, problems,
              lambda row, col: row["field"] if col == "capacity" else row["field"].rsplit(".", 1)[0] + f".{col}")
    _validate(places, PLACE_MODEL, problems, lambda row, col: row["field"])
    if problems.items:
        return None
    # A capacity of 10^12 is a whole number the model's INTEGER cannot hold: refused here, with its record.
    numbers = capacities["capacity"].dropna()
    for index in numbers[(numbers.str.len() > 10) | (numbers.str.len().eq(10) & (numbers > str(INT_MAX)))].index:
        row = capacities.loc[index]
        problems.add(FILE, f"kapacita je větší než {INT_MAX:_}, největší, jakou model pojme".replace("_", " "),
                     f"the capacity exceeds {INT_MAX:,}, the largest the model holds", column=row["field"],
                     value=row["capacity"], record=row["record"])
    if problems.items:
        return None

    known_places = places["kod_obce"].isin(national.index) | places["kod_obce"].isna()
    for row in places[~known_places].itertuples():
        problems.add(FILE, "neznámý kód obce", "unknown municipality code", column=row.field,
                     value=row.kod_obce, record=row.record)
    known_kinds = set(lists["druhy"])
    for row in services[~services["druh_id"].isin(known_kinds)].itertuples():
        warnings.add(FILE, "druh služby není v číselníku: načteno jako neznámý druh",
                     "kind of service not in the code list: loaded as an unknown kind",
                     column="druhSocialniSluzby.id", value=row.druh_id, record=row.record)
    if problems.items:
        return None

    # The region of a service: the municipality of any of its places, or its declared reach.
    kraje_nuts = {_code(i): i.get("kodNuts3") for i in lists["kraje"].values()}
    places["kod_kraj"] = places["kod_obce"].map(national["kod_kraj"])
    if kraj == "all":
        kept = set(services["identifikator"])
    else:
        by_place = set(places.loc[places["kod_kraj"] == kraj, "identifikator"])
        by_reach = {row.identifikator for row in services.itertuples()
                    if kraj in {kraje_nuts.get(k) for k in row.reach_kraje}}
        kept = by_place | by_reach
    all_identifiers = set(services["identifikator"])
    services = services[services["identifikator"].isin(kept)].reset_index(drop=True)
    capacities = capacities[capacities["identifikator"].isin(kept)].reset_index(drop=True)
    places = places[places["identifikator"].isin(kept)].reset_index(drop=True)

    if kraj != "all":
        for row in places[places["kod_kraj"].notna() & (places["kod_kraj"] != kraj)].itertuples():
            warnings.add(FILE, f"místo poskytování leží mimo kraj {kraj}", f"place of provision outside {kraj}",
                         column=row.field, value=row.kod_obce, record=row.record)
    for row in capacities[capacities["capacity"] == "0"].itertuples():
        warnings.add(FILE, "registrovaná kapacita je 0", "registered capacity is 0", column=row.field,
                     value="0", record=row.record)
    for row in places[places["secret"]].itertuples():
        warnings.add(FILE, "utajená adresa: místo bez souřadnic", "secret address: place without a point",
                     column=row.field.rsplit(".", 2)[0], record=row.record)

    provenance = None
    if (data_dir / PROVENANCE).exists():
        provenance = read_table(data_dir / PROVENANCE, PROVENANCE_MODEL, problems, PROVENANCE)
        if provenance is not None:
            unknown = set(provenance["identifikator"]) - set(services["identifikator"])
            if kraj != "all":
                unknown = set()  # records of other regions may be listed
            for ident in sorted(unknown):
                problems.add(PROVENANCE, "identifikátor není v registru", "identifier not in the registry",
                             column="identifikator", value=ident)
    kinds = {key: _name(item.get("nazev")) for key, item in lists["druhy"].items()}
    groups = {_code(key): _name(item.get("nazev")) for key, item in lists["cilove_skupiny"].items()}
    return Registry(services, capacities, places, kinds, groups, provenance, all_identifiers)


def illustrative_fields(provenance: pd.DataFrame | None) -> dict[str, list[str]]:
    if provenance is None:
        return {}
    return {row.identifikator: split_list(row.illustrative_fields) for row in provenance.itertuples()}
