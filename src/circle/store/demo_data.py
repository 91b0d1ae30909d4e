"""The demo circle: five teachers, their norms, agreement and goals, and one past session.

The past session is real data: a SessionEngine on a ManualClock is driven through a
whole community-60 session and each event it logs is written through the repository,
exactly as the session screen would write it. Seeding is idempotent: a home that
already holds "Demo Circle" is left as it is.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from circle.domain.plans.plan import DEFAULT_PLAN
from circle.domain.session import events as ev
from circle.domain.circles.agreement import Agreement, SignOff
from circle.domain.clock import Clock, ManualClock
from circle.domain.session.engine import SessionEngine
from circle.domain.goals.changes import ChangeResult, GoalChange, apply_change
from circle.domain.goals.goal import new_goal
from circle.domain.server.access import AccessDenied
from circle.domain.circles.members import Member
from circle.domain.circles.norms import default_norms
from circle.store.errors import NotFound
from circle.store.plan_files import load_decks, load_plan
from circle.store.repository import Repository

DEMO_CIRCLE = "Demo Circle"
DESCRIPTION = "A sample circle of secondary teachers: science, maths, English, music and history."

# name, role, experience, login name (`circle circles` lists them). Not a bare first name, which
# could be the login of whoever tries the demo; --actor maya finds Maya by her first name anyway.
MEMBERS = (
    ("Maya Okafor", "mentor", "veteran", "maya.okafor"),  # science
    ("Daniel Reyes", "mentee", "new", "daniel.reyes"),  # maths
    ("Priya Natarajan", "peer", "veteran", "priya.natarajan"),  # English
    ("Tom Lindqvist", "mentee", "new", "tom.lindqvist"),  # music
    ("Grace Mensah", "peer", "new", "grace.mensah"),  # history
)
ABSENT = "Grace Mensah"  # missed the past session

# member, title, measure, first action, days from today it is due (None: no date)
GOALS = (
    ("Maya Okafor", "Co-plan one practical science lesson with Daniel each fortnight",
     "Four co-planned lessons by the end of term", "Book the lab for the first one", 35),
    ("Daniel Reyes", "Use an exit ticket at the end of every Year 9 maths lesson",
     "Exit tickets in 4 of 5 lessons each week, and one reteach chosen from them",
     "Print a stack of half-page templates", 21),
    ("Priya Natarajan", "Run two peer-review rounds in the persuasive essay unit",
     "Both rounds done, with every student giving written feedback once", "Write the feedback prompts", -3),
    ("Tom Lindqvist", "Start music lessons with the instruments out in under three minutes",
     "Time the start of lessons for two weeks; most under three minutes", "Put the set-up routine on a poster", -5),
    ("Grace Mensah", "Try a source-analysis routine with Year 8 history",
     "Use it in three lessons and keep two student samples", "Choose the first source", 60),
)  # fmt: skip


def seed_demo(repo: Repository, clock: Clock | None = None) -> dict[str, Any]:
    """Put the demo circle into the home unless it is already there; returns the circle.

    Refused (AccessDenied) in a home with teachers: a school server's data is its teachers'
    circles, and a demo session there would be written beside them."""
    if repo.server_actor() is not None:
        raise AccessDenied("refused: the demo is not run in a data home with teachers (a school server); "
                           "`circle demo` with no --home and no $CIRCLE_HOME runs it in a temporary home")
    try:
        return repo.get_circle(DEMO_CIRCLE)
    except NotFound:
        pass
    clock = clock or repo.clock
    today = clock.now()
    circle = repo.create_circle(DEMO_CIRCLE, DESCRIPTION)
    slug = circle["slug"]
    members = [repo.add_member(slug, name, role=role, experience=exp, username=login)
               for name, role, exp, login in MEMBERS]
    repo.set_norms(slug, default_norms())
    repo.set_agreement(slug, _agreement(members, today).to_dict())
    goals = _add_goals(repo, slug, members, today)
    _past_session(repo, slug, members, goals, today - timedelta(days=7))
    return repo.get_circle(slug)


def _agreement(members: list[Member], today: datetime) -> Agreement:
    signed_on = (today - timedelta(weeks=9)).date()
    return Agreement(
        day="Tuesday",
        time="15:30",
        place="Library seminar room, or the school video link when someone is off site",
        minutes=60,
        cancel="Message the circle by noon the day before",
        contact="The staff chat on school days, 8:00 to 17:00; nothing at weekends",
        roles="Maya facilitates, Priya keeps time, everyone brings one goal",
        signed=tuple(SignOff(m.name, signed_on) for m in members),
    )


def _add_goals(repo: Repository, slug: str, members: list[Member], today: datetime) -> dict[str, dict]:
    """The goals, set five weeks ago; keyed by the member's name."""
    by_name = {m.name: m for m in members}
    set_at = today - timedelta(weeks=5)
    added = {}
    for name, title, measure, action, due_in in GOALS:
        goal = new_goal(
            by_name[name].id, title, measure=measure, action=action,
            realistic="Fits the time I already have for planning", at=set_at, by=repo.actor,
            due=(today + timedelta(days=due_in)).date() if due_in is not None else None,
        )  # fmt: skip
        added[name] = repo.add_goal(slug, goal.to_dict())
    return added


