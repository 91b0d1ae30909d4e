"""Changing who drives, from the screens: hand off, and a driver becoming a follower; following
or taking over a session driven elsewhere (circle.ui.follow.take_over takes it over)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from circle import hints
from circle.domain.circles.members import same_person
from circle.errors import CircleError
from circle.live.driver import LiveSession
from circle.live.driving import SessionDriven, may_drive
from circle.live.follow import open_follower
from circle.live.setup import SessionSetup
from circle.ui.dialogs import PickMember
from circle.ui.follow.screen import follow_screen
from circle.ui.follow.take_over import Drive, take_over_in_background
from circle.ui.home.overview import is_member

if TYPE_CHECKING:
    from circle.domain.plans.plan import Plan


def become_follower(screen: Screen, live: LiveSession, drive: Drive) -> None:
    """The driver's screen after a take-over or a hand-off: it follows the session from now on
    (``drive`` makes the driver's screen again, should this terminal take the session back)."""
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
    screen.app.switch_screen(follow_screen(follower, note, drive=drive))


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


def offer_hand_off(screen: Screen, live: LiveSession, drive: Drive) -> None:
    """Pick a member to hand the session to."""
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
        become_follower(screen, live, drive)

    run = hints.command("run", live.setup.slug)
    screen.app.push_screen(PickMember(f"Hand the session to whom? They run it with `{run}`.", choices), chosen)


def offer_follow(screen: Screen, setup: SessionSetup, record: dict[str, Any], plan: Plan,
                 error: SessionDriven, drive: Drive) -> None:
    """`circle run` of a session driven elsewhere: follow it, or (a facilitator) take it over."""

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
            screen.app.switch_screen(follow_screen(follower, drive=drive))
        elif choice == "take_over":
            take_over_in_background(screen, setup, record, plan, drive, seen)
        elif len(screen.app.screen_stack) > 1:  # opened from the home screen: back to it
            screen.app.pop_screen()
        else:  # a second session beside a running one is not offered
            screen.app.exit()

    info = error.status.info
    who = info.name if info else "Another facilitator"
    screen.app.push_screen(PickMember(f"{who} is running this session right now.", choices), chosen)
