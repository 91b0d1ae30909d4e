"""A small data home for the home-screen tests: two circles, members, norms, an agreement, sessions."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from circle.domain.circles.norms import default_norms
from circle.domain.circles.agreement import Agreement, SignOff
from circle.domain.clock import ManualClock
from circle.store.repository import Repository

TODAY = datetime(2026, 3, 10, 16, 0, tzinfo=timezone.utc)

# (name, role, experience, username); share of airtime in each session follows below.
MEMBERS = [
    ("Ana Lopez", "mentor", "veteran", "alopez"),
    ("Ben Okafor", "mentee", "new", "bokafor"),
    ("Chloé [bold]Martin[/bold]", "peer", "new", None),
    ("Dev Patel", "peer", "veteran", "dpatel"),
]
# Seconds spoken per session (one dict per session); Ben is always short, Ana long.
AIRTIME = [
    {"Ana Lopez": 600, "Ben Okafor": 90, "Chloé [bold]Martin[/bold]": 300, "Dev Patel": 280},
    {"Ana Lopez": 650, "Ben Okafor": 60, "Chloé [bold]Martin[/bold]": 330},
    {"Ana Lopez": 520, "Ben Okafor": 120, "Chloé [bold]Martin[/bold]": 260, "Dev Patel": 300},
    {"Ana Lopez": 580, "Ben Okafor": 100, "Chloé [bold]Martin[/bold]": 290, "Dev Patel": 310},
]


def clock() -> ManualClock:
    return ManualClock(TODAY)


def empty_repo(home: Path, actor: str = "alopez") -> Repository:
    return Repository(home, actor, clock=ManualClock(TODAY - timedelta(days=120)), rng=random.Random(7))


def sample_repo(home: Path, actor: str = "alopez") -> Repository:
    repo = empty_repo(home, actor)
    build_clock: ManualClock = repo.clock  # type: ignore[assignment]
    year7 = repo.create_circle("Year 7 Team", "New and veteran teachers of Year 7, weekly", norms=default_norms())
    slug = year7["slug"]
    ids = {}
    for name, role, experience, username in MEMBERS:
        ids[name] = repo.add_member(slug, name, role=role, experience=experience, username=username).id
    removed = repo.add_member(slug, "Eve Former", role="peer", experience="veteran")
    agreement = Agreement(
        day="Tuesday",
        time="15:30, after school",
        place="Room 12 (or https://meet.example.org/year7)",
        minutes=60,
        cancel="A message to the group a day ahead",
        contact="Email on weekdays before 18:00; drop in before 8:15",
        roles="Ana keeps time; everyone teaches and learns",
        signed=(SignOff("Ana Lopez", (TODAY - timedelta(days=110)).date()),),
    )
    repo.set_agreement(slug, agreement.to_dict())
    for number, spoken in enumerate(AIRTIME):
        build_clock.advance(7 * 24 * 3600)
        present = [ids[name] for name in spoken]
        record = {
            "plan": "community-60",
            "plan_title": "Community session, 60 minutes",
            "started": build_clock.now().isoformat(),
            "attendance": [{"member": i, "present": i in present} for i in ids.values()],
        }
        sid = repo.create_session(slug, record)
        summary = {
            "plan": "community-60",
            "present": present,
            "phases": [
                {"index": 0, "kind": "opener", "title": "Positive opener", "planned_seconds": 600, "actual_seconds": 610.0 + number},
                {"index": 1, "kind": "challenge", "title": "Challenge sharing", "planned_seconds": 900, "actual_seconds": 1020.0},
                {"index": 2, "kind": "close", "title": "Positive close", "planned_seconds": 300, "actual_seconds": 280.0},
            ],
            "turns": [],
            "airtime": {ids[name]: float(seconds) for name, seconds in spoken.items()},
            "passes": {ids["Ben Okafor"]: 1},
            "prompts": [{"id": "q1", "text": "What would success look like for [that] student?"}],
            "not_spoken": [],
        }
        ended = (build_clock.now() + timedelta(minutes=32)).isoformat()
        repo.update_session(slug, sid, ended=ended, summary=summary)
    repo.remove_member(slug, removed.id)
    maths = repo.create_circle("Maths Mentors", norms=default_norms())
    repo.add_member(maths["slug"], "Fatima Noor", role="mentor", experience="veteran", username="fnoor")
    repo.add_member(maths["slug"], "Ana Lopez", role="mentee", experience="veteran", username="alopez")
    repo.create_circle("Science Peers", "Not Ana's", norms=default_norms())
    return Repository(home, actor, clock=clock(), rng=random.Random(11))
