"""A name in large letters for the back of the room: a 3x5 pixel font drawn in half blocks.

Two pixel rows share one terminal row (▀ ▄ █), so a five-pixel letter is three rows tall
at the smallest scale. A name the font cannot draw (a letter outside A-Z after accents
are taken off, say) gets None, and the caller shows it as plain bold text instead.
"""

from __future__ import annotations

import textwrap
import unicodedata

from rich.text import Text
from textual.widget import Widget

from circle.ui.widgets.block_digits import FONT as DIGITS

LETTERS: dict[str, tuple[str, ...]] = {
    "A": (".#.", "#.#", "###", "#.#", "#.#"), "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": (".##", "#..", "#..", "#..", ".##"), "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"), "F": ("###", "#..", "##.", "#..", "#.."),
    "G": (".##", "#..", "#.#", "#.#", ".##"), "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"), "J": ("..#", "..#", "..#", "#.#", ".#."),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"), "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#.#", "###", "###", "#.#", "#.#"), "N": ("##.", "#.#", "#.#", "#.#", "#.#"),
    "O": (".#.", "#.#", "#.#", "#.#", ".#."), "P": ("##.", "#.#", "##.", "#..", "#.."),
    "Q": (".#.", "#.#", "#.#", "##.", ".##"), "R": ("##.", "#.#", "##.", "#.#", "#.#"),
    "S": (".##", "#..", ".#.", "..#", "##."), "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"), "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#.#", "#.#", "###", "###", "#.#"), "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."), "Z": ("###", "..#", ".#.", "#..", "###"),
    "'": ("#", "#", ".", ".", "."), ".": (".", ".", ".", ".", "#"), "?": ("##.", "..#", ".#.", "...", ".#."),
    ",": (".", ".", ".", "#", "#"), "!": ("#", "#", "#", ".", "#"), ":": (".", "#", ".", "#", "."),
    ";": (".", "#", ".", "#", "#"), '"': ("#.#", "#.#", "...", "...", "..."), "/": ("..#", "..#", ".#.", "#..", "#.."),
    "(": (".#", "#.", "#.", "#.", ".#"), ")": ("#.", ".#", ".#", ".#", "#."),
    **DIGITS,
}
ROWS = 5
HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


SAME = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})


def drawable(text: str) -> str | None:
    """The text in capitals the font can draw (accents taken off), or None if it cannot."""
    flat = unicodedata.normalize("NFD", text.upper().translate(SAME))
    plain = "".join(c for c in flat if not unicodedata.combining(c))
    return plain if plain and all(c in LETTERS for c in plain) else None


def pixel_rows(text: str) -> list[str]:
    glyphs = [LETTERS[ch] for ch in text]
    return [".".join(glyph[row] for glyph in glyphs) for row in range(ROWS)]


def render_name(text: str, width: int, height: int) -> Text | None:
    """The text in half-block letters at the largest scale that fits; None if it cannot be drawn."""
    letters = drawable(text)
    if letters is None:
        return None
    rows = pixel_rows(letters)
    scale = 1
    while len(rows[0]) * (scale + 1) <= width and -(-ROWS * (scale + 1) // 2) <= height and scale < 4:
        scale += 1
    if len(rows[0]) * scale > width or -(-ROWS * scale // 2) > height:
        return None
    tall = [row for row in rows for _ in range(scale)] + [""]  # an even count of pixel rows
    lines = []
    for top, bottom in zip(tall[::2], tall[1::2]):
        bottom = bottom or "." * len(top)
        line = "".join(HALVES[(t == "#", b == "#")] * scale for t, b in zip(top, bottom))
        lines.append(line)
    return Text("\n".join(lines), no_wrap=True, overflow="crop")


def render_words(text: str, width: int, max_rows: int) -> Text | None:
    """A short text (a prompt) in letters three rows tall, wrapped at words; None when the
    font cannot draw it or it would take more than max_rows."""
    letters = drawable(" ".join(text.split()))
    if letters is None or width < 8:
        return None
    lines = textwrap.wrap(letters, width=(width + 1) // 4, break_long_words=False)
    if not lines or len(lines) * 4 - 1 > max_rows:
        return None
    drawn = [render_name(line, len(pixel_rows(line)[0]), 3) for line in lines]
    if any(d is None for d in drawn):
        return None
    return Text("\n\n").join(drawn)  # type: ignore[arg-type]


class BigWords(Widget):
    """A prompt drawn large when it is short enough; plain bold text when it is not."""

    DEFAULT_CSS = """
    BigWords { height: auto; width: 1fr; }
    """
    MAX_ROWS = 15  # about four lines of letters; a longer text (a case story) stays plain

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""

    def show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.refresh(layout=True)

    def _body(self, width: int) -> Text:
        return render_words(self.text, width, self.MAX_ROWS) or Text(self.text, style="bold")

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._body(width).wrap(self.app.console, width)) if self.text else 0

    def render(self) -> Text:
        return self._body(self.content_size.width)


class BigName(Widget):
    """``show(name, caption)``: the speaker's name drawn large, or plain bold when it cannot be."""

    DEFAULT_CSS = """
    BigName { height: 6; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._speaker = ""  # not _name: that is the DOM node's own name
        self._caption = ""

    def show(self, name: str, caption: str = "") -> None:
        if (name, caption) != (self._speaker, self._caption):
            self._speaker, self._caption = name, caption
            self.set_class(not name, "-nobody")
            self.refresh()

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        caption = Text(self._caption, style="dim")
        if not self._speaker:
            return caption
        drawn = render_name(self._speaker, width, max(1, height - 1))
        body = drawn if drawn is not None else Text(self._speaker, style="bold")
        return Text("\n").join([caption, body]) if self._caption else body
