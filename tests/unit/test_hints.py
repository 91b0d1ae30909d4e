"""Hints print the command line that works where the user is: `circle ...` locally, `ssh HOST ...`
over SSH (a teacher's forced command), and over SSH nothing printed names the server's data home."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from circle import hints
from circle.cli import main
from circle.commands.output import TerminalGuard


@pytest.fixture
def ssh_login(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """This process started as the forced command of a teacher's key: `circle --home HOME shell ana`."""
    home = tmp_path / "srv" / "home"
    monkeypatch.setattr(sys, "argv", ["/srv/circle/venv/bin/circle", "--home", str(home), "shell", "ana"])
    return home


@pytest.mark.parametrize(
    "argv, over",
    [
        (["--home", "/srv/h", "shell", "ana"], True),
        (["--home=/srv/h", "--actor", "x", "shell", "ana"], True),
        (["shell", "ana"], True),
        (["--home", "shell", "run", "x"], False),  # a home folder named shell
        (["run", "shell"], False),
        ([], False),
    ],
)
def test_over_ssh_means_started_as_circle_shell(argv: list[str], over: bool) -> None:
    assert hints.over_ssh(argv) is over


def test_locally_a_hint_is_a_circle_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["circle", "circles", "add", "Maths"])
    assert hints.command("import", "ROSTER.csv", "--circle", "maths") == "circle import ROSTER.csv --circle maths"
    assert hints.command("goals", "add", "--member", "Ana Lopez") == "circle goals add --member 'Ana Lopez'"
    assert hints.without_server_paths("/srv/circle/home is here") == "/srv/circle/home is here"


def test_over_ssh_a_hint_is_an_ssh_command(ssh_login: Path) -> None:
    assert hints.command("import", "ROSTER.csv", "--circle", "maths") == "ssh HOST import - --circle maths < ROSTER.csv"
    assert hints.command("run", "maths") == "ssh -t HOST run maths"
    assert hints.command("watch", "maths", "--plain") == "ssh HOST watch maths --plain"
    assert hints.command("check", "--restore") == "ssh HOST check --restore"


def test_over_ssh_the_goals_review_gets_a_terminal_and_its_printouts_do_not(ssh_login: Path) -> None:
    assert hints.command("goals") == "ssh -t HOST goals"
    assert hints.command("goals", "--circle", "maths") == "ssh -t HOST goals --circle maths"
    assert hints.command("goals", "--plain") == "ssh HOST goals --plain"
    assert hints.command("goals", "update", "g-1", "--progress", "10") == "ssh HOST goals update g-1 --progress 10"


def test_over_ssh_a_word_with_a_space_survives_both_shells(ssh_login: Path) -> None:
    """The client's shell takes one level of quotes off; circle shell splits what arrives again."""
    for words in (("goals", "add", "--member", "Ana Lopez", "--title", "TEXT"),
                  ("goals", "add", "--member", 'Dara "D" Quinn')):
        line = hints.command(*words)
        client_argv = shlex.split(line)  # what the client's shell gives ssh
        assert client_argv[:2] == ["ssh", "HOST"]
        assert shlex.split(" ".join(client_argv[2:])) == list(words)  # what circle shell splits


def test_over_ssh_the_data_home_is_written_home(ssh_login: Path, capsys: pytest.CaptureFixture[str]) -> None:
    guard = TerminalGuard(sys.stdout)
    guard.write(f"there is no circle named 'zzz' in {ssh_login}/circles\n")
    assert capsys.readouterr().out == "there is no circle named 'zzz' in HOME/circles\n"


def test_circles_add_over_ssh_hints_the_ssh_import(ssh_login: Path, monkeypatch, capsys) -> None:
    monkeypatch.delenv("CIRCLE_ACTOR", raising=False)
    assert main(["--home", str(ssh_login), "circles", "add", "Maths mentors"]) == 0
    out = capsys.readouterr().out
    assert "Add members with: ssh HOST import - --circle maths-mentors < ROSTER.csv" in out
    assert "circle import" not in out


def test_an_empty_list_tells_a_teacher_whom_to_ask(tmp_path: Path, monkeypatch, capsys) -> None:
    import base64

    from circle.domain.server.ssh_keys import parse_public_key
    from circle.store.teachers import TeacherRegistry

    home = tmp_path / "home"
    blob = b"\0\0\0\x0bssh-ed25519\0\0\0\x20" + bytes(32)
    key = parse_public_key(f"ssh-ed25519 {base64.b64encode(blob).decode()}", "key")
    TeacherRegistry(home, tmp_path / "keys", lambda name: f"circle shell {name}").add("ana", [key])
    assert main(["--home", str(home), "--actor", "ana", "circles"]) == 0
    out = capsys.readouterr().out
    assert "administrator adds you to one, with the username ana" in out and "circles add" not in out


def test_over_ssh_an_error_names_no_path_of_the_server(ssh_login: Path) -> None:
    from circle.store.errors import CorruptFileError

    error = CorruptFileError(ssh_login / "circles" / "maths" / "circle.json", None, "not JSON")
    assert str(error).startswith("HOME/circles/maths/circle.json is damaged") and str(ssh_login) not in str(error)


def test_locally_an_error_names_its_file(tmp_path: Path) -> None:
    from circle.store.errors import CorruptFileError

    assert str(CorruptFileError(tmp_path / "circle.json", None)).startswith(f"{tmp_path}/circle.json")


def test_an_unknown_goal_over_ssh_is_hinted_the_ssh_listing(ssh_login: Path, capsys) -> None:
    from circle.store.repository import Repository

    Repository(ssh_login, "me").create_circle("Maths")
    assert main(["--home", str(ssh_login), "goals", "update", "g-none", "--progress", "10"]) != 0
    err = capsys.readouterr().err
    assert "(ssh HOST goals --all --plain lists ids)" in err and "circle goals" not in err
