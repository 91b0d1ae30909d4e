"""Pilot tests of the screen the back row reads: the speaker's name large on a projector, a
phase in overtime in the overtime colour, and a top line that keeps PAUSED whole at 80x24."""

from __future__ import annotations

from textual.widgets import Static

from session_driver import advance, make_app, start_session

from circle.ui.widgets.block_letters import BigName, BigWords, render_name, render_words
from circle.ui.widgets.prompt_card import PromptCard
from circle.ui.widgets.text_line import TextLine


async def test_the_speakers_name_is_drawn_large_on_a_projector(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(160, 48)) as pilot:
        screen = await start_session(pilot)
        big = screen.query_one(BigName)
        assert big.display and big.size.height >= 6
        drawn = big.render().plain
        assert drawn.startswith("Speaking now") and "█" in drawn and drawn.count("\n") >= 4
        # The name itself, in capitals, drawn from the font.
        assert render_name("Ana Ruiz", big.content_size.width, 5).plain in drawn
        await pilot.press("right_square_bracket", "right_square_bracket", "d")
        card = screen.query_one(PromptCard)
        assert card.styles.border_top[0] == "heavy"  # the prompt in a big bold panel...
        big_prompt = card.query_one(BigWords)
        assert big_prompt.display and not card.query_one("#prompt-text").display
        assert "▀" in big_prompt.render().plain and big_prompt.size.height >= 3  # ...in large letters
        # The stage's bottom third is not left blank: the airtime chart sits there.
        chart = screen.query_one("#session-airtime")
        assert chart.region.bottom > 48 * 2 // 3


async def test_a_name_the_font_cannot_draw_is_shown_as_bold_text(repo, circle, clock) -> None:
    assert render_name("Dara [bold]Quinn[/bold]", 100, 5) is None
    assert render_name("Chloé", 100, 5) is not None  # accents are taken off, not refused
    assert render_words("What would help? " * 20, 100, 15) is None  # a case story stays plain text
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        assert not screen.query_one(BigName).display  # no room for it at 80x24


async def test_a_phase_in_overtime_takes_the_overtime_colour(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        cell = list(screen.query(".phase-cell"))[0]
        line = screen.query_one("#other-timer", TextLine)
        assert not cell.has_class("-overtime") and not line.has_class("-overtime")
        await advance(pilot, clock, 8 * 60 + 5)
        assert cell.has_class("-overtime") and "8:05 / 8 min" in cell.render().plain
        assert line.has_class("-overtime") and "over" in line.text
        assert line.styles.background == cell.styles.background  # the same colour on both


async def test_paused_the_top_line_starts_with_the_pause_at_80_columns(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        await pilot.press("space")
        status = screen.query_one("#session-status", Static)
        assert status.render().plain.startswith("‖ PAUSED (space resumes)  ·  Phase 1 of 5")
        assert status.size.width >= len("‖ PAUSED (space resumes)")


def test_phase_titles_are_cut_at_a_word_not_inside_one() -> None:
    from circle.ui.widgets.phase_strip import PhaseCell, cell_lines, fit_words

    assert fit_words("Open-ended questions", 12) == "Open-ended…"
    assert fit_words("Positive opener", 40) == "Positive opener"
    assert fit_words("Supercalifragilistic", 8) == "Superca…"  # no word fits: cut, but only then
    narrow = list(cell_lines(1, PhaseCell("Positive opener", 480, 1), True, 12))
    assert narrow == ["▶1 Positive…", "0:01 / 8 min"]  # the number kept, a shorter head
    assert cell_lines(4, PhaseCell("SMART goal updates", 1020, 0), False, 12)[0] == "4. SMART…"
