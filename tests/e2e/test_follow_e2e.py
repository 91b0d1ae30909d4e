"""Two real processes on one home: a driver and a follower, each the installed ``circle`` in its
own terminal. Keys in the driver reach the follower; a driver killed with SIGKILL leaves the
follower waiting; ``circle run`` resumes with the time nobody drove left out; a take-over and a
hand-off between two processes are in the export."""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import datetime
from pathlib import Path

import pytest
from conftest import CIRCLE, Terminal, circle_env, run_circle

from circle.store.demo_data import DEMO_CIRCLE, seed_demo
from circle.store.driver_lock import read_info
from circle.store.repository import Repository

pytestmark = pytest.mark.e2e
SPEAKER = r"^\s*(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)'s turn"


@pytest.fixture
def second(tmp_path: Path):
    (tmp_path / "second").mkdir()
    term = Terminal(tmp_path / "second")
    yield term
    term.close()


def env_as(home: Path, actor: str) -> dict[str, str]:
    return {**circle_env(home), "CIRCLE_ACTOR": actor}


def seeded(home: Path) -> Repository:
    repo = Repository(home, "alice")
    seed_demo(repo)
    return repo


def latest_session(repo: Repository) -> tuple[Path, str]:
    slug = repo.slug_of(DEMO_CIRCLE)
    return repo.sessions_dir(slug), str(repo.latest_session_id(slug))


def start_driving(terminal: Terminal, home: Path, actor: str) -> None:
    terminal.start([str(CIRCLE), "run", DEMO_CIRCLE], env_as(home, actor), 100, 30)
    terminal.wait_for("Check-in: Demo Circle", "5 of 5 present")
    terminal.press("Enter")
    terminal.wait_for("Phase 1 of 5: Positive opener")


