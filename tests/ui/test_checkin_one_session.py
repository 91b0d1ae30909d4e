"""Pilot tests of check-in's Enter when the circle's session is live already (started by
another terminal after check-in opened): it is offered to follow, take over or resume,
never started a second time; and a start a full disk refuses leaves nothing to resume."""

from __future__ import annotations

import errno
import os
import random

from pilot_wait import until
from session_driver import make_app
from textual.widgets import Static

import circle.store.journal as journal_module
from circle.live.driver import LiveSession
from circle.live.setup import prepare
from circle.store.repository import Repository
from circle.ui.dialogs import Confirm, PickMember
from circle.ui.follow.screen import FollowScreen
from circle.ui.session.checkin import CheckInScreen
from circle.ui.session.screen import SessionScreen


def as_actor(repo: Repository, name: str, clock) -> Repository:
    return Repository(repo.home, name, clock=clock, rng=random.Random(len(name)))


def driver(repo: Repository, circle: dict, clock) -> LiveSession:
    live = LiveSession.fresh(prepare(repo, circle["slug"], "community-60"), clock)
    live.begin({member: True for member in circle["member_ids"]})
    return live


def dialog_text(screen) -> str:
    return str(screen.query(Static).first().render())


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_enter_while_another_terminal_runs_the_session_offers_to_follow_it(repo, circle, clock) -> None:
    app = make_app(as_actor(repo, "ben", clock), circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        live = driver(repo, circle, clock)  # pressed Enter at the same moment, and was first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickMember)
        assert "facilitator is running this session" in dialog_text(app.screen)
        await pilot.press("enter")  # Follow it
        await until(pilot, lambda: isinstance(app.screen, FollowScreen), "the follow screen")
        assert app.screen.follower.session_id == live.session_id
    assert repo.session_ids(circle["slug"]) == [live.session_id]
    live.leave()


async def test_a_take_over_someone_else_won_leaves_enter_offering_the_session_again(repo, circle, clock) -> None:
    live = driver(repo, circle, clock)
    app = make_app(as_actor(repo, "ben", clock), circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickMember)  # offered when check-in opened
        live.leave()
        chen = LiveSession.resume(*_unfinished(as_actor(repo, "chen", clock), circle), clock)  # chen was quicker
        await pilot.press("down", "enter")  # Take it over
        await until(pilot, lambda: any("Not taken over" in m for m in messages(app)), "the refusal")
        assert any("being run by chen" in m for m in messages(app))
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)  # back at check-in, where Enter once started a second
        await pilot.press("enter")  # what was a second session is the running one, offered
        await pilot.pause()
        assert isinstance(app.screen, PickMember) and "chen is running this session" in dialog_text(app.screen)
    assert repo.session_ids(circle["slug"]) == [live.session_id] and chen.driving
    chen.leave()


def _unfinished(repo: Repository, circle: dict):
    setup = prepare(repo, circle["slug"], "community-60")
    return setup, setup.unfinished, setup.plan


async def test_enter_finds_a_session_nobody_drives_and_offers_to_resume_it(repo, circle, clock) -> None:
    app = make_app(as_actor(repo, "ben", clock), circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        live = driver(repo, circle, clock)
        live.leave()  # started and quit in another terminal since check-in opened
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "did not end." in dialog_text(app.screen)
        assert dialog_text(app.screen).endswith("Resume it?")
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        assert app.screen.live.session_id == live.session_id
    assert repo.session_ids(circle["slug"]) == [live.session_id]


async def test_a_new_session_chosen_over_one_nobody_drives_starts_at_once(repo, circle, clock) -> None:
    app = make_app(as_actor(repo, "ben", clock), circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        live = driver(repo, circle, clock)
        live.leave()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")  # New session
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session screen")
        started = app.screen.live.session_id
    assert repo.session_ids(circle["slug"]) == [live.session_id, started]


async def test_a_start_the_full_disk_refuses_says_so_and_leaves_nothing_to_resume(repo, circle, clock,
                                                                                 monkeypatch) -> None:
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with monkeypatch.context() as patched:
            patched.setattr(journal_module, "write_all", disk_full)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        said = [m for m in messages(app) if m.startswith("Not started:")]
        assert len(said) == 1 and "the disk is full" in said[0] and "\n" not in said[0]
    assert repo.session_ids(circle["slug"]) == []
    app = make_app(repo, circle, clock)  # `circle run` again: check-in, no resume offered
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
