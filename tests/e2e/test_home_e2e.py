"""Plain `circle` in a real terminal: from an empty home to a circle with a member and its norms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CIRCLE, circle_env, run_circle

pytestmark = pytest.mark.e2e


def test_first_run_creates_a_circle_and_adds_a_member(terminal, scratch_home: Path) -> None:
    terminal.start([str(CIRCLE), "--actor", "Ana Lopez"], circle_env(scratch_home), width=80, height=24)
    terminal.wait_for("Welcome to circle", "Create a circle (n)", "Open the demo (d)")
    terminal.press("n")
    terminal.wait_for("New circle", "Description")
    # Typed into the field that has focus when the form opens: the name.
    terminal.tmux("send-keys", "-t", "e2e", "-l", "Year 7 [b]Team[/b]")
    terminal.wait_for("Year 7 [b]Team[/b]")
    terminal.press("C-s")
    terminal.wait_for("Year 7 [b]Team[/b]", "No members yet")
    terminal.press("a")
    terminal.wait_for("Add a member", "Login name")
    terminal.tmux("send-keys", "-t", "e2e", "-l", "Ana Lopez")
    terminal.wait_for("Ana Lopez")
    terminal.press("C-s")
    terminal.wait_for_match(r"Ana Lopez\s+peer\s+veteran")
    terminal.press("o")
    terminal.wait_for("Norms", "1. We keep our students at the heart")
    terminal.press("Escape")
    terminal.wait_for("Ana Lopez")
    terminal.press("Escape")
    # Acting as a member by name, the home shows "Your circles".
    terminal.wait_for("Your circles", "Year 7 [b]Team[/b]  1 member", "agreement not signed off")
    terminal.press("q")
    terminal.wait_for_exit()

    listed = json.loads(run_circle(scratch_home, "circles", "--json").stdout)
    assert [(c["name"], c["members"]) for c in listed] == [("Year 7 [b]Team[/b]", 1)]


def test_a_circles_facilitators_are_named_on_its_screen(terminal, scratch_home: Path, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("name,role,username\nAna Lopez,mentor,alopez\nBen Okafor,mentee,bokafor\n")
    assert run_circle(scratch_home, "circles", "add", "Year 7").returncode == 0
    assert run_circle(scratch_home, "import", str(roster), "--circle", "Year 7").returncode == 0
    terminal.start([str(CIRCLE), "--actor", "alopez"], circle_env(scratch_home), width=80, height=24)
    terminal.wait_for("Your circles", "Year 7")
    terminal.press("Enter")
    terminal.wait_for("Facilitators: its mentors (Ana Lopez)  (f)")
    terminal.press("f")
    terminal.wait_for("Who facilitates this circle?", "[ ] Ben Okafor  mentee")
    terminal.press("Down", "Space")
    terminal.wait_for("[✓] Ben Okafor  mentee", "1 ticked")
    terminal.press("C-s")
    terminal.wait_for("Facilitators: Ben Okafor  (f)")
    terminal.press("Escape")
    terminal.wait_for("Your circles")
    terminal.press("q")
    terminal.wait_for_exit()

    shown = run_circle(scratch_home, "circles", "facilitators", "Year 7")
    assert shown.stdout.strip() == "Year 7 is facilitated by bokafor."
