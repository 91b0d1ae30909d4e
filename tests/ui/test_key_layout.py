"""A session key that changes only what the stage shows draws it without laying the screen out.

A next speaker (or back) after a turn that ran over changes the big timer's text from
"+2:00" to "1:00", a different width; laying the whole screen out for that made each such
key cost about a quarter more CPU in a terminal (benchmarks/keys_in_terminal.py).
"""

from __future__ import annotations

from session_driver import advance, make_app, start_session
from textual.app import App, ComposeResult
from textual.widget import Widget

from circle.ui.widgets.big_timer import BigTimer, TimerDigits, digit_lines


async def test_next_and_back_after_a_turn_ran_over_lay_nothing_out(repo, circle, clock, monkeypatch) -> None:
    async with make_app(repo, circle, clock).run_test(size=(100, 30)) as pilot:
        screen = await start_session(pilot)
        timer = screen.query_one(BigTimer)
        await advance(pilot, clock, 3 * 60)  # the first speaker's turn has run over
        pilot.app.clear_notifications()  # the time-up toast goes now, not during the keys
        await pilot.pause()
        over = timer.text
        assert over.startswith("+")
        laid_out: list[Widget] = []
        refresh = Widget.refresh

        def counted(self, *regions, repaint=True, layout=False, recompose=False):
            if layout:
                laid_out.append(self)
            return refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        monkeypatch.setattr(Widget, "refresh", counted)
        shown = []
        for key in ("n", "b", "n", "b"):
            await pilot.press(key)
            shown.append(timer.text)
        assert shown == ["1:00", over, "1:00", over]
        assert laid_out == []
        digits = timer.query_one(TimerDigits)  # drawn in full with the text it shows now
        width = digits.size.width
        assert [digits.render_line(y).text for y in range(3)] == [
            line.text for line in digit_lines(over, digits.rich_style, width)]


class AutoWide(App[None]):
    CSS = "TimerDigits { width: auto; }"

    def compose(self) -> ComposeResult:
        yield TimerDigits("4:59")


async def test_digits_sized_to_their_text_are_laid_out_again_for_a_wider_text() -> None:
    app = AutoWide()
    async with app.run_test(size=(60, 10)) as pilot:
        digits = app.query_one(TimerDigits)
        narrow = digits.size.width
        digits.update("+12:00")
        await pilot.pause()
        assert digits.size.width > narrow
