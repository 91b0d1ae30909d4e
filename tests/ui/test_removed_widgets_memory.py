"""What Textual keeps of removed widgets is let go: dialogs and toasts of a long session
leave no drawn lines behind (circle.ui.textual_compat.forget_removed_widgets).

Textual 8.2's ``StylesCache.get_inner_outer`` is an lru_cache on a method: its 1,024 entries
keep the style caches of removed widgets, with every line they drew. In a session each dialog
and each toast added one; memory grew with every key until the cache was full.
"""

from __future__ import annotations

import gc

from pilot_wait import until
from session_driver import make_app, start_session
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label

from circle.ui.session.note_dialog import NoteDialog
from circle.ui.textual_compat import forget_removed_widgets

ROUNDS = 40


def kept_of_removed() -> int:
    """Style caches alive whose widget is gone."""
    gc.collect()
    objects = gc.get_objects()
    live = {id(node._styles_cache) for node in objects if isinstance(node, Widget)}
    return sum(1 for o in objects if isinstance(o, StylesCache) and id(o) not in live)


class Cards(App[None]):
    def compose(self) -> ComposeResult:
        yield Vertical(id="list")


async def test_textual_still_keeps_removed_widgets_and_forgetting_lets_them_go() -> None:
    # Fails when Textual stops keeping them: then forget_removed_widgets can go.
    app = Cards()
    async with app.run_test() as pilot:
        box = app.query_one("#list")
        for n in range(ROUNDS):
            await box.mount(Label(f"card {n}"))
            await pilot.pause()  # drawn once
            await box.remove_children()
        await pilot.pause()
        assert kept_of_removed() >= ROUNDS // 2  # each label drawn before it went is kept
        forget_removed_widgets()
        assert kept_of_removed() == 0


async def test_dialogs_opened_and_closed_in_a_session_leave_nothing_behind(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(100, 30)) as pilot:
        await start_session(pilot)
        for _ in range(ROUNDS):
            await pilot.press("t")
            await until(pilot, lambda: isinstance(pilot.app.screen, NoteDialog), "the note dialog")
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(pilot.app.screen, NoteDialog), "the note dialog to close")
        await pilot.pause()
        # At most the last dialog's widgets (it closed after the last release); without the
        # release every dialog's, several widgets each.
        assert kept_of_removed() < 12


async def test_toasts_gone_are_let_go_at_the_next_notification(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await start_session(pilot)
        for n in range(ROUNDS):
            app.notify(f"message {n}", timeout=0.01)
            await until(pilot, lambda: not app.query("Toast"), "the toast to go")
        app.notify("the last one", timeout=0.01)
        await until(pilot, lambda: not app.query("Toast"), "the toast to go")
        assert kept_of_removed() < 5  # the last toast and its rack's; without the release every one
