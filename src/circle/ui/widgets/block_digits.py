"""Clock digits drawn in full blocks, scaled to fill the space they are given.

Textual's Digits are three rows tall; on a projector-sized terminal the timer
should be read from the back of the room, so this draws each digit from a 3x5
block font at the largest scale that fits.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..", "..", "..", "..", ".."),
}
ROWS = 5


def pixel_rows(text: str) -> list[str]:
    """The text as five rows of '#' and '.', one blank pixel column between glyphs."""
    glyphs = [FONT.get(ch, FONT[" "]) for ch in text]
    return [".".join(glyph[row] for glyph in glyphs) for row in range(ROWS)]


def fit_scale(text: str, width: int, height: int) -> tuple[int, int]:
    """Columns and rows per pixel: as large as fits, pixels twice as wide as tall (cells are tall)."""
    pixels_wide = len(pixel_rows(text)[0]) or 1
    rows = max(1, height // ROWS)
    while rows > 1 and pixels_wide * rows * 2 > width:
        rows -= 1
    cols = 2 * rows if pixels_wide * rows * 2 <= width else 1
    return cols, rows


def render_blocks(text: str, width: int, height: int) -> Text:
    cols, rows = fit_scale(text, width, height)
    lines: list[str] = []
    for pixels in pixel_rows(text):
        line = "".join(("█" if p == "#" else " ") * cols for p in pixels)
        lines.extend([line] * rows)
    return Text("\n".join(lines), no_wrap=True, overflow="crop")


class BlockDigits(Widget):
    DEFAULT_CSS = """
    BlockDigits { height: 10; width: 1fr; }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value

    @property
    def value(self) -> str:
        return self._value

    def update(self, value: str) -> None:
        if value != self._value:
            self._value = value
            self.refresh()

    def render(self) -> Text:
        return render_blocks(self._value, self.content_size.width, self.content_size.height)
