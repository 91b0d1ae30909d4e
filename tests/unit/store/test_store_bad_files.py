"""Damaged files, a full disk and a read-only home: a clear error, and nothing on disk changes."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from circle.store.errors import CorruptFileError, StoreError
from circle.store.locked_db import write_db
from circle.store.repository import Repository

from .disk import refuse_writes, snapshot

DAMAGE = {
    "truncated JSON": lambda good: good[: len(good) // 2],
    "a file of zeros": lambda good: b"\0" * 512,
    "an empty file": lambda good: b"",
    "a JSON list": lambda good: b"[1, 2, 3]",
    "a table that is not records": lambda good: b'{"circle": [1, 2]}',
    "a record that is not an object": lambda good: b'{"circle": {"1": "x"}}',
    "a record id that is not a number": lambda good: b'{"circle": {"one": {}}}',
    "valid TinyDB without a record": lambda good: b'{"_default": {}}',
    "not UTF-8": lambda good: b'{"circle": {"1": {"name": "\xff\xfe"}}}',
}


@pytest.fixture
def filled(repo: Repository, circle: str) -> tuple[Repository, str, str, str]:
    ada = repo.add_member(circle, "Ada").id
    goal = repo.add_goal(circle, {"member": ada, "title": "x"})["id"]
    sid = repo.create_session(circle, {"plan": "community-60"})
    repo.append_event(circle, sid, {"type": "start"})
    repo.append_event(circle, sid, {"type": "next_speaker"})
    return repo, circle, goal, sid


def _assert_names_both(error: CorruptFileError, path: Path) -> None:
    message = str(error)
    assert str(path) in message and "damaged" in message
    assert error.backup == path.with_name(path.name + ".bak")
    assert f"The last good copy is {error.backup}" in message
    json.loads(error.backup.read_bytes())  # and that copy is good


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_circle_file_is_reported_and_never_written(filled, home: Path, damage: str) -> None:
    repo, circle, goal, _ = filled
    path = home / "circles" / circle / "circle.json"
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    before = snapshot(home)
    attempts = [
        lambda: repo.get_circle(circle),
        lambda: repo.list_circles(),
        lambda: repo.list_members(circle),
        lambda: repo.add_member(circle, "Bo"),
        lambda: repo.update_goal(circle, goal, lambda g: {**g, "title": "y"}),
        lambda: repo.add_goal(circle, {"title": "z"}),
        lambda: repo.set_norms(circle, ["n"]),
        lambda: repo.update_circle(circle, description="d"),
    ]
    for attempt in attempts:
        with pytest.raises(CorruptFileError) as raised:
            attempt()
        _assert_names_both(raised.value, path)
    assert snapshot(home) == before


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_session_file_is_reported_and_never_written(filled, home: Path, damage: str) -> None:
    repo, circle, _, sid = filled
    path = home / "circles" / circle / "sessions" / f"{sid}.json"
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    before = snapshot(home)
    attempts = [
        lambda: repo.append_event(circle, sid, {"type": "pass"}),
        lambda: repo.get_events(circle, sid),
        lambda: repo.get_session(circle, sid),
        lambda: repo.update_session(circle, sid, ended="now"),
        lambda: repo.list_sessions(circle),
    ]
    for attempt in attempts:
        with pytest.raises(CorruptFileError) as raised:
            attempt()
        _assert_names_both(raised.value, path)
    assert snapshot(home) == before


# What a locked write may do first: read through TinyDB, read the raw tables, or write them whole.
TRANSACTION_STEPS = {
    "insert": lambda db: db.table("events").insert({"type": "pass"}),
    "read tables": lambda db: db.storage.read(),
    "write tables": lambda db: db.storage.write({"events": {"1": {"type": "pass"}}}),
}


# Damage the file layer itself sees; a file without its record is only damaged to the Repository.
FILE_DAMAGE = sorted(set(DAMAGE) - {"valid TinyDB without a record"})


@pytest.mark.parametrize("step", sorted(TRANSACTION_STEPS))
@pytest.mark.parametrize("damage", FILE_DAMAGE)
def test_the_locked_transaction_itself_never_takes_a_damaged_file_for_an_empty_one(
    tmp_path: Path, damage: str, step: str
) -> None:
    # Straight to the transaction, with no Repository read before it to catch the damage first.
    path = tmp_path / "session.json"
    for n in (1, 2):  # twice, so a last good copy is kept beside the file
        with write_db(path) as db:
            db.table("events").insert({"type": "start", "n": n})
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    before = snapshot(tmp_path)
    with pytest.raises(CorruptFileError) as raised:
        with write_db(path) as db:
            TRANSACTION_STEPS[step](db)
    _assert_names_both(raised.value, path)
    assert snapshot(tmp_path) == before


def test_the_backup_is_the_version_before_the_last_write(filled, home: Path) -> None:
    repo, circle, _, sid = filled
    path = home / "circles" / circle / "sessions" / f"{sid}.json"
    previous = path.read_bytes()
    repo.update_session(circle, sid, ended="now")  # events go to the journal: this rewrites the record
    assert path.with_name(path.name + ".bak").read_bytes() == previous
    assert path.read_bytes() != previous


def test_a_new_session_keeps_a_good_copy_from_the_start(repo: Repository, circle: str, home: Path) -> None:
    sid = repo.create_session(circle, {"plan": "community-60"})
    path = home / "circles" / circle / "sessions" / f"{sid}.json"
    backup = path.with_name(path.name + ".bak")
    assert backup.read_bytes() == path.read_bytes()
    assert os.stat(backup).st_ino != os.stat(path).st_ino  # an edit in place must not reach it
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600


def test_a_damaged_file_without_a_backup_says_so(repo: Repository, circle: str, home: Path) -> None:
    path = home / "circles" / circle / "circle.json"
    assert not path.with_name("circle.json.bak").exists()  # written once: no earlier version
    path.write_bytes(b"{")
    with pytest.raises(CorruptFileError, match="No earlier copy of it was kept"):
        repo.get_circle(circle)


@pytest.mark.parametrize(
    ("target", "code", "reason"),
    [
        ("replace", errno.EROFS, "read-only"),
        ("replace", errno.EACCES, "permission denied"),
        ("write", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.EIO, "Input/output error"),
        ("link", errno.ENOSPC, "the disk is full"),
    ],
)
def test_a_failed_write_keeps_the_last_good_version(
    filled, home: Path, monkeypatch: pytest.MonkeyPatch, target: str, code: int, reason: str
) -> None:
    repo, circle, goal, sid = filled
    before = snapshot(home)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, target, refuse)
    attempts = [
        ("circle.json", lambda: repo.add_member(circle, "Bo")),
        (f"{sid}.json", lambda: repo.update_session(circle, sid, ended="now")),
    ]
    if target in ("write", "fsync"):  # what an append to the session's journal does
        attempts.append((f"{sid}.events.jsonl", lambda: repo.append_event(circle, sid, {"type": "pass"})))
    for name, attempt in attempts:
        with pytest.raises(StoreError) as raised:
            attempt()
        message = str(raised.value)
        assert name in message and reason in message and "unchanged" in message
    monkeypatch.undo()
    assert snapshot(home) == before
    assert [e["type"] for e in repo.get_events(circle, sid)] == ["start", "next_speaker"]


def test_a_read_only_home_refuses_writes_and_changes_nothing(
    filled, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, circle, _, sid = filled
    before = snapshot(home)
    refuse_writes(monkeypatch)
    for attempt in (
        lambda: repo.create_circle("Science"),
        lambda: repo.add_member(circle, "Bo"),
        lambda: repo.append_event(circle, sid, {"type": "pass"}),
        lambda: repo.create_session(circle, {}),
    ):
        with pytest.raises(StoreError, match="read-only"):
            attempt()
    # Reading still works on a read-only home.
    assert [m.name for m in repo.list_members(circle)] == ["Ada"]
    assert len(repo.get_events(circle, sid)) == 2
    monkeypatch.undo()
    assert snapshot(home) == before


def test_a_folder_that_cannot_be_flushed_is_reported_after_the_save(
    filled, monkeypatch: pytest.MonkeyPatch
) -> None:
    from circle.store import atomic_storage

    repo, circle, _, sid = filled

    def fail(code: int):  # type: ignore[no-untyped-def]
        def fsync_dir(folder: Path) -> None:
            raise OSError(code, os.strerror(code))

        return fsync_dir

    fresh = repo.create_session(circle, {})
    monkeypatch.setattr(atomic_storage, "fsync_dir", fail(errno.EIO))
    with pytest.raises(StoreError, match="may not survive a power cut"):
        repo.update_session(circle, sid, ended="now")
    assert repo.get_session(circle, sid)["ended"] == "now"  # saved, though perhaps not for good
    # A session's first event makes its journal: a new name in the folder, to be flushed.
    event = {"seq": 1, "type": "pass"}
    with pytest.raises(StoreError, match="may not survive a power cut"):
        repo.append_event(circle, fresh, event)
    repo.append_event(circle, fresh, event)  # the retry finds it saved and changes nothing
    monkeypatch.setattr(atomic_storage, "fsync_dir", fail(errno.EINVAL))
    repo.update_session(circle, sid, ended="later")  # a folder sync it cannot do
    repo.append_event(circle, sid, {"seq": 3, "type": "pass"})
    assert [e["seq"] for e in repo.get_events(circle, fresh)] == [1]
    assert [e["seq"] for e in repo.get_events(circle, sid)] == [1, 2, 3]


def test_a_read_only_file_is_respected_and_kept(filled, home: Path) -> None:
    repo, circle, _, sid = filled
    circle_file = home / "circles" / circle / "circle.json"
    session_file = home / "circles" / circle / "sessions" / f"{sid}.json"
    os.chmod(circle_file, 0o400)
    os.chmod(session_file, 0o444)
    before = snapshot(home)
    with pytest.raises(StoreError, match=r"circle\.json: the file is read-only \(mode 0400\)"):
        repo.add_member(circle, "Bo")
    with pytest.raises(StoreError, match=rf"{sid}\.json: the file is read-only \(mode 0444\)"):
        repo.append_event(circle, sid, {"type": "pass"})
    assert snapshot(home) == before
    assert [m.name for m in repo.list_members(circle)] == ["Ada"]  # reading it is fine
