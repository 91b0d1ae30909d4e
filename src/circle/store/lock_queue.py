"""First come, first served: the line of processes waiting for a file's lock.

A writer that finds the lock taken, or others already waiting, takes a ticket: a file in
``<name>.queue/`` named by a number one higher than any ticket there, on which it holds an
flock for as long as it waits and then holds the lock. The operating system lets go of an
flock when its process dies, however it dies, so a ticket counts only while its flock is
held: a killed waiter or holder never blocks the line, and the file it leaves behind is
removed by the next ticket taken. A waiter tries the lock only when no live ticket older
than its own is left, so the lock goes to waiters in the order they came.

A waiter says it is alive by touching its ticket (its modification time) at each look. A
live ticket that has said nothing for STALE seconds belongs to a process that is stopped
(Ctrl-Z) or is holding the lock; the waiter behind it then tries the lock past it, and
still gets it only when it is free. So a stopped waiter costs the others their order,
never their turn.

Numbers are chosen, and dead tickets removed, under an flock on the queue folder itself:
two waiters never share a number, and a ticket is locked before anyone else can look at
it. Nothing here follows a link: the folder is opened with O_NOFOLLOW and every ticket is
named relative to it.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from circle.store.errors import StoreError
from circle.store.home import DIR_MODE, FILE_MODE
from circle.store.inside import real_folder, refuse_link

try:  # flock: POSIX systems (Linux, macOS, the BSDs)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TICKET = re.compile(r"[0-9]{1,30}")  # a ticket's name; anything else in the folder is not a ticket
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a planted pipe named like a ticket must not hang its opener
_FOLDER_FLAGS = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
STALE = 10.0  # seconds without a sign of life after which a waiter ahead is passed


def queue_path(path: Path) -> Path:
    return path.with_name(path.name + ".queue")


def _open_folder(folder: Path) -> int | None:
    """The queue folder opened without following a link; None when it is not there."""
    try:
        return os.open(folder, _FOLDER_FLAGS)
    except FileNotFoundError:
        return None
    except OSError:
        refuse_link(folder)  # a planted link (ELOOP)
        real_folder(folder)  # a file where the folder belongs (ENOTDIR)
        raise


def _make_folder(folder: Path) -> int:
    fd = _open_folder(folder)
    if fd is None:
        with contextlib.suppress(FileExistsError):  # another waiter made it first
            os.mkdir(folder, DIR_MODE)
        fd = _open_folder(folder)
        if fd is None:
            raise StoreError(f"{folder} vanished while circle was making it")
    try:
        if os.fstat(fd).st_mode & 0o777 != DIR_MODE:  # made under a umask, or loosened since
            os.fchmod(fd, DIR_MODE)
    except OSError:
        os.close(fd)
        raise
    return fd


def anyone_waiting(path: Path) -> bool:
    """Whether path's queue holds any ticket, live or left by a dead process (which joining removes)."""
    fd = _open_folder(queue_path(path))
    if fd is None:
        return False
    try:
        return any(TICKET.fullmatch(name) for name in os.listdir(fd))
    finally:
        os.close(fd)


def _held(fd: int) -> bool:
    """Whether some process holds an flock on fd's file (a ticket's owner holds it exclusively)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    fcntl.flock(fd, fcntl.LOCK_UN)
    return False


def _waiting(fd: int) -> bool:
    """Whether a ticket's owner is alive and has said so within STALE seconds."""
    return _held(fd) and time.time() - os.fstat(fd).st_mtime < STALE


def _open_ticket(folder: int, name: str) -> int | None:
    """A ticket opened for a look at its flock; None when it is gone, a link or unreadable."""
    try:
        return os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=folder)
    except OSError:
        return None


def _alive(folder: int, name: str) -> bool:
    fd = _open_ticket(folder, name)
    if fd is None:
        return False
    try:
        return _held(fd)
    finally:
        os.close(fd)


def _tickets(folder: int) -> list[tuple[int, str]]:
    """(number, name) of every ticket in the folder, live or dead."""
    return [(int(name), name) for name in os.listdir(folder) if TICKET.fullmatch(name)]


def _sweep(folder: int, where: Path) -> list[int]:
    """Remove the tickets of dead processes; the numbers still in the folder (under the folder's flock).

    A link named like a ticket is refused, as a link anywhere else in the home is.
    """
    left = []
    for number, name in _tickets(folder):
        refuse_link(where / name)
        if _alive(folder, name):
            left.append(number)
            continue
        try:
            os.unlink(name, dir_fd=folder)
        except FileNotFoundError:
            continue
        except OSError:
            left.append(number)  # cannot be removed (a folder planted there): its number stays taken
    return left


class Ticket:
    """One waiter's place in the line for a file's lock, from joining until it lets go of the lock."""

    def __init__(self, folder: int, number: int, fd: int) -> None:
        self._folder, self.number, self._fd = folder, number, fd
        self._name = f"{number:012d}"
        self._watched: int | None = None  # the live ticket just ahead, open while it lives

    @classmethod
    def take(cls, path: Path, wait: Callable[[], object]) -> Ticket:
        """Join the end of path's line. wait: called between tries for the folder's flock."""
        if fcntl is None:  # pragma: no cover
            raise StoreError("this system has no file locks (flock): circle cannot save here")
        folder = _make_folder(queue_path(path))
        try:
            # Held for a few system calls; polled, so a stopped process cannot hang the others.
            while not _try_flock(folder):
                wait()
            try:
                number = max(_sweep(folder, queue_path(path)), default=0) + 1
                fd = _new_ticket(folder, f"{number:012d}")
            finally:
                fcntl.flock(folder, fcntl.LOCK_UN)
        except BaseException:
            os.close(folder)
            raise
        return cls(folder, number, fd)

    def place(self) -> int:
        """How many tickets are ahead of this one (the dead among them until swept): it falls as the line moves."""
        return sum(1 for number, _ in _tickets(self._folder) if number < self.number)

    def line(self) -> int:
        """What changes whenever anyone joins or leaves the line (the folder's modification time):
        a waiter that sees it change knows the lock is moving, and looks often again."""
        return os.fstat(self._folder).st_mtime_ns

    def alive(self) -> None:
        """Tell the waiters behind that this one is still waiting (see STALE)."""
        os.utime(self._fd)

    def ahead(self) -> bool:
        """Whether a live, waiting ticket older than this one is left.

        Only the nearest is watched (a flock test a look); when it goes, the folder is
        read again, since a dead one may have hidden a live one further ahead.
        """
        if self._watched is not None:
            if _waiting(self._watched):
                return True
            os.close(self._watched)
            self._watched = None
        for number, name in sorted(_tickets(self._folder), reverse=True):
            if number >= self.number:
                continue
            fd = _open_ticket(self._folder, name)
            if fd is None:
                continue
            if _waiting(fd):
                self._watched = fd
                return True
            os.close(fd)
        return False

    def leave(self) -> None:
        """Give up the place: the name goes first, so no one finds it unlocked and still there."""
        if self._watched is not None:
            os.close(self._watched)
            self._watched = None
        try:
            with contextlib.suppress(OSError):
                os.unlink(self._name, dir_fd=self._folder)
            # Said outright, not left to close: a child forked meanwhile shares the flock.
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            os.close(self._folder)


def _new_ticket(folder: int, name: str) -> int:
    """Create the ticket and lock it, both before the folder's flock is let go."""
    fd = os.open(name, os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, FILE_MODE, dir_fd=folder)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=folder)
        raise
    return fd


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
