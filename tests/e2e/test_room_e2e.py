"""The installed ``circle`` in a real terminal, as a facilitator runs it in a room: a reverse
mentoring session whose export names the leader and the credits, and a session using the
late-arrival, leave, note and speaker-time keys, each checked in the export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CIRCLE, Terminal, circle_env, run_circle

pytestmark = pytest.mark.e2e

ROSTER = """name,role,experience
Ana Ruiz,mentor,veteran
Ben Okafor,mentee,new
Chen Li,peer,veteran
Dara Quinn,mentee,new
"""


def room_circle(home: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    result = run_circle(home, "import", str(roster), "--circle", "Room Circle", "--create")
    assert result.returncode == 0, result.stderr


def export(home: Path, *extra: str) -> dict:
    result = run_circle(home, "export", "latest", "--circle", "Room Circle", "--format", "json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def end_session(terminal: Terminal) -> str:
    terminal.press("e")
    terminal.wait_for("End the session now?")
    terminal.press("y")
    summary = terminal.wait_for("Session summary: Room Circle")
    terminal.press("q")
    terminal.wait_for_exit()
    return summary


def test_a_reverse_mentoring_session_credits_the_leader_and_the_others(
    terminal: Terminal, scratch_home: Path, tmp_path: Path
) -> None:
    room_circle(scratch_home, tmp_path)
    terminal.start([str(CIRCLE), "run", "Room Circle", "--plan", "reverse-mentoring"], circle_env(scratch_home),
                   100, 30)
    terminal.wait_for("Check-in: Room Circle", "Leads: Ben Okafor (mentee, new)")
    terminal.press("l")
    terminal.wait_for("Who leads?")
    terminal.press("Down", "Down", "Down", "Enter")  # the facilitator picks Dara instead
    terminal.wait_for("Leads: Dara Quinn (mentee, new)")
    terminal.press("Enter")
    terminal.wait_for("Phase 1 of 4: Positive opener", "Dara Quinn leads.", "Dara Quinn's turn")
    terminal.press("]")
    terminal.wait_for("Phase 2 of 4: The newer teacher leads", "Has the floor")
    terminal.wait_for_match(r"Has the floor\s*(?:\n.*)*?Dara Quinn")
    terminal.press("]", "]")
    terminal.wait_for("Phase 4 of 4: Credit to both", "Credit to Dara Quinn for leading")
    summary = end_session(terminal)
    assert "Credit to both" in summary

    data = export(scratch_home)
    assert data["plan"] == "reverse-mentoring"
    assert data["leader"]["name"] == "Dara Quinn"
    assert [(c["name"], c["for"]) for c in data["credits"]] == [
        ("Dara Quinn", "leading"), ("Ana Ruiz", "learning from the lead"),
        ("Ben Okafor", "learning from the lead"), ("Chen Li", "learning from the lead")]  # fmt: skip
    # The leader opened the led opener and held the led open floor: the only one with airtime there.
    led = {(t["phase"], t["member"]) for t in data["turns"] if t["phase"] in (0, 1)}
    leader = data["leader"]["member"]
    assert (0, leader) in led and led <= {(0, leader), (1, leader)}
    md = run_circle(scratch_home, "export", "latest", "--circle", "Room Circle", "--format", "md")
    assert "## Credit to both" in md.stdout and "- Led by Dara Quinn" in md.stdout


def test_late_arrival_leaving_notes_and_speaker_time_reach_the_export(
    terminal: Terminal, scratch_home: Path, tmp_path: Path
) -> None:
    room_circle(scratch_home, tmp_path)
    terminal.start([str(CIRCLE), "run", "Room Circle"], circle_env(scratch_home), 100, 30)
    terminal.wait_for("Check-in: Room Circle", "4 of 4 present")
    terminal.press("Down", "Down", "Down", "Space")  # Dara is late
    terminal.wait_for("3 of 4 present")
    terminal.press("Enter")
    terminal.wait_for("Phase 1 of 5: Positive opener", "Ana Ruiz's turn")

    terminal.press(">")  # Ana gets a minute more (the big digits show it; the export checks it)
    terminal.press("t")
    terminal.wait_for("Note for Ana Ruiz, Positive opener")
    terminal.press("-l", "Ana tries exit tickets [b]daily[/b]")  # typed as is, never markup
    terminal.press("C-o", "Enter")
    terminal.wait_for("Noted (commitment)")

    terminal.press("j")
    terminal.wait_for("Who has arrived?")
    terminal.press("Enter")  # only Dara is away
    terminal.wait_for("Dara Quinn joined the session")
    terminal.press("l")
    terminal.wait_for("Who is leaving?")
    terminal.press("Down", "Down", "Enter")  # Chen leaves early
    terminal.wait_for("Chen Li left the session")

    for phase in ("2 of 5", "3 of 5", "4 of 5", "5 of 5"):
        terminal.press("]")
        terminal.wait_for(f"Phase {phase}")
    summary = end_session(terminal)
    assert "Joined late: Dara Quinn" in summary and "Left early: Chen Li" in summary

    shared = export(scratch_home)
    names = {m["id"]: m["name"] for m in shared["members"]}
    assert shared["notes"] == [] and shared["notes_left_out"] == 1
    assert "exit tickets" not in json.dumps(shared)
    assert [names[m] for m in shared["joined_late"]] == ["Dara Quinn"]
    assert [names[m] for m in shared["left_early"]] == ["Chen Li"]
    turn = [e for e in shared["events"] if e["type"] == "add_speaker_minute"]
    assert [(names[e["member"]], e["data"]["total"]) for e in turn] == [("Ana Ruiz", 120.0)]
    moves = [(names[e["member"]], e["data"]["present"]) for e in shared["events"]
             if e["type"] == "check_in" and e["phase"] is not None]
    assert moves == [("Dara Quinn", True), ("Chen Li", False)]

    private = export(scratch_home, "--include-private")
    assert [(names[n["member"]], n["kind"], n["text"], n["phase"]) for n in private["notes"]] == [
        ("Ana Ruiz", "commitment", "Ana tries exit tickets [b]daily[/b]", 0)]
    md = run_circle(scratch_home, "export", "latest", "--circle", "Room Circle", "--format", "md")
    assert "exit tickets" not in md.stdout and "1 note taken in the session stays in the circle" in md.stdout
