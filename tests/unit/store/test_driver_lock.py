"""The driver lock: one holder, released by the operating system when the holder dies,
its info file private and replaced whole, and nothing a follower does writes a file."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from circle.store.driver_lock import (
    DRIVING, HANDED, LEFT, DriverLock, info_file, is_held, lock_file, read_info,
)

SID = "20260302-153000-abcd"


def new_lock(folder: Path, name: str = "ana", at: str = "2026-03-02T15:30:00+00:00") -> DriverLock:
    return DriverLock(folder, SID, name, now=lambda: at)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "sessions"
    path.mkdir(mode=0o700)
    return path


def test_one_holder_at_a_time_and_the_next_after_release(folder: Path) -> None:
    first, second = new_lock(folder), new_lock(folder, "ben")
    assert first.acquire(wait=0.0) and first.held
    assert is_held(folder, SID)
    assert not second.acquire(wait=0.05) and not second.held
    first.release()
    assert not is_held(folder, SID)
    assert second.acquire(wait=0.0)
    second.release()


def test_the_info_says_who_and_how_they_let_go_and_is_private(folder: Path) -> None:
    lock = new_lock(folder)
    assert lock.acquire(wait=0.0)
    assert read_info(folder, SID) is None  # the caller reads how the last one let go before writing
    lock.write()
    info = read_info(folder, SID)
    assert (info.name, info.pid, info.state, info.to) == ("ana", os.getpid(), DRIVING, None)
    lock.release(HANDED, "ben")
    info = read_info(folder, SID)
    assert (info.state, info.to) == (HANDED, "ben")
    for path in (lock_file(folder, SID), info_file(folder, SID)):
        assert stat.S_IMODE(os.lstat(path).st_mode) == 0o600


def test_every_word_of_the_holder_carries_the_sessions_time_and_older_files_still_read(folder: Path) -> None:
    lock = new_lock(folder)
    assert lock.acquire(wait=0.0)
    lock.write()
    info = read_info(folder, SID)
    assert (info.t, info.mono) == (None, None)  # a holder that keeps no session time writes none
    times = iter([(12.5, 1000.5), (17.0, 1005.0)])
    lock.session_time = lambda: next(times)
    lock.write(sync=False)
    info = read_info(folder, SID)
    assert (info.t, info.mono) == (12.5, 1000.5)
    lock.release(LEFT)
    info = read_info(folder, SID)
    assert (info.state, info.t, info.mono) == (LEFT, 17.0, 1005.0)
    path = info_file(folder, SID)
    written = json.loads(path.read_text())
    for value, read in ((None, None), (-3, None), (True, None), ("12", None), (float("inf"), None), (4, 4.0)):
        path.write_text(json.dumps({**written, "t": value, "mono": value}))
        assert (read_info(folder, SID).t, read_info(folder, SID).mono) == (read, read)
    del written["t"], written["mono"]  # a file written without them
    path.write_text(json.dumps(written))
    info = read_info(folder, SID)
    assert (info.name, info.state, info.t, info.mono) == ("ana", LEFT, None, None)


def test_a_release_without_a_word_leaves_the_last_info(folder: Path) -> None:
    lock = new_lock(folder)
    lock.acquire(wait=0.0)
    lock.release(LEFT)
    again = new_lock(folder, "ben", at="2026-03-02T16:00:00+00:00")
    again.acquire(wait=0.0)
    again.release(state=None)
    info = read_info(folder, SID)
    assert (info.name, info.state) == ("ana", LEFT)


def test_a_planted_link_is_not_followed(folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps({"name": "mallory", "pid": 1, "started": "x", "alive": "x"}))
    info_file(folder, SID).symlink_to(target)
    assert read_info(folder, SID) is None
    lock = new_lock(folder)
    lock.acquire(wait=0.0)
    lock.write()
    assert json.loads(target.read_text())["name"] == "mallory"  # the link was replaced, not written through
    assert not info_file(folder, SID).is_symlink() and read_info(folder, SID).name == "ana"
    lock.release()


@pytest.mark.parametrize("content", [b"{not json", b"[]", b'{"name": "x"}', b"x" * 10_000,
                                     b'{"name": "a", "pid": true, "started": "s", "alive": "a"}'])
def test_a_damaged_info_file_reads_as_none(folder: Path, content: bytes) -> None:
    info_file(folder, SID).write_bytes(content)
    assert read_info(folder, SID) is None


def test_a_follower_test_opens_nothing_for_writing(folder: Path) -> None:
    assert not is_held(folder, SID)
    assert list(folder.iterdir()) == []  # a follower creates no file
    lock = new_lock(folder)
    lock.acquire(wait=0.0)
    os.chmod(lock_file(folder, SID), 0o400)  # a reader needs no write permission
    assert is_held(folder, SID)
    lock.release()


def test_the_lock_goes_when_its_process_is_killed(folder: Path) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from circle.store.driver_lock import DriverLock\n"
        f"lock = DriverLock(Path({str(folder)!r}), {SID!r}, 'ana', now=lambda: 'now')\n"
        "assert lock.acquire(wait=0.0)\n"
        "print('held', flush=True)\n"
        "time.sleep(600)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "held"
        assert is_held(folder, SID)
        assert not new_lock(folder, "ben").acquire(wait=0.0)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=120)
        deadline = time.monotonic() + 120
        while is_held(folder, SID) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert new_lock(folder, "ben").acquire(wait=0.0)
    finally:
        child.kill()
        child.wait(timeout=120)


def test_of_many_racing_for_a_free_lock_exactly_one_holds_it(folder: Path) -> None:
    locks = [new_lock(folder, f"racer{n}") for n in range(8)]
    start = threading.Barrier(len(locks))
    won: list[bool] = [False] * len(locks)

    def race(n: int) -> None:
        start.wait(timeout=120)
        won[n] = locks[n].acquire(wait=0.2)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(len(locks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sum(won) == 1
    for lock in locks:
        lock.release()


def test_the_holders_word_names_the_boot_its_monotonic_reading_is_on(folder: Path) -> None:
    lock = new_lock(folder)
    assert lock.acquire(wait=0.0)
    lock.boot = "3f1c-boot"
    lock.write()
    assert read_info(folder, SID).boot is None  # no reading written: no boot to name
    lock.session_time = lambda: (42.0, 1042.0)
    lock.write(sync=False)
    info = read_info(folder, SID)
    assert (info.t, info.mono, info.boot) == (42.0, 1042.0, "3f1c-boot")
    lock.release(LEFT)
    path = info_file(folder, SID)
    written = json.loads(path.read_text())
    path.write_text(json.dumps({**written, "boot": "\x1b[2Jx"}))  # planted: read as no boot
    assert read_info(folder, SID).boot is None
    del written["boot"]  # as written before the field was
    path.write_text(json.dumps(written))
    assert (read_info(folder, SID).boot, read_info(folder, SID).state) == (None, LEFT)
