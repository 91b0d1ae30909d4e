"""A circle's year for the year-view tests: sixteen weekly sessions with people late, leaving
early and away, uneven and even airtime, sessions over and under plan, and goals set,
achieved, reworked and dropped in them; one more session over a year before, not counted.

Every figure comes from a fixed seed and a manual clock, so the snapshots never move.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from circle.domain.circles.norms import default_norms
from circle.domain.clock import ManualClock
from circle.domain.goals.goal import Goal, achieve, drop, log_progress, new_goal, retire, rework
from circle.domain.session.attendance import Attendee
from circle.domain.session.summary import PhaseRecord, SessionSummary, shares_of
from circle.store.repository import Repository

TODAY = datetime(2026, 1, 20, 17, 0, tzinfo=timezone.utc)
FIRST = datetime(2025, 9, 9, 15, 30, tzinfo=timezone.utc)  # a Tuesday; weekly from then
SESSIONS = 16
ACTOR = "mrossi"

# name, role, experience, username
MEMBERS = [
    ("Marco Rossi", "mentor", "veteran", "mrossi"),
    ("Jo [b]Kim[/b]", "mentee", "new", "jkim"),
    ("Sam Achebe", "peer", "veteran", "sachebe"),
    ("Lena Vogel", "mentee", "new", "lvogel"),
    ("Omar Haddad", "peer", "new", "ohaddad"),
]
FORMER = ("Ruth Former", "peer", "veteran", "rformer")  # left in November; her goal stays

PHASES = (("opener", "Positive opener", 600), ("challenge", "Challenge sharing", 1200),
          ("questions", "Open-ended questions", 900), ("goals", "SMART goal updates", 600),
          ("close", "Positive close", 300))  # fmt: skip


def clock() -> ManualClock:
    return ManualClock(TODAY)


def _attendance(rng: random.Random, roster: list[str], number: int) -> tuple[Attendee, ...]:
    people = []
    for member in roster:
        roll = rng.random()
        at = (FIRST + timedelta(weeks=number, minutes=12)).isoformat()
        if roll < 0.1:
            people.append(Attendee(member))  # absent
        elif roll < 0.2:
            people.append(Attendee(member, joined_at=at))
        elif roll < 0.27:
            people.append(Attendee(member, from_start=True, left_at=at))
        else:
            people.append(Attendee(member, from_start=True))
    return tuple(people)


def _summary(rng: random.Random, number: int, attendance: tuple[Attendee, ...], start: datetime) -> SessionSummary:
    came = [a.member for a in attendance if a.attended]
    # The voices even out over the term: the mentor's lead shrinks from four times the others' to even.
    lead = max(1.0, 4.0 - number * 0.25)
    airtime = {m: round((lead if i == 0 else 1.0) * rng.uniform(180, 300), 1) for i, m in enumerate(came)}
    over = rng.choice((-120, 0, 60, 180, 300, 600)) if number % 5 else 900
    drift = (-60, 0, 0, 60, 120)  # seconds the other phases run over
    phases = tuple(
        PhaseRecord(i, kind, title, float(planned),
                    float(planned + (over if kind == "challenge" else rng.choice(drift))))
        for i, (kind, title, planned) in enumerate(PHASES)
    )
    length = sum(p.actual_seconds for p in phases)
    return SessionSummary(
        plan="community-60", status="ended", started_at=start.isoformat(),
        ended_at=(start + timedelta(seconds=length)).isoformat(),
        present=tuple(a.member for a in attendance if a.attended and not a.left_at), order=tuple(came),
        phases=phases, turns=(), airtime=airtime, passes={}, prompts=(), not_spoken=(),
        attendance=attendance, shares=shares_of(airtime),
    )  # fmt: skip


def _hold(repo: Repository, slug: str, start: datetime, summary: SessionSummary) -> str:
    sid = repo.create_session(slug, {"plan": "community-60", "plan_title": "Community session, 60 minutes",
                                     "started": start.isoformat()})
    repo.update_session(slug, sid, ended=summary.ended_at, summary=summary.to_dict())
    return sid


class Goals:
    """Goal changes made in a session, through the store as the goals screens make them."""

    def __init__(self, repo: Repository, slug: str) -> None:
        self.repo, self.slug = repo, slug

    def set(self, member: str, title: str, at: datetime, sid: str) -> str:
        goal = new_goal(member, title, at=at, by=ACTOR, session=sid)
        return str(self.repo.add_goal(self.slug, goal.to_dict())["id"])

    def change(self, goal_id: str, how) -> None:
        self.repo.update_goal(self.slug, goal_id, lambda raw: how(Goal.from_dict(raw)).to_dict())

    def progress(self, goal_id: str, percent: int, at: datetime, sid: str) -> None:
        self.change(goal_id, lambda g: log_progress(g, "", percent, at=at, by=ACTOR, session=sid))

    def achieve(self, goal_id: str, at: datetime, sid: str) -> None:
        self.change(goal_id, lambda g: achieve(g, at=at, by=ACTOR, session=sid))

    def drop(self, goal_id: str, at: datetime, sid: str) -> None:
        self.change(goal_id, lambda g: drop(g, "the class changed", at=at, by=ACTOR, session=sid))

    def rework(self, goal_id: str, title: str, at: datetime, sid: str) -> str:
        old = Goal.from_dict(next(g for g in self.repo.list_goals(self.slug) if g["id"] == goal_id))
        successor = rework(old, title=title, at=at, by=ACTOR, session=sid)
        _closed, saved = self.repo.rework_goal(
            self.slug, goal_id, successor.to_dict(),
            lambda raw, new_id: retire(Goal.from_dict(raw), new_id, at=at, by=ACTOR, session=sid).to_dict(),
        )
        return str(saved["id"])


def year_repo(home: Path, actor: str = ACTOR) -> Repository:
    build = ManualClock(FIRST - timedelta(days=400))
    repo = Repository(home, ACTOR, clock=build, rng=random.Random(26))
    rng = random.Random(2026)
    slug = repo.create_circle("Year 9 Circle", "Weekly, after school", norms=default_norms())["slug"]
    repo.create_circle("Quiet Circle", "Not met yet", norms=default_norms())
    ids = [repo.add_member(slug, name, role=role, experience=exp, username=user).id
           for name, role, exp, user in [*MEMBERS, FORMER]]
    goals = Goals(repo, slug)
    old_start = FIRST - timedelta(days=380)  # over a year before today: left out of the year
    _hold(repo, slug, old_start, _summary(rng, 0, _attendance(rng, ids, 0), old_start))
    held: list[tuple[str, datetime]] = []
    for number in range(SESSIONS):
        start = FIRST + timedelta(weeks=number + (2 if number >= 7 else 0))  # two weeks' break after the seventh
        build.advance((start - build.now()).total_seconds())  # the store stamps its writes at the session's time
        roster = ids if number < 9 else ids[:-1]  # Ruth left after the ninth
        attendance = _attendance(rng, roster, number)
        sid = _hold(repo, slug, start, _summary(rng, number, attendance, start))
        held.append((sid, start))
        if number == 8:
            repo.remove_member(slug, ids[-1])
    marco, jo, sam, lena, omar, ruth = ids
    (s0, t0), (s1, t1), (s3, t3), (s6, t6), (s10, t10), (s13, t13) = (held[i] for i in (0, 1, 3, 6, 10, 13))
    g_marco = goals.set(marco, "Co-plan a lab lesson with Jo each fortnight", t0, s0)
    g_jo = goals.set(jo, "Use an exit ticket in every [red]Year 9[/red] lesson", t0, s0)
    g_sam = goals.set(sam, "Run two peer-review rounds", t0, s0)
    g_lena = goals.set(lena, "Start lessons in under three minutes", t1, s1)
    g_ruth = goals.set(ruth, "Try a source-analysis routine", t1, s1)
    goals.progress(g_marco, 50, t3, s3)
    goals.progress(g_jo, 40, t3, s3)
    goals.achieve(g_sam, t6, s6)
    g_lena2 = goals.rework(g_lena, "Start lessons in under five minutes", t6, s6)
    goals.progress(g_lena2, 30, t10, s10)
    goals.drop(g_ruth, t6, s6)
    goals.set(sam, "Film one lesson and watch it with a peer", t10, s10)
    goals.set(omar, "Call two families a week", t10, s10)
    goals.progress(g_jo, 80, t13, s13)
    goals.achieve(g_marco, t13, s13)
    return Repository(home, actor, clock=clock(), rng=random.Random(11))
