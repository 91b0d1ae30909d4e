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
