"""Start the full-screen app on a circle's session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from circle.domain.clock import Clock
from circle.ui.app import CircleApp
from circle.ui.keymap import read_keymap
from circle.ui.session.checkin import CheckInScreen
from circle.live.setup import SessionSetup, prepare

if TYPE_CHECKING:
    from circle.store.repository import Repository


def session_app(
    repo: Repository, circle: str, plan_name: str, *, high_contrast: bool = False, clock: Clock | None = None,
    demo: bool = False,
) -> CircleApp:
    """The app opened on check-in (or the offer to resume); errors in the data come out before it runs.
    The demo's check-in also says where its data is and how a second terminal follows it."""
    setup: SessionSetup = prepare(repo, circle, plan_name)
    if demo:  # the demo's own check-in loads only for the demo
        from circle.ui.session.demo_checkin import DemoCheckIn as checkin
    else:
        checkin = CheckInScreen
    keymap = read_keymap(repo.home)
    # Check-in has its own small stylesheet; the session's (and the goals phase's) load
    # when the session screen opens.
    return CircleApp(
        repo, start=lambda: checkin(setup), clock=clock, high_contrast=high_contrast, keymap=keymap,
        styles=("checkin",),
    )


def run_session(
    repo: Repository, circle: str, plan_name: str, *, high_contrast: bool = False, clock: Clock | None = None,
    demo: bool = False,
) -> None:
    session_app(repo, circle, plan_name, high_contrast=high_contrast, clock=clock, demo=demo).run()
