"""Pilot tests of the goals phase: the editing mode is unmistakable and no hint names a dead key."""

from __future__ import annotations

from textual.widgets import Input, Static

from session_driver import make_app

from circle.ui.goals.goal_form import GoalForm
from circle.ui.goals.goal_list import GoalList


async def to_goals(pilot):
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*["right_square_bracket"] * 3)
    await pilot.pause()
    return pilot.app.screen


async def test_g_shows_a_banner_while_the_goal_list_has_the_keys(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await to_goals(pilot)
        banner = screen.query_one("#goals-banner", Static)
        assert not banner.display
        await pilot.press("g")
        await pilot.pause()
        assert banner.display
        text = banner.render().plain
        assert "EDITING ANA RUIZ'S GOALS" in text and "esc: session keys" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not banner.display


async def test_after_the_round_the_empty_hint_names_no_key(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await to_goals(pilot)
        await pilot.press(*["n"] * 4)  # everyone has had their turn
        await pilot.pause()
        assert screen.engine.speaker is None and screen.check_action("goals", ()) is False
        hint = str(screen.query_one(GoalList).get_option_at_index(0).prompt)
        assert "round is complete" in hint and "press" not in hint


async def test_the_rework_form_starts_with_the_title_selected(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        await to_goals(pilot)
        await pilot.press("g", "r")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, GoalForm)
        title = form.query_one("#goal-title", Input)
        assert title.selected_text == title.value and title.value
        await pilot.press(*"Exit tickets twice a week")
        assert title.value == "Exit tickets twice a week"
