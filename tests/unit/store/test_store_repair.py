"""Finding damaged files in a home and putting their last good copies back (`circle check`)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from circle.cli import main
from circle.store.errors import CorruptFileError, StoreError
from circle.store.repair import find_damaged, restore
from circle.store.repository import Repository


@pytest.fixture
def filled(repo: Repository, circle: str) -> tuple[Repository, str, str]:
    repo.add_member(circle, "Ada")
    repo.add_member(circle, "Bo")
    sid = repo.create_session(circle, {"plan": "community-60"})
    repo.append_event(circle, sid, {"type": "start"})
    repo.append_event(circle, sid, {"type": "next_speaker"})
    return repo, circle, sid


def check(home: Path, *args: str) -> int:
    return main(["--home", str(home), "--actor", "ana", "check", *args])


def test_a_sound_home_has_nothing_damaged(filled, home: Path, capsys) -> None:
    # The circle file, the session's record and its event journal.
    assert find_damaged(home) == (3, [])
    assert check(home) == 0
    assert capsys.readouterr().out.strip() == f"3 data files in {home}: none is damaged."


def test_a_damaged_circle_file_gets_its_last_good_copy_back(filled, home: Path) -> None:
    repo, circle, _ = filled
    path = home / "circles" / circle / "circle.json"
    good = path.with_name("circle.json.bak").read_bytes()
    broken = path.read_bytes()[:40]
    path.write_bytes(broken)

    count, damaged = find_damaged(home)
    assert count == 3 and [d.path for d in damaged] == [path]  # circle, session, journal
    assert damaged[0].backup_good and "invalid JSON" in damaged[0].detail
    with pytest.raises(CorruptFileError):
        repo.list_members(circle)

    done = restore(damaged[0], "20260301T090000")
    assert done.kept_as == path.with_name("circle.json.damaged-20260301T090000")
    assert done.kept_as.read_bytes() == broken
    assert path.read_bytes() == good and path.with_name("circle.json.bak").read_bytes() == good
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(done.kept_as).st_mode) == 0o600
    # The copy is the version before the last save: Ada is there, Bo (the last save) is not.
    assert [m.name for m in repo.list_members(circle)] == ["Ada"]
    assert find_damaged(home) == (3, [])
    repo.add_member(circle, "Cy")  # and it takes saves again
    assert [m.name for m in repo.list_members(circle)] == ["Ada", "Cy"]


def test_a_damaged_session_file_is_found_and_restored(filled, home: Path) -> None:
    repo, circle, sid = filled
    path = home / "circles" / circle / "sessions" / f"{sid}.json"
    path.write_bytes(b'{"_default": {}}')  # valid JSON, but no session record
    (found,) = find_damaged(home)[1]
    assert found.path == path and "no session record" in found.detail and found.backup_good
    restore(found, "t1")
    # The record comes back; the events are in the journal, which the restore leaves whole.
    assert repo.get_session(circle, sid)["plan"] == "community-60"
    assert [e["type"] for e in repo.get_events(circle, sid)] == ["start", "next_speaker"]


def test_without_a_good_copy_nothing_is_touched(repo: Repository, circle: str, home: Path) -> None:
    # A circle saved once has no .bak yet.
    path = home / "circles" / circle / "circle.json"
    assert not path.with_name("circle.json.bak").exists()
    path.write_bytes(b"\0" * 64)
    (found,) = find_damaged(home)[1]
    assert not found.backup_good
    with pytest.raises(StoreError, match="no good copy"):
        restore(found, "t1")
    assert path.read_bytes() == b"\0" * 64
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("circle.json")) == [
        "circle.json", "circle.json.lock"
    ]  # fmt: skip


def test_a_damaged_backup_is_not_a_good_copy(filled, home: Path) -> None:
    _, circle, _ = filled
    path = home / "circles" / circle / "circle.json"
    path.write_bytes(b"[]")
    path.with_name("circle.json.bak").write_bytes(b"{")
    (found,) = find_damaged(home)[1]
    assert not found.backup_good
    with pytest.raises(StoreError, match="no good copy"):
        restore(found, "t1")


def test_a_file_mended_meanwhile_is_left_alone(filled, home: Path) -> None:
    _, circle, _ = filled
    path = home / "circles" / circle / "circle.json"
    good = path.read_bytes()
    path.write_bytes(b"[]")
    (found,) = find_damaged(home)[1]
    path.write_bytes(good)  # another run restored it first
    assert restore(found, "t1").kept_as is None
    assert path.read_bytes() == good


def test_the_command_lists_restores_and_then_finds_none(filled, home: Path, capsys) -> None:
    _, circle, sid = filled
    circle_file = home / "circles" / circle / "circle.json"
    circle_file.write_bytes(b"")
    assert check(home) == 1
    out = capsys.readouterr().out
    assert f"damaged: {circle_file} (the file is empty); a good copy: {circle_file}.bak" in out
    assert "circle check --restore" in out

    assert check(home, "--json") == 1
    listed = json.loads(capsys.readouterr().out)
    assert listed == [{"path": str(circle_file), "problem": "the file is empty", "good_copy": f"{circle_file}.bak"}]

    assert check(home, "--restore") == 0
    out = capsys.readouterr().out
    assert f"restored {circle_file} from {circle_file}.bak; the damaged file is kept as {circle_file}.damaged-" in out
    assert check(home) == 0


def test_the_command_says_what_it_could_not_restore(repo: Repository, circle: str, home: Path, capsys) -> None:
    path = home / "circles" / circle / "circle.json"
    path.write_bytes(b"{")
    assert check(home, "--restore") == 1
    captured = capsys.readouterr()
    assert f"cannot restore {path}: no good copy" in captured.err
    assert f"damaged: {path}" in captured.out and "no good copy was kept" in captured.out
