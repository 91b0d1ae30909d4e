"""What the session-layer tests share: a live session of the test circle, everyone present."""

from __future__ import annotations

import pytest

from circle.domain.clock import ManualClock
from circle.live.driver import LiveSession
from circle.live.setup import prepare
from circle.store.repository import Repository


@pytest.fixture
def live(repo: Repository, circle: dict, clock: ManualClock) -> LiveSession:
    session = LiveSession.fresh(prepare(repo, circle["slug"], "community-60"), clock)
    session.begin({member: True for member in circle["member_ids"]})
    yield session
    session.leave()
