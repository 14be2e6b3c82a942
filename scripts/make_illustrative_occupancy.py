"""Write data/planner/obsazenost-ilustrativni-2019-2024.csv: ILLUSTRATIVE monthly occupancy of the
extract's shelters and night shelters, so the occupancy screens have something to show until
providers' real figures arrive. Every row cites ILU-OBSAZENOST-2019-2024 (is_illustrative = true).

    python scripts/make_illustrative_occupancy.py
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "planner" / "obsazenost-ilustrativni-2019-2024.csv"
# identifikátor (from the extract), capacity in beds, night shelter?
SERVICES = [("9900008", 32, True), ("9900011", 25, True), ("9900010", 36, False), ("9900015", 25, False),
            ("9900003", 66, False)]


def main() -> None:
    rng = random.Random(2019)
    with OUT.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Identifikátor", "Období", "Jednotka", "Kapacita", "Obsazeno", "Odmítnuto", "Poznámka",
                         "Zdroj"])
        for ident, capacity, night in SERVICES:
            for year in range(2019, 2025):
                for month in range(1, 13):
                    if night and year == 2021 and month in (4, 5):
                        continue  # a gap on purpose: a missing period is not a zero
                    winter = (math.cos((month - 1) / 12 * 2 * math.pi) + 1) / 2  # 1 in January, 0 in July
                    share = (0.62 + 0.38 * winter) if night else (0.84 + 0.1 * winter)
                    occupied = min(capacity, round(capacity * share + rng.uniform(-1.5, 1.5)))
                    refused = round(max(0.0, winter - 0.6) * capacity * 0.5 + rng.uniform(0, 1)) if night else ""
                    writer.writerow([ident, f"{month}/{year}", "lůžka", capacity, occupied, refused,
                                     "ilustrativní údaj", "ILU-OBSAZENOST-2019-2024"])


if __name__ == "__main__":
    main()
