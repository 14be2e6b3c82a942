"""Heavy work waits in a bounded queue (#17): packs and export links never take every thread, a full queue
answers 429 in Czech with when to try again, and the pack page says where in the queue a pack is."""

from __future__ import annotations

import threading
import time

import pytest

from common.settings import Settings
from dashboard import jobs
from dashboard.app import create_app
from tests.integration.test_safety import CALLBACK, capacity


def blocker(release: threading.Event):
    def work(progress):
        progress(0, 1, "čekám")
        release.wait(30)
        return "hotovo.zip", b"PK"
    return work


@pytest.fixture
def release():
    event = threading.Event()
    yield event
    event.set()


def test_the_queue_is_bounded_in_total_per_client_and_in_waiting_requests(tmp_path, release):
    queue = jobs.HeavyQueue(tmp_path, max_jobs=3, max_per_client=2, max_waiting_requests=1)
    first = queue.submit("a", "balíček 1", blocker(release))
    second = queue.submit("a", "balíček 2", blocker(release))
    with pytest.raises(jobs.QueueFull) as per_client:
        queue.submit("a", "balíček 3", blocker(release))
    assert "Pro tento počítač se už připravují 2 exporty" in per_client.value.cs
    third = queue.submit("b", "balíček", blocker(release))
    with pytest.raises(jobs.QueueFull) as full:
        queue.submit("c", "balíček", blocker(release))
    assert "Zkuste to znovu za" in full.value.cs and 5 <= full.value.retry_after <= 600
    assert [queue.place(j) for j in (first, second, third)] == [0, 1, 2]
    release.set()
    assert third.finished.wait(10) and queue.place(third) == -1 and third.state == "done"


def test_a_pack_s_state_and_file_are_read_by_any_worker(tmp_path):
    worker_a, worker_b = jobs.HeavyQueue(tmp_path), jobs.HeavyQueue(tmp_path)
    job = worker_a.submit("a", "balíček", lambda progress: ("balicek.zip", b"PK-data"), charts=13)
    assert job.finished.wait(10)
    assert worker_b.state(job.id) == {"state": "done", "place": -1, "done": 0, "total": 0, "what": "",
                                      "charts": 13, "name": "balicek.zip"}
    assert worker_b.take(job.id) == ("balicek.zip", b"PK-data")
    assert worker_a.take(job.id) is None and worker_b.state("../../etc/passwd") is None


@pytest.fixture
def app(app_db, tmp_path):
    return create_app(Settings(db_path=app_db, jobs_dir=tmp_path / "jobs"))


def test_a_full_queue_answers_429_in_czech_and_callbacks_keep_their_speed(app, release):
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    queue = jobs.queue()
    held = [queue.submit(f"10.1.0.{i}", "balíček", blocker(release)) for i in range(jobs.MAX_JOBS)]
    export = client.get("/export/graf/populace.png?uroven=obec")
    assert export.status_code == 429 and int(export.headers["Retry-After"]) >= 5
    assert "Server právě připravuje jiné exporty" in export.text and "Try again in" in export.text
    assert client.get("/export/hsds.zip").status_code == 429
    started = time.perf_counter()
    assert client.post(CALLBACK, json=capacity()).status_code == 200  # a page's callback does not wait
    assert time.perf_counter() - started < 5
    release.set()
    assert all(job.finished.wait(10) for job in held)
    assert client.get("/export/hsds.zip").status_code == 200


def test_export_links_may_hold_only_two_threads_of_a_worker(app, release):
    client = app.server.test_client()
    queue = jobs.queue()
    held = [queue.submit("10.2.0.1", "graf", blocker(release), waiting_request=True) for _ in range(2)]
    answer = client.get("/export/hsds.zip", environ_base={"REMOTE_ADDR": "10.2.0.9"})
    assert answer.status_code == 429 and "jiné soubory ke stažení" in answer.text
    release.set()
    assert all(job.finished.wait(10) for job in held)


def test_the_pack_page_shows_its_place_in_the_queue_then_downloads(app, monkeypatch, release):
    from dashboard.pages import pack

    def quick_pack(area, progress):
        for i in range(3):
            progress(i, 3, f"graf {i}")
        return f"socmap-balicek-{area}.zip", b"PK" + area.encode()

    monkeypatch.setattr(pack, "make_pack", quick_pack)
    queue = jobs.queue()
    ahead = queue.submit("10.3.0.1", "balíček jiného", blocker(release))
    with app.server.test_request_context("/_dash-update-component", environ_base={"REMOTE_ADDR": "10.3.0.2"}):
        job_id, poll_off, ticks, style, text, done, button_off = pack.make(1, "5104")
    assert not poll_off and style == pack.SHOWN and button_off and done == ""
    assert "Čekáte ve frontě: před vámi je 1 jiný export" in text
    waiting = pack.follow(1, job_id)
    assert "před vámi je 1 jiný export" in waiting[4]
    release.set()
    assert ahead.finished.wait(10)
    for tick in range(2, 50):
        answer = pack.follow(tick, job_id)
        if answer[0] is not pack.dash.no_update:
            break
        time.sleep(0.1)
    download, stored, poll_off, style, text, done, button_off = answer
    assert download["filename"] == "socmap-balicek-5104.zip" and stored is None and poll_off
    assert style == pack.HIDDEN and done.startswith("Hotovo: socmap-balicek-5104.zip") and not button_off


def test_the_pack_page_says_when_the_queue_is_full(app, release):
    from dashboard.pages import pack

    queue = jobs.queue()
    held = [queue.submit(f"10.4.0.{i}", "balíček", blocker(release)) for i in range(jobs.MAX_JOBS)]
    with app.server.test_request_context("/_dash-update-component"):
        job_id, poll_off, _ticks, style, _text, done, button_off = pack.make(1, "kraj")
    assert job_id is None and poll_off and style == pack.HIDDEN and not button_off
    assert done.startswith("Server právě připravuje jiné exporty") and "Zkuste to znovu za" in done
    release.set()
    assert all(job.finished.wait(10) for job in held)


def test_a_forged_pack_id_is_refused(app):
    from dashboard.inputs import InvalidInput
    from dashboard.pages import pack

    for forged in ("../../etc/passwd", {"id": 1}, "x" * 500, None):
        with pytest.raises(InvalidInput):
            pack.follow(1, forged)
    with pytest.raises(InvalidInput):
        pack.follow("1", "A" * 24)
