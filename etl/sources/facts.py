"""Published facts about Liberec services (data/facts/liberecky-kraj-facts.csv), one source each.

Every fact cites a public page; facts sharing a page share one `source` row whose id is derived
from the address, so rebuilding gives the same ids.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pandera.pandas as pa

from etl.errors import Problems
from etl.sources.table import read_table, text

FACTS_FILE = "facts/liberecky-kraj-facts.csv"

MODEL = pa.DataFrameSchema(
    {
        "fact_id": text(r"^F\d{2,}$", unique=True),
        "provider": text(),
        "facility_or_item": text(),
        "druh_paragraph": text(nullable=True),
        "obec": text(nullable=True),
        "kod_obce": text(r"^\d{6}(;\d{6})*$", nullable=True),
        "address": text(nullable=True),
        "metric": text(),
        "value": text(r"^-?\d+(\.\d+)?$", nullable=True),
        "unit": text(nullable=True),
        "as_of": text(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$", nullable=True),
        "source_url": text(r"^https?://"),
        "source_kind": text(),
        "note": text(nullable=True),
    }
)


# The facts file describes its pages in English; users read Czech.
KINDS_CS = {
    "news": "zpravodajský článek",
    "news (provider statement)": "zpravodajský článek (vyjádření poskytovatele)",
    "news (city press release)": "zpravodajský článek (tisková zpráva města)",
    "provider web": "web poskytovatele",
    "provider web (undated)": "web poskytovatele (nedatováno)",
    "provider news": "aktuality poskytovatele",
    "provider press release": "tisková zpráva poskytovatele",
    "politician's press page": "tisková stránka politika",
    "municipal allocation rules": "pravidla města pro přidělování bytů",
    "municipal life-situation page": "stránka města o životní situaci",
    "municipal life-situation page (undated)": "stránka města o životní situaci (nedatováno)",
}


def _date_or_none(text: str):
    try:
        return pd.Timestamp(text).date()
    except ValueError:
        return None


def source_id_for(url: str) -> str:
    host = urlparse(url).hostname or "web"
    host = re.sub(r"^www\.", "", host)
    return f"WEB-{host}-{hashlib.sha1(url.encode()).hexdigest()[:6]}"


def read(data_dir: Path, problems: Problems) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Return (facts, their sources)."""
    facts = read_table(data_dir / FACTS_FILE, MODEL, problems, FACTS_FILE)
    if facts is None:
        return None
    facts = facts.copy()
    facts["source_id"] = facts["source_url"].map(source_id_for)

    sources = []
    for url, group in facts.groupby("source_url", sort=True):
        kind = group["source_kind"].iloc[0]
        full_dates = sorted(d for d in group["as_of"].dropna() if len(d) == 10)
        sources.append({
            "source_id": source_id_for(url),
            "document": f"{KINDS_CS.get(kind, kind)}: {re.sub(r'^www[.]', '', urlparse(url).hostname)}",
            "date": _date_or_none(full_dates[-1]) if full_dates else None,
            "link": url,
            "publisher": urlparse(url).hostname,
            "kind": "web",
            "licence": None,
            "is_illustrative": False,
            "note": f"Fakta {', '.join(group['fact_id'])} ({FACTS_FILE})",
        })
    return facts, pd.DataFrame(sources)
