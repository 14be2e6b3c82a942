"""Login sessions that end: at logout, at a password change, at a user's removal, and after 10 hours.

The session is Flask's signed cookie (SOCMAP_SECRET_KEY), so any worker and any replica with the same key
reads it; what it proves is checked against state every worker shares, at every request:

- a **session version** per user, in a small JSON file beside the users file (`<users file>.sessions`).
  Logging out raises the user's version, so every cookie of that user — in every browser, on every worker
  and replica that reads the same file — stops working at once. `socmap user add` (a new password) and
  `socmap user remove` raise it too. The file is written under a lock and swapped in atomically; it needs
  the users file's directory writable by the server. Replicas on other machines must share both files
  (or the version of a logout reaches only the machine where it happened).
- a **fingerprint of the password hash** (an HMAC with the secret key, so the cookie tells nothing about
  the hash): a new password, or a user removed and added again, never revives an old cookie.
- an **absolute lifetime**: the cookie carries the time of the login, and a session older than
  SESSION_HOURS ends whatever happened since. The cookie is not renewed by requests (no sliding expiry).
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import os
import tempfile
import time
from pathlib import Path

SESSION_HOURS = 10  # a working day; renewal cannot extend it
MAX_CLOCK_SKEW = 60  # seconds a login time may lie in the future (replicas' clocks)


def versions_path(users_file: Path) -> Path:
    return Path(f"{users_file}.sessions")


class SessionVersions:
    """The per-user session versions of one users file, re-read when the file changes."""

    def __init__(self, users_file: Path) -> None:
        self.users_file = Path(users_file)
        self.path = versions_path(users_file)
        self._kept: tuple = (None, {})

    def _read(self) -> dict[str, int]:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return {}
        identity = (st.st_ino, st.st_mtime_ns, st.st_size)
        if self._kept[0] != identity:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            versions = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int)} \
                if isinstance(data, dict) else {}
            self._kept = (identity, versions)
        return self._kept[1]

    def version(self, name: str) -> int:
        return self._read().get(name, 0)

    def end(self, name: str) -> int:
        """End every session of `name` (raise its version); return the new version."""
        return end_sessions(self.users_file, name)


def end_sessions(users_file: Path, name: str) -> int:
    """Raise the session version of `name` in the file beside `users_file`, under a lock, atomically."""
    path = versions_path(users_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict):
            data = {}
        data[name] = int(data.get(name, 0)) + 1 if isinstance(data.get(name, 0), int) else 1
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return data[name]


def fingerprint(secret: str, hashed: str) -> str:
    """Changes with the password hash (a new salt each time); tells nothing about it."""
    return hmac.new(secret.encode(), hashed.encode(), hashlib.sha256).hexdigest()[:24]


def start(session, name: str, hashed: str, versions: SessionVersions, secret: str) -> None:
    """Fill a fresh session for `name` (the caller cleared it)."""
    session["user"] = name
    session["v"] = versions.version(name)
    session["h"] = fingerprint(secret, hashed)
    session["t"] = int(time.time())
    session.permanent = True


def user_of(session, users: dict[str, str], versions: SessionVersions, secret: str) -> str | None:
    """The user this session still belongs to, or None (logged out, password changed, removed, too old)."""
    name, version, mark, started = (session.get(k) for k in ("user", "v", "h", "t"))
    if not isinstance(name, str) or not isinstance(version, int) or not isinstance(mark, str) \
            or not isinstance(started, int):
        return None
    hashed = users.get(name)
    now = time.time()
    if hashed is None or not hmac.compare_digest(mark, fingerprint(secret, hashed)):
        return None
    if version != versions.version(name):
        return None
    if not started - MAX_CLOCK_SKEW <= now < started + SESSION_HOURS * 3600:
        return None
    return name
