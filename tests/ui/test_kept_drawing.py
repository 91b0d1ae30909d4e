"""A widget that keeps what it drew hands Textual the very cells Textual would draw afresh:
the same until something changes, and drawn again when its title, its container's colour,
the theme, the app's line filters or its size change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.filter import Monochrome
from textual.widgets import Static

from drawn_cells import cells, textuals_lines

from circle.ui.widgets.kept_drawing import KeptVertical


class Framed(App[None]):
    CSS = """
    #outer { height: 8; background: $primary 20%; }
    #outer.-alert { background: $error 60%; }
    #frame { border: round $accent; height: 6; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="outer"):
            with KeptVertical(id="frame") as frame:
                frame.border_title = "Airtime"
                yield Static("inside")


def drawn(widget) -> list:
    return cells(widget.render_lines(widget.outer_size.region))  # as the screen asks: border and all


def textuals(widget) -> list:
    return textuals_lines(widget, widget.outer_size.region)


async def test_a_kept_frame_draws_what_textual_draws_until_something_changes() -> None:
    app = Framed()
    async with app.run_test(size=(30, 10)) as pilot:
        frame = app.query_one(KeptVertical)
        first = frame.render_lines(frame.outer_size.region)
        assert frame.render_lines(frame.outer_size.region) is first  # kept, not drawn again
        assert cells(first) == textuals(frame)

        changes = [
            lambda: setattr(frame, "border_title", "Who spoke"),
            lambda: app.query_one("#outer").add_class("-alert"),  # the container's class
            lambda: setattr(app, "theme", "textual-light" if app.theme != "textual-light" else "nord"),
        ]
        for change in changes:
            before = drawn(frame)
            change()
            await pilot.pause()
            assert drawn(frame) == textuals(frame)
            assert drawn(frame) != before

        before = drawn(frame)
        app._filters.append(Monochrome())  # as NO_COLOR does
        await pilot.pause()
        assert drawn(frame) == textuals(frame) != before

        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert len(drawn(frame)[0]) == 40
        assert drawn(frame) == textuals(frame)
