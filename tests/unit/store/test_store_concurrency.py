"""Eight processes writing one session file and one circle file at once lose nothing.

The writers are awaited for as long as they make progress: a busy machine makes them slow,
never wrong, so only a writer that gets nothing done for minutes fails the test.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from pathlib import Path

import pytest

from circle.store.repository import Repository

PROCESSES = 8
EVENTS = 150
GOAL_EVERY = 10  # each process updates goals after every 10th event
HANG_GUARD = 300.0  # seconds in which no writer got anything done: they hang (a guard, not a pace)


def _worker(home: Path, circle: str, sid: str, shared: str, own: str, number: int, start, done) -> None:
    repo = Repository(home, f"writer-{number}")
    start.wait()
    for i in range(EVENTS):
        repo.append_event(circle, sid, {"type": "note", "data": {"proc": number, "i": i}})
        with done.get_lock():
            done.value += 1
        if i % GOAL_EVERY == 0:
            entry = {"proc": number, "i": i}
            repo.update_goal(circle, shared, lambda g: {**g, "history": [*g["history"], entry]})
            repo.update_goal(circle, own, lambda g: {**g, "progress": i, "history": [*g["history"], entry]})
    os._exit(0)  # skip pytest's exit handlers in the forked child


def _join_while_busy(workers: list, done) -> None:
    """Join every writer; fail only if, for HANG_GUARD seconds, none of them appended an event."""
    seen, since = done.value, time.monotonic()
    for worker in workers:
        while worker.exitcode is None:
            worker.join(timeout=1.0)
            if done.value != seen:
                seen, since = done.value, time.monotonic()
            stalled = time.monotonic() - since
            assert stalled < HANG_GUARD, f"no writer appended an event for {stalled:.0f} seconds: they hang"


@pytest.mark.slow
def test_eight_writers_lose_no_event_and_no_goal_update(tmp_path: Path) -> None:
    home = tmp_path / "home"
    repo = Repository(home, "facilitator")
    circle = repo.create_circle("Busy circle")["slug"]
    members = [repo.add_member(circle, f"Member {n}").id for n in range(PROCESSES)]
    shared = repo.add_goal(circle, {"member": members[0], "title": "shared", "history": []})["id"]
    own = [repo.add_goal(circle, {"member": m, "title": "own", "history": []})["id"] for m in members]
    sid = repo.create_session(circle, {})
    context = multiprocessing.get_context("fork")
    start = context.Event()
    done = context.Value("i", 0)  # events appended by all writers so far: their progress
    workers = [
        context.Process(target=_worker, args=(home, circle, sid, shared, own[n], n, start, done))
        for n in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    start.set()
    try:
        _join_while_busy(workers, done)
    finally:
        for worker in workers:
            if worker.exitcode is None:  # only after a failure: no writer outlives the test
                worker.kill()
                worker.join()
    for worker in workers:
        assert worker.exitcode == 0, f"a writer failed with exit code {worker.exitcode}"

    events = repo.get_events(circle, sid)
    assert len(events) == PROCESSES * EVENTS
    assert [e["seq"] for e in events] == list(range(1, PROCESSES * EVENTS + 1))
    pairs = Counter((e["data"]["proc"], e["data"]["i"]) for e in events)
    assert set(pairs) == {(p, i) for p in range(PROCESSES) for i in range(EVENTS)}
    assert max(pairs.values()) == 1
    for p in range(PROCESSES):  # each writer's events keep its own order
        mine = [e["data"]["i"] for e in events if e["data"]["proc"] == p]
        assert mine == list(range(EVENTS))

    goals = {g["id"]: g for g in repo.list_goals(circle)}
    assert len(goals) == PROCESSES + 1
    expected = {(p, i) for p in range(PROCESSES) for i in range(0, EVENTS, GOAL_EVERY)}
    shared_history = [(h["proc"], h["i"]) for h in goals[shared]["history"]]
    assert len(shared_history) == len(expected) and set(shared_history) == expected
    for p, goal_id in enumerate(own):
        history = goals[goal_id]["history"]
        assert [(h["proc"], h["i"]) for h in history] == [(p, i) for i in range(0, EVENTS, GOAL_EVERY)]
        assert goals[goal_id]["progress"] == EVENTS - GOAL_EVERY
        assert goals[goal_id]["updated_by"] == f"writer-{p}"


def test_threads_of_one_process_share_files_safely(repo: Repository, circle: str) -> None:
    import threading

    member = repo.add_member(circle, "Ada").id
    goal = repo.add_goal(circle, {"member": member, "title": "t", "history": []})["id"]
    sid = repo.create_session(circle, {})
    failures: list[BaseException] = []

    def work(number: int) -> None:
        try:
            for i in range(15):
                repo.append_event(circle, sid, {"type": "note", "data": {"thread": number, "i": i}})
                repo.update_goal(circle, goal, lambda g: {**g, "history": [*g["history"], [number, i]]})
        except BaseException as error:  # reported below, in the test's own thread
            failures.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert [e["seq"] for e in repo.get_events(circle, sid)] == list(range(1, 61))
    history = repo.list_goals(circle)[0]["history"]
    assert sorted(map(tuple, history)) == [(n, i) for n in range(4) for i in range(15)]


def test_interleaved_repositories_never_reuse_an_id(home: Path, repo: Repository, circle: str) -> None:
    # Two handles on one home, as two processes would have: no cached next-id goes stale.
    other = Repository(home, "bo")
    member = repo.add_member(circle, "Ada").id
    made = []
    for n in range(10):
        writer = repo if n % 2 else other
        made.append(writer.add_goal(circle, {"member": member, "title": f"goal {n}"})["id"])
    rows = repo._read_circle_db(circle).table("goals").all()
    assert len({row.doc_id for row in rows}) == 10 and len(set(made)) == 10
    assert [row["title"] for row in rows] == [f"goal {n}" for n in range(10)]
