"""Where home hands over to other parts of the app: new circles, sessions, goals, the demo.

The plans, the session layer, the screens it opens (check-in, goals) and the demo's data load
when first used, so the home screen's first frame does not wait for them (benchmarks/reads.py,
home screen start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from circle.domain.server.access import Action
from circle.domain.circles.norms import default_norms
from circle.domain.plans.plan import DEFAULT_PLAN
from circle.errors import CircleError
from circle.ui.dialogs import PickMember

if TYPE_CHECKING:
    from circle.store.repository import Repository


def new_circle(repo: Repository, name: str, description: str = "") -> dict:
    """A new circle starts with the default norms, for its members to make their own."""
    return repo.create_circle(name, description, norms=default_norms())


def _fail(app: App, what: str, error: Exception) -> None:
    app.notify(f"{what}: {error}", severity="error", timeout=10, markup=False)


def start_session(app: App, slug: str) -> None:
    """Pick a plan (the default first), then open the session's check-in for the circle."""
    from circle.store.plan_files import list_plans

    try:
        app.repo.require(Action.RUN_SESSION, slug)  # refused before picking a plan, not after the check-in
    except CircleError as error:
        _fail(app, "Cannot start a session", error)
        return
    try:
        plans = list_plans(app.repo.home)
    except CircleError as error:
        _fail(app, "Cannot read the plans", error)
        return
    plans.sort(key=lambda plan: (plan.name != DEFAULT_PLAN, plan.name))
    choices = [(plan.name, f"{plan.title}  [{plan.name}]") for plan in plans]
    if not choices:
        app.notify("No session plans found.", severity="error")
        return
    app.push_screen(
        PickMember("Which plan? (enter starts check-in)", choices),
        lambda name: name and open_check_in(app, slug, name),
    )


def open_check_in(app: App, slug: str, plan_name: str) -> None:
    from circle.live.setup import prepare
    from circle.ui.home.from_home import HomeCheckIn

    try:
        setup = prepare(app.repo, slug, plan_name)
    except CircleError as error:
        _fail(app, "Cannot start the session", error)
        return
    if not setup.members:
        app.notify("This circle has no members yet: add some first (a on the circle).", severity="warning")
        return
    app.push_screen(HomeCheckIn(setup))


def open_goals(app: App, slug: str, member_id: str | None = None) -> None:
    """Open the goals review for a circle's members (or one member, when given)."""
    from circle.domain.goals.review import MemberRef
    from circle.ui.home.from_home import CircleGoals

    try:
        app.repo.require(Action.READ, slug)
        circle = app.repo.get_circle(slug)
        members = [m for m in app.repo.list_members(slug) if member_id in (None, m.id)]
    except CircleError as error:
        _fail(app, "Cannot open the goals", error)
        return
    if not members:
        app.notify("This circle has no members yet: add some first (a on the circle).", severity="warning")
        return
    app.push_screen(CircleGoals([MemberRef(slug, circle["name"], m) for m in members]))


def add_demo(app: App) -> str | None:
    """Put the demo circle into this home (unless it is there); its slug, or None on failure."""
    from circle.store.demo_data import seed_demo

    try:
        return str(seed_demo(app.repo, app.clock)["slug"])
    except CircleError as error:
        _fail(app, "Cannot add the demo", error)
        return None
