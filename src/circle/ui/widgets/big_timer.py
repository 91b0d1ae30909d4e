"""A timer the back of the room can read: Digits coloured normal, warning or overtime.

Configured from outside with ``show``; it redraws only when the text or state changes,
so a clock ticking several times a second costs next to nothing.
"""

from __future__ import annotations

from functools import cached_property
from typing import Protocol, Self

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Region
from textual.renderables.digits import Digits as DigitsRenderable
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Digits, Static

from circle.domain.durations import clock_text
from circle.ui.widgets.backdrop import Backdrop
from circle.ui.widgets.block_digits import TIMER_COMPONENTS, BlockDigits, TimerLook
from circle.ui.widgets.own_lines import OwnLines

FLASH_SECONDS = 1.6
FLASH_STEPS = 4


class TimerLike(Protocol):
    total: float | None
    elapsed: float
    remaining: float | None
    state: str
    running: bool



def timer_text(view: TimerLike) -> str:
    """What the digits show: time left, '+' and time over once past zero, or time so far."""
    if view.remaining is None:
        return clock_text(view.elapsed)
    if view.remaining > 0:
        # Ceiling, so "0:00" appears exactly when zero is reached, not a second early.
        return clock_text(-int(-view.remaining // 1))
    return "+" + clock_text(-view.remaining)


class TimerDigits(TimerLook, OwnLines, Digits):
    """Textual's Digits, as wide as the timer, in the colour of the timer's state.

    The three lines are built here from Textual's digits renderable, in the timer's style,
    and kept until the text, width or look changes: the timer is drawn every second.
    """

    COMPONENT_CLASSES = TIMER_COMPONENTS

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value, id=id)
        self.drawn_for: tuple[object, ...] = ()
        self.drawn: list[Strip] = []
        self.updating = False

    def update(self, value: str) -> None:
        if value == self.value:
            return
        self.updating = True
        try:
            super().update(value)
        finally:
            self.updating = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        # Digits lay the whole screen out again when the text's width changes ("4:59" and
        # "+0:12": each next speaker or back after a turn that ran over). Three lines tall
        # whatever they show and, unless sized to their text, as wide as the timer: then the
        # text moves nothing else, and only these lines are drawn again.
        if self.updating and not self.sized_by_text():
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def sized_by_text(self) -> bool:
        """Whether the layout gives the digits their text's width: an auto width, an auto-wide
        container, or a share (fr) of a container that gives its children what they need only."""
        width, parent = self.styles.width, self.parent
        if parent is None or (width is not None and width.is_auto):
            return True
        around = parent.styles
        return bool((around.width is not None and around.width.is_auto)
                    or (width is not None and width.is_fraction and around.expand == "optimal"))

    def forget_lines(self) -> None:
        self.drawn_for = ()

    def render_line(self, y: int) -> Strip:
        if self.text_selection or self.styles.text_align not in ("left", "start"):
            return super().render_line(y)  # what Textual's Digits do with these, as they do it
        width = self.size.width
        if self.drawn_for != (self.value, width):
            self.drawn_for = (self.value, width)
            self.drawn = digit_lines(self.value, self.timer_style(self.rich_style), width)
        return self.drawn[y] if y < len(self.drawn) else Strip.blank(width)


def digit_lines(text: str, style: Style, width: int) -> list[Strip]:
    """The three lines Textual's Digits show for text, left-aligned in width cells."""
    lines = Segment.split_lines(DigitsRenderable(text, style).render(style))
    return [Strip(line).adjust_cell_length(width, style) for line in lines][:3]


class BigTimer(Backdrop, Widget):
    """Digits with a caption above, in the colour of the timer's state (dim when paused); the timer's class -flash."""

    DEFAULT_CSS = """
    BigTimer { height: auto; }
    BigTimer > Digits { width: 1fr; }
    BigTimer > BlockDigits { display: none; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[str, str, bool, str] | None = None
        self._flashes_left = 0

    def compose(self) -> ComposeResult:
        yield Static(id="timer-caption", classes="timer-caption")
        yield TimerDigits("0:00", id="timer-digits")
        yield BlockDigits("0:00", id="timer-blocks")  # shown instead of Digits when the CSS says so

    @property
    def text(self) -> str:
        return self._shown[0] if self._shown else "0:00"

    @cached_property
    def digit_widgets(self) -> tuple[TimerDigits, BlockDigits]:
        return self.query_one(TimerDigits), self.query_one(BlockDigits)

    def show(self, view: TimerLike | None, caption: str) -> None:
        if view is None:
            state, text, paused = "normal", "-:--", False
        else:
            state, text, paused = view.state, timer_text(view), not view.running
        shown = (text, state, paused, caption)
        if shown == self._shown:
            return
        before = self._shown
        self._shown = shown
        if before is None or before[0] != text:
            for digits in self.digit_widgets:
                digits.show_text(text)
        if before is None or before[3] != caption:  # a redraw of an unchanged line still costs a frame's work
            self.query_one("#timer-caption", Static).update(Text(caption), layout=False)  # one fixed line
        for digits in self.digit_widgets:
            digits.show_look(state, paused)

    @property
    def state(self) -> str:
        """normal, warning or overtime: the colour the digits are in."""
        return self._shown[1] if self._shown else "normal"

    def alarm(self) -> None:
        """Zero reached: ring the terminal bell (it reaches SSH users too) and flash a few times."""
        self.app.bell()
        self._flashes_left = FLASH_STEPS
        self._flash_step()

    def stop_flash(self) -> None:
        self._flashes_left = 0
        self.remove_class("-flash")

    def _flash_step(self) -> None:
        if self._flashes_left <= 0:
            self.remove_class("-flash")
            return
        self.toggle_class("-flash")
        self._flashes_left -= 1
        self.set_timer(FLASH_SECONDS / FLASH_STEPS, self._flash_step)
