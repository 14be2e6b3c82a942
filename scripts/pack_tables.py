"""The numbers of an area's report pack as one JSON document: for each chart the words the pack writes
beside it (title, choice, source, illustrative mark) and its table as the pack's XLSX sheet holds it.

Run before and after a change that should not change what the pack says, and compare:

    python -m scripts.pack_tables data/socmap.duckdb > before.json
    ... change ...
    python -m scripts.pack_tables data/socmap.duckdb | diff before.json -

tests/integration/test_pack_tables.py does exactly this against tests/data/pack_tables_kraj.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def pack_tables(db_path: Path, area: str = "kraj") -> list[dict]:
    from dashboard import charts, db
    from dashboard.exports.pack import contents, described, rounded
    from dashboard.exports.tables import marked_table

    db.init(db_path.resolve())  # the charts register on import of dashboard.charts; no Dash app is built
    out = []
    for item in contents(area):
        built = charts.build(item.name, item.params)
        sheet = marked_table(built, rounded(built.table))
        out.append({"graf": described(item), "nazev": built.title, "vyber": built.filters, "zdroj": built.source,
                    "ilustrativni": built.illustrative, "shrnuti": built.summary,
                    "sloupce": [str(c) for c in sheet.columns],
                    "radky": ["\t".join(_cell(v) for v in row) for row in sheet.itertuples(index=False)]})
    return out


def _cell(value) -> str:
    import pandas as pd
    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else str(value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--area", default="kraj")
    args = parser.parse_args(argv)
    json.dump(pack_tables(args.db, args.area), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
