"""On a school server, screens refuse what the teacher may not do with a notice, never a crash."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

from circle.domain.server.ssh_keys import PublicKey, parse_public_key
from circle.store.repository import Repository
from circle.store.teachers import TeacherRegistry
from circle.ui.app import CircleApp
from circle.ui.home.circle_screen import CircleScreen
from circle.ui.home.home_screen import HomeScreen
from home_sample import clock, sample_repo



def registry(tmp_path: Path) -> TeacherRegistry:
    return TeacherRegistry(tmp_path / "home", tmp_path / "authorized_keys", lambda name: f"/usr/bin/circle shell {name}")


def key(seed: int) -> PublicKey:
    """A valid ed25519 public key of its own for each seed."""
    blob = struct.pack(">I", 11) + b"ssh-ed25519" + struct.pack(">I", 32) + bytes([seed]) * 32
    return parse_public_key(f"ssh-ed25519 {base64.b64encode(blob).decode()}", f"key {seed}")


def serve(tmp_path: Path) -> Path:
    """The sample home with teachers registered: alopez (mentor), bokafor (mentee), it (admin)."""
    sample_repo(tmp_path / "home")
    for seed, name in enumerate(("alopez", "bokafor", "it")):
        registry(tmp_path).add(name, [key(seed)], admin=name == "it")
    return tmp_path / "home"


def app_for(home: Path, actor: str) -> CircleApp:
    return CircleApp(Repository(home, actor, clock=clock()), start=lambda: HomeScreen(actor), clock=clock())


def notices(app: CircleApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_an_admin_opens_a_circles_roster_but_not_its_norms_agreement_or_history(tmp_path: Path) -> None:
    app = app_for(serve(tmp_path), "it")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CircleScreen)
        for key in ("o", "t", "h"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, CircleScreen)
        assert [n.split(":")[0] for n in notices(app)] == [
            "Cannot open the norms", "Cannot open the agreement", "Cannot open the history"]  # fmt: skip
        assert all("it may not read" in n for n in notices(app))


async def test_a_mentee_is_told_before_the_plan_is_picked_that_only_facilitators_run_sessions(tmp_path: Path) -> None:
    app = app_for(serve(tmp_path), "bokafor")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Cannot start a session: refused: bokafor may not run a session" in n for n in notices(app))


async def test_a_teacher_in_no_circle_is_told_whom_to_ask_not_offered_to_create_one(tmp_path: Path) -> None:
    home = serve(tmp_path)
    registry(tmp_path).add("newbie", [key(9)])
    app = app_for(home, "newbie")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        welcome = str(app.screen.query_one("#welcome-text").content)
        assert "You are not in a circle yet" in welcome and "username newbie" in welcome
        assert not app.screen.query_one("#welcome-buttons").display


async def test_the_high_contrast_theme_chosen_on_screen_is_kept_for_that_teacher(tmp_path: Path) -> None:
    home = serve(tmp_path)
    app = app_for(home, "bokafor")
    async with app.run_test(size=(100, 30)) as pilot:
        assert not app.high_contrast
        await pilot.press("ctrl+t")
        assert app.high_contrast
    again, other = app_for(home, "bokafor"), app_for(home, "alopez")
    async with again.run_test(size=(100, 30)):
        assert again.high_contrast
    async with other.run_test(size=(100, 30)):
        assert not other.high_contrast
    (home / "preferences.json").write_text("{damaged")
    damaged = app_for(home, "bokafor")
    async with damaged.run_test(size=(100, 30)) as pilot:
        assert not damaged.high_contrast  # a damaged file costs the preference, not the start
        await pilot.press("ctrl+t")
        assert any("not kept for next time" in n and "preferences.json" in n for n in notices(damaged))
    assert (home / "preferences.json").read_text() == "{damaged"
