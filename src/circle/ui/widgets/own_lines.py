"""Widgets that draw whole lines themselves, handed to Textual as they are.

Textual passes every line a widget draws through its styles (border, padding, tint,
opacity): a new line each time, with the app's line filters run over it again. The
session's timers and airtime chart draw their own lines, full width and in their own
colours, and keep them until what they show changes; once a second the clock changes a
few of them, and that pass over every line in the changed rows was most of a quiet
second's work at 200x60. Where the widget's styles would add nothing to a line, the
line goes to Textual as drawn, through the app's filters only (a filter's result is kept
on the line by Textual, so an unchanged line costs next to nothing).
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from circle.ui.widgets.line_style import background_style


def styled_plainly(widget: Widget) -> bool:
    """Whether Textual's styling pass would leave each of the widget's full-width lines as drawn."""
    styles = widget.styles
    return not (styles.border or styles.outline or styles.hatch or styles.keyline[0] != "none" or styles.tint.a
                or styles.opacity != 1 or any(styles.padding) or styles.text_opacity != 1
                or widget.border_title or widget.border_subtitle)


class OwnLines:
    """Mixed into a widget, before its Textual class, whose ``render_line`` returns lines in
    its own colours (a line that ends short is filled with its background, as Textual does).

    Whether its styles add nothing, and its background, are worked out from every container
    around it: kept until Textual says its styles changed (``notify_style_update``: for
    every widget under a container whose styles or classes changed, and on a theme change)."""

    # Styled plainly; the background the filters are given; the background alone, as a style.
    look: tuple[bool, Color, Style] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        widget: Any = self  # mixed into widgets only
        if self.look is None:
            self.look = (styled_plainly(widget), widget.background_colors[1], background_style(widget))
        plain, background, rest = self.look
        if not plain:
            return super().render_lines(crop)  # type: ignore[misc, no-any-return]
        filters = widget.app.get_line_filters()
        width = widget.size.width
        lines = []
        for y in crop.line_range:
            line = widget.render_line(y)
            if line.cell_length != width:
                line = line.adjust_cell_length(width, rest)
            for line_filter in filters:
                line = line.apply_filter(line_filter, background)
            lines.append(line)
        x1, x2 = crop.column_span
        if (x1, x2) != (0, width):
            lines = [line.crop(x1, x2) for line in lines]
        return lines

    def notify_style_update(self) -> None:
        self.look = None
        super().notify_style_update()  # type: ignore[misc]
