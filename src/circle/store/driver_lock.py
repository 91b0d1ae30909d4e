"""Who drives a running session: a lock the operating system lets go of when its holder dies.

Beside a session's file in its circle's sessions folder:

- ``<id>.driver``: the lock itself (``flock``), created once and never replaced, so every
  process locks the same inode. A process that dies, however it dies, holds it no more.
- ``<id>.driver.json``: who holds (or last held) it and how they let go: name, pid, the
  time they started and the last time they were seen alive, with the session's own time
  then (its engine's ``t``, from the driver's monotonic clock) and that clock's reading,
  and which boot of the machine that reading belongs to (a later driver on the same boot
  measures the time since on the same count). Only the holder writes it, and always by
  replacing it whole.
- ``<id>.takeover.json``: a facilitator asking the driver to let go; the driver sees it
  on its next tick, lets go, and the asker takes the lock.

A follower only reads: it opens the lock file read-only to test it (a shared lock, let go
at once), and never creates any of these files.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from circle.store.atomic_storage import write_all
from circle.store.backoff import Backoff
from circle.store.errors import write_failed
from circle.store.home import FILE_MODE

try:  # the lock needs flock: POSIX systems (Linux, macOS, the BSDs)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
INFO_LIMIT = 4096  # bytes: the info is a few short fields; anything longer is not ours

# How the last holder let go (the "state" of the info file).
DRIVING = "driving"  # still driving, or died while driving (the lock tells which)
LEFT = "left"  # quit; the session waits for someone to resume it
HANDED = "handed"  # handed the session to someone; the room carries on
RELEASED = "released"  # let go because a facilitator took over
STATES = (DRIVING, LEFT, HANDED, RELEASED)


@dataclass(frozen=True)
class DriverInfo:
    """What ``<id>.driver.json`` says about the session's (last) driver."""

    name: str
    pid: int
    started: str  # ISO time the holder took the lock
    alive: str  # ISO time the holder last said it was alive
    state: str = DRIVING
    to: str | None = None  # HANDED or RELEASED: to whom
    # The session's time at ``alive`` (its engine's t) and the driver's monotonic clock then;
    # None in files written without them.
    t: float | None = None
    mono: float | None = None
    boot: str | None = None  # the boot ``mono`` counts from; None: it compares with no other process's


@dataclass(frozen=True)
class DriverStatus:
    """Whether someone drives the session now, and what the info file says."""

    held: bool
    info: DriverInfo | None


INFO_SUFFIX = ".driver.json"
REQUEST_SUFFIX = ".takeover.json"


def lock_file(folder: Path, session_id: str) -> Path:
    return folder / f"{session_id}.driver"


def info_file(folder: Path, session_id: str) -> Path:
    return folder / f"{session_id}{INFO_SUFFIX}"


def request_file(folder: Path, session_id: str) -> Path:
    return folder / f"{session_id}{REQUEST_SUFFIX}"


def _small_json(raw: bytes) -> dict[str, Any] | None:
    """The JSON object raw holds, or None when it is too big or not a JSON object."""
    if len(raw) > INFO_LIMIT:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read_small_json(path: Path) -> dict[str, Any] | None:
    """A small JSON object from path, or None when missing, a link, too big or not JSON."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        raw = os.read(fd, INFO_LIMIT + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return _small_json(raw)


def _text(value: Any) -> str | None:
    """A short string without control characters (a planted file's escape codes go no further)."""
    if not isinstance(value, str) or not value or len(value) > 200:
        return None
    return None if any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in value) else value


def _info(data: dict[str, Any] | None) -> DriverInfo | None:
    """The info an info file's object holds; None unless it has every field a holder writes."""
    if data is None:
        return None
    name, started, alive = _text(data.get("name")), _text(data.get("started")), _text(data.get("alive"))
    pid, state = data.get("pid"), data.get("state", DRIVING)
    if name is None or started is None or alive is None or state not in STATES:
        return None
    if not isinstance(pid, int) or isinstance(pid, bool):
        return None
    to = _text(data.get("to"))
    return DriverInfo(name, pid, started, alive, state, to, _seconds(data.get("t")), _seconds(data.get("mono")),
                      _text(data.get("boot")))


def _seconds(value: Any) -> float | None:
    """Seconds as a holder writes them (finite, not negative); None otherwise."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


def read_info(folder: Path, session_id: str) -> DriverInfo | None:
    """The info file's content; None when it is missing or damaged (it is only advice)."""
    return _info(_read_small_json(info_file(folder, session_id)))


def _requester(data: dict[str, Any] | None) -> str | None:
    return _text(data.get("name")) if data else None


