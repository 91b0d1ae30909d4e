"""What a session of one circle needs, read from the store before the screen opens."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from circle.domain.session import events as ev
from circle.domain.clock import Clock
from circle.domain.circles.members import Member
from circle.domain.circles.norms import default_norms
from circle.domain.plans.drawn import drawn_prompts
from circle.domain.plans.plan import Plan
from circle.store.circles import circle_view
from circle.store.plan_files import load_plan, plan_decks
from circle.store.repository import Repository

if TYPE_CHECKING:
    from circle.domain.session.engine import SessionEngine


@dataclass
class SessionSetup:
    """Everything a session of one circle needs, read before the screen opens."""

    repo: Repository
    circle: dict[str, Any]  # at least slug and name
    plan: Plan
    members: list[Member]  # active members, roster order
    roster: list[Member]  # everyone, removed members too: old logs name them
    norms: list[str]
    decks: dict = field(default_factory=dict)  # the plan's decks, by name
    recent_prompts: list[str] = field(default_factory=list)
    last_starter: str | None = None
    previous_session: str | None = None  # the last session's id: its commitments come first
    unfinished: dict[str, Any] | None = None  # the latest session's record, when it never ended
    rng: random.Random | None = None  # prompt draws and shuffles; tests pass a seeded one

    @property
    def slug(self) -> str:
        return str(self.circle["slug"])

    def engine(self, clock: Clock, plan: Plan | None = None) -> SessionEngine:
        # Imported here: check-in is drawn from the setup alone; the engine is first needed
        # when the session starts.
        from circle.domain.session.engine import SessionEngine

        return SessionEngine(plan or self.plan, self.roster, clock, **self.engine_keywords())

    def engine_keywords(self) -> dict[str, Any]:
        return {"decks": self.decks, "recent_prompts": self.recent_prompts,
                "last_starter": self.last_starter, "rng": self.rng}


def _start_member(events: list[dict[str, Any]]) -> str | None:
    return next((e.get("member") for e in events if e.get("type") == ev.START), None)


def prepare(repo: Repository, circle: str, plan_name: str) -> SessionSetup:
    """Read the circle, its members, norms, the plan and its decks; find an unfinished session.

    Raises the store's and plan loader's errors (CircleError) before any screen opens.
    """
    record, roster = repo.circle_with_roster(circle)
    slug = str(record["slug"])
    plan = load_plan(plan_name, repo.home)
    # One listing of the sessions folder and one read of each recent file serve the resume
    # check, the last starter and the prompts not to draw again.
    # A session whose start failed or was cut short never began: there is nothing in it to resume.
    recent = [s for s in repo.recent_sessions(slug) if any(e.get("type") == ev.START for e in s.events)]
    latest = recent[-1] if recent else None
    unfinished = dict(latest.record, id=latest.id) if latest and not latest.record.get("ended") else None
    # The session before this one: a resumed session's "last session" is the one before it.
    before = (recent[-2] if len(recent) > 1 else None) if unfinished else latest
    last_starter = _start_member(before.events) if before else None
    return SessionSetup(
        repo=repo,
        circle=circle_view(record),
        plan=plan,
        members=[m for m in roster if m.active],
        roster=roster,
        norms=list(record.get("norms") or plan.norms or default_norms()),
        decks=plan_decks(plan, repo.home),
        recent_prompts=drawn_prompts(s.events for s in recent),
        last_starter=last_starter,
        previous_session=before.id if before else None,
        unfinished=unfinished,
    )
