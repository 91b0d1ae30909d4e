"""A home on a full disk can still be read: listing, goals, export and check work; each change
says the disk is full, in one line."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from circle.cli import main
from circle.store.demo_data import seed_demo
from circle.store.repository import Repository


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
