"""How a planner's text is matched to codes: folded for comparison, and the closest match for a typo.

The closest match is a courtesy of an error message, so it is bounded: only for values of at most
SUGGEST_MAX_CHARS, cached, for the first SUGGEST_MAX_LOOKUPS distinct values of a run and no more than
SUGGEST_MAX_SECONDS in all. A 20 MB cell is never compared, and 20 000 mistyped rows cost one lookup
each of the first hundred distinct values.
"""

from __future__ import annotations

import difflib
import time

from common.vocabulary import fold_key

SUGGEST_MAX_CHARS = 40       # a longer value gets no closest match (a 20 MB cell is never compared)
SUGGEST_MAX_LOOKUPS = 100    # distinct values looked up in one run (a message shows the first 100 problems)
SUGGEST_MAX_SECONDS = 2.0    # and no more time than this in one run, whatever the candidates
SUGGEST_MAX_EDIT_CANDIDATES = 2_000  # edit distances only over this many candidates; difflib beyond


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance (insertions, deletions, substitutions), or limit + 1 once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def best_match(value: str, candidates) -> str | None:
    """The candidate a typo most likely meant, or None; only for short values."""
    value = str(value)
    if not value or len(value) > SUGGEST_MAX_CHARS:
        return None
    candidates = [str(c) for c in candidates]
    if not candidates:
        return None
    if len(value) <= 12 and len(candidates) <= SUGGEST_MAX_EDIT_CANDIDATES:  # codes: fewest edits
        limit = max(2, len(value) // 3)
        folded = fold_key(value)
        ranked = sorted((_distance(folded, fold_key(c), limit), c) for c in candidates)
        if ranked[0][0] <= limit:
            return ranked[0][1]
    match = difflib.get_close_matches(value, candidates, n=1, cutoff=0.5)
    return match[0] if match else None


class Suggest:
    """Closest matches for one run: cached, bounded in number (SUGGEST_MAX_LOOKUPS) and time."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, str], str | None] = {}
        self.spent = 0.0

    def __call__(self, value, candidates, topic: str = "") -> tuple[str, str]:
        """(" Nejbližší: X.", " Closest: X.") or two empty strings."""
        key = (str(value)[: SUGGEST_MAX_CHARS + 1], topic)
        if key not in self.cache:
            if len(self.cache) >= SUGGEST_MAX_LOOKUPS or self.spent > SUGGEST_MAX_SECONDS:
                return "", ""
            started = time.perf_counter()
            self.cache[key] = best_match(value, candidates)
            self.spent += time.perf_counter() - started
        match = self.cache[key]
        return (f" Nejbližší: {match}.", f" Closest: {match}.") if match else ("", "")