def export_json(home: Path) -> dict:
    result = run_circle(home, "export", "latest", "--circle", DEMO_CIRCLE, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def end_session(terminal: Terminal) -> None:
    terminal.press("e")
    terminal.wait_for("End the session now?")
    terminal.press("y")
    terminal.wait_for("Session summary: Demo Circle")


def test_a_follower_sees_the_drivers_keys_then_a_kill_and_the_resume_leaves_the_gap_out(
        terminal: Terminal, second: Terminal, scratch_home: Path, tmp_path: Path) -> None:
    repo = seeded(scratch_home)
    start_driving(terminal, scratch_home, "alice")
    first = terminal.wait_for_match(SPEAKER)["name"]

    second.start([str(CIRCLE), "watch", DEMO_CIRCLE], env_as(scratch_home, "bob"), 90, 28)
    second.wait_for("alice is running the session", f"{first}'s turn")
    terminal.press("n")
    following = terminal.wait_for_match(rf"^\s*(?P<name>(?!{first})[A-Z][a-z]+ [A-Z][a-z]+)'s turn")["name"]
    second.wait_for(f"{following}'s turn")

    folder, session_id = latest_session(repo)
    os.kill(read_info(folder, session_id).pid, signal.SIGKILL)
    second.wait_for("Waiting for the facilitator")
    killed_at = datetime.now().astimezone()
    third = Terminal(tmp_path)
    try:
        time.sleep(4.0)  # time passes with nobody driving; then the facilitator opens it again
        third.start([str(CIRCLE), "run", DEMO_CIRCLE], env_as(scratch_home, "alice"), 100, 30)
        third.wait_for("did not end.", "Resume (y)")
        third.press("y")
        third.wait_for(f"{following}'s turn")
        second.wait_for("alice is running the session")
        end_session(third)
    finally:
        third.close()

    exported = export_json(scratch_home)
    assert len(exported["gaps"]) == 1
    gap = exported["gaps"][0]
    nobody = (datetime.fromisoformat(gap["to"]) - killed_at).total_seconds()
    assert gap["seconds"] >= 4.0 and nobody >= 4.0
    wall = (datetime.fromisoformat(exported["ended"]) - datetime.fromisoformat(exported["started"])).total_seconds()
    phase_time = sum(p["actual_seconds"] for p in exported["phases"])
    airtime = sum(t["seconds"] for t in exported["turns"])
    assert phase_time + gap["seconds"] == pytest.approx(wall, abs=1.5)  # the gap is no phase's time
    assert airtime <= phase_time + 0.01  # and nobody's airtime
    assert [(d["from"], d["to"], d["how"]) for d in exported["drivers"]] == [("alice", "alice", "resume")]


def test_a_take_over_and_a_hand_off_between_two_processes_are_in_the_export(
        terminal: Terminal, second: Terminal, scratch_home: Path, tmp_path: Path) -> None:
    seeded(scratch_home)
    start_driving(terminal, scratch_home, "alice")

    second.start([str(CIRCLE), "run", DEMO_CIRCLE], env_as(scratch_home, "bob"), 100, 30)
    second.wait_for("alice is running this session", "Follow it (read-only)", "Take it over")
    second.press("Down", "Enter")
    second.wait_for("? keys")  # bob drives: the session screen's own hint
    terminal.wait_for("bob took the session over", "bob is running the session")
    before = second.wait_for_match(SPEAKER)["name"]
    second.press("n")
    speaker = second.wait_for_match(rf"^\s*(?P<name>(?!{before})[A-Z][a-z]+ [A-Z][a-z]+)'s turn")["name"]
    terminal.wait_for(f"{speaker}'s turn")

    second.press("o")
    second.wait_for("Hand the session to whom?")
    second.press("Enter")  # the first mentor
    second.wait_for("Handed to ")
    handed = [line for line in second.screen().splitlines() if "Handed to " in line][0]
    to = handed.split("Handed to ", 1)[1].split(":", 1)[0].strip()
    terminal.wait_for(f"Handed to {to}")

    third = Terminal(tmp_path)
    try:
        third.start([str(CIRCLE), "run", DEMO_CIRCLE], env_as(scratch_home, to), 100, 30)
        third.wait_for("did not end.", "Resume (y)")
        third.press("y")
        third.wait_for(f"{speaker}'s turn")
        terminal.wait_for(f"{to} is running the session")
        end_session(third)
    finally:
        third.close()
    exported = export_json(scratch_home)
    assert [(d["from"], d["to"], d["by"], d["how"]) for d in exported["drivers"]] == [
        ("alice", "bob", "bob", "take_over"), ("bob", to, "bob", "hand_off")]
    assert exported["gaps"] == []  # the room carried on through both


def test_the_plain_follower_process_prints_a_line_per_change(scratch_home: Path) -> None:
    import queue
    import subprocess
    import threading

    from circle.domain.clock import SystemClock
    from circle.live.driver import LiveSession
    from circle.live.setup import prepare

    repo = seeded(scratch_home)
    setup = prepare(repo, DEMO_CIRCLE, "community-60")
    live = LiveSession.fresh(setup, SystemClock())
    live.begin({m.id: True for m in setup.members})
    names = {m.id: m.name for m in setup.members}
    env = {**os.environ, **env_as(scratch_home, "bob")}
    follower = subprocess.Popen([str(CIRCLE), "watch", DEMO_CIRCLE, "--plain"], env=env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(text.rstrip("\n")) for text in follower.stdout], daemon=True).start()
    try:
        def line() -> str:
            return lines.get(timeout=120)  # a hang guard only: each line comes within a second

        expected = [f"Session {live.session_id} of Demo Circle", "Phase 1 of 5: Positive opener",
                    f"Speaker: {names[live.engine.speaker]}", "alice is running the session"]
        assert [line() for _ in expected] == expected
        live.next_speaker()
        assert line() == f"Speaker: {names[live.engine.speaker]}"
        live.toggle_pause()
        assert line() == "Paused"
        live.next_phase()  # one change at a time: each is seen by itself, whatever the timing
        assert [line(), line()] == ["Phase 2 of 5: Challenge sharing", f"Speaker: {names[live.engine.speaker]}"]
        live.leave()
        assert line() == "Waiting for the facilitator"
    finally:
        live.leave()
        follower.terminate()
        follower.wait(timeout=120)
    assert follower.stderr.read() == ""


def test_watch_plain_in_its_own_terminal_says_who_speaks_then_each_of_three_quick_keys(
        terminal: Terminal, second: Terminal, scratch_home: Path) -> None:
    repo = seeded(scratch_home)
    start_driving(terminal, scratch_home, "alice")
    first = terminal.wait_for_match(SPEAKER)["name"]
    terminal.press("n")
    now = terminal.wait_for_match(rf"^\s*(?P<name>(?!{first})[A-Z][a-z]+ [A-Z][a-z]+)'s turn")["name"]

    second.start([str(CIRCLE), "watch", DEMO_CIRCLE, "--plain"], env_as(scratch_home, "bob"), 90, 40)
    second.wait_for(f"Speaker: {now}", "alice is running the session")
    terminal.press("n", "n", "n")  # three keys well inside one of the follower's polls
    slug = repo.slug_of(DEMO_CIRCLE)
    names = {m.id: m.name for m in repo.circle_with_roster(DEMO_CIRCLE)[1]}
    _folder, session_id = latest_session(repo)

    def spoken() -> list[str]:
        return [names[e["member"]] for e in repo.get_events(slug, session_id) if e["type"] == "next_speaker"]

    deadline = time.monotonic() + 120.0  # a hang guard: the keys land within a second
    while len(spoken()) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert spoken()[0] == now and len(spoken()) == 4
    last = spoken()[-1]
    terminal.wait_for(f"{last}'s turn")
    screen = second.wait_for(f"Speaker: {last}")
    said = [line.strip() for line in screen.splitlines() if line.startswith("Speaker: ")]
    assert said == [f"Speaker: {name}" for name in spoken()]  # who spoke at the start, then each once, in order
    assert "Nobody is speaking" not in screen
