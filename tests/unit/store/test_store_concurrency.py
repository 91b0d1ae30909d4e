"""Eight processes writing one session file and one circle file at once lose nothing."""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from pathlib import Path

import pytest

from circle.store.repository import Repository

PROCESSES = 8
EVENTS = 250
GOAL_EVERY = 10  # each process updates goals after every 10th event


def _worker(home: Path, circle: str, sid: str, shared: str, own: str, number: int, start) -> None:
    repo = Repository(home, f"writer-{number}")
    start.wait()
    for i in range(EVENTS):
        repo.append_event(circle, sid, {"type": "note", "data": {"proc": number, "i": i}})
        if i % GOAL_EVERY == 0:
            entry = {"proc": number, "i": i}
            repo.update_goal(circle, shared, lambda g: {**g, "history": [*g["history"], entry]})
            repo.update_goal(circle, own, lambda g: {**g, "progress": i, "history": [*g["history"], entry]})
    os._exit(0)  # skip pytest's exit handlers in the forked child


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
    workers = [
        context.Process(target=_worker, args=(home, circle, sid, shared, own[n], n, start))
        for n in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=120)
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
