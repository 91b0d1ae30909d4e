"""One session per circle: however many processes start or take over at once, one session
results and one process drives it; a start that finds a live session makes none; and a
session whose start failed leaves nothing behind to resume or follow."""

from __future__ import annotations

import errno
import multiprocessing
import os
import queue
import threading
import traceback
from pathlib import Path

import pytest

import circle.store.driver_lock as driver_lock_module
import circle.store.journal as journal_module
import circle.store.sessions as sessions_module
from circle.domain.clock import ManualClock
from circle.live.driver import LiveSession
from circle.live.driving import SessionDriven, status_of
from circle.live.follow import open_follower
from circle.live.setup import prepare
from circle.live.starting import SessionRunning
from circle.store.driver_lock import is_held
from circle.store.errors import StoreError, write_failed
from circle.store.repository import Repository

PROCESSES = 6
ROUNDS = 10
PATIENCE = 120.0  # seconds any one step may take on a busy machine before the test calls it hung


def everyone(setup) -> dict[str, bool]:
    return {member.id: True for member in setup.members}


def session_files(repo: Repository, slug: str) -> list[str]:
    return repo.session_ids(slug)


def drivers_now(repo: Repository, slug: str) -> list[str]:
    folder = repo.sessions_dir(slug)
    return [sid for sid in repo.session_ids(slug) if is_held(folder, sid)]


# -- many processes at once ----------------------------------------------------


def _attempt(repo: Repository, setup, how: str, seen) -> LiveSession | None:
    """What one `circle run` does at once with the others: Enter at check-in (start), or
    "Take it over" of the unfinished session, back at check-in when refused, then Enter there."""
    if how == "take_over":
        try:
            return LiveSession.take_over(setup, setup.unfinished, setup.plan, repo.clock, wait=1.0, seen=seen)
        except SessionDriven:
            pass  # someone else drives it: this screen is back at check-in, where Enter starts
    live = LiveSession.fresh(setup, repo.clock)
    try:
        live.begin(everyone(setup))
    except SessionDriven:
        return None  # the circle's session is live: offered to follow or take over, never a second
    return live


def _racer(home: Path, slug: str, how: str, barrier, results) -> None:
    try:
        for _ in range(ROUNDS):
            barrier.wait(PATIENCE)  # the round is set up
            repo = Repository(home, "facilitator")
            setup = prepare(repo, slug, "community-60")  # check-in, drawn before the key is pressed
            seen = status_of(repo, slug, str(setup.unfinished["id"])) if setup.unfinished else None
            barrier.wait(PATIENCE)  # everyone has chosen: go
            live = _attempt(repo, setup, how, seen)
            results.put(("drives", live.session_id) if live else ("found", None))
            barrier.wait(PATIENCE)  # the parent counts
            barrier.wait(PATIENCE)
            if live is not None:
                live.finish()
            barrier.wait(PATIENCE)  # the round's session has ended
    except BaseException:
        results.put(("error", traceback.format_exc()))
        barrier.abort()


def _race(home: Path, slug: str, how: str, set_up) -> list[tuple[int, int, int]]:
    """ROUNDS rounds of PROCESSES processes at once: per round, (new session files, processes
    that drive, driver locks held)."""
    repo = Repository(home, "facilitator")
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(PROCESSES + 1)
    results = context.Queue()
    racers = [context.Process(target=_racer, args=(home, slug, how, barrier, results)) for _ in range(PROCESSES)]
    for racer in racers:
        racer.start()
    counts = []
    try:
        for _ in range(ROUNDS):
            set_up(repo)
            before = set(session_files(repo, slug))
            barrier.wait(PATIENCE)
            barrier.wait(PATIENCE)
            outcomes = [results.get(timeout=PATIENCE) for _ in racers]
            errors = [detail for kind, detail in outcomes if kind == "error"]
            assert not errors, errors[0]
            barrier.wait(PATIENCE)
            new = set(session_files(repo, slug)) - before
            counts.append((len(new), sum(kind == "drives" for kind, _ in outcomes), len(drivers_now(repo, slug))))
            barrier.wait(PATIENCE)
            barrier.wait(PATIENCE)
    except (threading.BrokenBarrierError, queue.Empty):
        errors = []
        while not results.empty():
            errors.append(results.get()[1])
        pytest.fail(f"a racer failed: {errors[0] if errors else 'it hung'}")
    finally:
        for racer in racers:
            racer.join(timeout=PATIENCE)
            if racer.exitcode is None:
                racer.kill()
    return counts


def test_many_processes_starting_at_once_make_one_session_with_one_driver(repo: Repository, circle: dict) -> None:
    counts = _race(repo.home, circle["slug"], "start", lambda repo: None)
    assert counts == [(1, 1, 1)] * ROUNDS


def _undriven_session(repo: Repository, slug: str) -> None:
    """A session begun and left (its facilitator quit): unfinished, nobody drives it."""
    live = LiveSession.fresh(prepare(repo, slug, "community-60"), repo.clock)
    live.begin(everyone(live.setup))
    live.leave()


def test_many_processes_taking_over_an_undriven_session_at_once_leave_one_driver(repo: Repository,
                                                                                  circle: dict) -> None:
    slug = circle["slug"]
    counts = _race(repo.home, slug, "take_over", lambda repo: _undriven_session(repo, slug))
    assert counts == [(0, 1, 1)] * ROUNDS  # no second session, taken over by one process


