"""At a phone's width (50x20): the goals review and the home screen work whole; every other
screen is covered by a notice naming the commands that work there, left with q, esc or ctrl+q."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static

from circle.ui.app import CircleApp
from circle.ui.goals.form_base import FormScreen
from circle.ui.goals.goal_form import GoalForm
from circle.ui.goals.note_forms import NoteForm, ProgressForm
from circle.ui.goals.review import GoalsReview
from circle.ui.home.circle_screen import CircleScreen
from circle.ui.home.from_home import CircleGoals
from circle.ui.home.home_screen import HomeScreen
from circle.ui.session.checkin import CheckInScreen
from circle.ui.session.screen import SessionScreen
from circle.ui.size_notice import TooSmall
from home_sample import sample_repo
from pilot_wait import until
from session_driver import make_app, start_session
from test_goals_review import Home, entries, type_text
from test_home import home_app, settle

PHONE = (50, 20)
SNAP_SIZES = [PHONE, (80, 24)]


@pytest.fixture
def home(tmp_path: Path) -> Home:
    home = Home(tmp_path / "home")
    home.add("Plan seating for 8B", due=date(2026, 4, 15), measure="plan used 3 weeks running")
    home.add("Exit tickets in every Year 8 lesson", due=date(2026, 3, 1), measure="4 of 5 lessons",
             action="print slips", realistic="ask Sam for his template")  # fmt: skip
    return home


def notice_text(app) -> str:
    return str(app.screen.query_one("#too-small-text", Static).render())


def assert_fits(screen: Screen) -> None:
    """Every widget of the screen shown lies inside the phone's 50x20."""
    for widget in screen.query("*"):
        if widget.display and widget.region.area:
            region = widget.region
            assert region.right <= PHONE[0] and region.bottom <= PHONE[1], f"{widget} at {region}"


async def open_form(pilot, key: str, form: type[FormScreen]) -> FormScreen:
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, form), f"the {form.__name__}")
    await pilot.pause()
    assert_fits(pilot.app.screen)
    hint = pilot.app.screen.query_one(".dialog-hint")
    assert "escape: cancel" in str(hint.render()) and hint.region.bottom <= PHONE[1]
    return pilot.app.screen


async def back_to_review(pilot) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, GoalsReview), "the review again")


# -- the goals review ------------------------------------------------------------


async def test_the_review_lists_the_goals_whole_at_a_phones_width(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, GoalsReview)
        assert [line.split("\n")[0] for line in entries(app)] == [
            "! OVERDUE Exit tickets in every Year 8 lesson", "Plan seating for 8B"]  # fmt: skip
        assert_fits(app.screen)
        heading = app.screen.query_one("#goals-heading", Static)
        assert heading.region.height == 2  # wrapped, not cut: the counts and the date stay in view


