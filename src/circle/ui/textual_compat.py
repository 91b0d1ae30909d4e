"""The few private Textual names circle uses, each for what no public API offers.

Checked against Textual 8.2.8 (the version pyproject admits); tests/ui/test_textual_compat.py
fails if Textual changes any of them. Nowhere else in circle is a private Textual or Rich
name used (tests/unit/test_public_textual.py).
"""

from __future__ import annotations

from typing import Any

from textual._styles_cache import StylesCache
from textual.app import App
from textual.binding import BindingsMap
from textual.dom import DOMNode
from textual.screen import Screen

CHECKED_AGAINST = "8.2.8"


def binding_chain(screen: Screen) -> list[tuple[DOMNode, BindingsMap]]:
    """Every node whose keys reach the screen (focused widget first, then its containers, the
    screen and the app), up to the first modal screen, each with its bindings, keymap applied.

    Why private: ``Screen.active_bindings`` drops a key whose ``check_action`` says False and
    keeps one binding per key; the key help lists those keys too (dimmed)."""
    return screen._modal_binding_chain


def as_pushed(screen: Screen) -> None:
    """Give the first screen what a pushed screen has, so the app can switch it away.

    Why private: ``App.switch_screen`` takes the current screen's result callback, which only
    ``push_screen`` gives it; the first screen is the app's default screen, never pushed (a
    screen pushed over Textual's blank one would be styled and drawn once more at start)."""
    screen._push_result_callback(screen, None)


class KeepsCrash(App[Any]):
    """An app that keeps an error from its handlers in ``crashed`` and leaves the traceback
    Textual would print when it closes unprinted: circle reports one line and writes a crash
    report instead.

    Why private: Textual reports such an error only through ``_handle_exception``, and
    prints what it collected in ``_exit_renderables`` on the way out."""

    crashed: Exception | None = None

    def _handle_exception(self, error: Exception) -> None:
        self.crashed = error
        super()._handle_exception(error)
        self._exit_renderables.clear()


def forget_removed_widgets() -> None:
    """Let go of what Textual keeps of widgets already removed (their drawn lines).

    Why private: ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method, so each of its
    1,024 entries keeps a widget's style cache, with every line it drew, after the widget is
    gone: each toast and each dialog opened adds one (about 20 KiB), and a long session fills
    it (Textual issue #6665; a reproduction in docs/textual-styles-cache.md). Emptying it costs
    each widget on screen two Style objects at its next draw."""
    StylesCache.get_inner_outer.cache_clear()
