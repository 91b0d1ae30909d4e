"""Containers that draw nothing but their background, drawn as one blank line repeated.

In each frame Textual asks every widget whose region overlaps the changed cells for its
lines in them, containers included, and passes each line through the widget's styling.
Once a second the session's clocks change a few cells, and the screen and the containers
around them (five deep at the timer) were most of that frame's work at 200x60. A container
with no border, outline, keyline, hatch, tint or title is only its background colour: it
is drawn here as one blank line, kept while its width and colour stay, the same cells
Textual would draw. That is done only where no line filter of the app would change such a
line (NO_COLOR's and the dim filter would; the filter that shows control characters and
the one that turns ANSI colours into true colours leave a true-colour blank alone).
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.containers import Horizontal, Vertical
from textual.filter import ANSIToTruecolor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from circle.ui.terminal_filter import ShowControls

NEUTRAL_FILTERS = (ANSIToTruecolor, ShowControls)  # what they change, a true-colour blank has not


def blank_style(widget: Widget) -> Style | None:
    """The style of the widget's every line when that is its background alone; else None."""
    styles = widget.styles
    if (styles.border or styles.outline or styles.hatch or styles.keyline[0] != "none" or styles.tint.a
            or styles.opacity != 1 or widget.border_title or widget.border_subtitle):
        return None
    if isinstance(widget, Screen) and styles.background.a < 1:
        return None  # a see-through screen shows the one beneath it
    if not all(isinstance(line_filter, NEUTRAL_FILTERS) for line_filter in widget.app.get_line_filters()):
        return None
    background = widget.visual_style.rich_style.bgcolor
    if background is not None and background.triplet is None:
        return None
    return Style.from_color(bgcolor=background)  # as Textual draws a container's blank lines


class Backdrop:
    """Mixed into a container, before its Textual class: drawn as a blank line in its background
    when that is all it shows. Not a Widget itself, so the container keeps its class's CSS."""

    blank: tuple[int, Style, Strip] | None = None
    # What it is drawn in when only its background, or None: kept until Textual says its styles
    # changed (notify_style_update: for every widget under a container whose styles or classes
    # changed, and on a theme change). Worked out from every container around it.
    look: tuple[Style | None] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        widget: Any = self  # mixed into widgets only
        if self.look is None:
            self.look = (blank_style(widget),)
        style = self.look[0]
        if style is None:
            return super().render_lines(crop)  # type: ignore[misc, no-any-return]
        if self.blank is None or self.blank[:2] != (crop.width, style):
            # The same line from frame to frame: Textual keeps the pieces it cuts a line into on it.
            self.blank = (crop.width, style, Strip.blank(crop.width, style))
        return [self.blank[2]] * crop.height

    def notify_style_update(self) -> None:
        self.look = None
        super().notify_style_update()  # type: ignore[misc]


class BackdropHorizontal(Backdrop, Horizontal):
    pass


class BackdropVertical(Backdrop, Vertical):
    pass
