"""The notice shown while the terminal is smaller than the app can lay out."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


def notice_text(width: int, height: int) -> str:
    return (
        f"This window is {width}x{height}.\n"
        f"circle needs at least {MIN_WIDTH}x{MIN_HEIGHT} (columns x rows).\n"
        "Make the window or terminal larger, or the font smaller."
    )


class TooSmall(ModalScreen[None]):
    """Covers the app until the window is large enough; the app removes it then."""

    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self._size_shown = (width, height)

    def compose(self) -> ComposeResult:
        yield Static(Text(notice_text(*self._size_shown)), id="too-small-text")

    def show_size(self, width: int, height: int) -> None:
        self._size_shown = (width, height)
        for text in self.query("#too-small-text").results(Static):
            text.update(Text(notice_text(width, height)))
