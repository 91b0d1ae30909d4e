"""CircleApp: the shell every circle screen runs in.

It holds the repository and the clock, starts on the first screen, and gives every
screen the same help (`?`/F1), command palette entries, themes and size notice.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Collection, Iterable, Mapping, Sequence

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen

from circle import hints
from circle.domain.clock import Clock, SystemClock
from circle.paths import styles_dir
from circle.collector import release_collector
from circle.errors import CircleError
from circle.store.preferences import load_preferences, save_preference
from circle.ui.dialogs import Confirm
from circle.ui.size_notice import TooSmall, too_small
from circle.ui.terminal_filter import ShowControls
from circle.ui.textual_compat import KeepsCrash, as_pushed, forget_removed_widgets
from circle.ui.themes import CIRCLE, HIGH_CONTRAST, THEMES

if TYPE_CHECKING:
    from circle.store.repository import Repository


def _screen_actions() -> type[Provider]:
    # The palette's entries (and the key help's table widget they load) are imported when
    # first asked for: about 5 ms of a start of some 300 ms otherwise (benchmarks/startup.py).
    from circle.ui.palette import ScreenActions

    return ScreenActions


COLLECTOR_DELAY = 1.0  # seconds after mount


class NoTerminal(CircleError):
    """A full screen asked for where there is no terminal to read keys from."""

    exit_code = 2


def require_terminal() -> None:
    """NoTerminal unless standard input is a terminal: the full screen reads its keys there, and
    on a file, a pipe or /dev/null it would find the end of input again and again."""
    if not os.isatty(0):
        raise NoTerminal("the full screen needs a terminal, and standard input is not one "
                         "(to print instead: --plain or --json, where the command has them)")


class CircleApp(KeepsCrash):
    CSS_PATH = sorted(styles_dir().glob("*.tcss"))
    TITLE = "circle"
    COMMANDS = App.COMMANDS | {_screen_actions}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Keys", id="app.help", tooltip="Show every key"),
        Binding("ctrl+t", "toggle_contrast", "Contrast", id="app.contrast", show=False,
                tooltip="High-contrast theme on or off"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", show=False, priority=True),
    ]

    def __init__(
        self,
        repository: Repository,
        *,
        start: Callable[[], Screen],
        clock: Clock | None = None,
        high_contrast: bool = False,
        keymap: Mapping[str, str] | None = None,
        styles: Collection[str] | None = None,
    ) -> None:
        # styles: the stylesheets (by name, e.g. "session") the screens it opens need; app.tcss
        # always. Each one left out is CSS not parsed at start. Default: all of them.
        wanted = None if styles is None else {"app", *styles}
        super().__init__(css_path=[p for p in self.CSS_PATH if wanted is None or p.stem in wanted])
        self.repo: Repository = repository
        self.clock: Clock = clock or SystemClock()
        self._start = start
        self._show_controls = ShowControls()
        self.crashed: Exception | None = None
        for theme in THEMES:
            self.register_theme(theme)
        high_contrast = high_contrast or self._kept_preferences().get("high_contrast") is True
        self._start_in_theme(HIGH_CONTRAST.name if high_contrast else CIRCLE.name)
        self.keymap: dict[str, str] = dict(keymap or {})  # as given: messages name its keys (key_names)
        if keymap:
            self.set_keymap(dict(keymap))

    def run(self, *args: Any, **kwargs: Any) -> Any:
        """Run the app; an error it met is raised here, for the command's one-line report.

        Every full-screen command starts here, so here it is refused without a terminal."""
        if not kwargs.get("headless"):
            require_terminal()
        result = super().run(*args, **kwargs)
        if self.crashed is not None:
            raise self.crashed
        return result

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (colour, NO_COLOR), then the one that shows controls as symbols."""
        return [*super().get_line_filters(), self._show_controls]

    def _start_in_theme(self, name: str) -> None:
        """Start in a theme before anything is styled.

        Assigning self.theme here would make Textual re-parse and re-apply every
        stylesheet right after start. Nothing is styled yet, so the first styling
        only needs the value, the theme's CSS variables and its class.
        """
        default, theme = self.current_theme, self.get_theme(name)
        if theme is None or (default.dark, default.ansi) != (theme.dark, theme.ansi):
            self.theme = name  # the terminal colour filter changes too: the full switch
            return
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(True, f"-theme-{name}", update=False)

    def load_styles(self, *names: str) -> None:
        """Add stylesheets left out at start (see `styles`), before a screen that uses them opens."""
        missing = [p for p in self.CSS_PATH if p.stem in names and p not in self.css_path]
        if not missing:
            return
        self.css_path = [*self.css_path, *missing]
        self.stylesheet.read_all(missing)
        self.stylesheet.reparse()
        self.stylesheet.update(self)

    @property
    def high_contrast(self) -> bool:
        return self.theme == HIGH_CONTRAST.name

    def get_default_screen(self) -> Screen:
        # The first screen is the bottom of the stack itself: pushed over Textual's blank
        # default screen, it would be styled and drawn once while the app is still starting.
        screen = self._start()
        # As a pushed screen has, so it can be switched away (check-in to the session).
        as_pushed(screen)
        return screen

    def on_mount(self) -> None:
        self._check_size()
        # Each screen needs its own size (circle.ui.size_notice): check again as they change.
        self.screen_change_signal.subscribe(self, lambda _screen: self.call_later(self._check_size))
        # Once the first screen and its footer are drawn (see circle.collector).
        self.set_timer(COLLECTOR_DELAY, release_collector)

    def on_resize(self, event: events.Resize) -> None:
        # The app's size settles after its own resize handling: check once it has.
        self.call_later(self._check_size)

    def _check_size(self) -> None:
        width, height = self.size
        if too_small(width, height, self.screen_stack):
            if self._notice_on_top():
                self.screen.show_size(width, height)
            else:
                self._push_notice()
        elif self._notice_on_top():
            self.pop_screen()

    def _notice_on_top(self) -> bool:
        stack = self.screen_stack
        return bool(stack) and isinstance(stack[-1], TooSmall)

    def _push_notice(self) -> None:
        super().push_screen(TooSmall(*self.size))

    # The size notice stays on top: a screen opened while it shows goes in under it.
    def push_screen(self, screen, callback=None, wait_for_dismiss=False, *, mode=None):  # type: ignore[override]
        if isinstance(screen, TooSmall) or not self._notice_on_top():
            return super().push_screen(screen, callback, wait_for_dismiss, mode=mode)
        self.pop_screen()
        result = super().push_screen(screen, callback, wait_for_dismiss, mode=mode)
        self._push_notice()
        return result

    def pop_screen(self):  # type: ignore[override]
        # Each dialog closed and each notification (below) let go of what Textual keeps of the
        # widgets removed before it: toasts and dialogs of a long session would fill its cache.
        forget_removed_widgets()
        return super().pop_screen()

    def switch_screen(self, screen):  # type: ignore[override]
        forget_removed_widgets()
        if not self._notice_on_top():
            return super().switch_screen(screen)
        self.pop_screen()
        result = super().switch_screen(screen)
        self._push_notice()
        return result

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own key panel would compete with circle's key help (offered by ScreenActions).
        # Over SSH a screenshot would be written on the server, outside the data home and its
        # permissions, where the teacher cannot fetch it.
        left_out = {"Keys", "Screenshot"} if hints.over_ssh() else {"Keys"}
        for command in super().get_system_commands(screen):
            if command.title not in left_out:
                yield command

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Textual's notification; over SSH, with the server's data home written HOME."""
        forget_removed_widgets()  # the toasts gone since the last one
        super().notify(hints.without_server_paths(message), title=title, severity=severity, timeout=timeout,
                       markup=markup)

    def action_help(self) -> None:
        # Imported when first asked for: its table widget is about 5 ms of a start (see above).
        from circle.ui.help import KeyHelp, screen_keys

        screen = self.screen
        if isinstance(screen, (KeyHelp, TooSmall)):
            return
        title = getattr(screen, "HELP_TITLE", "") or screen.__class__.__name__
        self.push_screen(KeyHelp(title, screen_keys(screen)))

    def _whose(self) -> tuple[Path, str] | None:
        """The data home and the person whose preferences these are (None for a bare repository)."""
        home, actor = getattr(self.repo, "home", None), getattr(self.repo, "actor", None)
        return (home, actor) if home is not None and actor else None

    def _kept_preferences(self) -> dict:
        whose = self._whose()
        return load_preferences(*whose) if whose else {}

    async def action_quit(self) -> None:
        """Quit; a screen with something to lose (a running session) asks first."""
        ask = getattr(self.screen, "quit_question", None)
        question = ask() if callable(ask) else None
        if not question:
            self.exit()
            return
        self.push_screen(Confirm(question, yes="Leave"), lambda yes: self.exit() if yes else None)

    def action_toggle_contrast(self) -> None:
        self.theme = CIRCLE.name if self.high_contrast else HIGH_CONTRAST.name
        self.notify("High-contrast theme" if self.high_contrast else "Normal theme", timeout=2)
        whose = self._whose()
        try:
            if whose:
                save_preference(*whose, "high_contrast", self.high_contrast)
        except CircleError as error:
            self.notify(f"The theme is not kept for next time: {error}", severity="warning", markup=False)
