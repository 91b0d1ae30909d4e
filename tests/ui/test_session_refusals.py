"""At 80x24 a session key that cannot act now says why in one line, and what would;
a finished round says how to go on."""

from __future__ import annotations

from session_driver import make_app, start_session
from textual.widgets import Static


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_key_turned_off_in_this_phase_says_why_and_what_would(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        logged = len(screen.engine.events)
        assert screen.check_action("hand", ()) is False  # not in the footer of a round
        for key in ("h", "g", "i", "D"):
            await pilot.press(key)
        await pilot.pause()
        said = notes(app)
        assert said == [
            "hands are for open floor, in phase 3 (Open-ended questions); in a round, n gives the next speaker",
            "goals are edited in phase 4 (SMART goal updates), for each speaker in turn; g works there",
            "this plan has no case story, so no ideas to show (the case-story plan has one)",
            "phase 1 (Positive opener) has no prompt deck: prompts are drawn in phase 3 (Open-ended questions)",
        ]
        assert len(screen.engine.events) == logged  # nothing happened


async def test_a_finished_round_says_that_the_bracket_goes_on(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        status = screen.query_one("#session-status", Static)
        assert "Round complete" not in str(status.render())
        while screen.engine.speaker is not None:
            await pilot.press("n")
            await pilot.pause()
        line = str(status.render())
        assert line.startswith("Round complete: ] goes on to Challenge sharing"), line
        # Whole on screen at 80 columns: what comes after it may be cut, never the way on.
        assert status.region.width >= len("Round complete: ] goes on to Challenge sharing")
        await pilot.press("n")
        await pilot.pause()
        assert notes(app)[-1] == "the round is complete: ] goes on to phase 2 (Challenge sharing)"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert not str(status.render()).startswith("Round complete")
