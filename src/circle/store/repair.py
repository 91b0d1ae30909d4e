"""Finding the damaged data files of a home, and putting their last good copies back.

Every save keeps the version it replaces as ``<name>.bak``. A file that stops parsing
(a bad edit by hand, a disk fault) is never written over by circle; here it can be
found, and its ``.bak``, if that reads as a whole file of the same kind, put back in
its place. The damaged file is kept beside it as ``<name>.damaged-<time>``.

A session's event journal is only appended to, so it has no ``.bak``: a damaged one is
listed (it is never read past its damage nor written over), with no copy to put back.

The home's own TinyDB files (the teachers of a server, each person's preferences) are
read as TinyDB files and restored like the others. Its indexes are not data: a damaged
one is rebuilt from the files it lists by the next read, so it is not listed here.

A session's driver files (``<id>.driver.json``, ``<id>.takeover.json``) are not TinyDB
files: each is read by the rules of its own small format. They are only advice, replaced
whole by the driver each time it writes; a damaged one has no ``.bak``, and a restore sets
it aside (nothing is put back: the next driver writes it anew).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from circle.store.atomic_storage import backup_path, fsync_dir, parse_tables, read_data_file, write_atomically
from circle.store.base import CIRCLE_FILE, SESSIONS_DIR, check_circle_tables
from circle.store.driver_lock import INFO_SUFFIX, REQUEST_SUFFIX, info_file, info_problem, request_file, request_problem
from circle.store.errors import CorruptFileError, StoreError, read_failed, write_failed
from circle.store.home import FILE_MODE
from circle.store.ids import is_session_id
from circle.store.journal import SUFFIX as JOURNAL_SUFFIX
from circle.store.journal import journal_path, parse_journal
from circle.store.locked_db import locked
from circle.store.preferences import PREFERENCES_FILE
from circle.store.sessions import session_record
from circle.store.slugs import is_slug
from circle.store.teachers import TEACHERS_FILE

Check = Callable[[Any, Path], Any]  # raises CorruptFileError when the tables lack their record


@dataclass(frozen=True)
class Kind:
    """How a kind of data file is read, and what a restore can do for a damaged one."""

    check: Callable[[bytes, Path], None]  # raises CorruptFileError when the file does not read
    backed_up: bool = True  # each save keeps the version it replaces as .bak
    advice: bool = False  # nothing reads it as data: a damaged one may be set aside with nothing in its place


@dataclass(frozen=True)
class Damaged:
    """A data file that does not read; whether its .bak does, as a file of the same kind."""

    path: Path
    detail: str
    backup_good: bool

    @property
    def backup(self) -> Path:
        return backup_path(self.path)

    @property
    def advice(self) -> bool:
        return _kind_of(self.path).advice


@dataclass(frozen=True)
class Restored:
    path: Path
    kept_as: Path | None  # where the damaged content went (None: it had mended meanwhile)


def _journal_check(raw: bytes, path: Path) -> None:
    parse_journal(raw, path)


def _tables_check(raw: bytes, path: Path) -> None:
    parse_tables(raw, path)


def _records_check(check: Check) -> Callable[[bytes, Path], None]:
    return lambda raw, path: check(parse_tables(raw, path), path)


def _format_check(problem: Callable[[bytes], str | None]) -> Callable[[bytes, Path], None]:
    def check(raw: bytes, path: Path) -> None:
        detail = problem(raw)
        if detail is not None:
            raise CorruptFileError(path, None, detail)
    return check


HOME_FILES = (TEACHERS_FILE, PREFERENCES_FILE)  # TinyDB files in the home itself
HOME_FILE = Kind(_tables_check)
CIRCLE = Kind(_records_check(check_circle_tables))
SESSION = Kind(_records_check(session_record))
JOURNAL = Kind(_journal_check, backed_up=False)
DRIVER_INFO = Kind(_format_check(info_problem), backed_up=False, advice=True)
TAKEOVER = Kind(_format_check(request_problem), backed_up=False, advice=True)


def _kind_of(path: Path) -> Kind:
    if path.name in HOME_FILES:
        return HOME_FILE
    if path.name == CIRCLE_FILE:
        return CIRCLE
    if path.name.endswith(JOURNAL_SUFFIX):
        return JOURNAL
    if path.name.endswith(INFO_SUFFIX):
        return DRIVER_INFO
    if path.name.endswith(REQUEST_SUFFIX):
        return TAKEOVER
    return SESSION


def _session_files(folder: Path, sid: str) -> Iterator[Path]:
    """A session's record, then those of its journal and driver files that exist."""
    record = folder / f"{sid}.json"
    yield record
    for path in (journal_path(record), info_file(folder, sid), request_file(folder, sid)):
        if os.path.lexists(path):
            yield path


