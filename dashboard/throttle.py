"""Failed logins slow down the client that fails, not the account: a stranger cannot lock a user out.

Kept per client (its address, as the proxy reports it when SOCMAP_PROXIES says there is one) and per
name, each in a bounded table (the least recently seen forgotten first), per worker process:

- a client's first FREE failures cost nothing; after that it waits before its next attempt, 2, 4, 8 …
  seconds up to MAX_WAIT, whatever names it tries (spraying across names is slowed as much as guessing
  one). A success or FORGET seconds without a failure clear it.
- a name that collects NAME_GUARD failures (from any number of clients) is guarded: every client that
  has failed before waits its own backoff before trying that name again — but a client with no failure,
  the real user at their own computer, logs in at once with the right password.

The answer to a waiting client is 429 with Retry-After; no thread sleeps. With N workers a client gets up
to N times the attempts (each worker counts its own); the backoff still grows exponentially in each.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

FREE = 5
BASE, MAX_WAIT = 2.0, 15 * 60.0
FORGET = 30 * 60.0
NAME_GUARD = 20
MAX_ENTRIES = 10_000  # clients and names each: bounded memory whatever is sent


class Throttle:
    def __init__(self, clock=None) -> None:
        self.clock = clock or (lambda: time.monotonic())
        self.clients: OrderedDict[str, list] = OrderedDict()  # client -> [failures, last failure]
        self.names: OrderedDict[str, list] = OrderedDict()    # name -> [failures, last failure]
        self._lock = threading.Lock()

    @staticmethod
    def _backoff(failures: int) -> float:
        return 0.0 if failures <= FREE else min(BASE ** (failures - FREE), MAX_WAIT)

    def _get(self, table: OrderedDict, key: str, now: float) -> list | None:
        entry = table.get(key)
        if entry is not None and now - entry[1] > FORGET:
            del table[key]
            return None
        return entry

    def wait(self, client: str, name: str | None) -> int:
        """Seconds the client must wait before this attempt (0: go ahead)."""
        with self._lock:
            now = self.clock()
            entry = self._get(self.clients, client, now)
            if entry is None:
                return 0  # a client that never failed is never kept waiting
            failures = entry[0]
            guarded = name is not None and (named := self._get(self.names, name, now)) is not None \
                and named[0] >= NAME_GUARD
            delay = self._backoff(failures + FREE if guarded else failures)
            return max(0, int(entry[1] + delay - now + 0.999))

    def failed(self, client: str, name: str | None) -> None:
        with self._lock:
            now = self.clock()
            for table, key in ((self.clients, client), (self.names, name)):
                if key is None:
                    continue
                entry = self._get(table, key, now) or [0, now]
                entry[0] += 1
                entry[1] = now
                table[key] = entry
                table.move_to_end(key)
                while len(table) > MAX_ENTRIES:
                    table.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self.clients.pop(client, None)
