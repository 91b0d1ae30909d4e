"""A writer killed with SIGKILL at random moments never leaves a damaged file or loses an event
whose append had returned."""

from __future__ import annotations

import json
import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from circle.store.atomic_storage import parse_tables
from circle.store.journal import parse_journal
from circle.store.repository import Repository

KILLS = 110
SESSIONS = 4
GOAL_EVERY = 4  # the child updates a goal after every few events
MAX_LIFE = 0.04  # seconds a child may write before it is killed


def _child(home: Path, circle: str, sid: str, goal: str, start: int, out: int) -> None:
    """Append events (and update a goal) forever, reporting each one after it returned."""
    repo = Repository(home, "writer")
    os.write(out, b"ready\n")
    seq = start
    while True:
        seq += 1
        repo.append_event(circle, sid, {"seq": seq, "type": "note", "data": {"text": f"event {seq} " * 20}})
        os.write(out, f"e {sid} {seq}\n".encode())
        if seq % GOAL_EVERY == 0:
            repo.update_goal(circle, goal, lambda g, s=seq: {**g, "history": [*g["history"], {"n": s}]})
            os.write(out, f"g {seq}\n".encode())


def _run_and_kill(rng: random.Random, *args: object) -> list[str]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 0
        try:
            os.close(read_end)
            _child(*args, write_end)  # type: ignore[arg-type]
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    received = os.read(read_end, 6)  # wait until it is ready: a busy machine may be slow to fork
    assert received == b"ready\n", received
    deadline = time.monotonic() + rng.uniform(0.0, MAX_LIFE)
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([read_end], [], [], left)
        if ready:
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            received += chunk
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status), "the writer stopped by itself: it must have failed"
    while chunk := os.read(read_end, 65536):  # what it reported before it died
        received += chunk
    os.close(read_end)
    return received.decode().splitlines()[1:]


def _interrupted_a_write(home: Path) -> bool:
    """A temporary file left behind, or a journal's last line without its newline, means the
    kill came in the middle of a write."""
    torn = any(path.read_bytes()[-1:] not in (b"", b"\n") for path in home.rglob("*.events.jsonl"))
    return torn or any(home.rglob(".*.tmp"))


def _every_file_parses(home: Path) -> None:
    for path in home.rglob("*.json*"):
        if path.suffix in (".json", ".bak"):
            parse_tables(path.read_bytes(), path)
        elif path.name.endswith(".events.jsonl"):
            parse_journal(path.read_bytes(), path)


@pytest.mark.slow
def test_killed_writers_lose_nothing_that_was_reported(tmp_path: Path) -> None:
    home = tmp_path / "home"
    repo = Repository(home, "facilitator")
    circle = repo.create_circle("Crash test")["slug"]
    member = repo.add_member(circle, "Ada").id
    goal = repo.add_goal(circle, {"member": member, "title": "x", "history": []})["id"]
    sids = [repo.create_session(circle, {"n": n}) for n in range(SESSIONS)]
    rng = random.Random(20261122)
    reported: dict[str, set[int]] = {sid: set() for sid in sids}
    goal_updates: set[int] = set()
    interrupted = 0
    for kill in range(KILLS):
        sid = sids[kill % SESSIONS]
        start = max((e["seq"] for e in repo.get_events(circle, sid)), default=0)
        for line in _run_and_kill(rng, home, circle, sid, goal, start):
            kind, *rest = line.split()
            if kind == "e":
                reported[rest[0]].add(int(rest[1]))
            else:
                goal_updates.add(int(rest[0]))
        interrupted += _interrupted_a_write(home)
        _every_file_parses(home)
    for sid in sids:
        events = repo.get_events(circle, sid)
        seqs = [e["seq"] for e in events]
        assert seqs == sorted(set(seqs)), "events out of order or repeated"
        assert reported[sid] <= set(seqs), f"lost events: {sorted(reported[sid] - set(seqs))}"
        for event in events:
            assert event["data"]["text"] == f"event {event['seq']} " * 20
    history = {entry["n"] for entry in repo.list_goals(circle)[0]["history"]}
    assert goal_updates <= history
    # Unless enough kills landed inside a write, the test would prove little.
    assert interrupted >= KILLS // 10, f"only {interrupted} of {KILLS} kills interrupted a write"
    assert sum(map(len, reported.values())) >= KILLS // 2
    for path in home.rglob("*.bak"):
        json.loads(path.read_bytes())
