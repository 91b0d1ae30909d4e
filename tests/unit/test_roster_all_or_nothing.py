"""A roster import is all or nothing: every row is checked with the store's rules, then the
circle file is written once; any failure (a bad row, Ctrl-C, a full disk) leaves it as it was."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import circle.store.atomic_storage as atomic_storage
import circle.store.members as store_members
from circle.cli import main
from circle.store.repository import Repository

ROWS = ["Ana Lopez", "Ben Okafor", "Cy Smith", "Dee Park", "Eve Moss"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    path = tmp_path / "home"
    Repository(path, "t").create_circle("Year 7")
    Repository(path, "t").add_member("year-7", "Zed")
    return path


def circle_bytes(home: Path) -> bytes:
    return (home / "circles" / "year-7" / "circle.json").read_bytes()


def roster(tmp_path: Path, names: list[str]) -> str:
    path = tmp_path / "roster.csv"
    path.write_text("name\n" + "".join(f"{name}\n" for name in names), encoding="utf-8")
    return str(path)


def run_import(home: Path, path: str) -> int:
    return main(["--home", str(home), "--actor", "t", "import", path, "--circle", "year-7"])


def test_a_row_the_store_would_refuse_imports_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = circle_bytes(home)
    assert run_import(home, roster(tmp_path, ["Ana", "\u00ad", "Ben"])) != 0
    err = capsys.readouterr().err
    assert "line 3: the member name shows nothing" in err and "nothing was imported" in err
    assert circle_bytes(home) == before


@pytest.mark.parametrize("failure", [RuntimeError("injected"), KeyboardInterrupt()], ids=["error", "ctrl-c"])
@pytest.mark.parametrize("at_row", range(1, len(ROWS) + 1))
def test_an_interruption_at_any_row_leaves_the_circle_unchanged(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at_row: int, failure: BaseException
) -> None:
    before = circle_bytes(home)
    real_short_id = store_members.short_id
    calls = []

    def failing_short_id(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == at_row:
            raise failure
        return real_short_id(*args, **kwargs)

    monkeypatch.setattr(store_members, "short_id", failing_short_id)
    assert run_import(home, roster(tmp_path, ROWS)) != 0
    assert circle_bytes(home) == before
    monkeypatch.setattr(store_members, "short_id", real_short_id)
    assert run_import(home, roster(tmp_path, ROWS)) == 0  # the same file goes in once fixed
    assert [m.name for m in Repository(home, "t").list_members("year-7")] == ["Zed", *ROWS]


def test_a_full_disk_leaves_the_circle_unchanged(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = circle_bytes(home)

    def disk_full(fd: int, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_storage, "write_all", disk_full)
    assert run_import(home, roster(tmp_path, ROWS)) != 0
    err = capsys.readouterr().err
    assert "the disk is full" in err and "No member was added" in err and len(err.splitlines()) == 1
    assert circle_bytes(home) == before


def test_ten_thousand_rows_are_one_write(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes = []
    real = atomic_storage.write_atomically

    def counted(path, payload, **kwargs):  # type: ignore[no-untyped-def]
        writes.append(path)
        return real(path, payload, **kwargs)

    monkeypatch.setattr(atomic_storage, "write_atomically", counted)
    names = [f"Teacher {number}" for number in range(10_000)]
    assert run_import(home, roster(tmp_path, names)) == 0
    assert len(writes) == 1
    assert len(Repository(home, "t").list_members("year-7")) == 10_001
