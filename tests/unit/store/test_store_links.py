"""The home is a closed box: a link planted anywhere circle writes is refused, nothing is
written outside the home, and `circle check` lists links and loosened modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from circle.cli import main
from circle.store.errors import StoreError
from circle.store.repository import Repository


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "victim.txt").write_text("precious")
    return folder


def test_a_linked_circle_folder_is_refused(repo: Repository, circle: str, home: Path, outside: Path) -> None:
    folder = home / "circles" / circle
    os.rename(folder, outside / "moved")
    folder.symlink_to(outside / "moved")
    before = {p.name: p.read_bytes() for p in (outside / "moved").iterdir() if p.is_file()}
    with pytest.raises(StoreError, match="symbolic link"):
        repo.add_member(circle, "Ada")
    with pytest.raises(StoreError, match="symbolic link"):
        repo.list_members(circle)
    with pytest.raises(StoreError, match="symbolic link"):
        repo.create_session(circle, {"plan": "p"})
    assert {p.name: p.read_bytes() for p in (outside / "moved").iterdir() if p.is_file()} == before
    assert list((outside / "moved" / "sessions").iterdir()) == []


def test_a_linked_sessions_folder_is_refused(repo: Repository, circle: str, home: Path, outside: Path) -> None:
    sessions = home / "circles" / circle / "sessions"
    os.rmdir(sessions)
    sessions.symlink_to(outside)
    with pytest.raises(StoreError, match="symbolic link"):
        repo.create_session(circle, {"plan": "p"})
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]


@pytest.mark.parametrize("name", ["circle.json", "circle.json.bak", "circle.json.lock", ".circle.json.tmp",
                                  ".circle.json.bak.tmp"])
def test_a_linked_file_is_never_written_through(
    repo: Repository, circle: str, home: Path, outside: Path, name: str
) -> None:
    repo.add_member(circle, "Ada")  # a backup exists: every kind of file is there to plant over
    path = home / "circles" / circle / name
    if os.path.lexists(path):
        path.unlink()
    path.symlink_to(outside / "victim.txt")
    try:
        repo.add_member(circle, "Bo")
    except StoreError as error:
        assert "link" in str(error)
    assert (outside / "victim.txt").read_text() == "precious"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]


def test_a_linked_session_file_is_refused(repo: Repository, circle: str, home: Path, outside: Path) -> None:
    sid = repo.create_session(circle, {"plan": "p"})
    path = home / "circles" / circle / "sessions" / f"{sid}.json"
    os.rename(path, outside / "s.json")
    path.symlink_to(outside / "s.json")
    before = (outside / "s.json").read_bytes()
    with pytest.raises(StoreError, match="link"):
        repo.append_event(circle, sid, {"type": "note", "data": {}})
    assert (outside / "s.json").read_bytes() == before


def test_check_lists_links_and_loosened_modes_and_a_save_tightens_them(
    repo: Repository, circle: str, home: Path, outside: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    folder = home / "circles" / circle
    os.chmod(folder / "circle.json", 0o644)
    os.chmod(folder, 0o755)
    (home / "circles" / "planted").symlink_to(outside)
    (home / "plans" / "mine.toml").write_text("# the user's own plan, readable by others")
    os.chmod(home / "plans" / "mine.toml", 0o644)
    assert main(["--home", str(home), "check"]) == 1
    out = capsys.readouterr().out
    assert f"exposed: {home / 'circles' / 'planted'} (a symbolic link" in out
    assert f"exposed: {folder / 'circle.json'} (file mode 0644" in out
    assert f"exposed: {folder} (folder mode 0755" in out
    assert "mine.toml" not in out
    repo.add_member(circle, "Ada")
    assert stat.S_IMODE(os.stat(folder / "circle.json").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    (home / "circles" / "planted").unlink()
    assert main(["--home", str(home), "check"]) == 0


def test_a_linked_circles_folder_is_refused_before_anything_is_written(tmp_path: Path, outside: Path) -> None:
    home = tmp_path / "home"
    Repository(home, "t")
    os.rmdir(home / "circles")
    (home / "circles").symlink_to(outside)
    with pytest.raises(StoreError, match="symbolic link"):
        Repository(home, "t")
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]


def test_linked_folder_locks_are_refused(repo: Repository, circle: str, home: Path, outside: Path) -> None:
    (home / "circles.lock").unlink(missing_ok=True)
    (home / "circles.lock").symlink_to(outside / "victim.txt")
    with pytest.raises(StoreError, match="symbolic link"):
        repo.create_circle("Another")
    sessions_lock = home / "circles" / circle / "sessions.lock"
    sessions_lock.unlink(missing_ok=True)
    sessions_lock.symlink_to(outside / "victim.txt")
    with pytest.raises(StoreError, match="symbolic link"):
        repo.create_session(circle, {"plan": "p"})
    assert (outside / "victim.txt").read_text() == "precious"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]


def test_linked_lock_queues_are_refused(repo: Repository, circle: str, home: Path, outside: Path) -> None:
    sid = repo.create_session(circle, {"plan": "p"})
    folder = home / "circles" / circle
    writes = {
        home / "circles.queue": lambda: repo.create_circle("Another"),
        folder / "sessions.queue": lambda: repo.create_session(circle, {"plan": "p"}),
        folder / "circle.json.queue": lambda: repo.add_member(circle, "Ada"),
        folder / "sessions" / f"{sid}.json.queue": lambda: repo.append_event(circle, sid, {"type": "note", "data": {}}),
    }
    for queue, write in writes.items():
        queue.symlink_to(outside)
        with pytest.raises(StoreError, match="symbolic link"):
            write()
        queue.unlink()
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]
    assert (outside / "victim.txt").read_text() == "precious"
    assert [c["name"] for c in repo.list_circles()] == ["Maths mentors"]
    assert repo.list_members(circle) == [] and repo.get_events(circle, sid) == []
    assert repo.session_ids(circle) == [sid]


def test_a_linked_circle_folder_is_named_in_the_list_never_read_through(
    repo: Repository, circle: str, home: Path, outside: Path
) -> None:
    other = repo.create_circle("Science leads")["slug"]
    repo.list_circles()  # indexed while the folder was real
    folder = home / "circles" / circle
    os.rename(folder, outside / "moved")
    folder.symlink_to(outside / "moved")
    found, problems = repo.readable_circles()
    assert [c["slug"] for c in found] == [other]
    assert len(problems) == 1 and "symbolic link" in str(problems[0])
