"""Changing who drives, from the screens: take over, hand off, and a driver becoming a follower."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from circle import hints
from circle.domain.circles.members import same_person
from circle.errors import CircleError
from circle.live.driver import LiveSession
from circle.live.driving import SessionDriven, may_drive
from circle.live.follow import Follower, open_follower
from circle.live.setup import SessionSetup
from circle.store.driver_lock import DriverStatus
from circle.ui.dialogs import Confirm, PickMember

if TYPE_CHECKING:
    from circle.domain.plans.plan import Plan
    from circle.ui.session.screen import SessionScreen


def become_follower(screen: SessionScreen) -> None:
    """The driver's screen after a take-over or a hand-off: it follows the session from now on."""
    from circle.ui.follow.screen import follow_screen

    live = screen.live
    while screen.app.screen is not screen and len(screen.app.screen_stack) > 1:
        screen.app.pop_screen()  # a dialog left open over the session asks about a session not ours now
    note = (f"You handed the session to {live.let_go_to}: you follow it now" if live.let_go_how == "hand_off"
            else f"{live.let_go_to} took the session over: you follow it now")
    try:
        follower = open_follower(live.repo, live.setup.slug, screen.app.clock)
    except CircleError as error:
        screen.notify(f"{note}; cannot follow: {error}", severity="error", timeout=10, markup=False)
        screen.app.exit()
        return
    screen.app.load_styles("follow")
    screen.app.switch_screen(follow_screen(follower, note))


def hand_off_choices(live: LiveSession) -> list[tuple[str, str]]:
    """Who the session can be handed to: members present now (not those absent or gone) who may
    drive it (on a server, its facilitators), mentors first; each by the name they run circle as
    (their login, where the roster has it), with a label."""
    present = set(live.engine.present)
    driver = live.repo.actor
    members = [m for m in live.setup.members
               if m.id in present and not same_person(driver, m.username or m.name, live.setup.members)]
    members.sort(key=lambda m: (m.role != "mentor", m.name.casefold()))
    return [(m.username or m.name, f"{m.name}  ({m.role})") for m in members
            if may_drive(live.repo, live.setup.slug, m.username or m.name)]


def offer_hand_off(screen: SessionScreen) -> None:
    """Pick a member to hand the session to."""
    live = screen.live
    choices = hand_off_choices(live)
    if not choices:
        screen.notify("Nobody here may take the session: it can be handed to a member present who may run it.",
                      severity="warning")
        return

    def chosen(name: str | None) -> None:
        if name is None:
            return
        try:
            live.hand_off(name)
        except CircleError as error:
            screen.notify(f"Not handed off: {error}", severity="error", timeout=10, markup=False)
            return
        become_follower(screen)

    run = hints.command("run", live.setup.slug)
    screen.app.push_screen(PickMember(f"Hand the session to whom? They run it with `{run}`.", choices), chosen)


def start_driving(screen: Screen, live: LiveSession) -> None:
    from circle.ui.session.screen import SessionScreen

    screen.app.load_styles("session", "goals")
    screen.app.switch_screen(SessionScreen(live))


def take_over_in_background(screen: Screen, setup: SessionSetup, record: dict[str, Any], plan: Plan,
                            seen: DriverStatus | None = None) -> None:
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
        app.call_from_thread(start_driving, screen, live)

    app.run_worker(work, thread=True, exclusive=True, group="take-over")


def offer_take_over(screen: Screen, follower: Follower) -> None:
    setup, record = follower.setup, follower.record
    if setup is None or not record:
        return
    seen = follower.status
    who = seen.info.name if seen.held and seen.info else None
    question = (f"{who} is running this session. Take it over? Their screen will follow it."
                if who else "Nobody is running this session. Run it from here?")

    def answered(yes: bool | None) -> None:
        if yes:
            take_over_in_background(screen, setup, record, setup.plan, seen)

    screen.app.push_screen(Confirm(question, yes="Take over"), answered)


def offer_follow(screen: Screen, setup: SessionSetup, record: dict[str, Any], plan: Plan,
                 error: SessionDriven) -> None:
    """`circle run` of a session driven elsewhere: follow it, or (a facilitator) take it over."""
    from circle.ui.follow.screen import follow_screen

    seen = error.status  # taken over from this driver, never from whoever takes it meanwhile
    choices = [("follow", "Follow it (read-only)")]
    if may_drive(setup.repo, setup.slug, setup.repo.actor):
        choices.append(("take_over", "Take it over (its screen will follow)"))
    choices.append(("quit", "Quit"))

    def chosen(choice: str | None) -> None:
        if choice == "follow":
            try:
                follower = open_follower(setup.repo, setup.slug, screen.app.clock)
            except CircleError as error:
                screen.notify(f"Cannot follow the session: {error}", severity="error", timeout=10, markup=False)
                return
            screen.app.load_styles("session", "goals", "follow")
            screen.app.switch_screen(follow_screen(follower))
        elif choice == "take_over":
            take_over_in_background(screen, setup, record, plan, seen)
        elif len(screen.app.screen_stack) > 1:  # opened from the home screen: back to it
            screen.app.pop_screen()
        else:  # a second session beside a running one is not offered
            screen.app.exit()

    info = error.status.info
    who = info.name if info else "Another facilitator"
    screen.app.push_screen(PickMember(f"{who} is running this session right now.", choices), chosen)
