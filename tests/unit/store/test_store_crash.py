"""A writer killed with SIGKILL at random moments never leaves a damaged file or loses an event
whose append had returned.

When a writer is killed is chosen by what it has done, not by the clock, so a busy machine
changes nothing: half the writers are killed a random moment after a random number of
reported events; the others are stopped at a chosen step inside a write (half the bytes
written, before a flush, a link or a rename) and killed there.
"""

from __future__ import annotations

import functools
import json
import os
import random
import select
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from circle.store.atomic_storage import parse_tables
from circle.store.journal import parse_journal
from circle.store.repository import Repository

KILLS = 110
SESSIONS = 4
GOAL_EVERY = 4  # the child updates a goal after every few events
MAX_LIFE = 0.04  # seconds a child may go on writing once it has reported enough
HANG_GUARD = 300.0  # seconds without a word from a child: it hangs (only a guard, never a pace)
# The calls of a write a child can be stopped at, just before the call (a write after half its bytes).
STEPS = ("write", "fsync", "link", "replace")
Report = Callable[[bytes], object]


def _stop_at(step: str, nth: int, report: Report, hold: int) -> None:
    """Stop this process at its nth call to os.<step>: it says so, then waits to be killed."""
    original = getattr(os, step)
    calls = 0

    def stopped(*args: object) -> object:
        nonlocal calls
        calls += 1
        if calls == nth:
            if step == "write":  # leave a half-written temporary file
                fd, data = args
                original(fd, bytes(data)[: len(data) // 2])  # type: ignore[arg-type]
            report(b"stopped\n")
            os.read(hold, 1)  # the test never writes here: this returns only if the test ended
            os._exit(1)
        return original(*args)

    setattr(os, step, stopped)  # only in this forked child


def _child(home: Path, circle: str, sid: str, goal: str, start: int, stop: tuple[str, int] | None,
           out: int, hold: int) -> None:
    """Append events (and update a goal) forever, reporting each one after it returned."""
    report: Report = functools.partial(os.write, out)  # bound now: os.write itself may be stopped
    repo = Repository(home, "writer")
    if stop is not None:
        _stop_at(*stop, report, hold)
    report(b"ready\n")
    seq = start
    while True:
        seq += 1
        repo.append_event(circle, sid, {"seq": seq, "type": "note", "data": {"text": f"event {seq} " * 20}})
        report(f"e {sid} {seq}\n".encode())
        if seq % GOAL_EVERY == 0:
            repo.update_goal(circle, goal, lambda g, s=seq: {**g, "history": [*g["history"], {"n": s}]})
            report(f"g {seq}\n".encode())


def _read_some(fd: int, size: int = 65536) -> bytes:
    """What the child wrote next; fails if it says nothing for HANG_GUARD seconds."""
    ready, _, _ = select.select([fd], [], [], HANG_GUARD)
    assert ready, f"the writer said nothing for {HANG_GUARD:.0f} seconds: it hangs"
    return os.read(fd, size)


def _enough(received: bytes, events: int | None) -> bool:
    """Stopped inside a write, or (when waiting for events) that many events reported."""
    lines = received.split(b"\n")[:-1]  # complete lines only
    if b"stopped" in lines:
        return True
    return events is not None and sum(line.startswith(b"e ") for line in lines) >= events


def _run_and_kill(rng: random.Random, kill: int, *args: object) -> list[str]:
    if kill % 2:  # wait until it is stopped inside a write
        stop: tuple[str, int] | None = (rng.choice(STEPS), rng.randint(1, 8))
        events: int | None = None
    else:
        stop, events = None, rng.randint(1, 6)
    read_end, write_end = os.pipe()
    hold_end, held_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 0
        try:
            os.close(read_end)
            os.close(held_end)
            _child(*args, stop, write_end, hold_end)  # type: ignore[arg-type]
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    os.close(hold_end)
    try:
        received = _read_some(read_end, 6)  # a busy machine may be slow to fork
        assert received == b"ready\n", received
        while not _enough(received, events):
            chunk = _read_some(read_end)
            if not chunk:
                break
            received += chunk
        if stop is None:  # then it goes on for a random moment, wherever in a write that falls
            deadline = time.monotonic() + rng.uniform(0.0, MAX_LIFE)
            while (left := deadline - time.monotonic()) > 0:
                ready, _, _ = select.select([read_end], [], [], left)
                if ready:
                    chunk = os.read(read_end, 65536)
                    if not chunk:
                        break
                    received += chunk
    finally:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(held_end)
    assert os.WIFSIGNALED(status), "the writer stopped by itself: it must have failed"
    while chunk := os.read(read_end, 65536):  # what it reported before it died
        received += chunk
    os.close(read_end)
    return [line for line in received.decode().splitlines()[1:] if line != "stopped"]


def _write_marks(home: Path) -> set[tuple[str, int, int, int]]:
    """What a write cut short leaves: temporary files, and journals whose last line has no
    newline, as they stand. One new or changed after a kill means the kill came mid-write."""
    found = set()
    torn = [p for p in home.rglob("*.events.jsonl") if p.read_bytes()[-1:] not in (b"", b"\n")]
    for path in [*home.rglob(".*.tmp"), *torn]:
        info = path.stat()
        found.add((str(path), info.st_ino, info.st_size, info.st_mtime_ns))
    return found


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
        before = _write_marks(home)
        for line in _run_and_kill(rng, kill, home, circle, sid, goal, start):
            kind, *rest = line.split()
            if kind == "e":
                reported[rest[0]].add(int(rest[1]))
            else:
                goal_updates.add(int(rest[0]))
        interrupted += bool(_write_marks(home) - before)
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
