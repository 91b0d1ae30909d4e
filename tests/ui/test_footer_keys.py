"""The key footer keeps no removed key widgets alive, however many actions refresh its keys."""

from __future__ import annotations

import gc

from session_driver import advance, make_app
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


from circle.ui.session.screen import SessionScreen
from circle.ui.widgets.footer import FooterKey, KeyFooter


def live_keys() -> list[FooterKey]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, FooterKey)]


class Switching(App[None]):
    """Each press of x adds or drops a key, and relabels another: a full rebuild, then an update."""

    BINDINGS = [Binding("x", "switch", "Switch"), Binding("y", "other", "Other")]

    def __init__(self) -> None:
        super().__init__()
        self.flip = False
        self.label = 0

    def compose(self) -> ComposeResult:
        yield Static("keys")
        yield KeyFooter()

    def action_switch(self) -> None:
        self.flip = not self.flip
        self.refresh_bindings()

    def action_other(self) -> None:
        self.label += 1
        self.refresh_bindings()

    def action_extra(self) -> None:
        pass

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.flip if action == "extra" else True

    def get_key_display(self, binding: Binding) -> str:
        return f"{binding.key}{self.label}" if binding.key == "y" else super().get_key_display(binding)


Switching.BINDINGS.append(Binding("z", "extra", "Extra"))


async def test_rebuilt_and_updated_keys_leave_no_dead_widgets() -> None:
    app = Switching()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = len(app.query(FooterKey))
        for _ in range(60):
            await pilot.press("x")
            await pilot.press("y")
            await pilot.pause()
        footer = app.query_one(KeyFooter)
        keys = list(footer.query_children(FooterKey))
        assert [k.key_display for k in keys if k.key == "y"] == ["y60"]  # the label changed in place
        assert sum(1 for k in keys if k.has_class("-disabled")) == 0  # the flip ended enabled
        alive = live_keys()
        assert len(alive) <= shown + 2, f"{len(alive)} key widgets alive for {shown} shown"
        assert all(key.is_attached for key in alive)


async def test_a_long_session_keeps_a_bounded_number_of_key_widgets(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # check everyone in: the session starts
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        shown = len(app.screen.query(FooterKey))
        for round_ in range(40):
            await pilot.press("n", "space", "space", "p", "plus", "minus")
            await advance(pilot, clock, 5)
            if round_ % 10 == 9:
                await pilot.press("right_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and len(app.screen.live.engine.events) > 150
        alive = live_keys()
        assert len(alive) <= 2 * shown, f"{len(alive)} key widgets alive for {shown} shown"


class ManyKeys(App):
    BINDINGS = [Binding(k, f"press('{k}')", f"Action {k}") for k in "abcdefghij"]

    def compose(self) -> ComposeResult:
        yield Static("keys")
        yield KeyFooter()

    def action_press(self, key: str) -> None:
        pass


async def test_a_footer_key_shows_whole_or_not_at_all_and_comes_back_with_room() -> None:
    app = ManyKeys()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        keys = [key for key in footer.query_children(FooterKey) if not key.has_class("-command-palette")]
        shown = [key for key in keys if key.display]
        assert 0 < len(shown) < len(keys)  # some fit, the rest wait for room
        assert all(key.region.right <= footer.region.right for key in shown)  # none is cut
        assert shown == keys[: len(shown)]  # the first keys, in order
        await pilot.resize_terminal(200, 5)
        await pilot.pause()
        await pilot.pause()
        assert all(key.display for key in footer.query_children(FooterKey))
