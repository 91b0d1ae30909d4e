"""A widget's lines as cells, and Textual's own drawing of them, for widgets that draw themselves
a cheaper way and must draw the very same cells."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget


def cells(strips) -> list:
    """Each line as its cells: a character and its style (how segments split them aside)."""
    return [[(char, segment.style) for segment in strip for char in segment.text] for strip in strips]


def textuals_lines(widget: Widget, region: Region | None = None) -> list:
    """Textual's own drawing of the widget (of its content, or of the region asked for),
    through its usual path."""
    widget._styles_cache.clear()
    return cells(Widget.render_lines(widget, widget.size.region if region is None else region))
