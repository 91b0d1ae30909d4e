"""Start the full-screen app following a circle's session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from circle.errors import CircleError
from circle.live.driving import running_session
from circle.live.follow import Follower, open_follower
from circle.ui.app import CircleApp
from circle.ui.follow.screen import follow_screen
from circle.ui.keymap import read_keymap
from circle.ui.session.screen import SessionScreen

if TYPE_CHECKING:
    from circle.domain.clock import Clock
    from circle.store.repository import Repository


def follow_app(repo: Repository, follower: Follower, *, high_contrast: bool = False,
               clock: Clock | None = None) -> CircleApp:
    return CircleApp(repo, start=lambda: follow_screen(follower, drive=SessionScreen),
                     clock=clock or follower.clock, high_contrast=high_contrast, keymap=read_keymap(repo.home),
                     styles=("session", "goals", "follow"))


def watch_from(app: CircleApp, slug: str) -> None:
    """From the home screen: follow the circle's session when one is running, else say there is none."""
    try:
        if running_session(app.repo, slug) is None:
            app.notify("Nobody is running a session of this circle now.", severity="warning")
            return
        follower = open_follower(app.repo, slug, app.clock)
    except CircleError as error:
        app.notify(f"Cannot follow the session: {error}", severity="error", timeout=10, markup=False)
        return
    app.load_styles("session", "goals", "follow")
    app.push_screen(follow_screen(follower, drive=SessionScreen))


def run_follow(repo: Repository, follower: Follower, *, high_contrast: bool = False) -> None:
    follow_app(repo, follower, high_contrast=high_contrast).run()
