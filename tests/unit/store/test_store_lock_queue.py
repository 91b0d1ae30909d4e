"""Waiting for a file's lock is first come, first served, and no dead process blocks the line:
a waiter or a holder killed outright (SIGKILL) lets the others through, and the ticket it
leaves behind is cleaned up, never reported by `circle check` as damage."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from circle.cli import main
from circle.store.errors import StoreError
from circle.store.lock_queue import STALE, TICKET, Ticket, queue_path
from circle.store.locked_db import locked
from circle.store.repository import Repository

from .lock_holder import HANG_GUARD, Holder


class Waiter:
    """A thread that takes the lock, notes its turn in `served`, and lets go."""

    def __init__(self, path: Path, name: str, served: list[str]) -> None:
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(path, name, served))
        self.thread.start()

    def _run(self, path: Path, name: str, served: list[str]) -> None:
        try:
            with locked(path):
                served.append(name)
        except BaseException as error:  # reported by join, in the test's own thread
            self.failure = error

    def join(self) -> None:
        self.thread.join(HANG_GUARD)
        assert not self.thread.is_alive(), "the waiter never got the lock"
        assert self.failure is None


def tickets(path: Path) -> list[str]:
    try:
        return sorted(name for name in os.listdir(queue_path(path)) if TICKET.fullmatch(name))
    except FileNotFoundError:
        return []


def until(condition: Callable[[], bool], what: str) -> None:
    """Poll a condition that other threads or processes bring about; a hang guard, not a pace."""
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.01)


def _wait_in_line(path: str) -> None:
    with locked(Path(path)):
        os._exit(0)  # only once it had the lock: a waiter killed while waiting never gets here


def _hold_until_killed(path: str, holding) -> None:  # type: ignore[no-untyped-def]
    with locked(Path(path)):
        holding.set()
        time.sleep(HANG_GUARD * 10)  # killed long before this ends
    os._exit(0)


def test_waiters_are_served_in_the_order_they_came(path: Path) -> None:
    holder = Holder(path)
    served: list[str] = []
    names = [f"waiter {n}" for n in range(8)]
    waiters = []
    try:
        for count, name in enumerate(names, start=1):
            waiters.append(Waiter(path, name, served))
            until(lambda count=count: len(tickets(path)) == count, f"{name} joining the line")
    finally:
        holder.stop()
    for waiter in waiters:
        waiter.join()
    assert served == names
    assert tickets(path) == []  # every waiter gave its place up


def test_a_newcomer_joins_the_end_of_the_line_even_when_the_lock_is_free(path: Path) -> None:
    holder = Holder(path)
    served: list[str] = []
    try:
        first = Waiter(path, "first", served)
        until(lambda: len(tickets(path)) == 1, "the first waiter joining the line")
    finally:
        holder.stop()
    # Whether it finds the lock free or not, the newcomer goes after the waiter already in line.
    with locked(path):
        served.append("newcomer")
    first.join()
    assert served == ["first", "newcomer"]


def waiting_process(path: Path) -> multiprocessing.process.BaseProcess:
    """A process of its own that waits in line for path's lock once started."""
    return multiprocessing.get_context("fork").Process(target=_wait_in_line, args=(str(path),))


def line_up(process: multiprocessing.process.BaseProcess, path: Path) -> None:
    """Start it, first in line for path's lock (which another holds)."""
    process.start()
    until(lambda: len(tickets(path)) == 1, "the process joining the line")


def end(process: multiprocessing.process.BaseProcess) -> None:
    """No process outlives its test, whatever failed."""
    if process.is_alive():
        process.kill()
    if process.pid is not None:
        process.join(HANG_GUARD)


def line_up_behind(path: Path, served: list[str]) -> Waiter:
    waiter = Waiter(path, "behind", served)
    until(lambda: len(tickets(path)) == 2, "the waiter behind joining the line")
    return waiter


def test_a_killed_waiter_does_not_block_the_line(path: Path) -> None:
    holder = Holder(path)
    served: list[str] = []
    doomed = waiting_process(path)
    try:
        line_up(doomed, path)
        behind = line_up_behind(path, served)
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.join(HANG_GUARD)
        assert doomed.exitcode == -signal.SIGKILL  # killed while still waiting
    finally:
        holder.stop()
        end(doomed)
    behind.join()
    assert served == ["behind"]
    assert len(tickets(path)) == 1  # the dead waiter's ticket, until the next one to wait sweeps it
    with locked(path):
        pass
    assert tickets(path) == []


def test_a_killed_holder_does_not_block_the_line(path: Path) -> None:
    holder = Holder(path)
    context = multiprocessing.get_context("fork")
    holding = context.Event()
    doomed = context.Process(target=_hold_until_killed, args=(str(path), holding))
    served: list[str] = []
    try:
        line_up(doomed, path)
        holder.stop()
        assert holding.wait(HANG_GUARD)  # it holds the lock, and its ticket, now
        behind = line_up_behind(path, served)
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.join(HANG_GUARD)
        assert doomed.exitcode == -signal.SIGKILL  # killed while holding the lock
    finally:
        holder.stop()
        end(doomed)
    behind.join()
    assert served == ["behind"]


