"""Taking a session over: a follower (or `circle run` of a session driven elsewhere) drives it.

The screen that drives is given as ``drive`` (the driver's screen class, or anything that
makes a screen of a live session): the driver's screen turns into a follower's on a
take-over, so neither screen module imports the other.
"""

from __future__ import annotations

from typing import Any, Callable

from textual.screen import Screen

from circle.domain.plans.plan import Plan
from circle.errors import CircleError
from circle.live.driver import LiveSession
from circle.live.driving import SessionDriven
from circle.live.follow import Follower
from circle.live.setup import SessionSetup
from circle.store.driver_lock import DriverStatus
from circle.ui.dialogs import Confirm

Drive = Callable[[LiveSession], Screen]


def start_driving(screen: Screen, live: LiveSession, drive: Drive) -> None:
    screen.app.load_styles("session", "goals")
    screen.app.switch_screen(drive(live))


def take_over_in_background(screen: Screen, setup: SessionSetup, record: dict[str, Any], plan: Plan,
                            drive: Drive, seen: DriverStatus | None = None) -> None:
    """Ask the driver to let go and take the session (up to a few seconds: in a worker thread).

    seen: who drove it when the facilitator chose to: taken from them, never from whoever took it meanwhile."""
    app = screen.app
    screen.notify("Asking the facilitator's screen to let go…", timeout=4)

    def work() -> None:
        try:
            live = LiveSession.take_over(setup, record, plan, app.clock, seen=seen)
        except SessionDriven as error:
            app.call_from_thread(screen.notify, f"Not taken over: {error}", severity="warning",
                                 timeout=10, markup=False)
            return
        except CircleError as error:
            app.call_from_thread(screen.notify, f"Not taken over: {error}", severity="error",
                                 timeout=10, markup=False)
            return
        app.call_from_thread(start_driving, screen, live, drive)

    app.run_worker(work, thread=True, exclusive=True, group="take-over")


def offer_take_over(screen: Screen, follower: Follower, drive: Drive) -> None:
    setup, record = follower.setup, follower.record
    if setup is None or not record:
        return
    seen = follower.status
    who = seen.info.name if seen.held and seen.info else None
    question = (f"{who} is running this session. Take it over? Their screen will follow it."
                if who else "Nobody is running this session. Run it from here?")

    def answered(yes: bool | None) -> None:
        if yes:
            take_over_in_background(screen, setup, record, setup.plan, drive, seen)

    screen.app.push_screen(Confirm(question, yes="Take over"), answered)
