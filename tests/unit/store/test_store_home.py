from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .unprivileged import passable, throwaway_user, unprivileged_runner
import circle
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


CIRCLE = Path(sys.executable).parent / "circle"  # the real command, as a user runs it


def run_as(user, argv: list[str]) -> subprocess.CompletedProcess[str]:
    """The real `circle` run by user, its standard input and output a terminal (the full-screen
    commands get as far as they would for a person at one)."""
    controller, terminal = os.openpty()
    try:
        return subprocess.run([str(CIRCLE), *argv], user=user.pw_uid, group=user.pw_gid, extra_groups=[],
                              env={"PATH": os.defpath, "LANG": "C.UTF-8", "TERM": "xterm", "HOME": "/nonexistent"},
                              stdin=terminal, stdout=terminal, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(terminal)
        os.close(controller)


@pytest.fixture
def own_folder() -> Iterator[Path]:
    """A folder of the test's own straight under the system's temporary folder: the folders
    above pytest's are shared with other test runs, which may close them meanwhile."""
    folder = Path(tempfile.mkdtemp(prefix="circle-test-"))
    yield folder
    shutil.rmtree(folder)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a home to another user takes root")
def test_another_users_home_is_refused_in_one_line_by_every_command(own_folder: Path) -> None:
    home = own_folder / "home"
    slug = Repository(home, "ana").create_circle("Maths mentors", "")["slug"]
    interpreter = Path(os.path.realpath(sys.executable))
    with throwaway_user() as owner, throwaway_user() as other, \
            passable(home.parent, CIRCLE.parent, interpreter.parent, Path(circle.__file__).parent):
        for path in [home, *home.rglob("*")]:
            os.lchown(path, owner.pw_uid, owner.pw_gid)
        assert os.stat(home).st_mode & 0o777 == 0o700
        refusal = f"circle: permission denied: the data home belongs to {owner.pw_name}\n"
        for argv in (["check"], ["circles", "--plain"], ["goals", "--plain", "--circle", slug], ["home"], [],
                     ["plans"], ["export", "--circle", slug], ["watch", slug, "--plain"], ["teachers", "list"],
                     ["circles", "add", "Science"]):
            result = run_as(other, ["--home", str(home), *argv])
            assert (result.returncode, result.stderr) == (3, refusal), argv


def check_home(home: Path) -> int:
    from circle.cli import main

    return main(["--home", str(home), "--actor", "ana", "check"])


@pytest.fixture
def linked_home(tmp_path: Path) -> tuple[Path, Path]:
    """A data home that is a link to the folder holding it; the link and the folder."""
    folder = tmp_path / "real-home"
    repo = Repository(folder, "ana")
    repo.add_member(repo.create_circle("Maths mentors", "")["slug"], "Ada")
    link = tmp_path / "home"
    link.symlink_to(folder)
    return link, folder


def test_a_linked_home_leading_to_a_private_folder_of_the_users_passes_check(
        linked_home: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    link, _ = linked_home
    assert check_home(link) == 0
    assert capsys.readouterr().out == f"1 data file in {link}: none is damaged.\n"


def test_a_linked_home_leading_to_a_loosened_folder_is_reported(
        linked_home: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    link, folder = linked_home
    os.chmod(folder, 0o750)
    assert check_home(link) == 1
    assert (f"exposed: {link} (a symbolic link to {folder}, whose folder mode 0750 lets others in "
            "(circle keeps it 0700))") in capsys.readouterr().out.splitlines()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user takes root")
def test_a_linked_home_leading_to_another_users_folder_is_reported(
        linked_home: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    link, folder = linked_home
    with throwaway_user() as owner:
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        assert check_home(link) == 1
    assert (f"exposed: {link} (a symbolic link to {folder}, a folder that belongs to {owner.pw_name}, "
            "not to root, who runs circle)") in capsys.readouterr().out.splitlines()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user takes root")
def test_a_home_another_user_owns_is_reported_to_root(
        linked_home: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    _, folder = linked_home
    with throwaway_user() as owner:
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        assert check_home(folder) == 1
    assert (f"exposed: {folder} (the folder belongs to {owner.pw_name}, not to root, who runs circle)"
            in capsys.readouterr().out.splitlines())
