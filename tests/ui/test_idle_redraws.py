"""A running session left alone redraws only what changed, when it changed.

The clock wakes the screen when a timer on it turns a second; a tick inside the same
second draws nothing; the block timer redraws only the pixels that changed.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.geometry import Region

from session_driver import advance, make_app, start_session

from circle.paths import styles_dir
from circle.ui.session import view
from circle.ui.widgets.airtime_chart import AirtimeChart
from circle.ui.widgets.big_timer import BigTimer
from circle.ui.widgets.block_digits import BlockDigits, changed_parts


async def test_the_clock_wakes_the_screen_when_a_timer_turns_a_second(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        clock.advance(0.3)
        assert view.seconds_to_next_change(screen.engine) == pytest.approx(0.7)
        screen._schedule_tick()
        assert screen._next_tick is not None and screen._next_tick._interval == pytest.approx(0.705)
        await pilot.press("space")  # paused: nothing on screen turns; the driver still checks in
        assert view.seconds_to_next_change(screen.engine) is None
        assert screen._next_tick._interval == 1.0


async def test_a_tick_inside_the_same_second_draws_nothing(repo, circle, clock, monkeypatch) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        shown: list[str] = []
        original = BigTimer.show
        monkeypatch.setattr(BigTimer, "show", lambda self, v, c: (shown.append(c), original(self, v, c)))
        await advance(pilot, clock, 0.2)
        await advance(pilot, clock, 0.2)
        assert shown == []
        await advance(pilot, clock, 0.7)  # the second turns
        assert len(shown) == 1 and screen.query_one(BigTimer).text in ("7:59", "1:59", "0:59")


def test_only_the_pixels_that_changed_are_redrawn() -> None:
    # "12:34" at 60x10: a pixel is 2 columns wide and 1 row tall (17 by 5 pixels in all).
    # 4 to 3: the top two pixel rows change and the bottom one, not the middle two.
    assert changed_parts("12:34", "12:33", 60, 10) == [Region(28, 0, 4, 2), Region(28, 4, 4, 1)]
    assert changed_parts("12:39", "12:38", 60, 10) == [Region(28, 3, 2, 1)]  # one pixel: the 9's lower left
    assert changed_parts("12:39", "12:38", 120, 10) == [Region(56, 6, 4, 2)]  # twice the size
    assert changed_parts("12:00", "11:59", 60, 10) == [Region(8, 0, 24, 4)]  # three digits; their bottom row stays
    assert changed_parts("12:34", "12:34", 60, 10) == []
    assert changed_parts("9:59", "10:00", 60, 10) is None  # wider: drawn again whole


class OneTimer(App[None]):
    def compose(self) -> ComposeResult:
        yield BigTimer()


async def test_a_timer_running_over_shows_the_time_over_in_its_state() -> None:
    from circle.domain.session.timer import TimerView
    from textual.widgets import Digits

    app = OneTimer()
    async with app.run_test(size=(60, 12)) as pilot:
        timer = app.query_one(BigTimer)
        timer.show(TimerView(60.0, 59.5, 0.5, "warning", True), "Ana's turn")
        await pilot.pause()
        timer.show(TimerView(60.0, 75.2, -15.2, "overtime", True), "Ana's turn")  # "0:01" becomes "+0:15"
        await pilot.pause()
        assert timer.query_one(Digits).value == "+0:15" and timer.state == "overtime"


class Blocks(App[None]):
    def compose(self) -> ComposeResult:
        yield BlockDigits("0:59")


async def test_the_block_timer_shows_each_second_whole_after_partial_redraws() -> None:
    from circle.ui.widgets.block_digits import block_lines

    app = Blocks()
    async with app.run_test(size=(60, 12)) as pilot:
        blocks = app.query_one(BlockDigits)
        await pilot.pause()
        for value in ["0:58", "0:57", "0:50", "0:49", "0:41", "0:40", "0:39", "0:10", "0:09", "0:00", "+0:01"]:
            blocks.update(value)
            await pilot.pause()
            drawn = [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]
            expected = block_lines(value, blocks.size.width, blocks.size.height)
            assert drawn[: len(expected)] == [line.rstrip() for line in expected], value


class StyledTimer(OneTimer):
    CSS_PATH = styles_dir() / "session.tcss"  # the states' colours


async def test_the_timer_digits_draw_what_textuals_digits_draw_in_each_state() -> None:
    from circle.domain.session.timer import TimerView
    from textual.color import Color
    from textual.widgets import Digits

    from circle.ui.widgets.big_timer import TimerDigits

    app = StyledTimer()
    async with app.run_test(size=(60, 12)) as pilot:
        timer = app.query_one(BigTimer)
        digits = timer.query_one(TimerDigits)
        views = [TimerView(60.0, 1.0, 59.0, "normal", True), TimerView(60.0, 50.0, 10.0, "warning", True),
                 TimerView(60.0, 75.0, -15.0, "overtime", True), TimerView(60.0, 75.0, -15.0, "overtime", False)]
        colours = set()
        for shown in views:
            timer.show(shown, "Ana's turn")
            await pilot.pause()
            kept = [digits.render_line(y) for y in range(3)]
            # The reference: Textual's Digits in the state's colour from the styles, dim when paused.
            if shown.state != "normal":
                colour = digits.get_component_rich_style(f"timer--{shown.state}", partial=True).color
                digits.styles.color = Color.from_rich_color(colour)
            if not shown.running:
                digits.styles.text_style = "dim"
            for y in range(3):
                digits._render_cache = None  # Textual's own drawing of the same line, from scratch
                digits._dirty_regions.add(digits.size.region)
                textuals = Digits.render_line(digits, y)
                assert list(kept[y]) == list(textuals), (shown.state, y)
            digits.styles.clear_rule("text_style")
            digits.styles.clear_rule("color")
            first = list(digits.render_line(0))[0].style
            colours.add((first.color, first.dim))
        assert len(colours) == 4  # each state in its own colour, paused dimmed


class SmallTimer(App[None]):
    CSS = "#room { display: none; }"

    def compose(self) -> ComposeResult:
        yield BigTimer()
        with Vertical(id="room"):
            yield AirtimeChart(id="chart")


async def test_a_hidden_timer_or_chart_is_not_redrawn_until_shown(monkeypatch) -> None:
    # A redraw of a hidden widget makes Textual lay the whole screen out again.
    from circle.domain.session.timer import TimerView

    app = SmallTimer()
    async with app.run_test(size=(40, 12)) as pilot:
        timer, chart = app.query_one(BigTimer), app.query_one(AirtimeChart)
        blocks = timer.query_one(BlockDigits)  # hidden unless the styles show it
        timer.show(TimerView(60.0, 1.0, 59.0, "normal", True), "Ana's turn")
        chart.show([("Ana", 10.0)])
        await pilot.pause()
        redrawn: list[object] = []
        for cls in (BlockDigits, AirtimeChart):
            original = cls.refresh
            monkeypatch.setattr(cls, "refresh", lambda self, *a, _o=original, **k: (redrawn.append(self), _o(self, *a, **k))[1])
        timer.show(TimerView(60.0, 2.0, 58.0, "normal", True), "Ana's turn")
        chart.show([("Ana", 11.0)])
        await pilot.pause()
        assert redrawn == []
        blocks.styles.display = "block"
        app.query_one("#room").display = True
        await pilot.pause()
        await pilot.pause()
        assert blocks.value == "0:58" and blocks in redrawn and chart in redrawn
        drawn = "\n".join(line.text for line in chart.render_lines(chart.size.region))
        assert "0:11" in drawn or "11s" in drawn, drawn
