"""Fixtures for the store tests: a fresh data home, a repository on a manual clock, a circle."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from circle.domain.clock import ManualClock
from circle.store.repository import Repository


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def repo(home: Path, clock: ManualClock) -> Repository:
    return Repository(home, "ana", clock=clock, rng=random.Random(7))


@pytest.fixture
def circle(repo: Repository) -> str:
    return repo.create_circle("Maths mentors", "Tuesdays after school")["slug"]



@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A data file on its own, for the tests of its lock."""
    data = tmp_path / "data.json"
    data.write_text("0")
    return data
