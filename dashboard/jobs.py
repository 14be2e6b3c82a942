"""Heavy work in a bounded queue, one per worker process: report packs and exports wait their turn.

A report pack takes 10-40 s and a chart export a second; run in the request threads, eight packs held
every gunicorn thread and ordinary clicks waited. Here each worker runs heavy jobs one at a time in a
thread of its own, in order of arrival, and bounds what waits:

- at most MAX_JOBS jobs (running and waiting) per worker, MAX_PER_CLIENT of them from one client;
- a report pack (the Balíček page) is submitted and the page asks for its state every second: it holds
  no request thread while it waits, and the page shows its place in the queue;
- an export link (/export/graf/…, /export/hsds.zip) waits for its file in its request thread, so at most
  MAX_WAITING_REQUESTS such requests per worker: the other threads stay free for the pages' callbacks;
- past any bound the answer is 429 with Retry-After (an estimate from the recent jobs), in Czech.

Simple and in-process on purpose: no broker, nothing to run beside `socmap serve`. Because a page's next
request may reach another worker, a pack's state and finished file are written to a folder the workers
share (SOCMAP_JOBS_DIR, which `socmap serve` sets; a temporary folder otherwise) and any worker answers
for them. A replica on another machine does not see them: the page keeps asking until the replica that
has the job answers (least_conn alternates) or the pack expires (KEEP_SECONDS).
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MAX_JOBS = 4
MAX_PER_CLIENT = 2
MAX_WAITING_REQUESTS = 2  # of a worker's 4 threads
KEEP_SECONDS = 600
JOB_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

Progress = Callable[[int, int, str], None]


class QueueFull(Exception):
    """The queue takes no more now: Czech and English, and when to try again."""

    def __init__(self, retry_after: int, cs: str, en: str) -> None:
        super().__init__(en)
        self.retry_after, self.cs, self.en = retry_after, cs, en


@dataclass
class Job:
    id: str
    client: str
    label: str
    work: Callable[[Progress], object]
    waiting_request: bool  # a request thread waits for it (an export link), or the page polls (a pack)
    info: dict = field(default_factory=dict)
    state: str = "waiting"  # running, done, failed
    result: object = None
    error: BaseException | None = None
    progress: tuple[int, int, str] = (0, 0, "")
    submitted: float = field(default_factory=time.monotonic)
    finished: threading.Event = field(default_factory=threading.Event)


class HeavyQueue:
    def __init__(self, folder: Path | None = None, max_jobs: int = MAX_JOBS, max_per_client: int = MAX_PER_CLIENT,
                 max_waiting_requests: int = MAX_WAITING_REQUESTS) -> None:
        self.folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="socmap-jobs-"))
        self.max_jobs, self.max_per_client = max_jobs, max_per_client
        self.max_waiting_requests = max_waiting_requests
        self.jobs: list[Job] = []  # waiting and running, in order
        self.seconds_per_job = 15.0  # a running estimate for Retry-After
        self._lock = threading.Condition()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    # --- submitting -------------------------------------------------------------------------------

    def submit(self, client: str, label: str, work: Callable[[Progress], object], waiting_request: bool = False,
               **info) -> Job:
        """Queue `work(progress)`; raises QueueFull. A pack's state goes to the shared folder as it changes."""
        with self._lock:
            self._start_thread()
            retry = self.retry_after()
            if len(self.jobs) >= self.max_jobs:
                raise QueueFull(retry, f"Server právě připravuje jiné exporty ({len(self.jobs)} ve frontě, víc "
                                f"nepřijme). Zkuste to znovu za {retry} s.",
                                f"The server is busy with other exports ({len(self.jobs)} queued, the most it "
                                f"takes). Try again in {retry} s.")
            if sum(j.client == client for j in self.jobs) >= self.max_per_client:
                raise QueueFull(retry, f"Pro tento počítač se už připravují {self.max_per_client} exporty; "
                                f"počkejte na ně. Zkuste to znovu za {retry} s.",
                                f"{self.max_per_client} exports are already being made for this computer; wait "
                                f"for them. Try again in {retry} s.")
            if waiting_request and sum(j.waiting_request for j in self.jobs) >= self.max_waiting_requests:
                raise QueueFull(retry, f"Server právě připravuje jiné soubory ke stažení. Zkuste to znovu za "
                                f"{retry} s.", f"The server is busy with other downloads. Try again in {retry} s.")
            job = Job(secrets.token_urlsafe(18), client, label, work, waiting_request, info)
            self.jobs.append(job)
            self._publish()
            self._lock.notify_all()
        self._sweep()
        return job

    def run(self, client: str, label: str, work: Callable[[Progress], object], timeout: float = 300):
        """Queue `work` and wait for its result in this thread (an export link); raises QueueFull, or what
        `work` raised."""
        job = self.submit(client, label, work, waiting_request=True)
        if not job.finished.wait(timeout):
            raise TimeoutError(f"{label}: no result in {timeout:.0f} s")
        if job.error is not None:
            raise job.error
        return job.result

    def retry_after(self) -> int:
        """Seconds until a place is likely free: the jobs ahead times the recent average, 5 s to 10 min."""
        return int(min(600, max(5, math.ceil(self.seconds_per_job * max(1, len(self.jobs))))))

    def place(self, job: Job) -> int:
        """Jobs ahead of this one (the running one included); -1 once it is no longer queued."""
        with self._lock:
            return self.jobs.index(job) if job in self.jobs else -1

    # --- running ----------------------------------------------------------------------------------

    def _start_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive() or self._pid != os.getpid():
            self._pid = os.getpid()  # after a fork the parent's thread does not exist here
            self._thread = threading.Thread(target=self._loop, name="socmap-heavy-queue", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while True:
            with self._lock:
                while not self.jobs or self.jobs[0].state != "waiting":
                    self._lock.wait()
                job = self.jobs[0]
                job.state = "running"
                self._publish()
            started = time.monotonic()
            try:
                job.result = job.work(functools.partial(self._progress, job))
                job.state = "done"
            except BaseException as exc:  # noqa: BLE001 — the job's failure is its requester's answer
                job.error, job.state = exc, "failed"
            elapsed = time.monotonic() - started
            with self._lock:
                self.seconds_per_job = 0.7 * self.seconds_per_job + 0.3 * elapsed
                self.jobs.remove(job)
                try:
                    if not job.waiting_request:
                        self._write_result(job)
                    self._publish()
                except Exception as exc:  # noqa: BLE001 — a full disk must not stop the queue's thread
                    job.error, job.state = exc, "failed"
                self._lock.notify_all()
            job.finished.set()

    def _progress(self, job: Job, done: int, total: int, what: str) -> None:
        job.progress = (done, total, what[:200])
        with self._lock:
            self._write_state(job, 0)

    # --- the shared folder: a pack's state and file, for whichever worker the page asks -----------

    def _path(self, job_id: str, suffix: str) -> Path:
        return self.folder / f"{job_id}.{suffix}"

    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    def _write_state(self, job: Job, place: int) -> None:
        if job.waiting_request:
            return
        done, total, what = job.progress
        state = {"state": job.state, "place": place, "done": done, "total": total, "what": what, **job.info}
        if job.state == "failed":
            state["error"] = str(job.error)[:500]
        self._write(self._path(job.id, "json"), json.dumps(state, ensure_ascii=False).encode("utf-8"))

    def _publish(self) -> None:
        """Every queued pack's place, as it is now (call with the lock held)."""
        for place, job in enumerate(self.jobs):
            self._write_state(job, place)

    def _write_result(self, job: Job) -> None:
        """A pack's work returns (file name, bytes): the file goes to the shared folder."""
        if job.state == "done":
            name, data = job.result
            self._write(self._path(job.id, "bin"), data)
            job.info["name"] = name
            job.result = None  # the file holds it now
        self._write_state(job, -1)

    def state(self, job_id: str) -> dict | None:
        """A pack's state from the shared folder (any worker): state, place, done, total, what, name, error."""
        if not JOB_ID.match(job_id or ""):
            return None
        try:
            return json.loads(self._path(job_id, "json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def take(self, job_id: str) -> tuple[str, bytes] | None:
        """A finished pack's (name, bytes), removed from the folder (any worker)."""
        state = self.state(job_id)
        if not state or state.get("state") != "done":
            return None
        try:
            data = self._path(job_id, "bin").read_bytes()
        except OSError:
            return None
        for suffix in ("bin", "json"):
            self._path(job_id, suffix).unlink(missing_ok=True)
        return state["name"], data

    def _sweep(self) -> None:
        """Remove what nobody came for within KEEP_SECONDS."""
        limit = time.time() - KEEP_SECONDS
        try:
            for path in self.folder.iterdir():
                if path.stat().st_mtime < limit:
                    path.unlink(missing_ok=True)
        except OSError:
            pass


_queue: HeavyQueue | None = None
_queue_lock = threading.Lock()


def configure(folder: Path | None) -> HeavyQueue:
    """The queue of this process, its shared folder set (create_app calls this)."""
    global _queue
    with _queue_lock:
        if _queue is None or (folder is not None and _queue.folder != Path(folder)):
            if folder is not None:
                Path(folder).mkdir(parents=True, exist_ok=True)
            _queue = HeavyQueue(folder)
        return _queue


def queue() -> HeavyQueue:
    return _queue or configure(None)
