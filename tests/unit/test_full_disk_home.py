"""A full disk stops changes, not reads: listing, goals, export and check work, over SSH too;
a change says the disk is full and leaves the file on disk as it was."""

from __future__ import annotations

import errno
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from circle.cli import main
from circle.store.demo_data import seed_demo
from circle.store.repository import Repository

from store.disk import snapshot  # tests/unit is on the path: its store tests are a package


def _inside(home: Path, fd_or_path: object) -> bool:
    try:
        path = os.readlink(f"/proc/self/fd/{fd_or_path}") if isinstance(fd_or_path, int) else os.fsdecode(fd_or_path)  # type: ignore[arg-type]
        return Path(path).resolve().is_relative_to(home.resolve())
    except (OSError, TypeError, ValueError):
        return False


def _demo_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    seed_demo(Repository(home, "facilitator"))
    return home


@pytest.fixture
def full_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo home whose disk has no free block: files and folders can still be made (free
    inodes), every byte written to them fails as a full disk fails."""
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    home = _demo_home(tmp_path)
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if data and _inside(home, fd):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    return home


def data_files(folder: Path) -> dict[str, tuple[bytes, int]]:
    # An empty lock file may be left where a write was tried: it holds no data.
    return {name: value for name, value in snapshot(folder).items() if not name.endswith(".lock")}


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), "--actor", "facilitator", *argv])


def test_every_read_works_on_a_full_disk(full_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(full_home, "circles", "--plain") == 0
    assert "Demo Circle (demo-circle)" in capsys.readouterr().out
    status = run(full_home, "goals", "--circle", "demo-circle", "--member", "Daniel Reyes", "--plain")
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert run(full_home, "export", "--circle", "demo-circle", "--format", "md") == 0
    assert capsys.readouterr().out.startswith("# Demo Circle")
    assert run(full_home, "check") == 0
    assert "none is damaged" in capsys.readouterr().out


def test_a_change_on_a_full_disk_says_so_and_saves_nothing(full_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = data_files(full_home / "circles")
    assert run(full_home, "circles", "add", "New circle") != 0
    err = capsys.readouterr().err
    assert "the disk is full" in err and len(err.splitlines()) == 1
    assert data_files(full_home / "circles") == before


@pytest.fixture
def mounted_full_home(tmp_path: Path) -> Iterator[Path]:
    """A demo home on a real file system of its own, then filled to the last block (root mounts
    a small tmpfs; elsewhere the test cannot make a real full disk and says so)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system to fill takes root")
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        home = _demo_home(mount)
        with open(mount / "filler", "wb") as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
                    filler.flush()
            except OSError as error:
                assert error.errno == errno.ENOSPC
        yield home
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_reads_work_on_a_really_full_disk(mounted_full_home: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    assert run(mounted_full_home, "circles", "--plain") == 0
    assert "Demo Circle" in capsys.readouterr().out
    assert run(mounted_full_home, "check") == 0
    capsys.readouterr()
    assert run(mounted_full_home, "circles", "add", "New circle") != 0
    assert "the disk is full" in capsys.readouterr().err
