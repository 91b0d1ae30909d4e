"""circle goals: --plain, --json, add, update and every error, through the real CLI on a scratch home."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from circle.cli import main
from circle.commands import goals as goals_command
from circle.domain.clock import ManualClock
from circle.store.repository import Repository

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)  # a Wednesday


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    monkeypatch.setattr(goals_command, "clock_factory", lambda: ManualClock(NOW))
    path = tmp_path / "home"
    repo = Repository(path, "tester")
    for name in ("Year 7 Team", "Science Circle"):
        repo.create_circle(name)
    repo.add_member("Year 7 Team", "Ana Lopez", role="mentor", username="alopez")
    repo.add_member("Year 7 Team", "Ben Okafor", role="mentee", experience="new")
    repo.add_member("Science Circle", "Ana Lopez", username="alopez")
    return path


def run(home: Path, *argv: str, actor: str = "alopez") -> int:
    return main(["--home", str(home), "--actor", actor, *argv])


def out_json(capsys, home: Path, *argv: str, actor: str = "alopez"):
    capsys.readouterr()
    assert run(home, *argv, actor=actor) == 0
    return json.loads(capsys.readouterr().out)


def add(capsys, home: Path, *argv: str) -> dict:
    return out_json(capsys, home, "goals", "add", "--json", *argv)


def fails(capsys, home: Path, *argv: str, actor: str = "alopez") -> str:
    capsys.readouterr()
    assert run(home, *argv, actor=actor) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


def test_add_saves_every_part_and_parses_the_due_date(home: Path, capsys) -> None:
    goal = add(capsys, home, "--circle", "Year 7 Team", "--title", "Use exit tickets in Year 8",
               "--measure", "4 of 5 lessons", "--action", "print slips", "--realistic", "ask Sam", "--due", "3w")  # fmt: skip
    assert goal["id"].startswith("g-") and goal["status"] == "active"
    assert (goal["measure"], goal["action"], goal["realistic"], goal["due"]) == (
        "4 of 5 lessons", "print slips", "ask Sam", "2026-03-25",
    )  # fmt: skip
    saved = Repository(home, "t").list_goals("year-7-team")
    assert [g["id"] for g in saved] == [goal["id"]]
    assert saved[0]["history"][0]["by"] == "alopez"


def test_add_in_plain_text_shows_the_smart_flags(home: Path, capsys) -> None:
    capsys.readouterr()
    assert run(home, "goals", "add", "--circle", "year-7-team", "--title", "Be better") == 0
    out = capsys.readouterr().out
    assert "Added goal g-" in out and "Ana Lopez in Year 7 Team" in out
    assert "check S specific: 'better' is vague" in out and "check T time-bound: no due date" in out


def test_add_for_another_member_by_first_name(home: Path, capsys) -> None:
    goal = add(capsys, home, "--member", "ben", "--title", "Call two parents a week")
    ben = Repository(home, "t").list_members("year-7-team")[1]
    assert goal["member"] == ben.id


def test_options_given_before_the_action_are_kept(home: Path, capsys) -> None:
    goal = out_json(capsys, home, "goals", "--member", "Ben Okafor", "--json", "add", "--title", "Call two parents")
    ben = Repository(home, "t").list_members("year-7-team")[1]
    assert goal["member"] == ben.id and list(goal)[0] == "id"


def test_plain_lists_overdue_first_then_by_due_date_across_circles(home: Path, capsys) -> None:
    add(capsys, home, "--circle", "year-7-team", "--title", "Later goal here", "--due", "2026-05-01")
    add(capsys, home, "--circle", "science-circle", "--title", "Late goal here", "--due", "2026-03-01")
    add(capsys, home, "--circle", "year-7-team", "--title", "Sooner goal here", "--due", "friday")
    capsys.readouterr()
    assert run(home, "goals", "--plain") == 0
    out = capsys.readouterr().out
    assert "Ana Lopez in Year 7 Team: 2 active goals (today 2026-03-04)" in out
    assert "Ana Lopez in Science Circle: 1 active goal " in out
    assert "OVERDUE: Late goal here" in out and "3 days overdue (2026-03-01)" in out
    assert out.index("Sooner goal here") < out.index("Later goal here")
    assert "due in 2 days (2026-03-06)" in out


def test_json_lists_the_goals_with_review_fields(home: Path, capsys) -> None:
    late = add(capsys, home, "--circle", "science-circle", "--title", "Late goal here", "--due", "2026-03-01")
    add(capsys, home, "--circle", "year-7-team", "--title", "Undated goal here")
    data = out_json(capsys, home, "goals", "--json")
    assert data["today"] == "2026-03-04"
    assert {m["circle"] for m in data["members"]} == {"year-7-team", "science-circle"}
    first, second = data["goals"]
    assert first["id"] == late["id"] and first["overdue"] is True and first["circle_name"] == "Science Circle"
    assert second["overdue"] is False and second["member_name"] == "Ana Lopez"
    assert [c["letter"] for c in first["smart"] if not c["ok"]] == ["M", "A", "R", "T"]


def test_member_and_circle_narrow_the_list(home: Path, capsys) -> None:
    add(capsys, home, "--circle", "science-circle", "--title", "Science goal here")
    add(capsys, home, "--member", "Ben Okafor", "--title", "Ben's goal here")
    data = out_json(capsys, home, "goals", "--json", "--circle", "Science Circle")
    assert [g["title"] for g in data["goals"]] == ["Science goal here"]
    data = out_json(capsys, home, "goals", "--json", "--member", "Ben Okafor")
    assert [g["title"] for g in data["goals"]] == ["Ben's goal here"]


def test_update_progress_achieve_and_drop(home: Path, capsys) -> None:
    goal = add(capsys, home, "--circle", "year-7-team", "--title", "Read aloud every day")
    other = add(capsys, home, "--circle", "year-7-team", "--title", "Mark within a week")
    changed = out_json(capsys, home, "goals", "update", goal["id"], "--progress", "40", "--note", "3 of 5 days", "--json")
    assert changed["goal"]["progress"] == 40
    assert changed["goal"]["history"][-1] | {"at": ""} == {
        "at": "", "by": "alopez", "type": "progress", "note": "3 of 5 days", "percent": 40,
    }  # fmt: skip
    changed = out_json(capsys, home, "goals", "update", goal["id"], "--status", "achieved", "--note", "done", "--json")
    assert changed["goal"]["status"] == "achieved"
    changed = out_json(capsys, home, "goals", "update", other["id"], "--status", "dropped", "--reason", "new timetable", "--json")
    assert changed["goal"]["status"] == "dropped" and changed["goal"]["history"][-1]["reason"] == "new timetable"
    assert out_json(capsys, home, "goals", "--json")["goals"] == []
    assert len(out_json(capsys, home, "goals", "--json", "--all")["goals"]) == 2


def test_update_rework_keeps_the_old_wording_linked(home: Path, capsys) -> None:
    goal = add(capsys, home, "--circle", "year-7-team", "--title", "Read aloud every day", "--measure", "5 days", "--due", "1w")
    result = out_json(capsys, home, "goals", "update", goal["id"], "--status", "reworked",
                      "--title", "Read aloud on Mondays", "--note", "too much", "--json")  # fmt: skip
    old, new = result["goal"], result["successor"]
    assert old["status"] == "reworked" and old["reworked_into"] == new["id"]
    assert old["title"] == "Read aloud every day"
    assert new["reworked_from"] == goal["id"] and new["measure"] == "5 days" and new["due"] == "2026-03-11"
    assert new["history"][-1]["previous"]["title"] == "Read aloud every day"
    capsys.readouterr()
    assert run(home, "goals", "--plain") == 0
    assert f"reworked from goal {goal['id']}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("goals", "--plain", "--circle", "Nope"), "there is no circle named 'Nope'"),
        (("goals", "--plain", "--member", "Zed"), "no member of any circle is named 'Zed'"),
        (("goals", "add", "--title", "t", "--circle", "nope"), "there is no circle named 'nope'"),
        (("goals", "add", "--title", "Read aloud daily"), "is in several circles (Science Circle, Year 7 Team): add --circle"),
        (("goals", "add", "--circle", "year-7-team", "--title", "x", "--due", "soon"), 'cannot read the due date "soon": use a date like'),
        (("goals", "add", "--circle", "year-7-team", "--title", " "), "the goal's title is empty"),
        (("goals", "add", "--circle", "year-7-team", "--title", "a\x1bb"), "control character"),
        (("goals", "update", "g-nope", "--status", "achieved"), "there is no goal with id 'g-nope'"),
    ],
)
def test_errors_go_to_stderr_with_a_non_zero_exit(home: Path, capsys, argv, message: str) -> None:
    assert message in fails(capsys, home, *argv)


def test_an_unknown_actor_is_told_how_to_find_the_names(home: Path, capsys) -> None:
    err = fails(capsys, home, "goals", "--plain", actor="nobody")
    assert "you act as 'nobody', and no member of any circle is called that" in err
    assert "`circle circles --plain` lists each circle's members and their login names" in err
    capsys.readouterr()
    assert run(home, "circles", "--plain") == 0
    listed = capsys.readouterr().out
    assert "Ana Lopez, login alopez" in listed and "Ben Okafor, no login name" in listed


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ((), "nothing to update"),
        (("--status", "dropped"), "needs --reason"),
        (("--status", "reworked"), "a rework needs the new wording"),
        (("--title", "New words"), "is a rework: add --status reworked"),
        (("--status", "achieved", "--progress", "50"), "give it without --status"),
        (("--progress", "150"), "from 0 to 100"),
        (("--reason", "r"), "--reason goes with --status dropped"),
        (("--status", "reworked", "--due", "someday"), "cannot read the due date"),
    ],
)
def test_bad_updates_are_refused_and_change_nothing(home: Path, capsys, options, message: str) -> None:
    goal = add(capsys, home, "--circle", "year-7-team", "--title", "Read aloud every day")
    before = Repository(home, "t").list_goals("year-7-team")
    assert message in fails(capsys, home, "goals", "update", goal["id"], *options)
    assert Repository(home, "t").list_goals("year-7-team") == before


def test_closed_goals_take_no_update(home: Path, capsys) -> None:
    goal = add(capsys, home, "--circle", "year-7-team", "--title", "Read aloud every day")
    assert run(home, "goals", "update", goal["id"], "--status", "achieved") == 0
    assert "is achieved: only an active goal" in fails(capsys, home, "goals", "update", goal["id"], "--note", "more")


def test_markup_in_text_round_trips(home: Path, capsys) -> None:
    title = "[bold red]Read[/] {aloud} & $daily"
    goal = add(capsys, home, "--circle", "year-7-team", "--title", title)
    assert goal["title"] == title
    capsys.readouterr()
    assert run(home, "goals", "--plain", "--circle", "year-7-team") == 0
    assert title in capsys.readouterr().out


@pytest.mark.parametrize("mode", ["--plain", "--json"])
def test_plain_and_json_do_not_import_textual(home: Path, mode: str) -> None:
    code = (
        "import sys\n"
        "from circle.cli import main\n"
        f"code = main(['--home', {str(home)!r}, '--actor', 'alopez', 'goals', {mode!r}])\n"
        "assert code == 0, code\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Ana Lopez" in result.stdout


def test_the_acting_user_matches_a_username_a_name_or_a_first_name_only_one_has(home: Path, capsys) -> None:
    for actor in ("Ben Okafor", "ben", "BEN"):
        data = out_json(capsys, home, "goals", "--json", actor=actor)
        assert [m["name"] for m in data["members"]] == ["Ben Okafor"]
    Repository(home, "t").add_member("Year 7 Team", "Ben Brown")
    assert "'ben' matches 2 members of Year 7 Team" in fails(capsys, home, "goals", "--plain", actor="ben")
    data = out_json(capsys, home, "goals", "--json", actor="ana")  # alopez in two circles, one Ana in each
    assert {(m["circle"], m["name"]) for m in data["members"]} == {("year-7-team", "Ana Lopez"),
                                                                   ("science-circle", "Ana Lopez")}


def test_a_first_name_shared_by_two_members_is_refused(home: Path, capsys) -> None:
    Repository(home, "t").add_member("Year 7 Team", "Ana Brown")
    err = fails(capsys, home, "goals", "--plain", "--member", "ana")
    assert "'ana' matches 2 members of Year 7 Team: Ana Lopez (" in err and "give the full name or id" in err
