"""The installed ``circle demo`` in a real terminal: a session driven by key presses, then exported."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import CIRCLE, Terminal, circle_env, run_circle

from circle.store.repository import Repository

pytestmark = pytest.mark.e2e

NAMES = ("Maya Okafor", "Daniel Reyes", "Priya Natarajan", "Tom Lindqvist", "Grace Mensah")
SPEAKER = r"^\s*(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)'s turn"


def open_demo(terminal: Terminal, home: Path, width: int, height: int) -> str:
    terminal.start([str(CIRCLE), "demo"], circle_env(home), width, height)
    # The footer's keys come a frame after the rest, as in every Textual app.
    return terminal.wait_for("Demo Circle", *NAMES, "5 of 5 present", "Present/absent")


def test_a_session_run_with_keys_exports_what_happened(terminal: Terminal, scratch_home: Path) -> None:
    open_demo(terminal, scratch_home, 100, 30)

    # Check-in: Grace, last on the list, is away today.
    terminal.press("Down", "Down", "Down", "Down", "Space")
    terminal.wait_for("4 of 5 present")
    terminal.press("Enter")
    terminal.wait_for("Phase 1 of 5: Positive opener")
    first = terminal.wait_for_match(SPEAKER)["name"]

    terminal.press("n")
    second = terminal.wait_for_match(rf"^\s*(?P<name>(?!{first})[A-Z][a-z]+ [A-Z][a-z]+)'s turn")["name"]
    terminal.wait_for_match(rf"Spoken\s+{first}")

    terminal.press("p")
    terminal.wait_for_match(rf"Passed\s+{second}")

    terminal.press("]")
    terminal.wait_for("Phase 2 of 5: Challenge sharing")
    terminal.press("]")
    terminal.wait_for("Phase 3 of 5: Open-ended questions", "press d to draw a prompt")
    terminal.press("d")
    drawn_screen = terminal.wait_for("Prompt 1")

    terminal.press("e")
    terminal.wait_for("End the session now?")
    terminal.press("y")
    summary = terminal.wait_for("Session summary: Demo Circle", "Airtime", "Not heard from")
    airtime = summary.split("Airtime", 1)[1].split("Not heard from", 1)[0]
    assert first in airtime and "Grace Mensah" not in airtime
    terminal.press("q")
    terminal.wait_for_exit()

    result = run_circle(scratch_home, "export", "latest", "--circle", "Demo Circle", "--format", "json")
    assert result.returncode == 0, result.stderr
    export = json.loads(result.stdout)
    names = {m["id"]: m["name"] for m in export["members"]}
    ids = {name: member for member, name in names.items()}

    assert export["circle"] == "Demo Circle" and export["plan"] == "community-60"
    assert export["ended"] is not None
    # The demo came with one past session; the latest is the one just run.
    sessions = Repository(scratch_home, "tester").session_ids("demo-circle")
    assert len(sessions) == 2 and export["id"] == sessions[-1]
    assert {names[row["member"]]: row["present"] for row in export["attendance"]} == {
        "Maya Okafor": True, "Daniel Reyes": True, "Priya Natarajan": True,
        "Tom Lindqvist": True, "Grace Mensah": False,
    }  # fmt: skip
    actions = [e["type"] for e in export["events"] if e["type"] not in ("phase_zero", "speaker_zero")]
    assert actions == ["check_in"] * 4 + ["start", "next_speaker", "pass", "next_phase", "next_phase",
                                          "draw_prompt", "end"]  # fmt: skip
    assert export["events"][4]["member"] == ids[first]
    passed = [t for t in export["turns"] if t["passed"]]
    assert [(t["phase"], names[t["member"]]) for t in passed] == [(0, second)]
    assert [p["text"] for p in export["prompts"]] == [export["events"][9]["data"]["text"]]
    first_words = " ".join(export["prompts"][0]["text"].split()[:3])
    assert first_words in drawn_screen
    assert [p["title"] for p in export["phases"]][:3] == [
        "Positive opener", "Challenge sharing", "Open-ended questions"
    ]  # fmt: skip
    assert all(p["actual_seconds"] >= 0 for p in export["phases"])

    markdown = run_circle(scratch_home, "export", export["id"], "--circle", "Demo Circle", "--format", "md")
    assert markdown.returncode == 0, markdown.stderr
    assert "- Absent: Grace Mensah" in markdown.stdout


def test_the_screen_fits_80x24(terminal: Terminal, scratch_home: Path) -> None:
    checkin = open_demo(terminal, scratch_home, 80, 24)
    assert terminal.size() == (80, 24)
    lines = checkin.splitlines()
    assert "enter starts" in checkin and "Start" in lines[-1]
    terminal.press("Enter")
    screen = terminal.wait_for("Phase 1 of 5: Positive opener", "Speaking now", "Next", "e End")
    lines = screen.rstrip("\n").splitlines()
    assert len(lines) <= 24
    assert "Demo Circle" in lines[0]
    # The footer's last key is on the bottom row: nothing pushed off the screen.
    assert re.search(r"\be End\b", lines[-1]), lines[-1]
    speaker = re.search(SPEAKER, screen, re.MULTILINE)
    assert speaker is not None, screen
    # Everyone else waits in the queue, and each name is shown whole.
    for name in NAMES:
        if name != speaker["name"]:
            assert name in screen


def test_a_terminal_smaller_than_80x24_says_how_big_it_must_be(terminal: Terminal, scratch_home: Path) -> None:
    terminal.start([str(CIRCLE), "demo"], circle_env(scratch_home), 70, 20)
    notice = terminal.wait_for("70x20", "80x24")
    assert "Grace Mensah" not in notice
    terminal.resize(100, 30)
    terminal.wait_until_gone("80x24")
    terminal.wait_for(*NAMES)
    terminal.resize(79, 30)
    terminal.wait_for("79x30", "80x24")


def test_the_demo_shows_where_it_lives_and_a_second_terminal_follows_it(terminal: Terminal, tmp_path: Path) -> None:
    """With no data home given the demo makes a temporary one: its check-in names it and the
    command that follows the session; that command, read off the screen, works elsewhere."""
    temporary = Path(tempfile.mkdtemp(prefix="cd-"))  # short, as the system's own temporary folder is
    env = {key: value for key, value in circle_env(tmp_path).items() if key != "CIRCLE_HOME"}
    (tmp_path / "second").mkdir()
    second = Terminal(tmp_path / "second")
    try:
        terminal.start([str(CIRCLE), "demo"], {**env, "TMPDIR": str(temporary)}, 80, 24)
        checkin = terminal.wait_for("Demo data in ", "watch demo-circle", *NAMES)
        command = re.search(r"^\s*(circle --home \S+ watch demo-circle)\s*$", checkin, re.MULTILINE)
        assert command is not None, checkin
        home = shlex.split(command[1])[2]
        assert f"Demo data in {home} " in checkin and Path(home).parent == temporary
        terminal.press("Enter")
        terminal.wait_for("Phase 1 of 5: Positive opener")

        words = shlex.split(command[1])
        second.start([str(CIRCLE), *words[1:], "--plain"], env, 80, 24)
        followed = second.wait_for("of Demo Circle", "Phase 1 of 5: Positive opener")
        assert "Session " in followed
    finally:
        second.close()
        terminal.close()
        shutil.rmtree(temporary, ignore_errors=True)
