"""Pilot tests of following a session: the stage kept up from the driver's log, a session driven
elsewhere offered for following, ctrl+q asking first, and a hand-off turning the driver's screen
into a follower's."""

from __future__ import annotations

import random

from rich.text import Text
from session_driver import make_app
from textual.widgets import Static

from circle.domain.session import events as ev
from circle.live.driver import LiveSession
from circle.live.follow import Follower
from circle.live.setup import prepare
from circle.store.driver_lock import LEFT, read_info
from circle.store.repository import Repository
from circle.ui.dialogs import Confirm, PickMember
from circle.ui.follow.launch import follow_app
from circle.ui.follow.screen import FollowScreen, WaitingScreen
from circle.ui.session.screen import SessionScreen


def text_of(screen, selector: str) -> str:
    rendered = screen.query_one(selector, Static).render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


def driver(repo: Repository, circle: dict, clock) -> LiveSession:
    live = LiveSession.fresh(prepare(repo, circle["slug"], "community-60"), clock)
    live.begin({member: True for member in circle["member_ids"]})
    return live


def watcher(repo: Repository, circle: dict, clock):
    follower_repo = Repository(repo.home, "ben", clock=clock, rng=random.Random(1))
    follower = Follower(follower_repo, circle["slug"], clock)
    follower.poll()
    return follow_app(follower_repo, follower, clock=clock)


async def look(pilot) -> None:
    pilot.app.screen.tick()  # as its interval would
    await pilot.pause()


async def test_a_follower_waits_for_a_session_then_follows_each_key(repo, circle, clock) -> None:
    ana, ben, *_ = circle["member_ids"]
    app = watcher(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WaitingScreen)
        assert "waiting for one to start" in text_of(app.screen, "#follow-message")
        live = driver(repo, circle, clock)
        await look(pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowScreen)
        assert screen.engine.speaker == ana
        assert "facilitator is running the session" in text_of(screen, "#session-hint")
        clock.advance(12)
        live.next_speaker()
        await look(pilot)
        assert "Ben Okafor" in text_of(screen, "#speaker-name")
        assert screen.engine.speaker_timer.elapsed == 0.0
        clock.advance(9)
        await look(pilot)
        assert screen.engine.speaker_timer.elapsed == 9.0  # the room's seconds
        await pilot.press("n")  # a follower's keys do not drive
        assert live.engine.speaker == ben and len(screen.engine.events) == len(live.engine.events)
        live.leave()
        await look(pilot)
        assert text_of(screen, "#session-hint") == "Waiting for the facilitator"
        assert screen.has_class("-waiting")
        await pilot.press("ctrl+q")  # nothing to lose: no question
        await pilot.pause()
        assert app.return_code == 0


async def test_run_of_a_session_driven_elsewhere_offers_to_follow(repo, circle, clock) -> None:
    live = driver(repo, circle, clock)
    app = make_app(Repository(repo.home, "ben", clock=clock, rng=random.Random(1)), circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PickMember) and not isinstance(dialog, Confirm)
        assert "facilitator is running this session" in str(dialog.query_one(Static).render())
        await pilot.press("enter")  # Follow it
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FollowScreen)
        assert app.screen.engine.speaker == live.engine.speaker
        assert app.screen.query_one("#session-hint").styles.padding.left == 2  # its stylesheet is loaded
    assert [e.type for e in live.engine.events][-1] == ev.START  # following wrote nothing
    live.leave()


async def test_ctrl_q_in_a_running_session_asks_first_and_leaves_it_resumable(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert f"circle run {circle['slug']}" in str(app.screen.query_one(Static).render())
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    folder = repo.sessions_dir(circle["slug"])
    assert read_info(folder, str(screen.live.session_id)).state == LEFT


async def test_a_hand_off_logs_it_and_the_drivers_screen_follows(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        live = app.screen.live
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickMember)
        await pilot.press("down", "enter")  # mentors first: Ana, then the others by name (Ben)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FollowScreen)
        assert text_of(app.screen, "#session-hint") == "Handed to Ben Okafor: waiting for them"
        assert app.screen.query_one("#session-hint").styles.padding.left == 2  # its stylesheet is loaded
    logged = repo.get_events(circle["slug"], str(live.session_id))
    assert logged[-1]["type"] == ev.DRIVER_CHANGED
    assert logged[-1]["data"] == {"from": "facilitator", "to": "Ben Okafor", "by": "facilitator",
                                  "how": "hand_off"}


async def test_from_home_w_follows_a_running_session_and_escape_comes_back(tmp_path) -> None:
    from home_sample import clock as sample_clock, sample_repo

    from circle.ui.app import CircleApp
    from circle.ui.home.home_screen import HomeScreen

    repo = sample_repo(tmp_path / "home")
    app = CircleApp(repo, start=lambda: HomeScreen("alopez"), clock=sample_clock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "w")  # nothing running yet
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        setup = prepare(repo, "year-7-team", "community-60")
        live = LiveSession.fresh(setup, app.clock)
        live.begin({m.id: True for m in setup.members})
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, FollowScreen)
        assert app.screen.engine.speaker == live.engine.speaker
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        live.leave()


