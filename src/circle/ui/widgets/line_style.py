"""The style a widget fills the end of a short line with, for widgets that draw whole lines."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def background_style(widget: Widget) -> Style:
    """The widget's background alone (no foreground), as Textual fills a line that ends short."""
    return Style.from_color(bgcolor=widget.visual_style.rich_style.bgcolor)
