"""A backdrop container draws the same cells Textual draws for it, only cheaper, and
leaves the drawing to Textual whenever a border, a filter or a colour could differ."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.filter import Monochrome
from textual.widgets import Static

from drawn_cells import cells, textuals_lines

from circle.ui.widgets.backdrop import BackdropVertical, draws_only_background

CSS = """
Screen { background: #203040; }
#outer { padding: 1 2; background: $primary 30%; }
#inner { background: $error 50%; height: 3; }
#framed { border: round $accent; height: 4; }
"""


class Backdrops(App[None]):
    CSS = CSS

    def compose(self) -> ComposeResult:
        with BackdropVertical(id="outer"):
            yield BackdropVertical(id="inner")
            yield BackdropVertical(id="framed")
            yield Static("words", id="words")


async def test_a_backdrop_draws_the_cells_textual_draws() -> None:
    app = Backdrops()
    async with app.run_test(size=(40, 14)) as pilot:
        await pilot.pause()
        for name in ("outer", "inner"):
            widget = app.query_one(f"#{name}")
            assert draws_only_background(widget)
            ours = cells(widget.render_lines(widget.size.region))
            assert ours == textuals_lines(widget), name
        framed = app.query_one("#framed")
        assert not draws_only_background(framed)  # a border: Textual draws it
        assert cells(framed.render_lines(framed.size.region)) == textuals_lines(framed)


async def test_a_filter_that_recolours_leaves_the_drawing_to_textual() -> None:
    app = Backdrops()
    async with app.run_test(size=(40, 14)) as pilot:
        await pilot.pause()
        outer = app.query_one("#outer")
        assert draws_only_background(outer)
        app._filters.append(Monochrome())  # as NO_COLOR does
        assert not draws_only_background(outer)


async def test_after_a_theme_change_a_backdrop_still_draws_what_textual_draws() -> None:
    app = Backdrops()
    async with app.run_test(size=(40, 14)) as pilot:
        await pilot.pause()
        outer = app.query_one("#outer")
        before = cells(outer.render_lines(outer.size.region))
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.pause()
        after = cells(outer.render_lines(outer.size.region))
        assert after == textuals_lines(outer)
        assert after != before  # the new theme's background, not a kept one
