"""A home on a full disk can still be read: listing, goals, export and check work; each change
says the disk is full, in one line."""

from __future__ import annotations

import errno
import json
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


def _inside(home: Path, path: object) -> bool:
    try:
        return Path(os.fsdecode(path)).resolve().is_relative_to(home.resolve())  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _full() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def full_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo home, then the disk under it fills up: no byte can be written to a file there and
    no folder made (an empty file can still be created, as on a full disk with inodes left)."""
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    home = tmp_path / "home"
    seed_demo(Repository(home, "facilitator"))
    real_write, real_mkdir = os.write, os.mkdir

    def write(fd: int, data, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            where = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            where = ""
        if where and _inside(home, where):
            raise _full()
        return real_write(fd, data, *args, **kwargs)

    def mkdir(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if _inside(home, path):
            raise _full()
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "mkdir", mkdir)
    return home


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), "--actor", "facilitator", *argv])


def test_every_read_works_on_a_full_disk(full_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(full_home, "circles", "--plain") == 0, capsys.readouterr().err
    assert "Demo Circle" in capsys.readouterr().out
    assert run(full_home, "circles", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["slug"] == "demo-circle"
    for output in ("--plain", "--json"):
        status = run(full_home, "goals", "--circle", "demo-circle", "--member", "Daniel Reyes", output)
        captured = capsys.readouterr()
        assert status == 0, captured.err
    assert run(full_home, "export", "--circle", "demo-circle", "--format", "md") == 0
    assert capsys.readouterr().out.startswith("# Demo Circle")
    assert run(full_home, "check") == 0, capsys.readouterr().err
    assert "none is damaged" in capsys.readouterr().out


def test_a_change_on_a_full_disk_says_so_in_one_line(full_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(full_home, "circles", "add", "New circle") != 0
    err = capsys.readouterr().err
    assert "the disk is full" in err and len(err.splitlines()) == 1
    assert run(full_home, "circles") == 0
    assert "New circle" not in capsys.readouterr().out


def test_a_change_on_a_full_disk_leaves_every_data_file_as_it_was(full_home: Path) -> None:
    def data_files() -> dict[str, tuple[bytes, int]]:
        # An empty lock file may be left where a write was tried: it holds no data.
        return {name: value for name, value in snapshot(full_home).items() if not name.endswith(".lock")}

    before = data_files()
    assert run(full_home, "circles", "add", "New circle") != 0
    assert run(full_home, "goals", "add", "--circle", "demo-circle", "--member", "Daniel Reyes", "--title", "Wait longer") != 0
    assert data_files() == before


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
        home = mount / "home"
        seed_demo(Repository(home, "facilitator"))
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
