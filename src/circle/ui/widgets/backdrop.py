"""Containers that draw nothing but their background, and draw it cheaply.

In each frame Textual asks every widget whose container overlaps the changed cells for
all of its lines, and runs each line through the app's line filters. Once a second the
session's clock changes a few cells, and the screen and its large containers were
drawn again line by line: most of the cost of a session left alone, and more the
bigger the terminal. A container with no border, outline, keyline, hatch or tint is
only its background colour: it is drawn here as one blank line repeated, the same
cells Textual would draw. That is done only where no line filter of the app would
change such a line (NO_COLOR's and the dim filter would; the filter that shows control
characters and the one that turns ANSI colours into true colours leave a true-colour
blank alone).
"""

from __future__ import annotations

from typing import Any

from rich.style import Style as RichStyle
from textual.containers import Horizontal, Vertical
from textual.filter import ANSIToTruecolor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

from circle.ui.terminal_filter import ShowControls
from circle.ui.widgets.kept_drawing import KeptDrawing
from circle.ui.widgets.plain_lines import KeptLook, titled

NEUTRAL_FILTERS = (ANSIToTruecolor, ShowControls)  # what they change, a true-colour blank has not


def draws_only_background(widget: Any) -> bool:
    """Whether every line of the widget is its background colour, whatever a filter does."""
    look = widget.look
    if not look.undecorated or titled(widget):
        return False
    if isinstance(widget, Screen) and widget.styles.background.a < 1:
        return False  # a see-through screen shows the one beneath it
    if not all(isinstance(line_filter, NEUTRAL_FILTERS) for line_filter in widget.app.get_line_filters()):
        return False
    background = look.rest.bgcolor
    return background is None or background.triplet is not None


class Backdrop(KeptDrawing, KeptLook):
    """Mixed into a container, before its Textual class: drawn as one blank line repeated when
    that is exactly what it shows. Not a Widget itself, so the container keeps its class's CSS."""

    def draw_lines(self, crop: Region) -> list[Strip]:
        widget: Any = self  # mixed into widgets only
        if not draws_only_background(widget):
            return super().draw_lines(crop)
        # The background alone, as Textual draws a container's blank lines (no foreground).
        blank = widget.look.rest
        kept: tuple[int, RichStyle, Strip] | None = getattr(widget, "_backdrop_line", None)
        if kept is None or kept[:2] != (crop.width, blank):
            # Kept from frame to frame: Textual keeps the pieces it cuts a line into on the line.
            kept = widget._backdrop_line = (crop.width, blank, Strip.blank(crop.width, blank))
        return [kept[2]] * crop.height


class BackdropVertical(Backdrop, Vertical):
    pass


class BackdropHorizontal(Backdrop, Horizontal):
    pass
