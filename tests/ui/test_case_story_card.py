"""Pilot tests of the case story card: labelled as such, ideas on a key, the previous story back."""

from __future__ import annotations

from textual.widgets import Static

from session_driver import make_app

from circle.domain.session import events as ev
from circle.ui.widgets.prompt_card import PromptCard


async def test_a_case_story_with_its_ideas_on_a_key_and_the_previous_story_back(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock, plan="case-story").run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        await pilot.press("right_square_bracket")
        assert screen.engine.phase.kind == "case"
        card = screen.query_one(PromptCard)
        caption = lambda: card.query_one("#prompt-caption", Static).render().plain  # noqa: E731
        assert caption() == "Case story" and "draw a case story" in card.query_one("#prompt-text", Static).render().plain
        await pilot.press("d")
        first = screen.engine.prompt
        assert caption().startswith("Case story 1") and "i shows ideas from mentors" in caption()
        detail = card.query_one("#prompt-detail", Static)
        assert not detail.display  # the circle thinks first
        await pilot.press("i")
        assert detail.display and detail.render().plain.startswith("Ideas from mentors\n• ")
        await pilot.press("d")
        assert screen.engine.prompt is not first and caption().startswith("Case story 2")
        assert not detail.display and "D brings back case story 1" in caption()
        await pilot.press("D")
        assert screen.engine.prompt.id == first.id and caption().startswith("Case story 1")
        assert screen.live.engine.events[-1].type == ev.PREVIOUS_PROMPT
        assert screen.check_action("previous_prompt", ()) is False


async def open_case_story(pilot):
    """Check-in confirmed, on to the case story, one drawn: the session screen."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("right_square_bracket", "d")
    await pilot.pause()
    return pilot.app.screen


def in_view(widget, column) -> bool:
    """Every line of the widget is inside the column's visible room, above its cue line."""
    cue = column.query_one("#stage-more")
    bottom = cue.region.y if cue.display else column.region.bottom
    return column.region.y <= widget.region.y and widget.region.bottom <= bottom


async def test_at_80x24_the_ideas_unfold_into_view_and_a_cue_says_what_is_above(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock, plan="case-story").run_test(size=(80, 24)) as pilot:
        screen = await open_case_story(pilot)
        card, column = screen.query_one(PromptCard), screen.query_one("#stage")
        detail, cue = card.query_one("#prompt-detail", Static), column.query_one("#stage-more")
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        assert detail.display and in_view(detail, column)
        assert column.scroll_y > 0 and cue.display and cue.text == "▲ more above: PgUp scrolls"
        await pilot.press("pageup")
        await pilot.pause()
        assert column.scroll_y == 0 and cue.text == "▼ more below: PgDn scrolls"  # the ideas below again
        await pilot.press("pagedown")
        await pilot.pause()
        assert column.scroll_y > 0
        await pilot.press("i")  # folded: back to the top, the timer in view
        await pilot.pause()
        await pilot.pause()
        assert column.scroll_y == 0 and not detail.display


async def test_where_everything_fits_no_cue_shows(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock, plan="case-story").run_test(size=(160, 48)) as pilot:
        screen = await open_case_story(pilot)
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        column = screen.query_one("#stage")
        assert column.max_scroll_y == 0 and not column.query_one("#stage-more").display
        assert in_view(screen.query_one("#prompt-detail"), column)
