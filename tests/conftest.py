"""Shared test data: a circle in a temporary home, built through the Repository."""

from __future__ import annotations

import gc
import random
from datetime import datetime, timezone
from pathlib import Path

import pytest

import circle.collector as collector
from circle.domain.clock import ManualClock
from circle.store.repository import Repository

START = datetime(2026, 3, 2, 15, 30, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def collector_given_back():
    """A test that runs a full-screen command in-process (its collector held for start-up) and
    never opens the screen leaves the collector held: later tests get it back."""
    enabled = gc.isenabled()
    yield
    if enabled and not gc.isenabled():
        collector._held = False
        gc.enable()

MEMBERS = [
    ("Ana Ruiz", "mentor", "veteran"),
    ("Ben Okafor", "mentee", "new"),
    ("Chen Li", "peer", "veteran"),
    ("Dara [bold]Quinn[/bold]", "mentee", "new"),  # markup in a name must show as typed
]


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(start=START)


@pytest.fixture
def repo(tmp_path: Path, clock: ManualClock) -> Repository:
    # Seeded: ids (shown in a goal's detail) are the same in every run, so snapshots are stable.
    return Repository(tmp_path / "home", "facilitator", clock=clock, rng=random.Random(3))


@pytest.fixture
def circle(repo: Repository) -> dict:
    """A circle with four members, norms, and goals for Ana (one overdue) and Ben."""
    record = repo.create_circle("Maths Circle", "Year 7 and 8 maths teachers")
    slug = record["slug"]
    ids = [repo.add_member(slug, n, role=r, experience=e).id for n, r, e in MEMBERS]
    repo.set_norms(slug, ["We listen first.", "What is said here stays here."])
    repo.add_goal(slug, {"member": ids[0], "title": "Exit tickets in every lesson", "status": "active",
                         "due": "2026-02-01", "history": []})
    repo.add_goal(slug, {"member": ids[0], "title": "Peer observation each half term", "status": "active",
                         "due": "2026-06-30", "history": []})
    repo.add_goal(slug, {"member": ids[1], "title": "Seating plan for 8B", "status": "active",
                         "due": "2026-04-15", "history": []})
    return dict(record, member_ids=ids)
