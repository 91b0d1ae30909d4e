"""Sessions: one TinyDB file each for the record, and an append-only journal beside it for the
event log, so an append costs the same however long the session and however much history the
circle holds. Sessions saved before journals keep their events in the TinyDB file; both are read."""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from circle.domain.server.access import Action
from circle.store.atomic_storage import Tables, backup_path, refuse_read_only, write_atomically
from circle.store.base import FORMAT, RECORD, SESSIONS_DIR, CircleRef, RepositoryBase
from circle.store.errors import CorruptFileError, NotFound, StoreError, ValidationError
from circle.store.home import make_private_dir
from circle.store.inside import real_folder
from circle.store.ids import is_session_id, session_id
from circle.store.index import SESSION_INDEX, read_indexed
from circle.store.journal import Journal, journal_path, read_journal
from circle.store.locked_db import locked, read_tables, write_db
from circle.store.needs import needs
from circle.store.shapes import session_file_problem
from circle.store.validation import check_json

FIXED_FIELDS = ("id", "circle", "format", "created", "created_by")
RECENT_SESSIONS = 3  # how many past sessions' prompts are kept from being drawn again


@dataclass(frozen=True)
class StoredSession:
    """One session as read from its file: its id, its record and its events in seq order."""

    id: str
    record: dict[str, Any]
    events: list[dict[str, Any]]


def session_record(tables: Mapping[str, Any] | None, path: Path) -> dict[str, Any]:
    """The session's record; CorruptFileError unless its records have the shape the code reads."""
    problem = session_file_problem(tables)
    if problem:
        raise CorruptFileError(path, path.with_name(path.name + ".bak"), problem)
    return (tables or {})["session"][str(RECORD)]


def _read_record(path: Path) -> dict[str, Any]:
    return session_record(read_tables(path), path)


def _is_record(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str)


