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
