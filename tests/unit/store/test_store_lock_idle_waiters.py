"""Waiting costs next to nothing: twelve waiters behind a holder stopped with the lock (Ctrl-Z)
use together at most 5% of one core, and all get the lock once the holder goes on."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest

from circle.store.lock_queue import TICKET, queue_path
from circle.store.locked_db import locked

from .lock_holder import HANG_GUARD

WAITERS = 12
STOPPED_FOR = 2.0  # seconds the holder stays stopped with all the waiters in line
CORE_SHARE = 0.05


def _hold_and_stop(path: str) -> None:
    with locked(Path(path)):
        os.kill(os.getpid(), signal.SIGSTOP)  # stopped while holding, as Ctrl-Z would
    os._exit(0)


def _wait(path: str) -> None:
    with locked(Path(path)):
        pass
    os._exit(0)


def _cpu_seconds(pid: int) -> float:
    """CPU time a process has used: to the nanosecond where the kernel keeps it (schedstat), else in ticks."""
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except (OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def _until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert time.monotonic() < deadline, f"{what} never happened"
        time.sleep(0.01)


def _in_line(path: Path) -> int:
    try:
        return sum(1 for name in os.listdir(queue_path(path)) if TICKET.fullmatch(name))
    except FileNotFoundError:
        return 0


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads a process's state in /proc")
def test_waiters_behind_a_stopped_holder_cost_at_most_five_percent_of_a_core(tmp_path: Path) -> None:
    path = tmp_path / "busy.json"
    context = multiprocessing.get_context("fork")
    holder = context.Process(target=_hold_and_stop, args=(str(path),))
    holder.start()
    waiters = []
    try:
        _until(lambda: _state(holder.pid) == "T", "the holder stopping")
        for _ in range(WAITERS):
            waiter = context.Process(target=_wait, args=(str(path),))
            waiter.start()
            waiters.append(waiter)
        _until(lambda: _in_line(path) == WAITERS, "every waiter joining the line")
        before, started = sum(_cpu_seconds(w.pid) for w in waiters), time.monotonic()
        time.sleep(STOPPED_FOR)  # the time whose cost is measured, in the waiters' own CPU time
        used, stopped = sum(_cpu_seconds(w.pid) for w in waiters) - before, time.monotonic() - started
    finally:
        os.kill(holder.pid, signal.SIGCONT)
    holder.join(HANG_GUARD)
    assert holder.exitcode == 0
    for waiter in waiters:
        waiter.join(HANG_GUARD)
        assert waiter.exitcode == 0, "a waiter never got the lock"
    share = used / stopped
    assert share <= CORE_SHARE, f"{WAITERS} waiters used {share:.1%} of a core behind a stopped holder"
