"""A school server for the access tests, built once and copied for each test.

Maths: ana (mentor: a facilitator) and ben (mentee), with a goal each and an ended session.
Science: cy (mentor). adm is an admin in neither circle; eve is not a registered teacher.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from circle.domain.clock import ManualClock
from circle.domain.server.ssh_keys import parse_public_key
from circle.store.repository import Repository
from circle.store.teachers import TeacherRegistry

from .keys import key_text


class School:
    def __init__(self, home: Path, keys: Path) -> None:
        self.home = home
        setup = self.repo("setup")  # no teachers yet: a laptop, where anyone may do anything
        self.maths = setup.create_circle("Maths", norms=["Start on time"])["slug"]
        self.science = setup.create_circle("Science")["slug"]
        self.ana = setup.add_member(self.maths, "Ana", role="mentor", username="ana").id
        self.ben = setup.add_member(self.maths, "Ben", role="mentee", username="ben").id
        setup.add_member(self.science, "Cy", role="mentor", username="cy")
        setup.set_agreement(self.maths, {"place": "Room 4"})
        self.ana_goal = setup.add_goal(self.maths, {"member": self.ana, "title": "Ask open questions"})["id"]
        self.ben_goal = setup.add_goal(self.maths, {"member": self.ben, "title": "Wait 5 s"})["id"]
        self.session = setup.create_session(self.maths, {"plan": "community-60"})
        setup.update_session(self.maths, self.session, ended="2026-01-01T10:00:00")
        registry = TeacherRegistry(home, keys, lambda name: f"/usr/bin/circle shell {name}")
        for seed, name in enumerate(("ana", "ben", "cy", "adm")):
            registry.add(name, [parse_public_key(key_text(seed), name)], admin=name == "adm")

    def repo(self, actor: str) -> Repository:
        return Repository(self.home, actor, clock=ManualClock(), rng=random.Random(3))


def build_school(folder: Path) -> Path:
    School(folder / "home", folder / "authorized_keys")
    return folder


def copy_school(built: Path, to: Path) -> School:
    """A fresh copy of the built school (building it costs more than copying)."""
    shutil.copytree(built, to)
    school = School.__new__(School)
    school.home = to / "home"
    setup_view = Repository(school.home, "adm")
    circles = {c["name"]: c["slug"] for c in setup_view.list_circles()}
    school.maths, school.science = circles["Maths"], circles["Science"]
    members = {m.username: m.id for m in setup_view.list_members(school.maths)}
    school.ana, school.ben = members["ana"], members["ben"]
    reader = Repository(school.home, "ana")
    goals = {g["member"]: g["id"] for g in reader.list_goals(school.maths)}
    school.ana_goal, school.ben_goal = goals[school.ana], goals[school.ben]
    school.session = reader.latest_session_id(school.maths)
    return school
