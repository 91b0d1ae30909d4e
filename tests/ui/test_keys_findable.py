"""Every key of a screen can be found from it: the footer keeps a way to the rest ("? more")
when keys are cut, and the key help fits the screen, scrolls with the keyboard and lists
every key whole, at 80x24 and at a phone's 50x20."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable

from circle.ui.help import KeyHelp, screen_keys
from circle.ui.session.screen import SessionScreen
from circle.ui.widgets.footer import FooterKey, KeyFooter
from session_driver import make_app, start_session
from test_goals_review import Home


@pytest.fixture
def one_goal(tmp_path: Path) -> Home:
    home = Home(tmp_path / "home")
    home.add("Plan seating for 8B", due=date(2026, 4, 15), measure="plan used 3 weeks running")
    return home


def footer_keys(screen) -> list[FooterKey]:
    footer = screen.query_one(KeyFooter)
    return [key for key in footer.query_children(FooterKey) if key.display]


def assert_way_to_the_rest(screen, width: int, help_key: str = "?") -> None:
    """The footer's keys are whole, the help key is among them as "more", and when a key the
    screen would show is cut, the help key is the last shown."""
    shown = footer_keys(screen)
    assert all(key.region.right <= width for key in shown), [(k.key_display, k.region) for k in shown]
    more = [key for key in shown if key.description == "more"]
    assert [key.key_display for key in more] == [help_key]
    every = list(screen.query_one(KeyFooter).query_children(FooterKey))
    if len(shown) < len(every):
        row = [key for key in shown if not key.has_class("-command-palette")]
        assert row[-1] is more[0]


async def open_help(pilot, key: str = "question_mark") -> KeyHelp:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, KeyHelp)
    return pilot.app.screen


def table_of(help_screen: KeyHelp) -> DataTable:
    return help_screen.query_one("#key-table", DataTable)


def assert_help_fits(help_screen: KeyHelp, width: int, height: int) -> None:
    """The dialog, its table and its hint are on the screen; no description is cut at the side."""
    table = table_of(help_screen)
    for widget in (help_screen.query_one("#key-help"), table, help_screen.query_one(".dialog-hint")):
        assert widget.region.right <= width and widget.region.bottom <= height, (widget, widget.region)
    assert table.max_scroll_x == 0, "the table scrolls sideways: a description is cut"


async def test_the_session_footer_keeps_a_way_to_the_rest_at_80x24(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        await pilot.pause()
        assert isinstance(screen, SessionScreen)
        every = list(screen.query_one(KeyFooter).query_children(FooterKey))
        assert len(footer_keys(screen)) < len(every)  # at 80 columns some keys wait in the help
        assert_way_to_the_rest(screen, 80)
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        await pilot.pause()
        assert_way_to_the_rest(screen, 200)


async def test_the_help_key_of_a_keymap_is_the_way_to_the_rest(repo, circle, clock) -> None:
    (repo.home / "keymap.toml").write_text('"session.help" = "f2"\n', encoding="utf-8")
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        await pilot.pause()
        assert_way_to_the_rest(screen, 80, help_key="f2")
        await open_help(pilot, "f2")


async def assert_scrolls_to_every_key(pilot, table: DataTable) -> None:
    """End, Home, PageDown and down reach every row, and nothing scrolls sideways."""
    assert table.max_scroll_y > 0  # more keys than rows: the keyboard must reach them
    await pilot.press("end")
    await pilot.pause()
    assert table.cursor_row == table.row_count - 1 and table.scroll_y == table.max_scroll_y
    assert table.scroll_x == 0
    await pilot.press("home")
    await pilot.pause()
    assert table.cursor_row == 0 and table.scroll_y == 0
    await pilot.press("pagedown")
    await pilot.pause()
    assert table.cursor_row > 3 and table.scroll_y > 0
    await pilot.press("home")
    seen = {table.cursor_row}
    for _ in range(table.row_count):
        await pilot.press("down")
        seen.add(table.cursor_row)
    assert seen == set(range(table.row_count))


async def test_the_session_help_scrolls_with_the_keyboard_to_every_key(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        expected = screen_keys(screen)
        help_screen = await open_help(pilot)
        table = table_of(help_screen)
        assert table.row_count == len(expected) > 20
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [e.key for e in expected]
        assert_help_fits(help_screen, 80, 24)
        await assert_scrolls_to_every_key(pilot, table)
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)


async def test_the_goals_footer_and_help_work_at_a_phones_width(one_goal: Home) -> None:
    app = one_goal.app()
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert_way_to_the_rest(app.screen, 50)
        help_screen = await open_help(pilot)
        await pilot.pause()
        assert_help_fits(help_screen, 50, 20)
        table = table_of(help_screen)
        descriptions = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert "Log progress: a note and a percentage" in descriptions
        await assert_scrolls_to_every_key(pilot, table)


def test_snapshot_session_help_at_80x24_after_end(repo, circle, clock, snap_compare) -> None:
    async def before(pilot) -> None:
        await start_session(pilot)
        await open_help(pilot)
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(make_app(repo, circle, clock), terminal_size=(80, 24), run_before=before)


def test_snapshot_goals_help_at_a_phones_width(one_goal: Home, snap_compare) -> None:

    async def before(pilot) -> None:
        await pilot.pause()
        await open_help(pilot)

    assert snap_compare(one_goal.app(), terminal_size=(50, 20), run_before=before)


async def test_a_key_moved_by_a_keymap_keeps_its_place_in_the_footer(repo, circle, clock) -> None:
    (repo.home / "keymap.toml").write_text('"session.next_phase" = "right"\n"session.next" = "down"\n',
                                           encoding="utf-8")
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(200, 30)) as pilot:
        screen = await start_session(pilot)
        await pilot.pause()
        shown = [key.spec.action for key in footer_keys(screen) if not key.has_class("-more")]
        declared = [b.action for b in SessionScreen.BINDINGS if b.action in shown]
        assert shown == list(dict.fromkeys(declared))
        labels = [(key.key_display, key.description) for key in footer_keys(screen)]
        assert labels[0] == ("↓", "Next") and ("→", "Phase▶") in labels
