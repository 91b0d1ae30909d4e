"""The notice shown while the terminal is smaller than the screen on top can lay out.

A screen needs 80x24 unless it says it works smaller with a ``MIN_SIZE`` class attribute
(the goals review and the home screen work at a phone's 50x20). A dialog or form that says
nothing goes with the screen under it. The notice names the commands that work at the
size there is, and q, escape or ctrl+q leave: back to a screen that fits, or out of circle.
"""

from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from circle import hints

MIN_WIDTH = 80
MIN_HEIGHT = 24
ROOMY = (MIN_WIDTH, MIN_HEIGHT)
NARROW = (50, 20)  # a phone's SSH client: the goals review and the home screen work here


def needed_size(stack: Sequence[Screen]) -> tuple[int, int]:
    """The size the top of this screen stack needs: the top screen's own, or the one under a dialog's."""
    for screen in reversed(stack):
        if isinstance(screen, TooSmall):
            continue
        size = getattr(screen, "MIN_SIZE", None)
        if size is not None:
            return size
        if not isinstance(screen, ModalScreen):
            return ROOMY
    return ROOMY


def too_small(width: int, height: int, stack: Sequence[Screen] = ()) -> bool:
    need_width, need_height = needed_size(stack)
    return width < need_width or height < need_height


def circle_of(screen: Screen | None) -> str | None:
    """The circle a screen shows (its slug), whichever of the usual places holds it."""
    for path in ("slug", "setup.slug", "live.setup.slug", "follower.slug"):
        found: object = screen
        for name in path.split("."):
            found = getattr(found, name, None)
        if isinstance(found, str) and found:
            return found
    return None


def commands_that_fit(circle: str | None, width: int, height: int) -> list[str]:
    """What works at this size, in the syntax that reaches circle from here: printouts at any size,
    the goals review from a phone's width up."""
    review = [hints.command("goals")] if width >= NARROW[0] and height >= NARROW[1] else []
    return [hints.command("watch", circle or "CIRCLE", "--plain"), *review, hints.command("goals", "--plain")]


def notice_text(width: int, height: int, stack: Sequence[Screen] = (), *, back: bool = False) -> str:
    need_width, need_height = needed_size(stack)
    covered = next((s for s in reversed(stack) if not isinstance(s, TooSmall)), None)
    lines = [
        f"This window is {width}x{height}.",
        f"This screen needs at least {need_width}x{need_height} (columns x rows).",
        "Make the window larger or the font smaller.",
    ]
    lines += ["", "At this size these work:", *commands_that_fit(circle_of(covered), width, height)]
    lines += ["", "q or esc: back   ctrl+q: quit" if back else "q, esc or ctrl+q: quit"]
    return "\n".join(lines)


def fitting_below(app: App) -> int | None:
    """How many screens to close (under the notice) for one that fits this size; None if none does."""
    stack = [s for s in app.screen_stack if not isinstance(s, TooSmall)]
    width, height = app.size
    for depth in range(1, len(stack)):
        rest = stack[:-depth]
        if not isinstance(rest[-1], ModalScreen) and not too_small(width, height, rest):
            return depth
    return None


class TooSmall(ModalScreen[None]):
    """Covers the app until the window is large enough for the screen under it; the app removes it then."""

    BINDINGS = [Binding("q,escape", "leave", "Leave", id="too-small.leave")]

    def __init__(self, width: int, height: int) -> None:
        super().__init__()
        self._size_shown = (width, height)
        self._asked: str | None = None  # the covered screen's question, once a key to leave showed it

    def compose(self) -> ComposeResult:
        yield Static(id="too-small-text")

    def on_mount(self) -> None:
        self.show_size(*self._size_shown)

    def _covered(self) -> Screen | None:
        below = [s for s in self.app.screen_stack if s is not self and not isinstance(s, TooSmall)]
        return below[-1] if below else None

    def _back_depth(self) -> int | None:
        if self._question():
            return None  # a running session is left only by quitting, once its question is answered
        return fitting_below(self.app)

    def _question(self) -> str | None:
        ask = getattr(self._covered(), "quit_question", None)
        return ask() if callable(ask) else None

    def show_size(self, width: int, height: int) -> None:
        self._size_shown = (width, height)
        stack = [s for s in self.app.screen_stack if s is not self]
        text = notice_text(width, height, stack, back=self._back_depth() is not None)
        if self._asked:
            text += f"\n\n{self._asked}\nq or esc again: leave"
        for shown in self.query("#too-small-text").results(Static):
            shown.update(Text(text))

    def action_leave(self) -> None:
        depth = self._back_depth()
        if depth is not None:
            self.app.pop_screen()  # this notice, then the screens down to one that fits
            for _ in range(depth):
                self.app.pop_screen()
            return
        question = self._question()
        if question and not self._asked:
            self._asked = question
            self.show_size(*self._size_shown)
            return
        self.app.exit()