async def test_the_summary_shows_the_time_nobody_drove(repo, circle, clock) -> None:
    from circle.ui.session.summary import SummaryScreen

    live = driver(repo, circle, clock)
    clock.advance(30)
    live.leave()
    clock.advance(125)
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")  # resume
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("e", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = text_of(app.screen, "#summary-drivers")
    assert "15:30 to 15:32: nobody drove the session for 2:05 (not counted in phase time or airtime)" in shown
    assert "15:32: facilitator resumed the session (from facilitator)" in shown


async def test_declining_to_follow_a_driven_session_starts_no_second_one(repo, circle, clock) -> None:
    live = driver(repo, circle, clock)
    app = make_app(Repository(repo.home, "ben", clock=clock, rng=random.Random(1)), circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickMember) and app.return_code is None
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code == 0  # the app quit: no check-in for a second session
    assert repo.session_ids(circle["slug"]) == [live.session_id]
    live.leave()


async def test_the_home_card_says_when_a_session_is_running(tmp_path) -> None:
    from home_sample import clock as sample_clock, sample_repo

    from circle.ui.home.overview import home_cards

    repo = sample_repo(tmp_path / "home")
    today = sample_clock().now().date()

    def card_running() -> bool:
        cards, _ = home_cards(repo, repo.actor, today)
        return next(card for card in cards if card.slug == "year-7-team").running

    assert not card_running()
    setup = prepare(repo, "year-7-team", "community-60")
    live = LiveSession.fresh(setup, sample_clock())
    live.begin({m.id: True for m in setup.members})
    assert card_running()
    live.leave()
    assert not card_running()


async def test_a_follower_sees_the_speakers_goals_but_cannot_edit_them(repo, circle, clock) -> None:
    from circle.ui.goals.goal_list import GoalList

    live = driver(repo, circle, clock)
    for _ in range(3):
        live.next_phase()
    app = watcher(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowScreen) and screen.engine.phase.kind == "goals"
        goal_list = screen.query_one(GoalList)
        assert goal_list.display and goal_list.is_disabled
        await pilot.click(GoalList)
        await pilot.press("g", "a")
        await pilot.pause()
        assert screen.focused is None and isinstance(app.screen, FollowScreen)
    assert len(repo.get_events(circle["slug"], str(live.session_id))) == len(live.engine.events)
    live.leave()


def test_a_past_sessions_summary_shows_who_drove_and_the_gap(repo, circle, clock) -> None:
    import io

    from rich.console import Console

    from circle.ui.home.summary_view import summary_renderable

    live = driver(repo, circle, clock)
    clock.advance(30)
    live.leave()
    clock.advance(120)
    setup = prepare(repo, circle["slug"], "community-60")
    again = LiveSession.resume(setup, setup.unfinished, setup.plan, clock)
    again.finish()
    record = repo.get_session(circle["slug"], str(live.session_id))
    console = Console(width=200, file=io.StringIO(), record=True, color_system=None)
    console.print(summary_renderable(record, {}))
    shown = console.export_text()
    assert "15:30 to 15:32: nobody drove the session for 2:00 (not counted in phase time or airtime)" in shown
    assert "15:32: facilitator resumed the session (from facilitator)" in shown


async def test_a_take_over_while_a_dialog_is_open_closes_it_and_follows(repo, circle, clock) -> None:
    from circle.store.driver_lock import ask_to_take_over

    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        await pilot.press("e")  # the end dialog is open when the take-over comes
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        folder = repo.sessions_dir(circle["slug"])
        ask_to_take_over(folder, str(screen.live.session_id), "ben", clock.now().isoformat())
        screen.tick()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FollowScreen) and len(app.screen_stack) == 1
        assert "ben" in text_of(app.screen, "#session-hint")


async def test_the_driver_and_the_follower_compose_one_stage_and_neither_inherits_the_other(
        repo, circle, clock) -> None:
    from circle.ui.session.stage import SessionStage

    assert not issubclass(FollowScreen, SessionScreen) and not issubclass(SessionScreen, FollowScreen)
    live = driver(repo, circle, clock)
    app = watcher(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FollowScreen)
        stage = app.screen.query_one(SessionStage)
        assert not stage.keys and stage.engine.speaker == live.engine.speaker
    app = make_app(repo, circle, clock)
    live.leave()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")  # resume
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.query_one(SessionStage).keys