def data_files(home: Path) -> Iterator[Path]:
    """The home's own TinyDB files, then every circle file and session file of the home, each
    session's journal and driver's notes after its record."""
    for name in HOME_FILES:
        if os.path.lexists(Path(home) / name):
            yield Path(home) / name
    circles = Path(home) / "circles"
    if circles.is_symlink():
        return  # never followed: find_exposures reports the link
    try:
        # Links are not followed (find_exposures reports them); a folder is a circle's folder.
        folders = sorted(p for p in circles.iterdir() if is_slug(p.name) and _plain_folder(p))
    except FileNotFoundError:
        return
    except OSError as error:
        raise read_failed(circles, error) from error
    for folder in folders:
        if os.path.lexists(folder / CIRCLE_FILE):
            yield folder / CIRCLE_FILE
        sessions = folder / SESSIONS_DIR
        if _plain_folder(sessions):
            # Only a session's own files: its record (<id>.json) and those beside it.
            ids = sorted(p.name[:-5] for p in sessions.glob("*.json") if is_session_id(p.name[:-5]))
            for sid in ids:
                yield from _session_files(sessions, sid)


def _plain_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _problem(path: Path, kind: Kind) -> str | None:
    """What is wrong with the file (None: it reads as a whole file of its kind)."""
    try:
        raw = read_data_file(path)
        kind.check(raw if raw is not None else b"", path)
    except CorruptFileError as error:
        return error.detail or "it does not read"
    return None


def _backup_good(path: Path, kind: Kind) -> bool:
    if not kind.backed_up:
        return False  # journals are only appended to, driver files only replaced: no earlier copy is kept
    backup = backup_path(path)
    try:
        return os.path.lexists(backup) and _problem(backup, kind) is None
    except StoreError:
        return False


def find_damaged(home: Path) -> tuple[int, list[Damaged]]:
    """How many data files were read, and the damaged ones."""
    damaged: list[Damaged] = []
    count = 0
    for path in data_files(home):
        count += 1
        kind = _kind_of(path)
        detail = _problem(path, kind)
        if detail is not None:
            damaged.append(Damaged(path, detail, _backup_good(path, kind)))
    return count, damaged


def restore(damaged: Damaged, stamp: str) -> Restored:
    """Put the good .bak back in place of a damaged file; the damaged bytes are kept aside.

    Under the file's lock, so no writer is in the middle of it. stamp names the kept
    copy (``<name>.damaged-<stamp>``). A damaged driver file is only set aside. StoreError
    if the backup is missing or damaged too, or the disk refuses; the damaged file is then
    as it was.
    """
    path, kind = damaged.path, _kind_of(damaged.path)
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    if kind.advice:  # replaced whole by its writer, never under the file's lock: set aside if still damaged
        if _problem(path, kind) is None:
            return Restored(path, None)
        _refuse_folder(path)
        _set_aside(path, kept)
        return Restored(path, kept)
    if not kind.backed_up:  # no copy is kept of an event log: nothing to put back
        raise StoreError(f"cannot restore {path}: no good copy of it was kept (event logs are only appended to)")
    with locked(path):
        if _problem(path, kind) is None:
            return Restored(path, None)  # mended meanwhile (restored by another run)
        backup = backup_path(path)
        if not _backup_good(path, kind):
            raise StoreError(f"cannot restore {path}: no good copy of it was kept ({backup} is missing or damaged)")
        good = read_data_file(backup) or b""
        try:
            damaged_bytes = read_data_file(path) or b""
        except CorruptFileError:
            damaged_bytes = b""  # a folder or a link: nothing of it to keep
        _refuse_folder(path)
        try:
            # A new file (never over an earlier kept copy), written and flushed before the swap.
            with os.fdopen(os.open(kept, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb") as handle:
                handle.write(damaged_bytes)
                handle.flush()
                os.fsync(handle.fileno())
            fsync_dir(path.parent)
        except OSError as error:
            raise write_failed(kept, error) from error
        write_atomically(path, good, keep_backup=False)  # the good copy stays as the .bak too
    return Restored(path, kept)


def _refuse_folder(path: Path) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        raise StoreError(f"cannot restore {path}: a folder is in its place; move it away first")


def _set_aside(path: Path, kept: Path) -> None:
    """Move a damaged driver file to kept (never over an earlier kept copy): the driver writes it anew."""
    try:
        os.link(path, kept, follow_symlinks=False)
        os.unlink(path)
        fsync_dir(path.parent)
    except OSError as error:
        raise write_failed(kept, error) from error
