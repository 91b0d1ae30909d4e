"""Clock digits drawn in full blocks, scaled to fill the space they are given.

Textual's Digits are three rows tall; on a projector-sized terminal the timer
should be read from the back of the room, so this draws each digit from a 3x5
block font at the largest scale that fits.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip

from textual.widget import Widget

from circle.ui.widgets.displayed import displayed
from circle.ui.widgets.line_style import background_style
from circle.ui.widgets.own_lines import OwnLines

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


@lru_cache(maxsize=256)  # a clock shows few texts at a time, worked out again each second
def pixel_rows(text: str) -> tuple[str, ...]:
    """The text as five rows of '#' and '.', one blank pixel column between glyphs."""
    glyphs = [FONT.get(ch, FONT[" "]) for ch in text]
    return tuple(".".join(glyph[row] for glyph in glyphs) for row in range(ROWS))


@lru_cache(maxsize=256)
def fit_scale(text: str, width: int, height: int) -> tuple[int, int]:
    """Columns and rows per pixel: as large as fits, pixels twice as wide as tall (cells are tall)."""
    pixels_wide = len(pixel_rows(text)[0]) or 1
    rows = max(1, height // ROWS)
    while rows > 1 and pixels_wide * rows * 2 > width:
        rows -= 1
    cols = 2 * rows if pixels_wide * rows * 2 <= width else 1
    return cols, rows


def scaled_rows(text: str, width: int, height: int) -> tuple[list[str], int]:
    """The text in full blocks, a line per row of pixels, and how many lines each row spans."""
    cols, rows = fit_scale(text, width, height)
    return ["".join(("█" if p == "#" else " ") * cols for p in pixels) for pixels in pixel_rows(text)], rows


def block_lines(text: str, width: int, height: int) -> list[str]:
    """The text in full blocks, a line each, at the largest scale that fits."""
    lines, rows = scaled_rows(text, width, height)
    return [line for line in lines for _ in range(rows)]


def changed_parts(old: str, new: str, width: int, height: int) -> list[Region] | None:
    """The parts of the widget that differ between drawing old and new: for each run of pixel
    rows with a change, the box around the pixels that changed in it (none when nothing
    did); None when the two are not drawn at the same scale, so all of it may. Runs, not
    one box: Textual's cost of a frame grows with the lines it redraws, and a second's turn
    often changes the top and the bottom of a digit but not its middle."""
    old_rows, new_rows = pixel_rows(old), pixel_rows(new)
    scale = fit_scale(new, width, height)
    if not width or len(old_rows[0]) != len(new_rows[0]) or fit_scale(old, width, height) != scale:
        return None
    cols, rows = scale
    parts: list[Region] = []
    run: list[tuple[int, list[int]]] = []  # (pixel row, the pixels changed in it), rows in a run
    for y, (o, n) in enumerate([*zip(old_rows, new_rows), ("", "")]):  # a last row without change ends a run
        xs = [x for x in range(len(n)) if o[x] != n[x]]
        if xs:
            run.append((y, xs))
            continue
        if run:
            left, right = min(min(xs) for _, xs in run), max(max(xs) for _, xs in run)
            parts.append(Region(left * cols, run[0][0] * rows, (right - left + 1) * cols, len(run) * rows))
            run = []
    return parts


class TimerLook:
    """Mixed into the timer's digits: ``show_look(state, paused)`` draws them in the state's
    colour (normal, warning, overtime), dim when paused. Drawn so rather than set as CSS
    classes: a class change restyles the widget, most of the cost of a pause key and of a
    next speaker after a turn that ran over. The colours stay in the styles, as the
    components ``timer--warning`` and ``timer--overtime`` (each widget names them in its
    COMPONENT_CLASSES: Textual reads those from widget classes only)."""

    state = "normal"
    paused = False
    waiting_text: str | None = None  # the text to show once displayed

    def show_text(self, text: str) -> None:
        """Show text now if on screen, else once shown (see circle.ui.widgets.displayed)."""
        widget: Any = self  # mixed into widgets only
        if displayed(widget):
            self.waiting_text = None
            widget.update(text)
        else:
            self.waiting_text = text

    def on_show(self) -> None:
        if self.waiting_text is not None:
            text, self.waiting_text = self.waiting_text, None
            self.show_text(text)

    def show_look(self, state: str, paused: bool) -> None:
        if (state, paused) != (self.state, self.paused):
            self.state, self.paused = state, paused
            self.forget_lines()
            self.refresh()  # type: ignore[attr-defined]  # mixed into widgets only

    def forget_lines(self) -> None:
        """Drop the lines kept: they are drawn again, in the new look."""
        raise NotImplementedError

    def notify_style_update(self) -> None:
        self.forget_lines()  # a colour change (a theme, a flash) recolours every line
        super().notify_style_update()  # type: ignore[misc]

    def timer_style(self, style: Style) -> Style:
        """The widget's style in the state's colour (not while the timer flashes: the flash's
        colour is the widget's own); paused, dim in place of bold (Textual's Digits then draw
        thinner lines)."""
        widget: Any = self
        if self.state in ("warning", "overtime") and not widget.parent.has_class("-flash"):
            style += widget.get_component_rich_style(f"timer--{self.state}", partial=True)
        return Style.from_color(style.color, style.bgcolor) + Style(dim=True) if self.paused else style


TIMER_COMPONENTS = {"timer--warning", "timer--overtime"}


class BlockDigits(TimerLook, OwnLines, Widget):
    COMPONENT_CLASSES = TIMER_COMPONENTS
    DEFAULT_CSS = """
    BlockDigits { height: 10; width: 1fr; }
    """

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._value = value
        self._strips: tuple[tuple[str, int, int], list[Strip], Strip] | None = None
        self._made: dict[str, Strip] = {}  # each row of pixels' line, by its text

    @property
    def value(self) -> str:
        return self._value

    def update(self, value: str) -> None:
        if value == self._value:
            return
        old, self._value = self._value, value
        size = self.content_size
        changed = changed_parts(old, value, size.width, size.height)
        if changed is None:
            self.refresh()
        elif changed:
            # Only the pixels that changed: on a projector the timer is thousands of cells,
            # and a second turning changes part of one or two digits.
            self.refresh(*changed)

    def forget_lines(self) -> None:
        self._strips = None

    def render_line(self, y: int) -> Strip:
        lines, blank = self.drawn_at(self.size)
        return lines[y] if 0 <= y < len(lines) else blank

    def drawn_at(self, size: Size) -> tuple[list[Strip], Strip]:
        """Every line, and the blank line below them, from a few whole-width lines kept until
        the text, size or style changes: the timer is redrawn every second, and on a projector
        it is thousands of cells."""
        width, height = size
        key = (self._value, width, height)
        if self._strips is None or self._strips[0] != key:
            # The background alone right of the digits, as Textual fills a line that ends short.
            style, rest = self.timer_style(self.rich_style), background_style(self)
            rows_of_pixels, rows = scaled_rows(self._value, width, height)
            # One line object for all the rows a pixel spans, and the last second's object for
            # a row that did not change: Textual keeps what it works out from a line (filtered,
            # cut up) on the line, so the copies cost nothing more.
            before = self._made if self._strips is not None and self._strips[0][1:] == key[1:] else {}
            self._made = {
                line: before.get(line) or Strip([Segment(line, style)], len(line)).adjust_cell_length(width, rest)
                for line in rows_of_pixels
            }
            lines = [self._made[line] for line in rows_of_pixels for _ in range(rows)]
            self._strips = (key, lines, Strip([Segment(" " * width, style)], width))  # blank: the rows below
        return self._strips[1], self._strips[2]
