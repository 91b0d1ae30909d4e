"""Nobody is offered what they may not do: on a school server the home screen offers a new circle
to admins only and never the demo; the hand-off list holds only members present who may run the
session; over SSH the command palette offers no screenshot (it would be written on the server)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.app import SystemCommand
from textual.widgets import OptionList

from circle.domain.clock import ManualClock
from circle.live.driver import LiveSession
from circle.live.setup import prepare
from circle.store.repository import Repository
from circle.ui.app import CircleApp
from circle.ui.dialogs import PickMember
from circle.ui.home.home_screen import HomeScreen
from circle.ui.session.screen import SessionScreen
from home_sample import clock as sample_clock
from test_server_access import app_for, key, notices, registry, serve


def shown_keys(app: CircleApp) -> set[str]:
    return {key for key, active in app.screen.active_bindings.items() if active.enabled}


def over_ssh(monkeypatch: pytest.MonkeyPatch, home: Path, teacher: str) -> None:
    """This process as the forced command of a teacher's key would start it."""
    monkeypatch.setattr(sys, "argv", ["/srv/circle/venv/bin/circle", "--home", str(home), "shell", teacher])


async def test_a_teacher_on_a_server_is_offered_neither_a_new_circle_nor_the_demo(tmp_path: Path) -> None:
    home = serve(tmp_path)
    app = app_for(home, "alopez")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert {"n", "d"}.isdisjoint(shown_keys(app))
        await pilot.press("n", "d")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and notices(app) == []
    assert [c["name"] for c in Repository(home, "it").list_circles()] == ["Maths Mentors", "Science Peers",
                                                                            "Year 7 Team"]


async def test_an_admin_on_a_server_is_offered_a_new_circle_but_not_the_demo(tmp_path: Path) -> None:
    home = tmp_path / "home"
    registry(tmp_path).add("it", [key(1)], admin=True)
    app = app_for(home, "it")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "n" in shown_keys(app) and "d" not in shown_keys(app)
        assert app.screen.query_one("#welcome-new").display and not app.screen.query_one("#welcome-demo").display
        await pilot.press("d")
        await pilot.pause()
        assert not (home / "circles").exists() or not any((home / "circles").iterdir())
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CircleForm"


async def test_on_a_laptop_both_are_offered(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Repository(home, "me")
    app = CircleApp(Repository(home, "me", clock=sample_clock()), start=lambda: HomeScreen("me"), clock=sample_clock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert {"n", "d"} <= shown_keys(app)


async def system_command_titles(app: CircleApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen) if isinstance(command, SystemCommand)]


async def test_over_ssh_the_palette_offers_no_screenshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = serve(tmp_path)
    over_ssh(monkeypatch, home, "alopez")
    app = app_for(home, "alopez")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = await system_command_titles(app)
        assert "Screenshot" not in titles and "Quit" in titles and "Theme" in titles


async def test_on_a_laptop_the_palette_keeps_the_screenshot(tmp_path: Path) -> None:
    home = serve(tmp_path)
    app = app_for(home, "alopez")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Screenshot" in await system_command_titles(app)


def session_of(repo: Repository, attendance: dict[str, bool], clock: ManualClock) -> CircleApp:
    live = LiveSession.fresh(prepare(repo, "maths", "community-60"), clock)
    live.begin(attendance)
    return CircleApp(repo, start=lambda: SessionScreen(live), clock=clock)


async def offered(app: CircleApp, pilot) -> list[str]:
    await pilot.press("o")
    await pilot.pause()
    if not isinstance(app.screen, PickMember):
        return []
    listing = app.screen.query_one("#pick-list", OptionList)
    return [listing.get_option_at_index(i).id for i in range(listing.option_count)]


@pytest.fixture
def school(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Maths: ana, cy, dee and eve (mentors: they facilitate), ben (a mentee) and Flo (no login);
    eve was removed from the circle. All but Flo are teachers."""
    home = tmp_path / "home"
    repo = Repository(home, "setup")
    repo.create_circle("Maths")
    ids = {name: repo.add_member("maths", name.title(), role=role, username=name).id
           for name, role in (("ana", "mentor"), ("ben", "mentee"), ("cy", "mentor"), ("dee", "mentor"),
                              ("eve", "mentor"))}  # fmt: skip
    ids["flo"] = repo.add_member("maths", "Flo", role="mentor").id
    repo.remove_member("maths", ids.pop("eve"))
    for seed, name in enumerate(("ana", "ben", "cy", "dee", "eve")):
        registry(tmp_path).add(name, [key(seed)])
    return home, ids


async def test_the_hand_off_list_holds_only_members_present_who_may_run_the_session(school, clock) -> None:
    home, ids = school
    repo = Repository(home, "ana", clock=clock)
    attendance = {ids["ana"]: True, ids["ben"]: True, ids["cy"]: True, ids["dee"]: False, ids["flo"]: True}
    app = session_of(repo, attendance, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert await offered(app, pilot) == ["cy"]  # not ben (a mentee), dee (absent), eve (gone), flo (no login)


async def test_a_member_who_left_the_session_is_not_offered(school, clock) -> None:
    home, ids = school
    repo = Repository(home, "ana", clock=clock)
    app = session_of(repo, {ids["ana"]: True, ids["ben"]: True, ids["cy"]: True}, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.live.act(lambda engine: engine.check_in(ids["cy"], False))  # cy leaves early
        assert await offered(app, pilot) == []
        assert any("Nobody here may take the session" in n for n in notices(app))


async def test_on_a_laptop_the_hand_off_list_holds_the_members_present(tmp_path: Path, clock) -> None:
    repo = Repository(tmp_path / "home", "me", clock=clock)
    repo.create_circle("Maths")
    ids = [repo.add_member("maths", name, role=role).id for name, role in
           (("Ana", "mentor"), ("Ben", "mentee"), ("Cy", "peer"))]  # fmt: skip
    app = session_of(repo, {ids[0]: True, ids[1]: True, ids[2]: False}, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert await offered(app, pilot) == ["Ana", "Ben"]


async def test_over_ssh_the_export_key_shows_the_ssh_commands_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from circle.ui.home.history_screen import HistoryScreen

    home = serve(tmp_path)
    over_ssh(monkeypatch, home, "alopez")
    repo = Repository(home, "alopez", clock=sample_clock())
    app = CircleApp(repo, start=lambda: HistoryScreen("year-7-team"), clock=sample_clock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        shown = "\n".join(notices(app))
    assert "ssh HOST export " in shown and "--circle year-7-team --format md > " in shown
    assert str(home) not in shown
    assert not (home / "exports").exists()
