"""A roster on standard input: who may import is settled before a byte is read, at most
1 MiB is read, and it is imported only when it arrived whole."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from circle.cli import main
from circle.commands import connection, roster
from circle.store.repository import Repository

from .keys import key_file

ROSTER = b"name,role,username\nDee,peer,dee\nEd,peer,ed\n"


MORE_THAN_ENOUGH = 4 * 1024 * 1024  # a long roster: read whole, it would take four times the limit


class Input(io.RawIOBase):
    """Standard input that counts what is read from it: data, or (endless) rows without end in sight."""

    def __init__(self, data: bytes = ROSTER, endless: bool = False) -> None:
        self.data, self.endless, self.taken = data, endless, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self.endless:
            size = min(len(buffer), MORE_THAN_ENOUGH - self.taken)
            chunk = (b"Someone,peer,\n" * (size // 14 + 1))[:size]
        else:
            chunk = self.data[self.taken : self.taken + len(buffer)]
        buffer[: len(chunk)] = chunk
        self.taken += len(chunk)
        return len(chunk)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A server's data home: Maths with ana (mentor) and ben (mentee); cy a teacher in no circle."""
    home = tmp_path / "home"
    repo = Repository(home, "setup")
    maths = repo.create_circle("Maths")["slug"]
    repo.add_member(maths, "Ana", role="mentor", username="ana")
    repo.add_member(maths, "Ben", role="mentee", username="ben")
    monkeypatch.setattr("circle.commands.teachers.circle_executable", lambda: "/opt/circle/bin/circle")
    monkeypatch.setenv("CIRCLE_AUTHORIZED_KEYS", str(tmp_path / "authorized_keys"))
    for seed, name in enumerate(("ana", "ben", "cy"), 1):
        assert main(["--home", str(home), "teachers", "add", name, "--key", str(key_file(tmp_path, name, seed))]) == 0
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    return home


def import_stdin(home: Path, actor: str, stdin: Input, monkeypatch: pytest.MonkeyPatch, *more: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(stdin)))
    return main(["--home", str(home), "--actor", actor, "import", "-", "--circle", "Maths", *more])


def members(home: Path) -> list[str]:
    return sorted(member.name for member in Repository(home, "ana").list_members("maths"))


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("actor", ["cy", "ben"])
def test_who_may_not_import_is_refused_before_a_byte_is_read(home, actor, monkeypatch, capsys) -> None:
    stdin = Input(endless=True)
    assert import_stdin(home, actor, stdin, monkeypatch) == 3
    assert stdin.taken == 0
    one_line(capsys)
    assert members(home) == ["Ana", "Ben"]


def test_a_facilitator_imports_a_roster_that_arrived_whole(home, monkeypatch, capsys) -> None:
    assert import_stdin(home, "ana", Input(), monkeypatch) == 0, capsys.readouterr().err
    assert members(home) == ["Ana", "Ben", "Dee", "Ed"]


def test_a_roster_over_the_limit_is_refused_having_read_one_byte_more(home, monkeypatch, capsys) -> None:
    stdin = Input(endless=True)
    assert import_stdin(home, "ana", stdin, monkeypatch) == 2
    assert stdin.taken == roster.ROSTER_LIMIT + 1
    assert "1 MiB" in one_line(capsys)
    assert members(home) == ["Ana", "Ben"]


def test_a_roster_of_exactly_the_limit_is_read(home, monkeypatch, capsys) -> None:
    data = ROSTER + b"\n" * (roster.ROSTER_LIMIT - len(ROSTER))  # blank lines, skipped
    assert import_stdin(home, "ana", Input(data), monkeypatch, "--dry-run") == 0, capsys.readouterr().err


def test_a_roster_without_its_final_line_break_imports_nothing(home, monkeypatch, capsys) -> None:
    assert import_stdin(home, "ana", Input(ROSTER.rstrip(b"\n")), monkeypatch) == 2
    assert "final line break" in one_line(capsys)
    assert members(home) == ["Ana", "Ben"]


def test_a_hang_up_during_the_read_imports_nothing(home, monkeypatch, capsys) -> None:
    monkeypatch.setattr(connection, "hung_up", lambda: True)
    assert import_stdin(home, "ana", Input(), monkeypatch) == 2
    assert "connection was lost" in one_line(capsys)
    assert members(home) == ["Ana", "Ben"]


def test_a_roster_file_over_the_limit_is_refused(home, tmp_path, capsys) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(ROSTER + b"Someone,peer,\n" * (roster.ROSTER_LIMIT // 14 + 1))
    assert main(["--home", str(home), "--actor", "ana", "import", str(big), "--circle", "Maths"]) == 2
    assert "1 MiB" in one_line(capsys)
