"""`circle plans`: listing, showing, decks and checking plan files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from circle import paths
from circle.cli import main

BAD_PLANS = Path(__file__).parent / "bad_plans"
SHIPPED = ["case-story", "community-60", "community-90", "reverse-mentoring"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    return tmp_path / "home"


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), "plans", *argv])


def user_plan(home: Path, name: str, text: str) -> Path:
    folder = home / "plans"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("argv", [[], ["--plain"], ["list", "--plain"]])
def test_plans_lists_name_minutes_phases_and_title(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert run(home, *argv) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == SHIPPED
    weekly = next(line for line in lines if line.startswith("community-60 "))
    assert weekly.split()[1:5] == ["60", "min", "5", "phases"]
    assert weekly.endswith("Community session (weekly, 60 minutes)")
    assert err == ""


@pytest.mark.parametrize("argv", [["--json"], ["list", "--json"], ["--json", "list"]])
def test_plans_json(home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert run(home, *argv) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == SHIPPED
    reverse = rows[SHIPPED.index("reverse-mentoring")]
    assert (reverse["minutes"], reverse["phases"], reverse["user"]) == (60, 4, False)


def test_a_user_plan_is_listed_and_marked(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (BAD_PLANS / "phases-exceed-total-warning.toml").read_text()
    user_plan(home, "phases-exceed-total-warning", text)
    assert run(home) == 0
    out = capsys.readouterr().out
    assert "phases-exceed-total-warning   30 min   2 phases  A short test plan  (your plan)" in out
    assert run(home, "--json") == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["phases-exceed-total-warning"]["user"] is True


def test_a_broken_user_plan_is_left_out_with_a_note(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = user_plan(home, "mine", (BAD_PLANS / "unknown-turns.toml").read_text())
    assert run(home) == 1
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == SHIPPED
    assert f"left out {path}: 1 error(s)" in err


def test_check_a_valid_plan(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = paths.sessions_dir() / "community-60.toml"
    assert run(home, "check", str(path)) == 0
    out, err = capsys.readouterr()
    assert out == f"{path}: ok: 'community-60', 5 phases, 60 minutes\n"
    assert err == ""


def test_check_prints_one_line_per_problem_and_fails(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD_PLANS / "unknown-deck.toml"
    bad = path.read_text().replace('speaker_seconds = 60', 'speaker_seconds = 6000')
    copy = home.parent / "two-problems.toml"
    copy.write_text(bad.replace('name = "unknown-deck"', 'name = "two-problems"'))
    assert run(home, "check", str(copy)) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{copy}: phase 1 (Positive opener): speaker_seconds: 6000 seconds is longer than the phase (10 minutes)",
        f"{copy}: phase 2 (Challenge sharing): deck: unknown deck 'no-such-deck' "
        "(known: case-stories, open-questions, reciprocity-prompts)",
    ]
    assert out == ""


def test_check_passes_with_a_printed_warning(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD_PLANS / "phases-exceed-total-warning.toml"
    assert run(home, "check", str(path)) == 0
    out, err = capsys.readouterr()
    assert "phase 2 (Challenge sharing): minutes: warning: the phases add up to 40 minutes" in err
    assert "ok: 'phases-exceed-total-warning'" in out


def test_check_invalid_toml_names_line_and_column(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD_PLANS / "not-toml.toml"
    assert run(home, "check", str(path)) == 1
    assert capsys.readouterr().err.startswith(f"{path}: line 5, column 14: not valid TOML")


def test_check_json(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "check", "--json", str(BAD_PLANS / "unknown-kind.toml")) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    (problem,) = report["problems"]
    assert (problem["number"], problem["title"], problem["key"]) == (1, "Positive opener", "kind")


def test_check_a_missing_file(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "check", str(home / "nowhere.toml")) == 1
    assert "nowhere.toml: cannot be read: No such file or directory" in capsys.readouterr().err


def test_check_without_files_checks_every_plan_and_deck(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "check") == 0
    assert len(capsys.readouterr().out.splitlines()) == len(SHIPPED)
    decks = home / "plans" / "decks"
    decks.mkdir(parents=True)
    (decks / "odd.toml").write_text('name = "odd"\ntitle = "Odd"\nkind = "riddles"\nprompt = []\n')
    assert run(home, "check") == 1
    assert "odd.toml: kind: 'riddles' is not one of" in capsys.readouterr().err


def test_show_a_plan(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "show", "community-90") == 0
    out = capsys.readouterr().out
    assert out.startswith("Community session (monthly, 90 minutes) (community-90, 90 minutes)\n")
    assert "3. Open-ended questions: 25 min, open, deck open-questions\n" in out
    assert run(home, "show", "case-story", "--json") == 0
    assert json.loads(capsys.readouterr().out)["phases"][1]["kind"] == "case"


def test_show_an_unknown_plan_fails_on_stderr(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "show", "weekly") == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("circle: no plan named 'weekly'")


def test_decks(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "decks", "--json") == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["open-questions"]["prompts"] >= 24 and rows["case-stories"]["kind"] == "case"
    assert run(home, "decks") == 0
    assert "reciprocity-prompts  reciprocity" in capsys.readouterr().out


def test_circle_home_comes_before_the_home_option(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    env_home = tmp_path / "env-home"
    user_plan(env_home, "from-env", (BAD_PLANS / "phases-exceed-total-warning.toml").read_text()
              .replace('name = "phases-exceed-total-warning"', 'name = "from-env"'))
    monkeypatch.setenv("CIRCLE_HOME", str(env_home))
    assert run(home, "--json") == 0
    assert "from-env" in [r["name"] for r in json.loads(capsys.readouterr().out)]


def test_plans_does_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom circle.cli import main\n"
        "assert main(['plans', '--json']) == 0\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    env = {**os.environ, "CIRCLE_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
