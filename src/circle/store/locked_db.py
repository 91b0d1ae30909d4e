"""Fresh TinyDB handles: one per read, and one per locked read-modify-write.

TinyDB tables keep a next-id counter and a query cache per process; another
process's write makes both stale. So no TinyDB object outlives one operation:
a write opens the file fresh under a cross-process lock on ``<name>.lock``,
reads it once, applies the changes in memory and writes it once, atomically,
when the block ends without an error. An error inside the block writes nothing.
Reads take no lock: files are only ever replaced whole, never changed in place.
tinydb is imported only where a TinyDB handle is made: reads of raw tables do not need it.
"""

from __future__ import annotations

import errno
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from circle.store.atomic_storage import AtomicJSONStorage, Tables
from circle.store.backoff import Backoff
from circle.store.errors import StoreError, describe_os_error, write_failed
from circle.store.inside import file_signature, refuse_link
from circle.store.lock_queue import Ticket, anyone_waiting
from circle.store.home import FILE_MODE, READ_ONLY

if TYPE_CHECKING:
    from filelock import BaseFileLock
    from tinydb import TinyDB

LOCK_TIMEOUT = 60.0  # seconds without any progress on the file before a waiter gives up
# Waiters poll, with a backoff (circle.store.backoff). A poll in line is one flock test on
# the ticket ahead, and the lock passes to the next in line only when it sees its turn, so a
# waiter polls often again whenever anyone joins or leaves the line: locks are held for about
# a millisecond, and filelock's fixed 50 ms would leave the lock idle most of the time. Behind
# a holder that does not move (stopped with Ctrl-Z) the waiters look ever more rarely.
WAIT_SLICE = 1.0  # seconds between looks at whether the file is still changing (well under lock_queue.STALE)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _progress(path: Path) -> tuple[int, ...] | None:
    """What changes each time a writer saves path: a waiter that sees it change keeps waiting."""
    try:
        return file_signature(path, follow=False)
    except OSError:
        return None


class _Patience:
    """A waiter's pause between tries. It gives up once nothing has moved for the timeout:
    neither the file (a holder saving) nor the line ahead of it (the holders before it done)."""

    def __init__(self, path: Path, timeout: float, clock: Callable[[], float], wait_slice: float) -> None:
        self._path, self._timeout, self._clock, self._slice = path, timeout, clock, wait_slice
        self.place: Callable[[], int] | None = None  # how many are ahead in line, once in it
        self._seen, self._idle_since = self._look(), clock()
        self._next_look = time.monotonic() + wait_slice
        self._backoff = Backoff()

    def hurry(self) -> None:
        """The line moved: the lock may come soon, so look often again."""
        self._backoff.reset()

    def _look(self) -> tuple[object, ...]:
        return _progress(self._path), self.place() if self.place is not None else None

    def wait(self) -> bool:
        """Pause; at each wait slice, look (True) and give up if nothing moved for the timeout."""
        self._backoff.pause()
        if time.monotonic() < self._next_look:
            return False
        self._next_look = time.monotonic() + self._slice
        now = self._look()
        if now != self._seen:
            self._seen, self._idle_since = now, self._clock()
        elif self._clock() - self._idle_since >= self._timeout:
            sidecar = lock_path(self._path)
            raise StoreError(
                f"{self._path} is busy: another circle process has held {sidecar} for {self._timeout:.0f} seconds "
                "without saving anything"
            )
        return True


def _try(lock: BaseFileLock) -> bool:
    from filelock import Timeout

    try:
        lock.acquire(blocking=False)
    except Timeout:
        return False
    return True


