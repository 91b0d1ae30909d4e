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


@pytest.fixture
def driven(repo: Repository, circle: str, home: Path) -> Path:
    """A home as a session leaves it: driven through the session layer, a take-over asked for
    and pending, the indexes, a preference and a keymap saved. Its sessions folder."""
    from circle.live.driver import LiveSession
    from circle.live.setup import prepare
    from circle.store.driver_lock import ask_to_take_over
    from circle.store.preferences import save_preference

    members = [repo.add_member(circle, name, role=role).id for name, role in (("Ada", "mentor"), ("Bo", "mentee"))]
    live = LiveSession.fresh(prepare(repo, circle, "community-60"), repo.clock)
    live.begin({member: True for member in members})
    repo.clock.advance(30)
    live.next_speaker()
    ask_to_take_over(home / "circles" / circle / "sessions", str(live.session_id), "bo", repo.clock.now().isoformat())
    repo.list_circles()
    repo.session_records(circle)
    save_preference(home, "ana", "high_contrast", True)
    (home / "keymap.toml").write_text('"session.next" = "right"\n')
    os.chmod(home / "keymap.toml", 0o600)
    live.leave()
    return home / "circles" / circle / "sessions"


def test_a_home_a_session_was_driven_in_has_nothing_damaged(driven: Path, home: Path, capsys) -> None:
    (sid,) = {p.name.split(".")[0] for p in driven.iterdir()}
    assert {f"{sid}.driver.json", f"{sid}.takeover.json", f"{sid}.driver"} <= {p.name for p in driven.iterdir()}
    assert (driven.parent / "session-index.json").exists() and (home / "circle-index.json").exists()
    assert (home / "preferences.json").exists()
    # The preferences; the circle file; the session's record, journal, driver's note and take-over request.
    assert find_damaged(home) == (6, [])
    assert check(home) == 0
    assert capsys.readouterr().out.strip() == f"6 data files in {home}: none is damaged."


@pytest.mark.parametrize("name, content, problem", [
    ("driver.json", b'{"name": "ana", "pid": "12"}', "does not hold a driver's name, pid, times and state"),
    ("driver.json", b'{"name": "ana", ', "not a JSON object"),
    ("takeover.json", b'{"at": "2026-03-02T15:30:00+00:00"}', "does not hold the name of who asks"),
    ("takeover.json", b"[]", "not a JSON object"),
    ("json", b'{"_default": {}}', "no session record"),
    ("events.jsonl", b'{\n{"seq": 1}\n', "line 1"),
])
def test_a_damaged_file_of_each_kind_a_session_leaves_is_found(driven: Path, home: Path, name: str, content: bytes,
                                                                problem: str) -> None:
    (sid,) = {p.name.split(".")[0] for p in driven.iterdir()}
    path = driven / f"{sid}.{name}"
    path.write_bytes(content)
    count, damaged = find_damaged(home)
    assert count == 6 and [d.path for d in damaged] == [path]
    assert problem in damaged[0].detail


def test_a_damaged_drivers_note_is_set_aside_and_the_session_resumes(driven: Path, repo: Repository, circle: str,
                                                                      home: Path, capsys) -> None:
    from circle.live.driver import LiveSession
    from circle.live.setup import prepare

    (sid,) = {p.name.split(".")[0] for p in driven.iterdir()}
    note = driven / f"{sid}.driver.json"
    note.write_bytes(b"\0" * 10)
    assert check(home) == 1
    out = capsys.readouterr().out
    assert f"damaged: {note} (not a JSON object" in out and "`circle check --restore` sets it aside" in out
    assert check(home, "--restore") == 0
    out = capsys.readouterr().out
    assert f"set {note} aside as {note}.damaged-" in out
    (kept,) = driven.glob(f"{sid}.driver.json.damaged-*")
    assert kept.read_bytes() == b"\0" * 10 and not note.exists()
    assert check(home) == 0
    setup = prepare(repo, circle, "community-60")
    LiveSession.resume(setup, setup.unfinished, setup.plan, repo.clock).leave()
    assert check(home) == 0 and note.exists()


def test_the_homes_own_tinydb_files_are_found_damaged_and_restored(tmp_path: Path, home: Path) -> None:
    from circle.domain.server.ssh_keys import parse_public_key
    from circle.store.preferences import load_preferences, save_preference
    from circle.store.teachers import TeacherRegistry, load_teachers

    from server.keys import key_text  # tests/unit is on the path: its packages are importable

    Repository(home, "ana")
    save_preference(home, "ana", "high_contrast", True)
    save_preference(home, "ana", "high_contrast", False)
    registry = TeacherRegistry(home, tmp_path / "authorized_keys", lambda name: f"/bin/circle shell {name}")
    for seed, name in enumerate(("ana", "bo")):
        registry.add(name, [parse_public_key(key_text(seed), "key")])
    assert find_damaged(home) == (2, [])
    for path in (home / "teachers.json", home / "preferences.json"):
        path.write_bytes(b'{"teachers": [')
    found = find_damaged(home)[1]
    assert [(d.path.name, d.backup_good) for d in found] == [("teachers.json", True), ("preferences.json", True)]
    for item in found:
        restore(item, "t1")
    assert find_damaged(home) == (2, [])
    assert [t.name for t in load_teachers(home)] == ["ana"] and load_preferences(home, "ana") == {"high_contrast": True}
