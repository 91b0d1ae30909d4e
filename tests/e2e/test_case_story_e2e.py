"""A case story's ideas at 80x24 in a real terminal: unfolded into view, and the stage says
what more there is above or below and which key scrolls to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CIRCLE, Terminal, circle_env

from circle.store.demo_data import seed_demo
from circle.store.repository import Repository

pytestmark = pytest.mark.e2e


def test_at_80x24_the_ideas_open_in_view_with_a_cue_for_what_is_above(terminal: Terminal, scratch_home: Path) -> None:
    seed_demo(Repository(scratch_home, "maya"))
    terminal.start([str(CIRCLE), "run", "Demo Circle", "--plan", "case-story"], circle_env(scratch_home), 80, 24)
    terminal.wait_for("5 of 5 present", "Present/absent")
    terminal.press("Enter")
    terminal.wait_for("Phase 1 of 5: Positive opener")
    terminal.press("]")
    terminal.wait_for("Phase 2 of 5: Case story", "press d to draw a case story")
    terminal.press("d")
    terminal.wait_for("Case story 1", "i shows ideas from mentors")

    terminal.press("i")
    screen = terminal.wait_for("Ideas from mentors", "▲ more above: PgUp scrolls")
    lines = screen.splitlines()
    heading = next(y for y, line in enumerate(lines) if "Ideas from mentors" in line)
    cue = next(y for y, line in enumerate(lines) if "more above" in line)
    # The ideas whole, the card's bottom edge after them, then the cue on the stage's last row.
    assert "╰" in lines[cue - 1] and "•" in lines[heading + 1] and heading < cue - 2, screen

    terminal.press("PPage")
    terminal.wait_for("▼ more below: PgDn scrolls", "Phase time")
    terminal.press("i")  # folded: the column from its top, the ideas' cue gone with them
    terminal.wait_until_gone("Ideas from mentors")
    terminal.wait_until_gone("more above")