def _take(lock: BaseFileLock, path: Path, patience: Callable[[], _Patience]) -> Ticket | None:
    """Take the lock in turn: the ticket held meanwhile (None: the lock was free and nobody waited)."""
    if _try(lock):
        try:
            first = not anyone_waiting(path)
        except BaseException:
            lock.release()
            raise
        if first:
            return None
        lock.release()  # others were first: join the end of their line
    waiting = patience()
    ticket = Ticket.take(path, waiting.wait)
    waiting.place = ticket.place
    seen = ticket.line()
    try:
        while ticket.ahead() or not _try(lock):
            line = ticket.line()
            if line != seen:  # someone joined or left: the lock is moving
                seen = line
                waiting.hurry()
            if waiting.wait():
                ticket.alive()
    except BaseException:
        ticket.leave()
        raise
    return ticket


@contextmanager
def locked(
    path: Path,
    timeout: float = LOCK_TIMEOUT,
    *,
    clock: Callable[[], float] = time.monotonic,
    wait_slice: float = WAIT_SLICE,
) -> Iterator[None]:
    """Hold the cross-process lock that guards path (the lock file is path + ".lock").

    Waiters are served first come, first served (circle.store.lock_queue). A waiter is
    refused only when, for `timeout` seconds, neither the file changed nor the line ahead
    of it moved: while the writers ahead of it are saving, however many, it waits its turn.
    """
    # Imported here, where a lock is first taken: reads never need it, and a
    # command that only reads (or opens a screen) starts faster without it.
    from filelock import FileLock

    sidecar = lock_path(path)
    refuse_link(sidecar)
    lock = FileLock(sidecar, mode=FILE_MODE)
    try:
        ticket = _take(lock, path, lambda: _Patience(path, timeout, clock, wait_slice))
    except OSError as error:
        if error.errno == errno.ELOOP:
            refuse_link(sidecar)
        if error.errno in READ_ONLY:
            raise StoreError(
                f"could not save {path}: the data home is read-only ({describe_os_error(error)} "
                f"on {sidecar}). Nothing was changed."
            ) from error
        raise write_failed(path, error) from error
    try:
        yield
    finally:
        try:
            lock.release()
        finally:
            if ticket is not None:
                ticket.leave()


class _Transaction:
    """Reads the file once; keeps writes in memory until commit (TinyDB's storage protocol)."""

    def __init__(self, inner: AtomicJSONStorage) -> None:
        self._inner = inner
        self._data: Tables | None = None
        self._loaded = False
        self._dirty = False

    def read(self) -> Tables | None:
        if not self._loaded:
            # A damaged file raises here, before anything could be written over it.
            self._data = self._inner.read()
            self._loaded = True
        return self._data

    def write(self, data: Tables) -> None:
        self.read()
        self._data = data
        self._dirty = True

    def commit(self) -> None:
        if self._dirty and self._data is not None:
            self._inner.write(self._data)

    def close(self) -> None:
        """Nothing to close: the file is written once, by commit."""


class _Snapshot:
    """A file's content read once, for a read-only TinyDB (TinyDB's storage protocol)."""

    def __init__(self, data: Tables | None, path: Path) -> None:
        self._data = data
        self._path = path

    def read(self) -> Tables | None:
        return self._data

    def write(self, data: Tables) -> None:
        raise StoreError(f"{self._path} was opened for reading only")

    def close(self) -> None:
        """Nothing to close: the content is held in memory."""


@contextmanager
def write_db(path: Path) -> Iterator[TinyDB]:
    """A fresh TinyDB on path under its lock; its changes are saved once, atomically, at the end."""
    from tinydb import TinyDB

    with locked(path):
        storage = _Transaction(AtomicJSONStorage(path))
        db = TinyDB(storage=lambda: storage)
        yield db
        storage.commit()


def read_db(path: Path) -> TinyDB:
    """A fresh, read-only TinyDB holding path's current content (empty if the file is missing)."""
    from tinydb import TinyDB

    data = AtomicJSONStorage(path).read()
    return TinyDB(storage=lambda: _Snapshot(data, path))


def read_tables(path: Path) -> Tables | None:
    """The raw tables of a file, without TinyDB objects: for fast scans."""
    return AtomicJSONStorage(path).read()
