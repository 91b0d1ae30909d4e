"""Clock digits drawn in full blocks, scaled to fill the space they are given.

Textual's Digits are three rows tall; on a projector-sized terminal the timer
should be read from the back of the room, so this draws each digit from a 3x5
block font at the largest scale that fits.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip

from circle.ui.widgets.hidden_redraw import RedrawnWhenShown

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


def changed_columns(old: str, new: str, width: int, height: int) -> Region | None:
    """The part of the widget that differs between drawing old and new (an empty region when
    none does); None when the two are not drawn at the same scale, so all of it may."""
    old_rows, new_rows = pixel_rows(old), pixel_rows(new)
    if not width or len(old_rows[0]) != len(new_rows[0]) or fit_scale(old, width, height) != fit_scale(new, width, height):
        return None
    cols, _rows = fit_scale(new, width, height)
    changed = [x for x in range(len(new_rows[0])) if any(o[x] != n[x] for o, n in zip(old_rows, new_rows))]
    if not changed:
        return Region(0, 0, 0, 0)
    return Region(changed[0] * cols, 0, (changed[-1] - changed[0] + 1) * cols, height)


class BlockDigits(RedrawnWhenShown):
    DEFAULT_CSS = """
    BlockDigits { height: 10; width: 1fr; }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value
        self._strips: tuple[tuple[str, int, int], list[Strip], Strip] | None = None

    @property
    def value(self) -> str:
        return self._value

    def update(self, value: str) -> None:
        if value == self._value:
            return
        old, self._value = self._value, value
        changed = changed_columns(old, value, self.content_size.width, self.content_size.height)
        if changed is None:
            self.refresh()
        elif changed.width:
            # Only the glyphs that changed: on a projector the timer is thousands of cells,
            # and a second turning changes one or two digits of it.
            self.refresh(changed)

    def notify_style_update(self) -> None:
        self._strips = None  # a colour change (warning, overtime, a flash) recolours every line
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        # Line by line from a few strips kept until the text, size or style changes: the
        # timer is redrawn every second, and on a projector it is thousands of cells.
        key = (self._value, self.size.width, self.size.height)
        if self._strips is None or self._strips[0] != key:
            style = self.rich_style
            lines = render_blocks(self._value, self.size.width, self.size.height).plain.split("\n")
            blank = Strip([Segment(" " * self.size.width, style)], self.size.width)  # the rows below
            self._strips = (key, [Strip([Segment(line, style)], len(line)) for line in lines], blank)
        lines = self._strips[1]
        return lines[y] if 0 <= y < len(lines) else self._strips[2]
