"""A driver killed with SIGKILL mid-turn, then ``circle run`` again on a real terminal at 80x24:
the offer says what happened, and the speaker's seconds before the kill count in her turn."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from conftest import CIRCLE, WAIT_SECONDS, Terminal, circle_env, run_circle

from circle.store.demo_data import DEMO_CIRCLE, seed_demo
from circle.store.driver_lock import read_info
from circle.store.repository import Repository

pytestmark = pytest.mark.e2e
SPEAKER = r"^\s*(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)'s turn"


def run_at_80x24(terminal: Terminal, home: Path) -> None:
    terminal.start([str(CIRCLE), "run", DEMO_CIRCLE], {**circle_env(home), "CIRCLE_ACTOR": "alice"}, 80, 24)


def test_after_a_kill_the_offer_says_what_happened_and_the_turn_goes_on(
        terminal: Terminal, scratch_home: Path, tmp_path: Path) -> None:
    repo = Repository(scratch_home, "alice")
    seed_demo(repo)
    run_at_80x24(terminal, scratch_home)
    terminal.wait_for("5 of 5 present")
    terminal.press("Enter")
    first = terminal.wait_for_match(SPEAKER)["name"]
    terminal.press("n")
    speaker = terminal.wait_for_match(rf"^\s*(?P<name>(?!{first})[A-Z][a-z]+ [A-Z][a-z]+)'s turn")["name"]
    slug = repo.slug_of(DEMO_CIRCLE)
    folder, sid = repo.sessions_dir(slug), str(repo.latest_session_id(slug))
    turn_began = repo.get_events(slug, sid)[-1]["t"]
    deadline = time.monotonic() + WAIT_SECONDS
    while True:  # until the driver has said it is alive a few seconds into her turn
        info = read_info(folder, sid)
        if info is not None and info.t is not None and info.t >= turn_began + 5:
            break
        assert time.monotonic() < deadline, "the driver never said it was alive"
        time.sleep(0.1)
    proven = info.t - turn_began
    os.kill(info.pid, signal.SIGKILL)

    (tmp_path / "again").mkdir()
    again = Terminal(tmp_path / "again")
    try:
        run_at_80x24(again, scratch_home)
        # Short pieces: the dialog wraps its lines at 80 columns.
        again.wait_for("did not end.", "Its last action was at", "Nobody has driven it", "airtime or phase time",
                       speaker, "turn goes on:", "left", "Resume (y)")
        again.press("y")
        again.wait_for(f"{speaker}'s turn", "Phase 1 of 5")
        again.press("e")
        again.wait_for("End the session now?")
        again.press("y")
        again.wait_for("Session summary: Demo Circle")
    finally:
        again.close()

    result = run_circle(scratch_home, "export", "latest", "--circle", DEMO_CIRCLE, "--format", "json")
    assert result.returncode == 0, result.stderr
    exported = json.loads(result.stdout)
    assert len(exported["gaps"]) == 1
    member = next(m.id for m in repo.circle_with_roster(DEMO_CIRCLE)[1] if m.name == speaker)
    turns = [t for t in exported["turns"] if t["phase"] == 0 and t["member"] == member]
    assert len(turns) == 1 and turns[0]["seconds"] >= proven  # her seconds before the kill count
