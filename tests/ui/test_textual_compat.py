"""What circle.ui.textual_compat takes from Textual's private parts still works as it relies on.

Each test fails if the Textual installed changes the private name it uses, or what it does.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap
from textual.screen import Screen
from textual.widgets import Button, Static

from circle.ui import textual_compat
from circle.ui.textual_compat import KeepsCrash, as_pushed, binding_chain


def test_the_installed_textual_is_the_one_checked() -> None:
    assert version("textual") == textual_compat.CHECKED_AGAINST


class Keys(Screen):
    BINDINGS = [Binding("n", "next", "Next"), Binding("h", "hidden", "Hidden")]

    def compose(self) -> ComposeResult:
        yield Button("a button")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return False if action == "hidden" else True


class KeysApp(App[None]):
    BINDINGS = [Binding("ctrl+t", "other", "Other")]

    def on_mount(self) -> None:
        self.push_screen(Keys())


async def test_the_binding_chain_runs_from_the_focus_to_the_app_with_every_key() -> None:
    app = KeysApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one(Button).focus()
        await pilot.pause()
        chain = binding_chain(screen)
        nodes = [node for node, _bindings in chain]
        assert nodes[0] is screen.query_one(Button) and screen in nodes and nodes[-1] is app
        assert all(isinstance(bindings, BindingsMap) for _node, bindings in chain)
        keys = {key for node, bindings in chain if node is screen for key, _binding in bindings}
        assert {"n", "h"} <= keys  # a key check_action hides is in the chain too
        assert "h" not in screen.active_bindings  # (which is why the public map will not do)


class Second(Screen):
    def compose(self) -> ComposeResult:
        yield Static("second")


class FirstIsDefault(App[None]):
    def get_default_screen(self) -> Screen:
        screen = Screen()
        as_pushed(screen)
        return screen


async def test_a_default_screen_given_a_result_callback_can_be_switched_away() -> None:
    app = FirstIsDefault()
    async with app.run_test() as pilot:
        await app.switch_screen(Second())
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [Second]


class Crashing(KeepsCrash):
    def on_mount(self) -> None:
        raise RuntimeError("boom")


def test_an_error_in_a_handler_is_kept_and_its_traceback_not_printed(capsys) -> None:
    app = Crashing()
    app.run(headless=True, size=(40, 10))
    assert isinstance(app.crashed, RuntimeError)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out and "boom" not in captured.err + captured.out


def test_the_private_hooks_keep_their_shape() -> None:
    assert isinstance(inspect.getattr_static(Screen, "_modal_binding_chain"), property)
    assert list(inspect.signature(Screen._push_result_callback).parameters)[1:3] == ["requester", "callback"]
    assert list(inspect.signature(App._handle_exception).parameters) == ["self", "error"]
