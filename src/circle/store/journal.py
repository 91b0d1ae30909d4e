"""A session's event journal: one JSON line per event, appended beside its TinyDB record.

Rewriting the session's TinyDB file for every event made an append cost grow with the
session. The journal is only ever appended to (O_APPEND, one write, one fsync), so an
event costs one small write whatever the session's length. Writers hold the session
file's lock, as for every other write, so lines are in seq order.

A kill in the middle of a write can leave a last line without its newline: that event's
append never returned, so readers ignore it and the next writer cuts it off. A complete
line that does not read as an event is damage: it is reported, never skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any, Callable

from circle.store.atomic_storage import encode_json, flush_folder, read_data_file, write_all
from circle.store.errors import CorruptFileError, StoreError, read_failed, write_failed
from circle.store.home import FILE_MODE
from circle.store.shapes import EVENT, record_problem

SUFFIX = ".events.jsonl"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_TAIL = 8192  # bytes read from the end at first when looking for the last event


def journal_path(record: Path) -> Path:
    """The journal beside a session's TinyDB file: ``<id>.json`` -> ``<id>.events.jsonl``."""
    return record.with_name(record.name.removesuffix(".json") + SUFFIX)


def _parse_line(line: bytes, path: Path, where: str) -> dict[str, Any]:
    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as error:
        detail = f"not UTF-8 text at byte {error.start}"
    except json.JSONDecodeError as error:
        detail = f"invalid JSON at column {error.colno}: {error.msg}"
    else:
        # The same rules as an event kept in a session's TinyDB file.
        detail = record_problem(row, EVENT) if isinstance(row, dict) else "it is not a record"
        if detail is None:
            return row
    raise CorruptFileError(path, None, f"{where} is not a saved event: {detail}")


def parse_journal(raw: bytes, path: Path) -> list[dict[str, Any]]:
    """The events of a journal's bytes, in file order; a torn last line (no newline) is left out."""
    complete = raw[: raw.rfind(b"\n") + 1]
    return [_parse_line(line, path, f"line {n}") for n, line in enumerate(complete.splitlines(), 1)]


def read_journal(path: Path) -> list[dict[str, Any]]:
    """The journal's events in file order; a missing journal has none."""
    raw = read_data_file(path)  # never through a link, as the append refuses one too
    return [] if raw is None else parse_journal(raw, path)


def leading_events(path: Path, until: Callable[[dict[str, Any]], bool], limit: int = 1 << 16) -> list[dict[str, Any]]:
    """The journal's first events, up to the first for which until() is true (or its first
    `limit` bytes): how a session began, without reading the rest of a long session."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except FileNotFoundError:
        return []
    except OSError as error:
        raise read_failed(path, error) from error
    try:
        raw = os.pread(fd, limit, 0)
    except OSError as error:
        raise read_failed(path, error) from error
    finally:
        os.close(fd)
    events = []
    for number, line in enumerate(raw[: raw.rfind(b"\n") + 1].splitlines(), 1):
        events.append(_parse_line(line, path, f"line {number}"))
        if until(events[-1]):
            break
    return events


def _last_line(fd: int, size: int) -> tuple[bytes, int]:
    """The journal's last complete line (b"" if none) and where the complete lines end."""
    want = _TAIL
    while True:
        start = max(0, size - want)
        chunk = os.pread(fd, size - start, start)
        end = chunk.rfind(b"\n")
        if end < 0 and start > 0:
            want *= 2
            continue
        if end < 0:
            return b"", 0
        begin = chunk.rfind(b"\n", 0, end) + 1
        if begin == 0 and start > 0:
            want *= 2  # the last line is longer than what was read: read further back
            continue
        return chunk[begin:end], start + end + 1


class Journal:
    """An open journal, for one append under the session's lock.

    ``last`` is the last complete event in it (None when it has none). A torn tail left by
    a killed writer is cut off when the journal is opened, so the next line starts clean.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None
        self.size = 0
        self.last: dict[str, Any] | None = None
        try:
            self.fd = os.open(path, os.O_RDWR | os.O_APPEND | _NOFOLLOW | _CLOEXEC)
        except FileNotFoundError:
            return  # a session saved before journals, or one not appended to yet
        except OSError as error:
            raise self._failed(error) from error
        try:
            size = os.fstat(self.fd).st_size
            line, self.size = _last_line(self.fd, size)
            if self.size < size:
                os.ftruncate(self.fd, self.size)
        except OSError as error:
            self.close()
            raise self._failed(error) from error
        try:
            self.last = _parse_line(line, path, "its last line") if line else None
        except CorruptFileError:
            self.close()
            raise

    def _failed(self, error: OSError) -> StoreError:
        return write_failed(self.path, error)

    def append(self, row: dict[str, Any]) -> None:
        """Write the event as one line and flush it to disk; on failure the journal is as it was."""
        line = encode_json(row) + b"\n"
        created = self.fd is None
        try:
            if self.fd is None:
                self.fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _CLOEXEC, FILE_MODE)
                os.fchmod(self.fd, FILE_MODE)
            write_all(self.fd, line)
            os.fsync(self.fd)
        except OSError as error:
            with contextlib.suppress(OSError):
                if created:
                    os.unlink(self.path)
                elif self.fd is not None:
                    os.ftruncate(self.fd, self.size)  # a line not on disk must not appear later
            raise self._failed(error) from error
        if created:
            flush_folder(self.path)

    def close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