def _table_events(tables: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = tables.get("events", {})
    ordered = sorted(rows.items(), key=lambda item: (item[1].get("seq", 0), int(item[0])))
    return [row for _, row in ordered]


def session_events(tables: Mapping[str, Any], path: Path) -> list[dict[str, Any]]:
    """The events kept in the TinyDB file (older sessions), then the journal's, in seq order."""
    events = _table_events(tables)
    journal = read_journal(journal_path(path))
    if not events:
        return journal
    seen = {event.get("seq") for event in events}
    merged = events + [event for event in journal if event["seq"] not in seen]
    return sorted(merged, key=lambda event: event.get("seq", 0))


def _last_table_event(tables: Mapping[str, Any]) -> dict[str, Any] | None:
    rows = list(tables.get("events", {}).values())
    return max(rows, key=lambda row: row.get("seq", 0), default=None)


class SessionsMixin(RepositoryBase):
    @needs(Action.READ)
    def sessions_dir(self, circle: CircleRef) -> Path:
        return self._sessions_dir(circle)

    def _sessions_dir(self, circle: CircleRef) -> Path:
        return real_folder(self._circle_dir(circle) / SESSIONS_DIR)

    @needs(Action.READ)
    def session_file(self, circle: CircleRef, session_id: str) -> Path:
        return self._session_file(circle, session_id)

    def _session_file(self, circle: CircleRef, session_id: str) -> Path:
        if not is_session_id(session_id):
            raise NotFound(f"{session_id!r} is not a session id")
        path = self._sessions_dir(circle) / f"{session_id}.json"
        if not os.path.lexists(path):
            raise NotFound(f"circle {path.parent.parent.name!r} has no session {session_id}")
        return path

    def _session_record(self, circle: CircleRef, session_id: str) -> dict[str, Any]:
        path = self._session_file(circle, session_id)
        return session_record(read_tables(path), path)

    @needs(Action.READ)
    def session_ids(self, circle: CircleRef) -> list[str]:
        """Session ids, oldest first (they sort by the time the session was created)."""
        return self._session_ids(circle)

    def _session_ids(self, circle: CircleRef) -> list[str]:
        try:
            names = [p.name for p in self._sessions_dir(circle).iterdir()]
        except FileNotFoundError:
            return []
        return sorted(n[:-5] for n in names if n.endswith(".json") and is_session_id(n[:-5]))

    @needs(Action.RUN_SESSION)
    def create_session(self, circle: CircleRef, record: Mapping[str, Any]) -> str:
        if not isinstance(record, Mapping):
            raise ValidationError("a session record must be a mapping of fields to values")
        fields = copy.deepcopy(dict(record))
        check_json(fields, "session record")
        folder = self._sessions_dir(circle)
        make_private_dir(folder)
        # One lock for the folder makes choosing the next sortable id one step.
        with locked(folder):
            new_id = session_id(self.clock.now(), self.rng, self._session_ids(circle))
            fields.update(id=new_id, circle=folder.parent.name, format=FORMAT)
            self._stamp_new(fields)
            path = folder / f"{new_id}.json"
            with write_db(path) as db:
                db.table("session").insert(fields)
                db.table("events")  # present from the start, even while empty
            # Events go to the journal, so the record is rarely rewritten: keep a good copy of
            # it from the start (a copy, not a link: an edit in place must not reach it).
            with locked(path):
                write_atomically(backup_path(path), path.read_bytes(), keep_backup=False)
        return new_id

    @needs(Action.RUN_SESSION)
    def append_event(self, circle: CircleRef, session_id: str, event: Mapping[str, Any]) -> None:
        """Add one event to the session log; it is on disk (fsynced) when this returns.

        An event without "seq" gets the next one. Sending the last event again (a retry
        after an error) changes nothing. Any other event whose seq is not past the last
        one means two writers on one session, and is refused.
        """
        if not isinstance(event, Mapping):
            raise ValidationError("an event must be a mapping of fields to values")
        row = copy.deepcopy(dict(event))
        check_json(row, "event")
        path = self._session_file(circle, session_id)
        with locked(path):
            # The TinyDB file holds the record (and the events of sessions saved before
            # journals): small, and read only to know the session is whole and writable.
            tables: Tables = read_tables(path) or {}
            session_record(tables, path)
            refuse_read_only(path)
            journal = Journal(journal_path(path))
            try:
                candidates = [e for e in (journal.last, _last_table_event(tables)) if e is not None]
                previous = max(candidates, key=lambda e: e.get("seq", 0), default=None)
                last = previous.get("seq", 0) if previous else 0
                seq = row.setdefault("seq", last + 1)
                if seq == last and row == previous:
                    return  # already saved: an earlier attempt reached the disk
                if not isinstance(seq, int) or isinstance(seq, bool) or seq <= last:
                    raise StoreError(
                        f"event {seq!r} does not follow event {last} of session {session_id} in {path}: "
                        "is the session open in another window?"
                    )
                journal.append(row)
            finally:
                journal.close()

    @needs(Action.RUN_SESSION)
    def update_session(self, circle: CircleRef, session_id: str, **fields: Any) -> dict[str, Any]:
        fixed = sorted(set(fields) & set(FIXED_FIELDS))
        if fixed:
            raise ValidationError(f"a session's {', '.join(fixed)} cannot change")
        check_json(fields, "session record")
        path = self._session_file(circle, session_id)
        with write_db(path) as db:
            record = session_record(db.storage.read(), path)
            record.update(copy.deepcopy(fields))
            self._stamp_update(record)
            db.table("session").update(record, doc_ids=[RECORD])
        return copy.deepcopy(record)

    @needs(Action.READ)
    def get_session(self, circle: CircleRef, session_id: str) -> dict[str, Any]:
        return self._session_record(circle, session_id)

    @needs(Action.READ)
    def get_events(self, circle: CircleRef, session_id: str) -> list[dict[str, Any]]:
        """The session's events in seq order."""
        path = self._session_file(circle, session_id)
        tables = read_tables(path)
        session_record(tables, path)
        return session_events(tables or {}, path)

    @needs(Action.READ)
    def list_sessions(self, circle: CircleRef) -> list[dict[str, Any]]:
        """Every session's record, oldest first."""
        folder = self._sessions_dir(circle)
        records = []
        for sid in self._session_ids(circle):
            path = folder / f"{sid}.json"
            records.append(session_record(read_tables(path), path))
        return records

    @needs(Action.READ)
    def session_records(self, circle: CircleRef) -> tuple[list[dict[str, Any]], list[StoreError]]:
        """Every session's record, oldest first, through the circle's session index (a file
        is read only when it changed since the index was saved); and the files that could not
        be read, so one damaged session does not hide the others."""
        return self._session_records(circle)

    def _session_records(self, circle: CircleRef) -> tuple[list[dict[str, Any]], list[StoreError]]:
        folder = self._sessions_dir(circle)
        files = {sid: folder / f"{sid}.json" for sid in self._session_ids(circle)}
        found, problems = read_indexed(folder.parent / SESSION_INDEX, "sessions", files, _read_record, _is_record)
        return [found[sid] for sid in files if sid in found], list(problems.values())

    @needs(Action.READ)
    def recent_sessions(self, circle: CircleRef, count: int = RECENT_SESSIONS) -> list[StoredSession]:
        """The last `count` sessions, oldest first, from one listing of the folder and one read
        of each file: what opening a session needs (the latest, the one before, recent prompts)."""
        folder = self._sessions_dir(circle)
        recent = self._session_ids(circle)[-count:] if count > 0 else []
        stored = []
        for sid in recent:
            path = folder / f"{sid}.json"
            tables = read_tables(path)
            if tables is None:  # removed since the folder was listed
                raise NotFound(f"circle {folder.parent.name!r} has no session {sid}")
            stored.append(StoredSession(sid, session_record(tables, path), session_events(tables, path)))
        return stored

    @needs(Action.READ)
    def latest_session_id(self, circle: CircleRef) -> str | None:
        ids = self._session_ids(circle)
        return ids[-1] if ids else None
