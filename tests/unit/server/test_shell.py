"""`circle shell NAME`: the forced command runs one allowed circle command as NAME, never a shell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle.cli import main
from circle.commands import shell
from circle.commands.shell import Refused, opens_full_screen, prepare_terminal, request_words

from .keys import key_file


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data home with teacher ana registered (and a circle she is in), as the service account sees it."""
    home = tmp_path / "home"
    monkeypatch.setattr("circle.commands.teachers.circle_executable", lambda: "/opt/circle/bin/circle")
    monkeypatch.setenv("CIRCLE_AUTHORIZED_KEYS", str(tmp_path / "authorized_keys"))
    assert main(["--home", str(home), "teachers", "add", "ana", "--key", str(key_file(tmp_path, "ana", 1))]) == 0
    monkeypatch.setattr(shell, "end_with_connection", lambda: None)  # the test process keeps its signals
    for name in ("CIRCLE_HOME", "CIRCLE_ACTOR", "SSH_ORIGINAL_COMMAND"):
        monkeypatch.delenv(name, raising=False)
    return home


def ssh(home: Path, request: str, monkeypatch: pytest.MonkeyPatch, name: str = "ana") -> int:
    monkeypatch.setenv("SSH_ORIGINAL_COMMAND", request)
    return main(["--home", str(home), "shell", name])


@pytest.mark.parametrize(
    "request_, says",
    [
        ("bash", "'bash' is not a circle command"),
        ("sh -c id", "'sh' is not a circle command"),
        ("scp -t /tmp", "'scp' is not a circle command"),
        ("sftp", "'sftp' is not a circle command"),
        ("/usr/lib/openssh/sftp-server", "is not a circle command"),
        ("teachers add eve --key k", "'teachers' is not a circle command"),
        ("plans check /etc/shadow", "'plans' is not a circle command"),
        ("shell ben", "'shell' is not a circle command"),
        ("demo", "'demo' is not a circle command"),
        ("goals; id", "shell syntax"),
        ("goals --plain | cat", "shell syntax"),
        ("goals && id", "shell syntax"),
        ("goals $(id)", "shell syntax"),
        ("goals\nid", "line break"),
        ("goals\rid", "line break"),
        ("goals 'unclosed", "cannot be split"),
        ("goals --home /tmp/other", "--home is set by the server"),
        ("goals --home=/tmp/other", "--home is set by the server"),
        ("goals --hom /tmp/other", "--hom is set by the server"),
        ("goals --actor ben", "--actor is set by the server"),
        ("goals --act=ben --plain", "--act is set by the server"),
        ("import /etc/passwd --circle x", "read from standard input"),
        ("goals add --title " + "x" * 9000, "at most 8192 are read"),
    ],
)
def test_refused_requests_say_why_in_one_line(request_: str, says: str) -> None:
    with pytest.raises(Refused, match="refused") as error:
        request_words(request_)
    assert says in str(error.value) and "\n" not in str(error.value)


def test_allowed_requests_keep_their_quoted_words() -> None:
    assert request_words("") == ["home"]
    assert request_words("   ") == ["home"]
    assert request_words("goals add --title 'Plan; then review' --json") == [
        "goals", "add", "--title", "Plan; then review", "--json"]  # fmt: skip
    assert request_words("circles --json") == ["circles", "--json"]
    assert request_words("goals --all --plain") == ["goals", "--all", "--plain"]
    assert request_words("import - --circle Maths") == ["import", "-", "--circle", "Maths"]


def test_full_screen_commands_are_told_apart_from_printing_ones() -> None:
    assert opens_full_screen(["home"]) and opens_full_screen(["run", "Maths"]) and opens_full_screen(["goals"])
    assert not opens_full_screen(["goals", "--plain"]) and not opens_full_screen(["goals", "add", "--title", "x"])
    assert not opens_full_screen(["circles"]) and not opens_full_screen(["run", "--help"])
    assert not opens_full_screen(["goals", "--version"])


def test_a_refused_request_over_the_shell_is_one_line_and_exit_2(server, monkeypatch, capsys) -> None:
    assert ssh(server, "goals; id", monkeypatch) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("circle: refused: shell syntax")


def test_an_allowed_command_runs_as_the_teacher_on_the_fixed_home(server, monkeypatch, capsys, tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("CIRCLE_HOME", str(elsewhere))  # as if the client had sent it: ignored
    monkeypatch.setenv("CIRCLE_ACTOR", "ben")
    assert ssh(server, "circles --json", monkeypatch) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert not elsewhere.exists()


def test_a_name_that_is_not_a_registered_teacher_is_refused(server, monkeypatch, capsys) -> None:
    assert ssh(server, "circles", monkeypatch, name="ben") == 2
    assert "ben is not a teacher on this server" in capsys.readouterr().err


def test_a_full_screen_command_without_a_terminal_says_to_use_ssh_t(server, monkeypatch, capsys) -> None:
    assert ssh(server, "", monkeypatch) == 2
    assert "home opens full screen: connect with ssh -t" in capsys.readouterr().err
    assert ssh(server, "run Maths", monkeypatch) == 2
    assert "ssh -t HOST run Maths" in capsys.readouterr().err


def test_the_terminal_gets_256_colours_without_colorterm_and_a_longer_escape_wait() -> None:
    environ = {"TERM": "xterm-256color"}
    prepare_terminal(environ)
    assert environ == {"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "256", "ESCDELAY": "250"}
    truecolor = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "ESCDELAY": "50"}
    prepare_terminal(truecolor)
    assert truecolor == {"TERM": "xterm-256color", "COLORTERM": "truecolor", "ESCDELAY": "50"}
    console = {"TERM": "linux"}
    prepare_terminal(console)
    assert "TEXTUAL_COLOR_SYSTEM" not in console


def test_a_mistake_in_an_allowed_commands_options_is_one_line(server, monkeypatch, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        ssh(server, "goals --bogus --plain", monkeypatch)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err == "circle: error: unrecognized arguments: --bogus (--help lists the options)\n"
    with pytest.raises(SystemExit):
        ssh(server, "goals update", monkeypatch)
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("request_", ["goals --plain --actor ben", "goals --json --home /tmp/x --actor=ben",
                                      "run Maths --actor ben", "goals add --title t --act ben"])
def test_a_clients_actor_after_the_command_is_refused_and_changes_nothing(server, monkeypatch, capsys,
                                                                         request_: str) -> None:
    """The command takes --actor anywhere, and the later one would win: over SSH none is taken."""
    assert ssh(server, request_, monkeypatch) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "is set by the server and cannot be given over SSH" in captured.err
