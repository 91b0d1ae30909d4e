"""Writers wait their turn: a waiter gives up only when the file has stopped changing for the
whole timeout, never while the writers ahead of it are alive and saving."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from circle.store.errors import StoreError
from circle.store.lock_queue import queue_path
from circle.store.locked_db import locked
from circle.store.repository import Repository

from .lock_holder import Holder

WRITERS = 16
APPENDS = 20


def test_a_waiter_keeps_waiting_while_the_holder_saves(path: Path) -> None:
    holder = Holder(path)
    now = [0.0]

    def clock() -> float:
        # Each look at the clock: ten seconds later, and the holder has saved once more.
        now[0] += 10
        path.write_text(str(now[0]))
        if now[0] >= 200:  # twenty saves, far past the timeout, then it lets go
            holder.release.set()
        return now[0]

    try:
        with locked(path, timeout=15, clock=clock, wait_slice=0.01):
            assert now[0] >= 200
    finally:
        holder.stop()


def test_a_waiter_gives_up_when_the_holder_saves_nothing(path: Path) -> None:
    holder = Holder(path)
    now = [0.0]

    def clock() -> float:
        now[0] += 10
        return now[0]

    try:
        with pytest.raises(StoreError, match="without saving anything"):
            with locked(path, timeout=15, clock=clock, wait_slice=0.01):
                pass
    finally:
        holder.stop()


def _append(home: Path, circle: str, sid: str, number: int, start) -> None:  # type: ignore[no-untyped-def]
    repo = Repository(home, f"writer-{number}")
    start.wait()
    for i in range(APPENDS):
        repo.append_event(circle, sid, {"type": "note", "data": {"proc": number, "i": i}})
    os._exit(0)  # skip pytest's exit handlers in the forked child


@pytest.mark.slow
def test_sixteen_writers_on_one_session_all_get_their_turn(tmp_path: Path) -> None:
    home = tmp_path / "home"
    repo = Repository(home, "facilitator")
    circle = repo.create_circle("Busy circle")["slug"]
    sid = repo.create_session(circle, {})
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [context.Process(target=_append, args=(home, circle, sid, n, start)) for n in range(WRITERS)]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=600)  # a hang guard only
        assert worker.exitcode == 0, f"a writer was refused or failed (exit code {worker.exitcode})"
    events = repo.get_events(circle, sid)
    assert [e["seq"] for e in events] == list(range(1, WRITERS * APPENDS + 1))
    assert sorted((e["data"]["proc"], e["data"]["i"]) for e in events) == [
        (p, i) for p in range(WRITERS) for i in range(APPENDS)
    ]
    queue = queue_path(repo.session_file(circle, sid))
    assert not queue.exists() or os.listdir(queue) == []  # every writer gave its place in line up
