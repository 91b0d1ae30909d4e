"""A school home for the report tests: circles whose every typed text is a distinctive string.

Each circle has a description, norms, an agreement, members, goals (with progress notes, a
drop's reason, a rework's note and new wording) and ended sessions run through the session
engine, with notes taken in them and goal changes made in them. ``typed`` lists every one of
those strings, so a test can assert none reaches an output. Circle names are not among them:
the programme's view labels circles by slug (docs/reports.md).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from circle.domain.clock import ManualClock
from circle.domain.goals.changes import GoalChange, Wording, apply_change
from circle.domain.session import events as ev
from circle.domain.session.engine import SessionEngine
from circle.domain.circles.members import Member
from circle.domain.plans.plan import Phase, Plan
from circle.domain.server.ssh_keys import parse_public_key
from circle.store.repository import Repository
from circle.store.teachers import TeacherRegistry

from .keys import key_text

PLAN = Plan(
    name="community-60",
    title="Community",
    minutes=6,
    phases=(
        Phase("opener", "Opener", 2, "round", speaker_seconds=60),
        Phase("goals", "Goals", 3, "round"),
        Phase("close", "Close", 1, "none"),
    ),
)
START = datetime(2026, 9, 7, 16, 0, tzinfo=timezone.utc)


class ReportHome:
    def __init__(self, home: Path, circles: int = 2, members: int = 4, sessions: int = 2) -> None:
        self.home = home
        self.typed: list[str] = []
        self.slugs: list[str] = []
        setup = Repository(home, "setup", clock=ManualClock(start=START - timedelta(days=14)), rng=random.Random(1))
        for c in range(circles):
            self._circle(setup, c, members, sessions)

    def text(self, what: str) -> str:
        """A distinctive string, remembered."""
        value = f"Zqv{what}Xkw"
        self.typed.append(value)
        return value

    def _circle(self, setup: Repository, c: int, count: int, sessions: int) -> None:
        slug = setup.create_circle(f"Circle {c}", description=self.text(f"describe{c}"),
                                   norms=[self.text(f"norm{c}a"), self.text(f"norm{c}b")])["slug"]
        self.slugs.append(slug)
        setup.set_agreement(slug, {"place": self.text(f"place{c}"), "cancel": self.text(f"cancel{c}"),
                                   "roles": self.text(f"roles{c}"), "confidentiality": self.text(f"conf{c}")})
        members: list[Member] = []
        for i in range(count):
            # The first member of each circle is a registered teacher: t0 (a mentor) in circle 0, ...
            username = f"t{c}" if i == 0 else None
            members.append(setup.add_member(slug, self.text(f"member{c}{i}"), role="mentor" if i == 0 else "mentee",
                                            username=username))
        goals = {}
        for m in members:
            wording = Wording(self.text(f"title{m.id}{c}"), self.text(f"measure{m.id}{c}"),
                              self.text(f"action{m.id}{c}"), self.text(f"realistic{m.id}{c}"))
            goals[m.id] = apply_change(setup, GoalChange("added", slug, m.id, wording=wording),
                                       at=START - timedelta(days=3), by="setup").goal["id"]
        for s in range(sessions):
            self._session(setup, slug, members, goals, START + timedelta(weeks=s), c, s)

    def _session(self, setup: Repository, slug: str, members: list[Member], goals: dict[str, str],
                 start: datetime, c: int, s: int) -> None:
        clock = ManualClock(start=start)
        repo = Repository(setup.home, "setup", clock=clock, rng=random.Random(s))
        engine = SessionEngine(PLAN, members, clock, rng=random.Random(s))
        for m in members[:-1] if s == 0 else members:  # the last member misses the first session
            engine.check_in(m.id)
        engine.start()
        sid = repo.create_session(slug, {"plan": PLAN.name, "started": clock.now().isoformat()})
        for m in engine.order:
            clock.advance(30 + 10 * members.index(next(x for x in members if x.id == m)))
            engine.tick()
            engine.next_speaker()
        engine.record(ev.NOTE, engine.order[0], note=self.text(f"note{c}{s}"), kind="point")
        engine.next_phase()
        first = members[0].id
        kind = ("progress", "reworked")[s % 2]
        change = GoalChange(kind, slug, first, goals[first], note=self.text(f"goalnote{c}{s}"), percent=40,
                            wording=Wording(self.text(f"newtitle{c}{s}")) if kind == "reworked" else Wording())
        result = apply_change(repo, change, at=clock.now(), by="setup", session=sid)
        if result.successor is not None:
            goals[first] = result.successor["id"]
        engine.record(ev.GOAL_CHANGED, first, **result.event_data())
        second = members[1].id
        if s == 0:
            apply_change(repo, GoalChange("dropped", slug, second, goals[second], reason=self.text(f"why{c}")),
                         at=clock.now(), by="setup", session=sid)
        clock.advance(120)
        engine.tick()
        engine.end()
        for event in engine.events:
            repo.append_event(slug, sid, event.to_dict())
        repo.update_session(slug, sid, ended=clock.now().isoformat(), summary=engine.summary().to_dict())

    def register(self, keys: Path, teachers: dict[str, bool]) -> None:
        """Register teachers (name -> admin?): the home becomes a school server."""
        registry = TeacherRegistry(self.home, keys, lambda name: f"/usr/bin/circle shell {name}")
        for seed, (name, admin) in enumerate(teachers.items()):
            registry.add(name, [parse_public_key(key_text(seed), name)], admin=admin)
