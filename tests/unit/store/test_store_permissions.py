"""Folders 0700 and files 0600 from the start, after every atomic replace, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from .unprivileged import unprivileged_runner
from circle.store.atomic_storage import AtomicJSONStorage
from circle.store.repository import Repository


@pytest.fixture(autouse=True)
def loose_umask() -> Iterator[None]:
    # A permissive umask must not leak into the modes of private data.
    old = os.umask(0o000)
    yield
    os.umask(old)


def _modes(home: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(os.stat(home).st_mode)}
    for path in home.rglob("*"):
        found[str(path.relative_to(home))] = stat.S_IMODE(os.lstat(path).st_mode)
    return found


def test_everything_in_the_home_is_private(repo: Repository, circle: str, home: Path) -> None:
    ada = repo.add_member(circle, "Ada").id
    goal = repo.add_goal(circle, {"member": ada, "title": "x"})["id"]
    repo.update_goal(circle, goal, lambda g: {**g, "title": "y"})
    sid = repo.create_session(circle, {})
    for _ in range(3):
        repo.append_event(circle, sid, {"type": "pass"})
    modes = _modes(home)
    assert f"circles/{circle}/sessions/{sid}.json.bak" in modes  # replaced at least once
    assert f"circles/{circle}/circle.json.lock" in modes
    for name, mode in modes.items():
        expected = 0o700 if (home / name).is_dir() else 0o600
        assert mode == expected, f"{name}: {mode:o}"


def test_a_replace_gives_a_loosened_file_and_folder_their_private_modes_back(tmp_path: Path) -> None:
    folder = tmp_path / "circle"
    folder.mkdir(mode=0o700)
    path = folder / "data.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"a": 1}}})
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    os.chmod(path, 0o644)  # loosened by hand (or by a copy): access is circle's to give, not the mode's
    os.chmod(folder, 0o755)
    storage.write({"t": {"1": {"a": 2}}})
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder / "data.json.bak").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert storage.read() == {"t": {"1": {"a": 2}}}


def test_a_replace_gives_a_new_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {}})
    first = os.stat(path).st_ino
    storage.write({"t": {"1": {}}})
    assert os.stat(path).st_ino != first  # replaced, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json", "data.json.bak"]


def test_a_file_the_user_may_not_write_is_reported(repo: Repository, circle: str, home: Path) -> None:
    folder = home / "circles" / circle

    def add_where_the_user_may_not_write() -> None:
        os.chmod(folder, 0o500)
        try:
            with pytest.raises(Exception, match="permission denied"):
                Repository(home, repo.actor).add_member(circle, "Ada")
        finally:
            os.chmod(folder, 0o700)

    # Root writes anywhere: as root, this runs as a throwaway user made for it.
    with unprivileged_runner(home) as run:
        run(add_where_the_user_may_not_write)
