"""--home and --actor anywhere on the command line: before the subcommand, after it, after its
action's words; given twice, the later one wins. Only the named command's parser is built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle.cli import build_parser, main, named_command
from circle.store.repository import Repository


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    monkeypatch.delenv("CIRCLE_ACTOR", raising=False)
    path = tmp_path / "home"
    repo = Repository(path, "tester")
    repo.create_circle("Year 7 Team")
    repo.add_member("Year 7 Team", "Maya Okafor", role="mentor", username="mokafor")
    repo.add_member("Year 7 Team", "Ben Reyes", role="mentee")
    return path


def listed(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("placing", ["before", "after", "mixed"])
def test_home_and_actor_are_taken_before_or_after_the_subcommand(home: Path, capsys, placing: str) -> None:
    options = ["--home", str(home), "--actor", "maya"]
    argv = {
        "before": [*options, "goals", "--json"],
        "after": ["goals", "--json", *options],
        "mixed": ["--actor", "maya", "goals", "--home", str(home), "--json"],
    }[placing]
    assert named_command(argv) == "goals"  # the goals parser alone reads the line
    data = listed(capsys, *argv)
    assert [m["name"] for m in data["members"]] == ["Maya Okafor"]


def test_an_action_takes_them_after_its_own_words(home: Path, capsys) -> None:
    goal = listed(capsys, "goals", "add", "--title", "Call two parents a week", "--json",
                  "--actor", "Ben Reyes", "--home", str(home))  # fmt: skip
    ben = Repository(home, "t").list_members("year-7-team")[1]
    assert goal["member"] == ben.id and goal["history"][0]["by"] == "Ben Reyes"


def test_given_twice_the_later_one_wins(home: Path, tmp_path: Path, capsys) -> None:
    elsewhere = tmp_path / "elsewhere"
    data = listed(capsys, "--home", str(elsewhere), "--actor", "nobody", "goals", "--json",
                  "--home", str(home), "--actor", "mokafor")  # fmt: skip
    assert [m["name"] for m in data["members"]] == ["Maya Okafor"]
    assert not elsewhere.exists()


def test_run_takes_the_actor_after_the_circle() -> None:
    args = build_parser(["run"]).parse_args(["run", "Year 7 Team", "--actor", "maya", "--home=/h"])
    assert (args.command, args.circle, args.actor, args.home) == ("run", "Year 7 Team", "maya", "/h")
    args = build_parser(["run"]).parse_args(["--actor", "ana", "run", "Year 7 Team"])
    assert (args.actor, args.home) == ("ana", None)


def test_every_commands_help_names_them(capsys) -> None:
    for argv in (["watch", "--help"], ["goals", "update", "--help"], ["circles", "add", "--help"]):
        with pytest.raises(SystemExit):
            build_parser().parse_args(argv)
        shown = capsys.readouterr().out
        assert "--home DIR" in shown and "--actor NAME" in shown


@pytest.mark.parametrize("argv", [["--version"], ["goals", "--version"], ["run", "X", "--version"],
                                  ["circles", "add", "--version"]])
def test_version_works_everywhere(argv: list[str], capsys) -> None:
    from circle import __version__

    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 0 and capsys.readouterr().out == f"circle {__version__}\n"
