"""The app shell: key help, command palette entries, themes, the size notice and dialogs."""

from __future__ import annotations

from pilot_wait import until
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, OptionList, Static

from circle.ui.app import CircleApp
from circle.ui.dialogs import AskText, Confirm, PickMember
from circle.ui.help import KeyHelp, screen_keys
from circle.ui.palette import ScreenActions
from circle.ui.size_notice import TooSmall


class Sample(Screen):
    HELP_TITLE = "Sample"
    BINDINGS = [
        Binding("n", "bump", "Bump the count", id="sample.bump"),
        Binding("x", "quiet", "Hidden but listed", id="sample.quiet", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("sample")
        yield Footer()

    def action_bump(self) -> None:
        self.count += 1

    def action_quiet(self) -> None:
        pass


def make_app(**kwargs) -> CircleApp:
    return CircleApp(None, start=Sample, **kwargs)


async def test_help_lists_every_described_key_of_the_screen() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, KeyHelp)
        table = app.screen.query_one(DataTable)
        rows = [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert ("n", "Bump the count") in rows
        assert ("x", "Hidden but listed") in rows
        assert ("?, f1", "Show every key") in rows
        assert ("^t", "High-contrast theme on or off") in rows
        await pilot.press("escape")
        assert isinstance(app.screen, Sample)
        await pilot.press("f1")
        assert isinstance(app.screen, KeyHelp)


async def test_command_palette_offers_the_screens_actions_and_runs_them() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        sample = app.screen
        provider = ScreenActions(sample)
        names = [hit.text async for hit in provider.discover()]
        assert "Bump the count" in names and "Hidden but listed" in names and "High-contrast theme on or off" in names
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"bump")
        hits = app.screen.query_one(CommandList)

        def bump_highlighted() -> bool:
            return hits.highlighted is not None and "Bump the count" in str(hits.highlighted_option.prompt)

        await until(pilot, bump_highlighted, "the palette to offer the action")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is sample and sample.count, "the action to run")
        assert app.screen is sample
        assert sample.count == 1


async def test_keymap_rebinds_by_id() -> None:
    app = make_app(keymap={"sample.bump": "j"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        assert app.screen.count == 1
        keys = {e.binding_id: e.key for e in screen_keys(app.screen)}
        assert keys["sample.bump"] == "j"


async def test_high_contrast_toggles_by_key_and_option() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "circle" and not app.high_contrast
        await pilot.press("ctrl+t")
        assert app.theme == "circle-high-contrast" and app.high_contrast
        await pilot.press("ctrl+t")
        assert app.theme == "circle"
    app = make_app(high_contrast=True)
    async with app.run_test(size=(80, 24)):
        assert app.theme == "circle-high-contrast"


async def test_too_small_notice_says_the_size_needed_and_goes_away() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmall)
        text = str(app.screen.query_one("#too-small-text", Static).render())
        assert "60x20" in text and "80x24" in text
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: not isinstance(app.screen, TooSmall), "the notice to go")
        assert isinstance(app.screen, Sample)
        await pilot.resize_terminal(79, 30)
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the notice to come back")


async def test_confirm_gives_a_bool() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        answers: list[bool] = []
        app.push_screen(Confirm("End the session?"), answers.append)
        await pilot.press("y")
        app.push_screen(Confirm("End the session?"), answers.append)
        await pilot.press("escape")
        app.push_screen(Confirm("End the session?"), answers.append)
        await pilot.press("n")
        assert answers == [True, False, False]


async def test_pick_member_gives_an_id_or_none_and_shows_names_as_text() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        picked: list[str | None] = []
        choices = [("m1", "Ana [bold]x[/bold]"), ("m2", "Ben")]
        app.push_screen(PickMember("Raise a hand", choices), picked.append)
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(0).prompt) == "Ana [bold]x[/bold]"
        await pilot.press("down", "enter")
        app.push_screen(PickMember("Raise a hand", choices), picked.append)
        await pilot.press("escape")
        assert picked == ["m2", None]


async def test_ask_text_gives_the_text_or_none() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        got: list[str | None] = []
        app.push_screen(AskText("Why?", initial="a"), got.append)
        await pilot.pause()
        await pilot.press("b", "[", "enter")
        app.push_screen(AskText("Why?"), got.append)
        await pilot.press("escape")
        assert got == ["ab[", None]
        assert not app.query(Input)


async def test_no_color_turns_the_screen_monochrome(monkeypatch) -> None:
    from textual.filter import Monochrome, NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert app.no_color
        assert any(isinstance(f, (Monochrome, NoColor)) for f in app._filters)


async def test_palette_leaves_out_textual_generic_keys_and_its_key_panel() -> None:
    from textual.system_commands import SystemCommandsProvider

    app = make_app()
    async with app.run_test(size=(80, 24)):
        names = [hit.text async for hit in ScreenActions(app.screen).discover()]
        assert "Focus Next" not in names and "Show every key" in names
        system = [hit.text async for hit in SystemCommandsProvider(app.screen).discover()]
        assert "Keys" not in system and "Quit" in system


async def test_screens_opened_while_too_small_go_under_the_notice() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        answers: list[bool] = []
        app.push_screen(Confirm("Resume it?"), answers.append)
        await pilot.pause()
        assert isinstance(app.screen, TooSmall)
        assert isinstance(app.screen_stack[-2], Confirm)
        app.switch_screen(Sample())
        await pilot.pause()
        assert isinstance(app.screen, TooSmall) and isinstance(app.screen_stack[-2], Sample)
        await pilot.resize_terminal(100, 30)
        await until(pilot, lambda: not isinstance(app.screen, TooSmall), "the notice to go")
        assert isinstance(app.screen, Sample)
        assert not any(isinstance(s, TooSmall) for s in app.screen_stack)
