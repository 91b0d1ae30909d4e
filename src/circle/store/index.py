"""Indexes: what a listing needs from many files, kept in one file, so a screen that lists
circles or sessions reads one small file instead of every one of them in full.

An index is never trusted over the files. Each entry keeps the signature of the file it
was made from (inode, size, modification time: files are replaced whole, so a save gives
a new inode); an entry whose file changed, a new file and a file gone are redone from the
files on every read, and the index is saved again. A missing or damaged index is rebuilt.
Saving it is only a saving of time: a home that cannot be written (read-only) still reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from circle.store.atomic_storage import encode_json, read_data_file, write_atomically
from circle.store.errors import StoreError, read_failed
from circle.store.inside import Signature, file_signature
from circle.store.locked_db import locked

FORMAT = 1
CIRCLE_INDEX = "circle-index.json"  # in the home: each circle's name, agreement and roster
SESSION_INDEX = "session-index.json"  # in a circle's folder: each session's record

Derive = Callable[[Path], Any]  # reads a file into its entry's value; StoreError when it cannot
Valid = Callable[[Any], bool]  # whether a value read back from the index has the expected shape


def _load(path: Path, kind: str) -> dict[str, Any]:
    try:
        raw = read_data_file(path)  # never through a link, never stuck on a planted pipe
        data = json.loads(raw) if raw is not None else {}
    except (StoreError, ValueError):  # missing, unreadable or damaged: rebuilt from the files
        return {}
    if not isinstance(data, dict) or data.get("kind") != kind or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def current_value(entries: Mapping[str, Any], key: str, sig: Signature | list[int], valid: Valid) -> Any:
    """The entry's value if it was made from the file as it is now (sig) and has the expected
    shape; else None (the file is read instead)."""
    entry = entries.get(key)
    if isinstance(entry, dict) and entry.get("sig") == list(sig) and valid(entry.get("value")):
        return entry["value"]
    return None


class IndexReader:
    """One index's entries, parsed again only when the index file was replaced: for looking up
    one file's entry at a time (an access check) without reading every file or the index each time."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path = path
        self.kind = kind
        self._read: tuple[Signature | None, dict[str, Any]] = (None, {})

    def value(self, key: str, sig: Signature, valid: Valid) -> Any:
        try:
            stamp = file_signature(self.path, follow=False)  # a link here is no index (_load refuses it)
        except OSError:
            return None  # no index yet: the file is read
        if self._read[0] != stamp:
            # The stamp before the read: an index replaced in between is parsed again next time.
            self._read = (stamp, _load(self.path, self.kind))
        return current_value(self._read[1], key, sig, valid)


def _save(path: Path, kind: str, entries: dict[str, Any]) -> None:
    try:
        with locked(path):
            payload = encode_json({"kind": kind, "format": FORMAT, "entries": entries})
            write_atomically(path, payload, keep_backup=False)
    except StoreError:
        pass  # a read-only home: the next read redoes the work, nothing is lost


def read_indexed(
    index: Path, kind: str, files: Mapping[str, Path], derive: Derive, valid: Valid
) -> tuple[dict[str, Any], dict[str, StoreError]]:
    """Each file's value (from the index when its file is unchanged) and the files that
    could not be read, with why. Files that vanished since they were listed are left out."""
    entries = _load(index, kind)
    values: dict[str, Any] = {}
    problems: dict[str, StoreError] = {}
    kept: dict[str, Any] = {}
    changed = False
    for key, path in files.items():
        try:
            # The signature before the read: a change in between makes the entry stale, never wrong.
            sig = list(file_signature(path))  # a list, as it reads back from the index
        except FileNotFoundError:
            continue
        except OSError as error:
            problems[key] = read_failed(path, error)
            continue
        value = current_value(entries, key, sig, valid)
        if value is None:
            try:
                value = derive(path)
            except StoreError as error:
                problems[key] = error
                continue
            changed = True
        values[key] = value
        kept[key] = {"sig": sig, "value": value}
    # Saved when an entry was redone, or one was added or dropped (a file that cannot be read
    # has no entry: comparing with the files listed would save the index on every read).
    if changed or set(entries) != set(kept):
        _save(index, kind, kept)
    return values, problems


def save_entry(index: Path, kind: str, key: str, sig: Signature | list[int], value: Any) -> None:
    """Keep one entry (and the others the index holds), under the index's lock; a home that
    cannot be written keeps none."""
    try:
        with locked(index):
            entries = _load(index, kind)
            entries[key] = {"sig": list(sig), "value": value}
            write_atomically(index, encode_json({"kind": kind, "format": FORMAT, "entries": entries}),
                             keep_backup=False)
    except StoreError:
        pass
