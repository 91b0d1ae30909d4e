from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from .unprivileged import unprivileged_runner
from circle.errors import CircleError
from circle.store.errors import HomeError
from circle.store.home import ensure_home, resolve_home
from circle.store.repository import Repository


def test_circle_home_comes_first_then_the_option_then_the_platform() -> None:
    assert resolve_home("/from/option", {"CIRCLE_HOME": "/from/env"}) == Path("/from/env")
    assert resolve_home("/from/option", {}) == Path("/from/option")
    platform = resolve_home(None, {})
    assert platform.name == "circle" and platform.is_absolute()


def test_a_blank_circle_home_is_ignored() -> None:
    assert resolve_home("/from/option", {"CIRCLE_HOME": "  "}) == Path("/from/option")


def test_the_home_and_its_folders_are_created_private(tmp_path: Path) -> None:
    home = ensure_home(tmp_path / "a" / "b" / "home")
    for folder in (tmp_path / "a", tmp_path / "a" / "b", home, home / "circles", home / "plans"):
        assert folder.is_dir()
        assert os.stat(folder).st_mode & 0o777 == 0o700, folder
    assert [p.name for p in (home / "circles").iterdir()] == []  # the write probe is gone


def test_a_home_that_is_a_file_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "home"
    path.write_text("not a folder")
    with pytest.raises(HomeError, match=str(path)) as raised:
        ensure_home(path)
    assert "not a folder" in str(raised.value)
    assert isinstance(raised.value, CircleError)


def test_a_home_that_cannot_be_created_names_the_path(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    path = tmp_path / "file" / "home"
    with pytest.raises(HomeError, match=str(path)):
        Repository(path, "ana")


def test_a_read_only_home_is_reported_with_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = ensure_home(tmp_path / "home")
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(HomeError) as raised:
        ensure_home(home)
    assert str(home) in str(raised.value)
    assert "read-only" in str(raised.value)


def test_a_home_without_write_permission_is_refused(tmp_path: Path) -> None:
    home = ensure_home(tmp_path / "home")

    def open_a_home_the_user_may_not_write() -> None:
        os.chmod(home / "circles", 0o500)
        try:
            with pytest.raises(HomeError, match="permission denied"):
                ensure_home(home)
        finally:
            os.chmod(home / "circles", 0o700)

    # Root writes anywhere: as root, this runs as a throwaway user made for it.
    with unprivileged_runner(home) as run:
        run(open_a_home_the_user_may_not_write)


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    home = tmp_path / "shared"
    home.mkdir(mode=0o750)
    os.chmod(home, 0o750)
    ensure_home(home)
    assert os.stat(home).st_mode & 0o777 == 0o750
    assert os.stat(home / "circles").st_mode & 0o777 == 0o700


def test_an_empty_actor_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CircleError, match="empty"):
        Repository(tmp_path / "home", "  ")
