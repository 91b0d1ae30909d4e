"""How the app starts: its first screen is the bottom of the stack, the footer rebuilds once
per burst of key changes, and the collector held during start-up is given back."""

from __future__ import annotations

import gc

import pytest
from pilot_wait import until
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static


import circle.ui.app as app_module
from circle.collector import hold_collector
from circle.ui.app import CircleApp
from circle.ui.widgets.footer import FooterKey, KeyFooter


class First(Screen):
    BINDINGS = [Binding("n", "noop", "Next one", id="first.next")]
    flag = False

    def compose(self) -> ComposeResult:
        yield Static("first")
        yield KeyFooter()

    def action_noop(self) -> None:
        pass

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "noop" and self.flag else True


class Second(Screen):
    def compose(self) -> ComposeResult:
        yield Static("second")


def footer_keys(screen: Screen) -> list[tuple[str, str, bool]]:
    return [(k.key_display, k.description, k.has_class("-disabled")) for k in screen.query(FooterKey)]


async def test_the_first_screen_is_the_whole_stack_and_can_be_switched_away() -> None:
    app = CircleApp(None, start=First)
    async with app.run_test(size=(80, 24)) as pilot:
        assert [type(s) for s in app.screen_stack] == [First]
        app.switch_screen(Second())
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [Second]


async def test_the_footer_rebuilds_once_for_a_burst_of_key_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    # What is counted is the footer's pass over its keys (the stock rebuild, or the update
    # of the keys in place the circle footer does when only a key's state changed).
    rebuilds: list[KeyFooter] = []
    stock = KeyFooter.recompose

    async def counted(self: KeyFooter) -> None:
        rebuilds.append(self)
        await stock(self)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    app = CircleApp(None, start=First)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert ("n", "Next one", False) in footer_keys(screen)
        rebuilds.clear()

        screen.flag = True  # the key is disabled now: the footer must show the last state
        for _ in range(3):
            screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert len(rebuilds) == 1
        assert ("n", "Next one", True) in footer_keys(screen)

        # A later change is not swallowed by the earlier one.
        screen.flag = False
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert len(rebuilds) == 2
        assert ("n", "Next one", False) in footer_keys(screen)


async def test_the_collector_held_at_start_is_given_back_once_the_app_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "COLLECTOR_DELAY", 0.01)
    assert gc.isenabled()
    try:
        hold_collector()
        assert not gc.isenabled()
        app = CircleApp(None, start=First)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, gc.isenabled, "the (shortened) delay to pass and the collector to run")
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()