# -- one process ----------------------------------------------------------------


@pytest.fixture
def live(repo: Repository, circle: dict, clock: ManualClock) -> LiveSession:
    session = LiveSession.fresh(prepare(repo, circle["slug"], "community-60"), clock)
    session.begin(everyone(session.setup))
    yield session
    session.leave()


def as_ben(repo: Repository) -> Repository:
    return Repository(repo.home, "ben", clock=repo.clock)


def test_a_start_while_a_session_runs_finds_it_and_makes_none(live: LiveSession, repo: Repository) -> None:
    setup = prepare(as_ben(repo), live.setup.slug, "community-60")
    other = LiveSession.fresh(setup, repo.clock)
    with pytest.raises(SessionRunning) as found:
        other.begin(everyone(setup))
    assert found.value.record["id"] == live.session_id
    assert found.value.status.held and found.value.status.info.name == "facilitator"
    assert "follow it, or take it over" in str(found.value)
    assert session_files(repo, live.setup.slug) == [live.session_id]
    assert other.session_id is None and other.engine.status != "running"


def test_a_session_nobody_drives_is_found_until_the_facilitator_chooses_a_new_one(live: LiveSession,
                                                                                  repo: Repository) -> None:
    live.leave()
    setup = prepare(repo, live.setup.slug, "community-60")
    with pytest.raises(SessionRunning) as found:
        LiveSession.fresh(setup, repo.clock).begin(everyone(setup))
    assert not found.value.status.held and "nobody runs it" in str(found.value)
    fresh = LiveSession.fresh(setup, repo.clock)
    fresh.begin(everyone(setup), replacing=str(live.session_id))  # "New session" at the resume question
    assert session_files(repo, live.setup.slug) == [live.session_id, fresh.session_id]
    fresh.leave()


def test_a_resume_of_a_session_a_newer_one_replaced_finds_the_newer_one(live: LiveSession,
                                                                       repo: Repository) -> None:
    live.leave()
    setup = prepare(repo, live.setup.slug, "community-60")
    fresh = LiveSession.fresh(setup, repo.clock)
    fresh.begin(everyone(setup), replacing=str(live.session_id))
    with pytest.raises(SessionRunning) as found:
        LiveSession.resume(setup, setup.unfinished, setup.plan, repo.clock)
    assert found.value.record["id"] == fresh.session_id
    fresh.leave()


# -- a start that fails ---------------------------------------------------------


FULL = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def disk_full(*args, **kwargs):
    raise FULL


def disk_full_saving(path, *args, **kwargs):
    raise write_failed(path, FULL)  # as the atomic write reports it


@pytest.mark.parametrize("module, name, fake", [
    (journal_module, "write_all", disk_full),  # the first event
    (driver_lock_module, "write_all", disk_full),  # the driver's note
    (sessions_module, "write_atomically", disk_full_saving),  # the record's good copy
], ids=["first-event", "driver-note", "record-copy"])
def test_a_start_the_full_disk_refuses_leaves_nothing_to_resume(repo: Repository, circle: dict, clock: ManualClock,
                                                                monkeypatch, module, name, fake) -> None:
    slug = circle["slug"]
    setup = prepare(repo, slug, "community-60")
    live = LiveSession.fresh(setup, clock)
    with monkeypatch.context() as patched:
        patched.setattr(module, name, fake)
        with pytest.raises(StoreError) as refused:
            live.begin(everyone(setup))
    message = str(refused.value)
    assert "the disk is full" in message and "\n" not in message
    assert live.session_id is None and live.engine.status != "running"
    assert session_files(repo, slug) == [] and repo.current_session_id(slug) is None
    assert prepare(repo, slug, "community-60").unfinished is None  # `circle run` offers no resume
    assert sorted(p.name for p in repo.sessions_dir(slug).iterdir()) == []  # nothing of it is left
    again = LiveSession.fresh(prepare(repo, slug, "community-60"), clock)
    again.begin(everyone(again.setup))  # the disk has room again: the start goes through
    assert session_files(repo, slug) == [again.session_id]
    again.leave()


def _cut_short(repo: Repository, slug: str) -> str:
    """The record a start killed before its first event leaves (nobody holds its driver lock)."""
    return repo.create_session(slug, {"plan": "community-60", "started": repo.now()})


def test_a_record_whose_start_was_cut_short_is_not_offered_nor_followed(live: LiveSession, repo: Repository,
                                                                        clock: ManualClock) -> None:
    slug = live.setup.slug
    clock.advance(60)
    stray = _cut_short(repo, slug)
    assert repo.current_session_id(slug) == live.session_id
    follower = open_follower(as_ben(repo), slug, clock)
    assert follower.session_id == live.session_id and follower.engine is not None
    live.leave()
    setup = prepare(repo, slug, "community-60")
    assert setup.unfinished["id"] == live.session_id  # the one that began, not the stray
    with pytest.raises(SessionRunning) as found:
        LiveSession.fresh(setup, clock).begin(everyone(setup))
    assert found.value.record["id"] == live.session_id
    repo.discard_session(slug, stray)
    assert session_files(repo, slug) == [live.session_id]


def test_a_session_that_began_is_never_discarded(live: LiveSession, repo: Repository) -> None:
    with pytest.raises(StoreError):
        repo.discard_session(live.setup.slug, str(live.session_id))
    assert session_files(repo, live.setup.slug) == [live.session_id]
