"""The timer's digits, drawn from the lines they keep, draw the very cells Textual's own
styling pass draws: in each state, cropped, under a line filter, and with padding (where
the pass is left to Textual)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.filter import Monochrome
from textual.geometry import Region
from textual.widget import Widget

from drawn_cells import cells, textuals_lines

from circle.domain.session.timer import TimerView
from circle.paths import styles_dir
from circle.ui.widgets.big_timer import BigTimer, TimerDigits
from circle.ui.widgets.block_digits import BlockDigits
from circle.ui.widgets.plain_lines import styled_plainly

VIEWS = [TimerView(60.0, 1.0, 59.0, "normal", True), TimerView(60.0, 50.0, 10.0, "warning", True),
         TimerView(60.0, 75.0, -15.0, "overtime", True), TimerView(60.0, 75.0, -15.0, "overtime", False)]


class BothTimers(App[None]):
    CSS_PATH = styles_dir() / "session.tcss"  # the states' colours
    CSS = "BigTimer > BlockDigits { display: block; height: 10; }"

    def compose(self) -> ComposeResult:
        yield BigTimer()


def digit_widgets(app: App[None]) -> list:
    return [app.query_one(TimerDigits), app.query_one(BlockDigits)]


async def test_the_digits_draw_the_cells_textual_draws_in_each_state() -> None:
    app = BothTimers()
    async with app.run_test(size=(70, 16)) as pilot:
        timer = app.query_one(BigTimer)
        for shown in VIEWS:
            timer.show(shown, "Ana's turn")
            await pilot.pause()
            for widget in digit_widgets(app):
                assert styled_plainly(widget)
                ours = cells(widget.render_lines(widget.size.region))
                assert ours == textuals_lines(widget), (type(widget).__name__, shown)
        timer.alarm()  # the flash: a red background under the digits
        await pilot.pause()
        for widget in digit_widgets(app):
            assert cells(widget.render_lines(widget.size.region)) == textuals_lines(widget)


async def test_a_crop_and_a_line_filter_give_textuals_cells_too() -> None:
    app = BothTimers()
    async with app.run_test(size=(70, 16)) as pilot:
        app.query_one(BigTimer).show(VIEWS[1], "Ana's turn")
        app._filters.append(Monochrome())  # as NO_COLOR does
        await pilot.pause()
        for widget in digit_widgets(app):
            crop = Region(3, 1, 12, 2)
            ours = cells(widget.render_lines(crop))
            textuals_lines(widget)  # empties Textual's kept lines
            assert ours == cells(Widget.render_lines(widget, crop))
            assert ours != cells(widget.render_lines(widget.size.region))[1:3]  # the crop took effect


async def test_padding_leaves_the_styling_to_textual() -> None:
    app = BothTimers()
    async with app.run_test(size=(70, 16)) as pilot:
        blocks = app.query_one(BlockDigits)
        blocks.styles.padding = (1, 2)
        blocks.update("1:23")
        await pilot.pause()
        assert not styled_plainly(blocks)
        assert cells(blocks.render_lines(blocks.size.region)) == textuals_lines(blocks)


async def test_the_block_digits_fill_the_line_past_the_digits_as_textual_does() -> None:
    from rich.segment import Segment
    from textual.strip import Strip

    from circle.ui.widgets.block_digits import block_lines

    app = BothTimers()
    async with app.run_test(size=(70, 16)) as pilot:
        timer = app.query_one(BigTimer)
        blocks = app.query_one(BlockDigits)
        for shown in VIEWS:
            timer.show(shown, "Ana's turn")
            await pilot.pause()
            width, height = blocks.size
            short = block_lines(blocks.value, width, height)
            assert short and len(short[0]) < width  # the line ends short of the widget's width

            def short_line(y: int) -> Strip:  # the digits alone: Textual fills in the rest
                text = short[y] if y < len(short) else " " * width
                return Strip([Segment(text, blocks.timer_style(blocks.rich_style))], len(text))  # the state's colour

            blocks.render_line = short_line
            textuals = textuals_lines(blocks)
            del blocks.render_line
            assert cells(blocks.render_lines(blocks.size.region)) == textuals, shown


class TimerLines(App[None]):
    CSS_PATH = styles_dir() / "session.tcss"  # the phase timer's colours

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical
        from textual.widgets import Static

        from circle.ui.widgets.text_line import TextLine

        with Vertical():  # the same id in two places: the session's styles reach both
            yield TextLine(id="other-timer")
        with Vertical():
            yield Static(id="other-timer")


def colours(lines: list) -> list:
    """Each cell's character and colours: what a reader sees (not Textual's mouse data)."""
    return [[(char, style.color, style.bgcolor, style.bold, style.dim) for char, style in line] for line in lines]


async def test_a_text_line_shows_what_a_static_shows_in_each_state() -> None:
    from rich.text import Text
    from textual.widgets import Static

    from circle.ui.widgets.text_line import TextLine

    app = TimerLines()
    async with app.run_test(size=(40, 6)) as pilot:
        line, static = app.query_one(TextLine), app.query_one(Static)
        for text, state in [("Phase: 4:10 left", ""), ("Phase: 0:30 left", "-warning"), ("Phase: 1:05 over", "-overtime")]:
            line.update(text)
            static.update(Text(text))
            for widget in (line, static):
                widget.set_classes(state)
            await pilot.pause()
            ours = colours(cells(line.render_lines(line.size.region)))
            assert ours == colours(textuals_lines(line))  # the kept line, and through Textual's pass
            assert ours == colours(cells(static.render_lines(static.size.region))), state
        line.update("x" * 60)  # longer than the line: cut at its width
        await pilot.pause()
        assert [strip.cell_length for strip in line.render_lines(line.size.region)] == [40]


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_every_cheaply_drawn_part_of_the_session_draws_what_textual_draws(repo, circle, clock, size) -> None:
    from session_driver import advance, make_app, start_session

    from circle.ui.widgets.hidden_redraw import displayed
    from circle.ui.widgets.kept_drawing import KeptDrawing

    async with make_app(repo, circle, clock).run_test(size=size) as pilot:
        screen = await start_session(pilot)
        for seconds in (0, 1, 65, 5 * 60):  # running, a second on, a minute on, the speaker's turn over
            await advance(pilot, clock, seconds)
            widgets = [screen, *screen.walk_children()]
            cheap = [w for w in widgets if isinstance(w, KeptDrawing)]
            shown = [w for w in cheap if displayed(w) and w.size.area]
            assert len(shown) >= 8
            for widget in shown:
                ours = cells(widget.render_lines(widget.size.region))
                assert ours == textuals_lines(widget), (seconds, widget)
            # The whole screen as the frames drew it, from what each widget kept, and afresh.
            kept = cells(screen._compositor.render_strips())
            for widget in widgets:
                widget.__dict__.pop("_drawn", None)
                widget._styles_cache.clear()
            assert kept == cells(screen._compositor.render_strips()), seconds


class Nested(App[None]):
    CSS = """
    #box { background: $primary 20%; height: 3; }
    #box.-alert { background: $error 60%; }
    """

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        from circle.ui.widgets.plain_lines import PlainStatic

        with Vertical(id="box"):
            yield PlainStatic("words", id="words")


async def test_a_container_changing_colour_recolours_a_plain_widget_inside_it() -> None:
    from circle.ui.widgets.plain_lines import PlainStatic

    app = Nested()
    async with app.run_test(size=(30, 6)) as pilot:
        words = app.query_one(PlainStatic)
        before = cells(words.render_lines(words.size.region))
        app.query_one("#box").add_class("-alert")  # the container's class, not the widget's
        await pilot.pause()
        after = cells(words.render_lines(words.size.region))
        assert after == textuals_lines(words)
        assert after != before
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert cells(words.render_lines(words.size.region)) == textuals_lines(words)


async def test_the_flash_draws_the_digits_in_its_own_colour_whatever_the_state() -> None:
    app = BothTimers()
    async with app.run_test(size=(70, 16)) as pilot:
        timer = app.query_one(BigTimer)
        timer.show(VIEWS[2], "Ana's turn")  # overtime
        await pilot.pause()

        def ink(widget) -> object:
            return next(style.color for line in cells(widget.render_lines(widget.size.region))
                        for char, style in line if char.strip())

        overtime = [ink(widget) for widget in digit_widgets(app)]
        timer.alarm()
        await pilot.pause()
        for widget, before in zip(digit_widgets(app), overtime):
            assert ink(widget) == widget.rich_style.color != before  # the flash's colour, not overtime's
