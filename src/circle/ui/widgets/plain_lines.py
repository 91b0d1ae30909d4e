"""Widgets that keep their lines whole, drawn without Textual's styling pass when it adds nothing.

Textual passes every line a widget draws afresh through its styles (border, padding,
outline, tint, opacity), makes a new line of it, and runs the app's line filters over
that new line. The session's timers are drawn afresh every second, and on a projector
the block timer is some 25 lines: that pass was most of a quiet second's cost. A widget
whose styles add nothing to a line is drawn here from the lines it keeps; the filters'
results are kept on those lines by Textual, so an unchanged line costs next to nothing.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style as RichStyle

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static


def decorated(widget: Widget) -> bool:
    """Whether the widget's styles draw anything over or around its lines: a border, outline,
    keyline, hatch or tint, an opacity below one, or a border's title."""
    styles = widget.styles
    return bool(styles.border or styles.outline or styles.hatch or styles.keyline[0] != "none"
                or styles.tint.a or styles.opacity != 1 or widget.border_title or widget.border_subtitle)


def styled_plainly(widget: Widget) -> bool:
    """Whether Textual's styling pass would leave each of the widget's lines as it drew it."""
    styles = widget.styles
    return not (decorated(widget) or any(styles.padding) or styles.text_opacity != 1
                or widget.hover_style._link_id)  # a link under the mouse is restyled by that pass


class PlainLines:
    """Mixed into a widget, before its Textual class, whose ``render_line`` returns lines it
    keeps (Textual's Static does, until its content changes), best as wide as the widget."""

    def render_lines(self, crop: Region) -> list[Strip]:
        widget: Any = self  # mixed into widgets only
        if not styled_plainly(widget):
            return super().render_lines(crop)  # type: ignore[misc, no-any-return]
        background = widget.background_colors[1]
        filters = widget.get_line_filters()
        width = widget.size.width
        lines = []
        for y in crop.line_range:
            line = widget.render_line(y)
            if line.cell_length != width:
                line = self._filled(line, width)
            for line_filter in filters:
                line = line.apply_filter(line_filter, background)  # kept on the line by Textual
            lines.append(line)
        x1, x2 = crop.column_span
        if (x1, x2) != (0, width):
            lines = [line.crop(x1, x2) for line in lines]
        return lines

    def _filled(self, line: Strip, width: int) -> Strip:
        """The line filled with the background, or cut, to the width, as Textual's pass does;
        kept for as long as the widget keeps the line, so Textual's own keeping works too."""
        widget: Any = self
        rest = RichStyle.from_color(bgcolor=widget.visual_style.rich_style.bgcolor)
        kept: dict[int, tuple[Strip, int, RichStyle, Strip]] = widget.__dict__.setdefault("_plain_filled", {})
        made = kept.get(id(line))
        if made is None or made[0] is not line or made[1:3] != (width, rest):
            if len(kept) > 4 * max(1, widget.size.height):
                kept.clear()  # lines the widget no longer keeps
            made = kept[id(line)] = (line, width, rest, line.adjust_cell_length(width, rest))
        return made[3]


class PlainStatic(PlainLines, Static):
    """A Static drawn from its kept lines when its styles add nothing to them."""
