"""The words of the domain, defined once for the build, the pages and every export.

Codes are the registry's (MPSV) where it has them: forms `pob/amb/ter`, capacity types `luzka/klient/…`.
Kinds themselves are data (data/reference/rpss-druhy.csv, data/sources/kinds.csv); their groups are here.
"""

from __future__ import annotations

import math
import re
import unicodedata

# Forms of provision (forma poskytování), registry code -> Czech.
FORMS = {"pob": "pobytová", "amb": "ambulantní", "ter": "terénní"}

# Groups of kinds (§ 32 zákona 108/2006 Sb.), plus services outside the registry (municipal flats, Housing First).
GROUPS = {"poradenství": "poradenství", "péče": "péče", "prevence": "prevence", "mimo registr": "mimo registr"}

# Capacity units: the registry's five capacity types, then units of services outside it.
REGISTRY_UNITS = ("luzka", "klient", "kontakt", "interv", "hovor")
UNITS = {"luzka": "lůžka", "klient": "klienti", "kontakt": "kontakty (10 min)", "interv": "intervence (30 min)",
         "hovor": "hovory", "byt": "byty", "bytove-jednotky": "bytové jednotky"}
# The units a planner's workbook names (its "Jednotka" column and the template's list), as typed there.
WORKBOOK_UNITS = {"luzka": "lůžka", "klient": "klienti", "kontakt": "kontakty", "interv": "intervence",
                  "hovor": "hovory", "bytove-jednotky": "bytové jednotky"}

# What is counted, in the three Czech plural forms (1; 2–4; 0 and 5+).
PLURALS = {
    "luzka": ("lůžko", "lůžka", "lůžek"), "klient": ("klient", "klienti", "klientů"),
    "kontakt": ("kontakt", "kontakty", "kontaktů"), "interv": ("intervence", "intervence", "intervencí"),
    "hovor": ("hovor", "hovory", "hovorů"), "byt": ("byt", "byty", "bytů"),
    "misto": ("místo", "místa", "míst"), "sluzba": ("služba", "služby", "služeb"), "dum": ("dům", "domy", "domů"),
    "bytove-jednotky": ("bytová jednotka", "bytové jednotky", "bytových jednotek"),
}

# Statuses of a plan's measure and of a social-housing project, as the planners' workbooks write them.
PLAN_STATUSES = ("splněno", "probíhá", "nezahájeno", "zrušeno")
HOUSING_STATUSES = ("v provozu", "plánováno", "návrh", "ukončeno")

# What services do beyond their kind (derived in the build, table service_topic): code -> Czech.
TOPICS = {"dluhove-poradenstvi": "dluhové poradenství"}
TOPIC_PREFIX = "tema:"  # a topic where a kind is chosen: "tema:dluhove-poradenstvi"
TOPIC_CHOICES = {TOPIC_PREFIX + code: name for code, name in TOPICS.items()}


def unit_name(unit: str) -> str:
    """'kontakt' -> 'kontakty (10 min)'; an unknown unit as it is."""
    return UNITS.get(unit, unit)


def plural_word(n: int, unit: str) -> str:
    """The word for n of unit: 1 lůžko, 3 lůžka, 5 lůžek."""
    one, few, many = PLURALS.get(unit, (unit, unit, unit))
    return one if n == 1 else few if 2 <= n <= 4 else many


def fold(text) -> str:
    """Lower case without diacritics, for search and sorting: 'Noclehárna' -> 'nocleharna'; None/NaN -> ''."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return _plain(str(text))


def fold_key(text) -> str:
    """A header or a value as a key to match on: 'Na 10 000 obyvatel' -> 'na_10_000_obyvatel'."""
    return re.sub(r"[^a-z0-9]+", "_", _plain(str(text or "")).strip()).strip("_")


def slug(text: str) -> str:
    """A name in a file name: 'ORP Jilemnice' -> 'orp-jilemnice', 'Liberecký kraj' -> 'liberecky-kraj'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _plain(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()