def ticking() -> Callable[[], float]:
    """A clock ten seconds later at each look: a waiter on a lock nobody lets go gives up at once."""
    now = [0.0]

    def clock() -> float:
        now[0] += 10
        return now[0]

    return clock


def test_a_waiter_that_gives_up_leaves_the_line(path: Path) -> None:
    holder = Holder(path)
    try:
        with pytest.raises(StoreError, match="without saving anything"):
            with locked(path, timeout=15, clock=ticking(), wait_slice=0.01):
                pass
        assert tickets(path) == []
    finally:
        holder.stop()


def _leave_a_ticket_behind(path: str) -> None:
    Ticket.take(Path(path), lambda: None)
    os._exit(0)  # dies holding its ticket: the flock goes, the file stays


def test_a_dead_process_ticket_is_no_damage_and_the_next_write_removes_it(
    repo: Repository, circle: str, home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    circle_file = home / "circles" / circle / "circle.json"
    context = multiprocessing.get_context("fork")
    dying = context.Process(target=_leave_a_ticket_behind, args=(str(circle_file),))
    dying.start()
    dying.join(HANG_GUARD)
    assert dying.exitcode == 0
    assert len(tickets(circle_file)) == 1
    assert main(["--home", str(home), "check"]) == 0
    assert ".queue" not in capsys.readouterr().out
    repo.add_member(circle, "Ada")
    assert tickets(circle_file) == []
    assert [m.name for m in repo.list_members(circle)] == ["Ada"]
    assert main(["--home", str(home), "check"]) == 0


def test_a_linked_queue_folder_is_refused_with_or_without_a_wait(
    repo: Repository, circle: str, home: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    circle_file = home / "circles" / circle / "circle.json"
    holder = Holder(circle_file)  # held before the link is planted: the next writer must join the line
    try:
        queue_path(circle_file).symlink_to(outside)
        with pytest.raises(StoreError, match="symbolic link"):
            with locked(circle_file):
                pass
    finally:
        holder.stop()
    with pytest.raises(StoreError, match="symbolic link") as refused:  # the lock is free: refused all the same
        repo.add_member(circle, "Ada")
    queue_path(circle_file).unlink()
    assert refused.traceback  # the refused call's frames, and whatever they held, are still alive here
    with locked(circle_file, timeout=15, clock=ticking(), wait_slice=0.01):
        pass  # the refusal let go of the lock it had taken
    assert list(outside.iterdir()) == []
    assert repo.list_members(circle) == []


def test_a_linked_ticket_is_refused_and_never_followed(
    repo: Repository, circle: str, home: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    os.chmod(victim, 0o644)
    circle_file = home / "circles" / circle / "circle.json"
    queue = queue_path(circle_file)
    queue.mkdir(mode=0o700)
    (queue / "000000000001").symlink_to(victim)
    with pytest.raises(StoreError, match="symbolic link"):
        repo.add_member(circle, "Ada")
    assert victim.read_text() == "precious"
    assert oct(victim.stat().st_mode & 0o777) == oct(0o644)
    assert repo.list_members(circle) == []


def test_a_file_where_the_queue_folder_belongs_is_refused(repo: Repository, circle: str, home: Path) -> None:
    circle_file = home / "circles" / circle / "circle.json"
    queue_path(circle_file).write_text("not a folder")
    with pytest.raises(StoreError, match="not a folder"):
        repo.add_member(circle, "Ada")
    assert repo.list_members(circle) == []


def test_a_waiter_keeps_waiting_while_the_line_ahead_of_it_moves(path: Path) -> None:
    # Appends change a session's log, not the file its lock guards: the line moving is progress too.
    holder = Holder(path)
    ahead = [Ticket.take(path, lambda: None) for _ in range(6)]  # live places, left one a look
    now = [0.0]

    def clock() -> float:
        now[0] += 10
        if ahead:
            ahead.pop(0).leave()
        else:  # the line has moved up to the holder, which saves and lets go
            path.write_text(str(now[0]))
            holder.release.set()
        return now[0]

    try:
        with locked(path, timeout=15, clock=clock, wait_slice=0.01):
            assert ahead == []
    finally:
        for ticket in ahead:
            ticket.leave()
        holder.stop()
    assert tickets(path) == []


def test_a_stopped_waiter_is_passed_once_it_has_said_nothing_for_a_while(path: Path) -> None:
    holder = Holder(path)
    served: list[str] = []
    stopped = waiting_process(path)
    try:
        line_up(stopped, path)
        os.kill(stopped.pid, signal.SIGSTOP)  # Ctrl-Z: alive, holding its place, never taking its turn
        os.waitpid(stopped.pid, os.WUNTRACED)  # it has stopped: it touches its ticket no more
        long_ago = time.time() - 2 * STALE
        os.utime(queue_path(path) / tickets(path)[0], (long_ago, long_ago))
        behind = line_up_behind(path, served)
        holder.stop()
        behind.join()
        assert served == ["behind"]
        assert len(tickets(path)) == 1  # the stopped waiter keeps its place all the while
    finally:
        holder.stop()
        end(stopped)
