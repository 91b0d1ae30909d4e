"""circle goals in a real terminal: a member's one-minute review from a fresh data home."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CIRCLE, circle_env, run_circle

pytestmark = pytest.mark.e2e


def test_review_logs_progress_and_marks_a_goal_achieved(terminal, scratch_home: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,role,experience,username\nAna Lopez,mentor,veteran,alopez\n", encoding="utf-8")
    for argv in (
        ("circles", "add", "Year 7 Team"),
        ("import", str(roster), "--circle", "year-7-team"),
        ("--actor", "alopez", "goals", "add", "--title", "Call two parents a week", "--due", "2020-01-01"),
        ("--actor", "alopez", "goals", "add", "--title", "Mark Year 8 books within a week", "--due", "3w"),
    ):
        result = run_circle(scratch_home, *argv)
        assert result.returncode == 0, result.stderr

    terminal.start([str(CIRCLE), "--actor", "alopez", "goals"], circle_env(scratch_home), width=80, height=24)
    screen = terminal.wait_for("Goals of Ana Lopez", "! OVERDUE Call two parents a week", "p Progress")
    assert screen.index("Call two parents") < screen.index("Mark Year 8 books")
    terminal.press("p")
    terminal.wait_for("Progress on: Call two parents a week")
    terminal.press("5", "0", "Enter")
    terminal.tmux("send-keys", "-t", "e2e", "-l", "rang [b]two[/b]")
    terminal.press("Enter")
    terminal.wait_for("Progress logged", "50%")
    terminal.press("Down", "a")
    terminal.wait_for("Achieved: Mark Year 8 books within a week")
    terminal.press("Enter")
    terminal.wait_until_gone("Mark Year 8 books")
    terminal.press("q")
    terminal.wait_for_exit()

    result = run_circle(scratch_home, "--actor", "alopez", "goals", "--json", "--all")
    goals = {goal["title"]: goal for goal in json.loads(result.stdout)["goals"]}
    assert goals["Call two parents a week"]["history"][-1]["note"] == "rang [b]two[/b]"
    assert goals["Call two parents a week"]["progress"] == 50
    assert goals["Mark Year 8 books within a week"]["status"] == "achieved"


def test_at_a_phones_width_progress_is_logged_and_saved(terminal, scratch_home: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,role,experience,username\nAna Lopez,mentor,veteran,alopez\n", encoding="utf-8")
    for argv in (
        ("circles", "add", "Year 7 Team"),
        ("import", str(roster), "--circle", "year-7-team"),
        ("--actor", "alopez", "goals", "add", "--title", "Call two parents a week", "--due", "3w"),
    ):
        result = run_circle(scratch_home, *argv)
        assert result.returncode == 0, result.stderr

    terminal.start([str(CIRCLE), "--actor", "alopez", "goals"], circle_env(scratch_home), width=50, height=20)
    screen = terminal.wait_for("Goals of Ana Lopez", "Call two parents a week", "p Progress")
    assert "needs at least" not in screen
    terminal.press("p")
    terminal.wait_for("Progress on: Call two parents", "escape: cancel")
    terminal.press("3", "0", "Enter")
    terminal.tmux("send-keys", "-t", "e2e", "-l", "rang one")
    terminal.press("Enter")
    terminal.wait_for("Progress logged", "30%")
    terminal.press("q")
    terminal.wait_for_exit()

    result = run_circle(scratch_home, "--actor", "alopez", "goals", "--plain")
    assert result.returncode == 0, result.stderr
    assert "Call two parents a week" in result.stdout and "30%" in result.stdout