def read_request(folder: Path, session_id: str) -> str | None:
    """Who asks to take the session over, if anyone does."""
    return _requester(_read_small_json(request_file(folder, session_id)))


def _problem(raw: bytes, content: Callable[[dict[str, Any] | None], Any], holds: str) -> str | None:
    data = _small_json(raw)
    if data is None:
        return f"not a JSON object of at most {INFO_LIMIT} bytes"
    return None if content(data) is not None else f"it does not hold {holds}"


def info_problem(raw: bytes) -> str | None:
    """Why raw does not read as an info file (None: it does, as a holder writes it)."""
    return _problem(raw, _info, "a driver's name, pid, times and state")


def request_problem(raw: bytes) -> str | None:
    """Why raw does not read as a takeover request (None: it does)."""
    return _problem(raw, _requester, "the name of who asks")


def is_held(folder: Path, session_id: str) -> bool:
    """Whether a process holds the session's driver lock now. Opens the lock read-only."""
    if fcntl is None:  # pragma: no cover
        return False
    try:
        fd = os.open(lock_file(folder, session_id), os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return False  # never created (or not ours): nobody has driven through it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def driver_status(folder: Path, session_id: str) -> DriverStatus:
    return DriverStatus(is_held(folder, session_id), read_info(folder, session_id))


def _write_json(path: Path, data: dict[str, Any], *, sync: bool = True) -> None:
    """Replace path whole. The temporary name is the writer's own: two facilitators may ask at once.

    sync False: a heartbeat, whose loss moves a gap's start by one beat at most, is not
    worth an fsync on the screen's thread."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, FILE_MODE)
        try:
            write_all(fd, json.dumps(data, sort_keys=True).encode("utf-8"))
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise write_failed(path, error) from error


def ask_to_take_over(folder: Path, session_id: str, name: str, at: str) -> None:
    _write_json(request_file(folder, session_id), {"name": name, "at": at})


def withdraw_request(folder: Path, session_id: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(request_file(folder, session_id))


class DriverLock:
    """One process's hold on a session's driver lock."""

    def __init__(self, folder: Path, session_id: str, name: str, *,
                 now: Callable[[], str], sleep: Callable[[float], None] = time.sleep,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.folder, self.session_id, self.name = folder, session_id, name
        self._now, self._sleep, self._monotonic = now, sleep, monotonic
        # The session's time now and the monotonic reading it is taken at, written with every
        # word of the holder: followers show that time, counted on from that reading.
        self.session_time: Callable[[], tuple[float, float]] | None = None
        self.boot: str | None = None  # the boot of the clock session_time reads
        self._fd: int | None = None
        self._started = ""

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.5, give_up: Callable[[], bool] | None = None) -> bool:
        """Take the lock, trying for up to ``wait`` seconds; False if another process holds it.

        A follower's test holds the lock for a moment, so a free lock may need a second try.
        The info file is not written here: the caller reads how the last holder let go
        first, then says it drives (``write``).
        give_up: asked between tries; True stops waiting (say, someone else has it now).
        """
        if self._fd is not None:
            return True
        path = lock_file(self.folder, self.session_id)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, FILE_MODE)
        except OSError as error:
            raise write_failed(path, error) from error
        deadline = self._monotonic() + wait
        backoff = Backoff(self._sleep)
        while fcntl is not None:  # without flock (Windows) a session runs, unguarded, as before
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if self._monotonic() >= deadline or (give_up is not None and give_up()):
                    os.close(fd)
                    return False
                backoff.pause()
        self._fd = fd
        self._started = self._now()
        return True

    def write(self, state: str = DRIVING, to: str | None = None, *, sync: bool = True) -> None:
        """Say who holds the lock (and that they are alive now, or how they let go)."""
        if self._fd is None:
            return
        t, mono = self.session_time() if self.session_time is not None else (None, None)
        info = DriverInfo(self.name, os.getpid(), self._started, self._now(), state, to, t, mono,
                          self.boot if mono is not None else None)
        _write_json(info_file(self.folder, self.session_id), asdict(info), sync=sync)

    def release(self, state: str | None = LEFT, to: str | None = None) -> None:
        """Let go, saying how (left, handed to someone, released to a facilitator taking over).

        state None: let go without a word (a resume that failed: the last driver's info stands).
        """
        if self._fd is None:
            return
        try:
            if state is not None:
                self.write(state, to)
        finally:
            fd, self._fd = self._fd, None
            if fcntl is not None:
                with contextlib.suppress(OSError):
                    fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def takeover_asked(self) -> str | None:
        """Who asks to take over, if anyone (a cheap check first: is there a request file?)."""
        path = request_file(self.folder, self.session_id)
        if not os.path.lexists(path):
            return None
        return read_request(self.folder, self.session_id)
