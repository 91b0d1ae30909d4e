"""Two real `circle run` of one circle, each the installed ``circle`` in its own terminal, with
Enter pressed at check-in in both at once: one session, one driving screen; the other screen
offers to follow it or take it over."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CIRCLE, Terminal, circle_env

from circle.store.demo_data import DEMO_CIRCLE, seed_demo
from circle.store.driver_lock import is_held
from circle.store.repository import Repository

pytestmark = pytest.mark.e2e
DRIVING = "Phase 1 of 5: Positive opener"
OFFERED = "is running this session right now"


@pytest.fixture
def second(tmp_path: Path):
    (tmp_path / "second").mkdir()
    term = Terminal(tmp_path / "second")
    yield term
    term.close()


def at_check_in(terminal: Terminal, home: Path, actor: str) -> None:
    terminal.start([str(CIRCLE), "run", DEMO_CIRCLE], {**circle_env(home), "CIRCLE_ACTOR": actor}, 100, 30)
    terminal.wait_for("Check-in: Demo Circle", "5 of 5 present")


def test_enter_at_once_in_two_check_ins_starts_one_session(terminal: Terminal, second: Terminal,
                                                            scratch_home: Path) -> None:
    repo = Repository(scratch_home, "alice")
    seed_demo(repo)
    slug = repo.slug_of(DEMO_CIRCLE)
    before = repo.session_ids(slug)
    at_check_in(terminal, scratch_home, "alice")
    at_check_in(second, scratch_home, "bob")
    terminal.press("Enter")
    second.press("Enter")
    screens = {}
    for term in (terminal, second):
        shown = term.wait_for_match(rf"({DRIVING}|{OFFERED})").group(1)
        screens[shown] = term
    assert set(screens) == {DRIVING, OFFERED}  # one drives; the other is offered the one session
    screens[OFFERED].wait_for("Follow it (read-only)", "Take it over")
    new = [sid for sid in repo.session_ids(slug) if sid not in before]
    assert len(new) == 1 and is_held(repo.sessions_dir(slug), new[0])


def test_two_take_overs_at_once_leave_one_driver_and_enter_starts_no_second_session(
        terminal: Terminal, second: Terminal, scratch_home: Path, tmp_path: Path) -> None:
    repo = Repository(scratch_home, "alice")
    seed_demo(repo)
    slug = repo.slug_of(DEMO_CIRCLE)
    before = repo.session_ids(slug)
    at_check_in(terminal, scratch_home, "alice")
    terminal.press("Enter")
    terminal.wait_for(DRIVING)
    (tmp_path / "third").mkdir()
    third = Terminal(tmp_path / "third")
    try:
        takers = {"bob": second, "chen": third}
        for name, term in takers.items():
            term.start([str(CIRCLE), "run", DEMO_CIRCLE], {**circle_env(scratch_home), "CIRCLE_ACTOR": name}, 100, 30)
            term.wait_for("alice is running this session", "Take it over")
        for term in takers.values():
            term.press("Down", "Enter")  # Take it over, in both at once
        outcomes = {}
        for name, term in takers.items():
            outcomes[name] = term.wait_for_match(r"(\? keys|Not taken over)").group(1)
        assert sorted(outcomes.values()) == ["? keys", "Not taken over"]  # one drives
        winner = next(name for name, shown in outcomes.items() if shown == "? keys")
        loser = takers[next(name for name, shown in outcomes.items() if shown != "? keys")]
        terminal.wait_for(f"{winner} took the session over")
        loser.wait_for("Check-in: Demo Circle")
        loser.press("Enter")  # at check-in, Enter offers the running session again
        loser.wait_for(f"{winner} is running this session right now", "Take it over")
    finally:
        third.close()
    assert len([sid for sid in repo.session_ids(slug) if sid not in before]) == 1
