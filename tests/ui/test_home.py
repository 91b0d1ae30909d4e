"""The home screen and the screens it opens, driven with Pilot, plus their snapshots."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import DataTable, Input, OptionList, Select, Static, TextArea

from circle.domain.circles.agreement import Agreement
from circle.domain.circles.norms import DEFAULT_NORMS
from circle.ui.app import CircleApp
from circle.ui.dialogs import Confirm, PickMember
from circle.ui.home.agreement_screen import AgreementScreen
from circle.ui.home.circle_screen import CircleScreen
from circle.ui.home.history_screen import HistoryScreen
from circle.ui.home.home_screen import HomeScreen
from circle.ui.home.norms_screen import NormsScreen
from circle.ui.home.summary_view import SummaryScreen
from home_sample import clock, empty_repo, sample_repo

SIZES = [(80, 24), (160, 48)]


def home_app(repo, actor: str = "alopez") -> CircleApp:
    return CircleApp(repo, start=lambda: HomeScreen(actor), clock=clock())


def plain(content) -> str:
    """Text as it is; tables and groups rendered 200 columns wide, without colour."""
    if isinstance(content, (str, Text)):
        return str(content)
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def text_of(app: CircleApp, selector: str) -> str:
    return plain(app.screen.query_one(selector, Static).content)


def option_texts(app: CircleApp, selector: str) -> list[str]:
    listing = app.screen.query_one(selector, OptionList)
    return [plain(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def table_rows(app: CircleApp, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# -- home ----------------------------------------------------------------------


async def test_empty_home_welcomes_and_creates_a_circle(tmp_path: Path) -> None:
    repo = empty_repo(tmp_path / "home")
    app = home_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.query_one("#welcome").display
        assert "Welcome to circle" in text_of(app, "#welcome-text")
        assert not app.screen.query_one("#circle-list").display
        await pilot.press("n")
        await pilot.press(*"Year 8 [b]Team[/b]")
        await pilot.press("enter", *"Weekly", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CircleScreen)
        assert text_of(app, "#circle-title") == "Year 8 [b]Team[/b]"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query_one("#welcome").display
        assert option_texts(app, "#circle-list")[0].startswith("Year 8 [b]Team[/b]")
    circle = repo.list_circles()[0]
    assert (circle["name"], circle["description"]) == ("Year 8 [b]Team[/b]", "Weekly")
    assert repo.get_norms(circle["slug"]) == list(DEFAULT_NORMS)


async def test_new_circle_form_shows_what_is_wrong_and_stays_open(tmp_path: Path) -> None:
    app = home_app(empty_repo(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        assert "empty" in text_of(app, "#form-error")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_steps_are_unavailable_on_an_empty_home(tmp_path: Path) -> None:
    app = home_app(empty_repo(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "m", "s", "g")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_home_lists_the_actors_circles_with_their_state(tmp_path: Path) -> None:
    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=(80, 24)):
        cards = option_texts(app, "#circle-list")
        assert [c.splitlines()[0].split("  ")[0] for c in cards] == ["Maths Mentors", "Year 7 Team"]
        assert "Your circles" in text_of(app, "#home-title")
        year7 = cards[1]
        assert "4 members" in year7 and "last session: 2025-12-08" in year7
        assert "agreement due a revisit" in year7
        assert "agreement not signed off" in cards[0]


async def test_someone_in_no_circle_sees_them_all(tmp_path: Path) -> None:
    app = home_app(sample_repo(tmp_path / "home", actor="coach"), actor="coach")
    async with app.run_test(size=(80, 24)):
        assert "All circles" in text_of(app, "#home-title")
        assert len(option_texts(app, "#circle-list")) == 3


async def test_home_keys_open_members_history_and_back(tmp_path: Path) -> None:
    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen.slug == "year-7-team"
        await pilot.press("escape", "m")
        await settle(pilot)
        assert isinstance(app.screen, CircleScreen) and app.screen.slug == "year-7-team"
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CircleScreen) and app.screen.slug == "year-7-team"


async def test_start_session_picks_a_plan_then_opens_check_in(tmp_path: Path) -> None:
    from circle.ui.session.checkin import CheckInScreen

    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "s")
        await pilot.pause()
        assert option_texts(app, "#pick-list")[0].startswith("Community")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.setup.slug == "year-7-team" and app.screen.setup.plan.name == "community-60"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_session_started_from_home_returns_there_when_its_summary_closes(tmp_path: Path) -> None:
    from circle.ui.session.summary import SummaryScreen as SessionSummary

    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "s")
        await pilot.pause()
        await pilot.press("enter")  # the plan
        await settle(pilot)
        await pilot.press("enter")  # check-in: everyone present
        await pilot.pause()
        await pilot.press("e", "y")
        await pilot.pause()
        assert isinstance(app.screen, SessionSummary)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.return_code is None


async def test_goals_open_for_the_circle_and_escape_returns(tmp_path: Path) -> None:
    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "g")
        await settle(pilot)
        assert {ref.member.name for ref in app.screen.owners} == {
            "Ana Lopez", "Ben Okafor", "Chloé [bold]Martin[/bold]", "Dev Patel"
        }
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- circle and members ----------------------------------------------------------


def circle_app(repo, screen) -> CircleApp:
    return CircleApp(repo, start=lambda: screen, clock=clock())


async def test_members_are_listed_as_typed_and_former_ones_counted(tmp_path: Path) -> None:
    app = circle_app(sample_repo(tmp_path / "home"), CircleScreen("year-7-team"))
    async with app.run_test(size=(80, 24)):
        rows = table_rows(app, "#member-table")
        assert rows[2] == ["Chloé [bold]Martin[/bold]", "peer", "new", ""]
        assert len(rows) == 4
        assert "1 former member" in text_of(app, "#circle-former")
        assert "time to revisit" in text_of(app, "#circle-reminder")


async def test_add_edit_and_remove_a_member(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, CircleScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"Gus Hale")
        app.screen.query_one("#member-role", Select).value = "mentee"
        app.screen.query_one("#member-experience", Select).value = "new"
        app.screen.query_one("#member-username", Input).value = "ghale"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table_rows(app, "#member-table")[-1] == ["Gus Hale", "mentee", "new", "ghale"]
        # enter on the highlighted row (the new member) edits them
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#member-role", Select).value = "mentor"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table_rows(app, "#member-table")[-1][1] == "mentor"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert [r[0] for r in table_rows(app, "#member-table")] == [
            "Ana Lopez", "Ben Okafor", "Chloé [bold]Martin[/bold]", "Dev Patel"
        ]
        assert "2 former members" in text_of(app, "#circle-former")
    gus = [m for m in repo.list_members("year-7-team", include_inactive=True) if m.name == "Gus Hale"]
    assert [(m.role, m.active) for m in gus] == [("mentor", False)]


async def test_a_duplicate_member_is_refused_in_the_form(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, CircleScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"ana lopez", "ctrl+s")
        await pilot.pause()
        assert "Ana Lopez" in text_of(app, "#form-error") or "ana lopez" in text_of(app, "#form-error")
        await pilot.press("escape")
        await pilot.pause()
        assert len(table_rows(app, "#member-table")) == 4
    assert len(repo.list_members("year-7-team")) == 4


async def test_removing_can_be_declined(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, CircleScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", "n")
        await pilot.pause()
    assert len(repo.list_members("year-7-team")) == 4


async def test_rename_and_describe_the_circle(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, CircleScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        app.screen.query_one("#circle-name", Input).value = "Year 7 Mentors"
        app.screen.query_one("#circle-description", Input).value = "Tuesdays"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#circle-title") == "Year 7 Mentors"
        assert text_of(app, "#circle-description") == "Tuesdays"
    assert repo.get_circle("year-7-team")["name"] == "Year 7 Mentors"


async def test_circle_keys_open_norms_agreement_and_history(tmp_path: Path) -> None:
    app = circle_app(sample_repo(tmp_path / "home"), CircleScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        for key, screen in (("o", NormsScreen), ("t", AgreementScreen), ("h", HistoryScreen)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, CircleScreen)


# -- norms -------------------------------------------------------------------


async def test_norms_add_edit_move_remove_and_reset(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, NormsScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"We try [i]one[/i] new thing", "enter")
        await pilot.pause()
        assert repo.get_norms("year-7-team")[-1] == "We try [i]one[/i] new thing"
        assert option_texts(app, "#norm-list")[-1].endswith("We try [i]one[/i] new thing")
        await pilot.press("shift+up")
        await pilot.pause()
        assert repo.get_norms("year-7-team")[-2] == "We try [i]one[/i] new thing"
        await pilot.press("e", "ctrl+u", *"Edited", "enter")
        await pilot.pause()
        assert repo.get_norms("year-7-team")[-2] == "Edited"
        await pilot.press("x", "y")
        await pilot.pause()
        assert repo.get_norms("year-7-team") == list(DEFAULT_NORMS)
        await pilot.press("home", "x", "y", "r", "y")
        await pilot.pause()
        assert repo.get_norms("year-7-team") == list(DEFAULT_NORMS)


async def test_a_duplicate_norm_is_refused(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, NormsScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *DEFAULT_NORMS[0].upper(), "enter")
        await pilot.pause()
    assert repo.get_norms("year-7-team") == list(DEFAULT_NORMS)


# -- agreement ---------------------------------------------------------------


async def test_agreement_edit_sign_and_revisit(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, AgreementScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "time to revisit" in text_of(app, "#agreement-reminder")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#ag-day", Input).value = "Thursday"
        app.screen.query_one("#ag-minutes", Input).value = "45"
        app.screen.query_one("#ag-roles", TextArea).text = "Ben leads [b]tech[/b] slots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s", "down", "enter")
        await pilot.pause()
        assert "Ben Okafor on 2026-03-10" in text_of(app, "#agreement-table")
        await pilot.press("v")
        await pilot.pause()
        assert "Next revisit due by 2026-06-02" in text_of(app, "#agreement-reminder")
    saved = Agreement.from_dict(repo.get_agreement("year-7-team"))
    assert (saved.day, saved.minutes, saved.roles) == ("Thursday", 45, "Ben leads [b]tech[/b] slots")
    assert [(s.who, s.on) for s in saved.signed][-1] == ("Ben Okafor", date(2026, 3, 10))
    assert saved.revisited == date(2026, 3, 10)
    assert saved.place.startswith("Room 12")


async def test_agreement_bad_length_is_explained_and_nothing_saved(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    before = repo.get_agreement("year-7-team")
    app = circle_app(repo, AgreementScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#ag-minutes", Input).value = "900"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "meeting length" in text_of(app, "#form-error")
    assert repo.get_agreement("year-7-team") == before


# -- history -----------------------------------------------------------------


async def test_history_lists_sessions_and_airtime_share(tmp_path: Path) -> None:
    app = circle_app(sample_repo(tmp_path / "home"), HistoryScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = table_rows(app, "#session-table")
        assert len(rows) == 4
        assert rows[0] == ["2025-12-08 16:00", "community-60", "4 of 4", "31:53"]
        assert rows[2][2] == "3 of 4"
        chart = text_of(app, "#airtime-history")
        ben = next(line for line in chart.splitlines() if "Ben Okafor" in line)
        ana = next(line for line in chart.splitlines() if "Ana Lopez" in line)
        assert ben.rstrip().endswith("short") and ana.rstrip().endswith("long")
        assert "Chloé [bold]Martin[/bold]" in chart
        assert "Eve Former" not in chart
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = text_of(app, "#summary-text")
        assert "Challenge sharing" in summary and "What would success look like for [that] student?" in summary
        assert "Passes: Ben Okafor 1" in summary


async def test_history_of_a_circle_without_sessions(tmp_path: Path) -> None:
    app = circle_app(sample_repo(tmp_path / "home"), HistoryScreen("maths-mentors"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert table_rows(app, "#session-table") == []
        assert "No sessions yet" in text_of(app, "#history-empty")
        await pilot.press("enter")
        assert isinstance(app.screen, HistoryScreen)


# -- the command ----------------------------------------------------------------


def test_circle_with_no_command_opens_the_home(monkeypatch, tmp_path: Path) -> None:
    import circle.commands.home as home_command
    from circle.cli import main

    seen = []
    monkeypatch.setattr(home_command, "run", lambda args: seen.append(args.actor) or 0)
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    assert main(["--home", str(tmp_path), "--actor", "ana"]) == 0
    assert seen == ["ana"]


# -- snapshots ---------------------------------------------------------------


def _snap(snap_compare, app: CircleApp, size, keys=()) -> None:
    async def before(pilot) -> None:
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, press=list(keys), run_before=before)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_home_empty(snap_compare, tmp_path: Path, size) -> None:
    _snap(snap_compare, home_app(empty_repo(tmp_path / "home")), size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_home_with_circles(snap_compare, tmp_path: Path, size) -> None:
    _snap(snap_compare, home_app(sample_repo(tmp_path / "home")), size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_circle(snap_compare, tmp_path: Path, size) -> None:
    _snap(snap_compare, circle_app(sample_repo(tmp_path / "home"), CircleScreen("year-7-team")), size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_member_form(snap_compare, tmp_path: Path, size) -> None:
    app = circle_app(sample_repo(tmp_path / "home"), CircleScreen("year-7-team"))
    _snap(snap_compare, app, size, keys=["down", "down", "e"])


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_norms(snap_compare, tmp_path: Path, size) -> None:
    _snap(snap_compare, circle_app(sample_repo(tmp_path / "home"), NormsScreen("year-7-team")), size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_agreement(snap_compare, tmp_path: Path, size) -> None:
    _snap(snap_compare, circle_app(sample_repo(tmp_path / "home"), AgreementScreen("year-7-team")), size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_history(snap_compare, tmp_path: Path, size) -> None:
    _snap(snap_compare, circle_app(sample_repo(tmp_path / "home"), HistoryScreen("year-7-team")), size)


async def test_the_welcome_opens_the_demo(tmp_path: Path) -> None:
    repo = empty_repo(tmp_path / "home")
    app = home_app(repo, actor="visitor")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await settle(pilot)
        cards = option_texts(app, "#circle-list")
        assert len(cards) == 1 and cards[0].startswith("Demo Circle")
        assert "5 members" in cards[0] and "no sessions yet" not in cards[0]
        await pilot.press("d")  # a second time changes nothing
        await settle(pilot)
        assert len(option_texts(app, "#circle-list")) == 1
    assert [c["name"] for c in repo.list_circles()] == ["Demo Circle"]


async def test_a_damaged_session_file_leaves_the_rest_of_the_history(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    damaged = repo.session_file("year-7-team", repo.session_ids("year-7-team")[1])
    damaged.write_text('{"session": {"1": {"id": ', encoding="utf-8")
    app = circle_app(repo, HistoryScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert len(table_rows(app, "#session-table")) == 3
        assert any(str(damaged.name) in str(n.message) for n in app._notifications)
    assert damaged.read_text(encoding="utf-8") == '{"session": {"1": {"id": '


async def test_a_damaged_circle_shows_on_home_without_hiding_the_others(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    damaged = repo.home / "circles" / "maths-mentors" / "circle.json"
    app = home_app(repo, actor="coach")
    async with app.run_test(size=(80, 24)) as pilot:
        damaged.write_bytes(b"\x00" * 16)
        app.screen.reload()
        await pilot.pause()
        cards = option_texts(app, "#circle-list")
    assert len(cards) == 3
    assert "maths-mentors" in cards[0] and "circle.json" in cards[0] and "cannot be read" in cards[0]
    assert cards[2].startswith("Year 7 Team")
    assert damaged.read_bytes() == b"\x00" * 16


async def test_help_lists_every_home_key(tmp_path: Path) -> None:
    from circle.ui.help import KeyHelp

    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeyHelp)
        table = app.screen.query_one("#key-table", DataTable)
        described = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {
            "Start a session of the circle", "The circle's goals", "Past sessions and airtime",
            "Members, norms and agreement", "New circle", "Open the demo", "Quit",
        } <= described


def test_airtime_columns_scale_with_an_even_share() -> None:
    from circle.ui.home.airtime_history import ABSENT, SILENT, bar, column

    assert column(None) == ABSENT and column(0.0) == SILENT
    assert column(1.0) == "▄" and column(2.0) == "█" and column(5.0) == "█"
    assert column(0.01) == "▁"
    assert bar(0.5, 10) == "█████░░░░░" and bar(1.5, 4) == "████"


async def test_agreement_enter_moves_on_and_never_carries_text_into_a_long_field(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, AgreementScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        contact = app.screen.query_one("#ag-contact", TextArea)
        contact.text = ""
        contact.focus()
        await pilot.press(*"texts ok", "ctrl+j", *"till 8pm", "enter", *"Ana chairs")
        await pilot.pause()
        roles = app.screen.query_one("#ag-roles", TextArea)
        assert contact.text == "texts ok\ntill 8pm"
        assert app.screen.focused is roles and roles.text.startswith("Ana chairs")


async def test_signing_off_with_parts_not_agreed_asks_first(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    repo.set_agreement("year-7-team", Agreement(day="Thursday").to_dict())
    app = circle_app(repo, AgreementScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Confirm)
        assert "Not agreed yet: Meeting time, Place or link, Length" in dialog.query_one(".dialog-title", Static).render().plain
        await pilot.press("n")  # not yet: nothing is signed
        await pilot.pause()
        assert not Agreement.from_dict(repo.get_agreement("year-7-team")).signed
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, PickMember)
        await pilot.press("enter")
        await pilot.pause()
    assert [s.who for s in Agreement.from_dict(repo.get_agreement("year-7-team")).signed] == ["Ana Lopez"]


async def test_enter_on_a_drop_down_moves_on(tmp_path: Path) -> None:
    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, CircleScreen("year-7-team"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"Gus Hale", "enter")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#member-role", Select)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#member-experience", Select)
        assert not app.screen.query_one("#member-role", Select).expanded


async def test_x_on_the_history_writes_the_session_as_markdown_and_json(tmp_path: Path) -> None:
    import json

    repo = sample_repo(tmp_path / "home")
    app = circle_app(repo, HistoryScreen("year-7-team"))
    notes: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await pilot.pause()
    folder = repo.home / "exports" / "year-7-team"
    [md] = folder.glob("*.md")
    [js] = folder.glob("*.json")
    assert md.read_text(encoding="utf-8").startswith("# ") and json.loads(js.read_text(encoding="utf-8"))["id"]
    assert (md.stat().st_mode & 0o777) == 0o600 and (folder.stat().st_mode & 0o777) == 0o700
    assert notes and str(folder) in notes[-1].replace("\n", "") and md.name in notes[-1]  # the path on lines of its own
