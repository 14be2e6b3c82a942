"""What a figure is — counted, zero, unknown, partial, in another unit, not listed — in the words a user reads.

The states themselves are decided once, in the database (`capacity_state()` and the derived views of
`etl/schema.sql`); this module only says them in Czech, the same way on screen, in tables and in files.
A figure nobody stated is never written as 0: the number cell stays empty and "stav údaje" says why.
"""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import format_number, plural

STATE_COLUMN = "Stav údaje"
STATES = {
    "counted": "sečteno ze zdroje",
    "partial": "částečně: nejméně (u části služeb kapacita neuvedena)",
    "zero": "0 – žádná služba (úplný registr)",
    "unknown": "neuvedeno (kapacitu nikdo neuvedl)",
    "other_unit": "kapacita v jiné jednotce",
    "unlisted": "v načtených datech žádná služba (registr je jen výtah)",
}
# Short words for a chart's bar, a map's class and a table's cell where no number can stand.
SHORT = {"unknown": "neuvedeno", "other_unit": "kapacita v jiné jednotce",
         "unlisted": "v načtených datech žádná služba", "zero": "0 – žádná služba"}
KNOWN_STATES = ("counted", "partial", "zero")
ILLUSTRATIVE_MARK = "ILUSTRATIVNÍ DATA"
ASSUMED = "předpoklad socmap, ne schválená norma"


def is_known(state: str) -> bool:
    return state in KNOWN_STATES


def other_units_text(other_units) -> str:
    """'interv:120.0|klient:4.0' -> '120 intervencí, 4 klienti'."""
    if not isinstance(other_units, str) or not other_units:
        return ""
    parts = []
    for item in other_units.split("|"):
        unit, _, value = item.partition(":")
        parts.append(plural(round(float(value)), unit))
    return ", ".join(parts)


def value_text(state: str, value, decimals: int = 1, other_units=None) -> str:
    """The cell a person reads: '32,0', 'nejméně 32,0', 'neuvedeno', 'kapacita v jiné jednotce (120 intervencí)'."""
    if state == "partial":
        return f"nejméně {format_number(value, decimals)}"
    if state in ("counted", "zero"):
        return format_number(value, decimals)
    if state == "other_unit":
        other = other_units_text(other_units)
        return f"{SHORT['other_unit']} ({other})" if other else SHORT["other_unit"]
    return SHORT.get(state, SHORT["unknown"])


def gap_text(state: str, gap) -> str:
    """Missing (+) or surplus (−) units against a target; 'nelze určit' where the capacity is unknown."""
    if gap is None or gap != gap:
        return "bez cíle" if is_known(state) else "nelze určit"
    if state == "partial":
        return f"nejvýše chybí {format_number(gap, 1)}" if gap > 0 else f"nejméně přebývá {format_number(-gap, 1)}"
    return f"chybí {format_number(gap, 1)}" if gap > 0 else f"přebývá {format_number(-gap, 1)}"


def state_labels(states: pd.Series) -> pd.Series:
    return states.map(STATES)


def number_or_empty(values: pd.Series, states: pd.Series) -> pd.Series:
    """Numbers for a file: kept where the state is known, empty (NaN) where nobody stated them."""
    return values.where(states.isin(KNOWN_STATES))


def illustrative_note(share) -> str:
    """'' when nothing is illustrative; otherwise how much of the figure rests on illustrative records."""
    if share is None or share != share or share <= 0:
        return ""
    return f"ilustrativní záznamy: {format_number(share * 100, 0)} % kapacity"