class _PastSession:
    """Drives an engine on a manual clock and writes every event it logs, in order."""

    def __init__(self, repo: Repository, slug: str, members: list[Member], start: datetime) -> None:
        self.clock = ManualClock(start=start)
        # Stamps and the session id come from the session's own time, not today's.
        self.repo = Repository(repo.home, repo.actor, clock=self.clock, rng=repo.rng)
        self.slug = slug
        self.engine = SessionEngine(
            load_plan(DEFAULT_PLAN, repo.home), members, self.clock,
            decks=load_decks(repo.home), rng=random.Random(2),
        )  # fmt: skip
        self.session_id = ""
        self.written = 0

    def write(self) -> None:
        for event in self.engine.events[self.written :]:
            self.repo.append_event(self.slug, self.session_id, event.to_dict())
        self.written = len(self.engine.events)

    def talk(self, seconds: float) -> None:
        """Time passes with the floor as it is; timers reaching zero ring as they would live."""
        while seconds > 0:
            step = min(5.0, seconds)
            self.clock.advance(step)
            seconds -= step
            self.engine.tick()
        self.write()

    def turns(self, *seconds: float) -> None:
        """Each speaker in turn speaks for the given seconds, then hands on."""
        for length in seconds:
            self.talk(length)
            self.engine.next_speaker()
        self.write()

    def goal_change(self, change: GoalChange) -> ChangeResult:
        result = apply_change(self.repo, change, at=self.clock.now(), by=self.repo.actor, session=self.session_id)
        self.engine.record(ev.GOAL_CHANGED, change.member, **result.event_data())
        self.write()
        return result


def _past_session(
    repo: Repository, slug: str, members: list[Member], goals: dict[str, dict], day: datetime
) -> str:
    start = datetime.combine(day.date(), time(15, 30), tzinfo=day.tzinfo)
    past = _PastSession(repo, slug, members, start)
    engine, by_name = past.engine, {m.name: m for m in members}
    attendance = {m.id: m.name != ABSENT for m in members}
    for member_id, present in attendance.items():
        if present:
            engine.check_in(member_id)
    past.clock.advance(90)  # the norms are read out before the start
    engine.start()
    past.session_id = past.repo.create_session(slug, {
        "plan": engine.plan.name,
        "plan_title": engine.plan.title,
        "started": past.clock.now().isoformat(),
        "attendance": [{"member": m, "present": p} for m, p in attendance.items()],
    })  # fmt: skip
    past.write()

    # Positive opener: Daniel passes, then speaks at the end of the round.
    past.turns(55)
    past.talk(6)
    engine.pass_turn()
    past.turns(70, 48, 52)  # Priya runs past her minute
    past.talk(110)
    engine.next_phase()
    # Challenge sharing: Daniel's turn runs into overtime.
    past.turns(95, 150, 110, 85)
    past.talk(220)
    engine.next_phase()
    # Open-ended questions: hands and two prompts from the deck; the phase ends in overtime.
    engine.draw_prompt()
    engine.raise_hand(by_name["Priya Natarajan"].id)
    engine.raise_hand(by_name["Maya Okafor"].id)
    past.turns(20, 75, 60)
    engine.draw_prompt()
    engine.raise_hand(by_name["Tom Lindqvist"].id)
    past.turns(30, 50)
    past.talk(680)  # the discussion runs a little past the phase's time
    engine.next_phase()
    # SMART goal updates.
    def change(kind: str, name: str, **fields: Any) -> None:
        past.goal_change(GoalChange(kind, slug, by_name[name].id, goals[name]["id"], **fields))

    past.talk(100)
    change("progress", "Maya Okafor", note="Two lessons co-planned; the second was the titration practical", percent=50)
    past.turns(20)
    past.talk(120)
    change("progress", "Daniel Reyes", note="Exit tickets in most lessons; Tuesday periods are the hard ones", percent=40)
    past.turns(25)
    past.talk(80)
    change("achieved", "Priya Natarajan", note="Both rounds done; the second round's feedback was much sharper")
    past.turns(10, 90)
    past.talk(380)
    engine.next_phase()
    # Positive close.
    past.turns(40, 45, 38, 50)
    past.talk(90)
    engine.end()
    past.write()
    past.repo.update_session(slug, past.session_id, ended=past.clock.now().isoformat(),
                             summary=engine.summary().to_dict())  # fmt: skip
    return past.session_id
