"""The offer to resume a session that did not end says what happened, and the resume does it."""

from __future__ import annotations

from rich.text import Text
from session_driver import advance, make_app, start_session
from textual.widgets import Static

from circle.ui.dialogs import Confirm
from circle.ui.session.screen import SessionScreen


async def test_the_resume_offer_says_what_happened_and_the_turn_goes_on(repo, circle, clock) -> None:
    ana, ben, _, _ = circle["member_ids"]
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        await advance(pilot, clock, 10)
        await pilot.press("n")  # Ben's turn, at 15:30:10
        for _ in range(5):
            await advance(pilot, clock, 5)  # he speaks 25 s; the screen says it is alive as it ticks
    clock.advance(95)  # nobody drives for 1:35
    clock.set_wall(-600)  # and the wall clock is set ten minutes back meanwhile
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Confirm)
        shown = dialog.query_one(".dialog-title", Static).render()
        text = shown.plain if isinstance(shown, Text) else str(shown)
        assert "The session started 2026-03-02 15:30 did not end.\nIts last action was at 15:30." in text
        assert "Nobody has driven it for 1:35 since: not counted as anyone's airtime or phase time." in text
        assert "Ben Okafor's turn goes on: 0:35 left (0:25 spoken)." in text
        assert "Positive opener: 7:25 left." in text
        buttons = dialog.query_one(".dialog-buttons").region
        assert buttons.bottom <= 24 and buttons.height >= 3  # all of it fits at 80x24, the keys too
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        engine = screen.engine
        assert engine.speaker == ben and engine.speaker_timer.remaining == 35.0
        assert engine.airtime.by_member()[ben] == 25.0 and engine.airtime.by_member()[ana] == 10.0
        gaps = [e.data["seconds"] for e in engine.events if e.type == "gap"]
        assert gaps == [95.0]


async def test_a_session_whose_plan_is_gone_still_gets_the_offer_saying_why(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_session(pilot)
        session_id = app.screen.live.session_id
    repo.update_session(circle["slug"], session_id, plan="a-plan-since-deleted")
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Confirm)
        text = str(dialog.query_one(".dialog-title", Static).render())
        assert text.startswith("The session started 2026-03-02 15:30 did not end (")
        assert "a-plan-since-deleted" in text and text.endswith("Resume it?")