async def test_progress_at_a_phones_width_is_saved(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        await open_form(pilot, "p", ProgressForm)
        await type_text(pilot, "40")
        await pilot.press("enter")
        await type_text(pilot, "two classes done")
        await pilot.press("enter")
        await back_to_review(pilot)
        goal = home.goals()["Exit tickets in every Year 8 lesson"]
        assert goal["progress"] == 40 and goal["history"][-1]["note"] == "two classes done"


async def test_achieve_at_a_phones_width_is_saved(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        await open_form(pilot, "a", NoteForm)
        await type_text(pilot, "slips worked")
        await pilot.press("enter")
        await back_to_review(pilot)
        assert home.goals()["Exit tickets in every Year 8 lesson"]["status"] == "achieved"


async def test_rework_at_a_phones_width_fits_and_is_saved(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        form = await open_form(pilot, "r", GoalForm)
        assert form.query_one("#smart-checklist").region.height > 0  # the SMART advice stays in view
        assert form.query_one("#goal-note").region.bottom < PHONE[1]
        await type_text(pilot, "Exit tickets in Year 8")
        await pilot.press("ctrl+s")
        await back_to_review(pilot)
        goals = home.goals()
        assert goals["Exit tickets in every Year 8 lesson"]["status"] == "reworked"
        assert goals["Exit tickets in Year 8"]["status"] == "active"


async def test_a_new_goal_at_a_phones_width_is_saved_and_esc_goes_back(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        await open_form(pilot, "n", GoalForm)
        await pilot.press("escape")
        await back_to_review(pilot)
        await open_form(pilot, "n", GoalForm)
        await type_text(pilot, "Cold calling in 9A")
        await pilot.press("ctrl+s")
        await back_to_review(pilot)
        assert "Cold calling in 9A" in home.goals()
        assert not any(isinstance(screen, TooSmall) for screen in app.screen_stack)


async def test_a_form_error_shows_above_the_hint_at_a_phones_width(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        form = await open_form(pilot, "n", GoalForm)
        await pilot.press("ctrl+s")  # no title
        await pilot.pause()
        error = form.query_one("#form-error", Static)
        assert "title" in str(error.render()) and 0 < error.region.bottom <= PHONE[1]


# -- the home screen ---------------------------------------------------------------


async def test_the_home_lists_circles_and_opens_goals_at_a_phones_width(tmp_path: Path) -> None:
    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        listing = app.screen.query_one("#circle-list", OptionList)
        assert listing.option_count == 2 and listing.region.bottom <= PHONE[1]
        await pilot.press("down", "g")
        await until(pilot, lambda: isinstance(app.screen, CircleGoals), "the circle's goals")
        await pilot.pause()
        assert not any(isinstance(screen, TooSmall) for screen in app.screen_stack)
        assert "Year 7 Team" in str(app.screen.query_one("#goals-heading", Static).render())


# -- screens that need more room -------------------------------------------------------


async def test_a_circle_screen_names_what_works_and_esc_goes_back_home(tmp_path: Path) -> None:
    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the notice")
        assert isinstance(app.screen_stack[-2], CircleScreen)
        text = notice_text(app)
        assert "needs at least 80x24" in text and "50x20" in text
        for command in ("circle watch year-7-team --plain", "circle goals --plain", "circle goals\n"):
            assert command in text
        assert "q or esc: back" in text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home again")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the notice")
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home again")
        assert app.return_code is None


async def test_a_check_in_from_home_is_covered_and_left_back_to_home(tmp_path: Path) -> None:
    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=PHONE) as pilot:
        await settle(pilot)
        await pilot.press("down", "s")
        await pilot.pause()
        await pilot.press("enter")  # the first plan
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the notice")
        assert isinstance(app.screen_stack[-2], CheckInScreen)
        assert "circle watch year-7-team --plain" in notice_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home again")


async def test_a_running_session_at_a_phones_width_names_its_circle_and_asks_before_leaving(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        session = await start_session(pilot)
        assert isinstance(session, SessionScreen)
        await pilot.resize_terminal(*PHONE)
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the notice")
        text = notice_text(app)
        assert f"circle watch {circle['slug']} --plain" in text and "circle goals --plain" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code is None and "Leave the session without ending it?" in notice_text(app)
        await pilot.press("q")
        await until(pilot, lambda: app.return_code is not None, "circle to end")


class Room(Screen):
    """A screen with nothing below it that needs 80x24, as `circle run` opens the session."""

    def __init__(self, question: str | None = None) -> None:
        super().__init__()
        self.slug = "maths"
        self.question = question

    def compose(self) -> ComposeResult:
        yield Static("the room")

    def quit_question(self) -> str | None:
        return self.question


@pytest.mark.parametrize("key", ["q", "escape", "ctrl+q"])
async def test_a_session_like_screen_at_a_phones_width_is_left_with(key: str) -> None:
    app = CircleApp(None, start=Room)
    async with app.run_test(size=PHONE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the notice")
        text = notice_text(app)
        assert "circle watch maths --plain" in text and "circle goals --plain" in text
        assert "q, esc or ctrl+q: quit" in text
        await pilot.press(key)
        await until(pilot, lambda: app.return_code is not None, "circle to end")


async def test_leaving_a_running_session_from_the_notice_asks_first() -> None:
    app = CircleApp(None, start=lambda: Room("Leave the session without ending it?"))
    async with app.run_test(size=PHONE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the notice")
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code is None
        assert "Leave the session without ending it?\nq or esc again: leave" in notice_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: app.return_code is not None, "circle to end")


async def test_over_ssh_the_notice_names_the_commands_in_ssh_syntax(monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["circle", "--home", "/srv/circle", "shell", "alopez"])
    app = CircleApp(None, start=Room)
    async with app.run_test(size=PHONE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the notice")
        text = notice_text(app)
        for command in ("ssh HOST watch maths --plain", "ssh -t HOST goals\n", "ssh HOST goals --plain"):
            assert command in text


async def test_the_notice_goes_when_the_screen_under_it_fits(tmp_path: Path) -> None:
    app = home_app(sample_repo(tmp_path / "home"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, CircleScreen), "the circle")
        await pilot.resize_terminal(*PHONE)
        await until(pilot, lambda: isinstance(app.screen, TooSmall), "the notice")
        app.pop_screen()  # the notice
        app.pop_screen()  # the circle: the home under it fits
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home")
        await pilot.pause()
        assert not any(isinstance(screen, TooSmall) for screen in app.screen_stack)


# -- snapshots -------------------------------------------------------------------------


@pytest.mark.parametrize("size", SNAP_SIZES)
def test_snapshot_goals_review_at(home: Home, snap_compare, size) -> None:
    assert snap_compare(home.app(), terminal_size=size)


@pytest.mark.parametrize("size", SNAP_SIZES)
def test_snapshot_rework_form_at(home: Home, snap_compare, size) -> None:
    assert snap_compare(home.app(), terminal_size=size, press=["r"])


@pytest.mark.parametrize("size", SNAP_SIZES)
def test_snapshot_home_at(snap_compare, tmp_path: Path, size) -> None:
    async def before(pilot) -> None:
        await settle(pilot)

    assert snap_compare(home_app(sample_repo(tmp_path / "home")), terminal_size=size, run_before=before)


def test_snapshot_notice_over_a_circle_at_a_phones_width(snap_compare, tmp_path: Path) -> None:
    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, TooSmall), "the notice")
        await pilot.pause()

    assert snap_compare(home_app(sample_repo(tmp_path / "home")), terminal_size=PHONE, run_before=before)


def test_snapshot_notice_over_the_home_below_a_phones_width(snap_compare, tmp_path: Path) -> None:
    async def before(pilot) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, TooSmall), "the notice")
        await pilot.pause()

    assert snap_compare(home_app(sample_repo(tmp_path / "home")), terminal_size=(40, 15), run_before=before)
