"""A running session without a screen: a timer's zero whose write fails is written later, in order.

A zero reached is a fact of time, not an action to undo: when the disk refuses it, it
waits and goes out ahead of the next write, so the log on disk never loses it and
never holds it out of order.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from circle.domain.clock import ManualClock
from circle.store.errors import StoreError
from circle.store.repository import Repository
from circle.live.driver import LiveSession
from circle.live.setup import prepare

TURN_SECONDS = 60  # the opener's turn in community-60


class DiskFullOnce(Repository):
    """A repository whose next appends (as many as asked) fail before they reach the file."""

    failures = 0

    def append_event(self, *args: Any, **kwargs: Any) -> None:
        if self.failures:
            self.failures -= 1
            raise StoreError("could not save the session file: the disk is full")
        super().append_event(*args, **kwargs)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def repo(tmp_path: Path, clock: ManualClock) -> DiskFullOnce:
    return DiskFullOnce(tmp_path / "home", "facilitator", clock=clock, rng=random.Random(5))


@pytest.fixture
def live(repo: DiskFullOnce, clock: ManualClock) -> LiveSession:
    slug = repo.create_circle("Maths Circle")["slug"]
    members = [repo.add_member(slug, name).id for name in ("Ana", "Ben", "Chen")]
    setup = prepare(repo, slug, "community-60")
    setup.rng = random.Random(7)
    session = LiveSession.fresh(setup, clock)
    session.begin({member: True for member in members})
    return session


def on_disk(live: LiveSession) -> list[dict[str, Any]]:
    return live.repo.get_events(live.setup.slug, live.session_id)


def in_engine(live: LiveSession) -> list[dict[str, Any]]:
    return [event.to_dict() for event in live.engine.events]


def ring_a_zero_the_disk_refuses(live: LiveSession, repo: DiskFullOnce, clock: ManualClock) -> list[dict]:
    """Run the speaker's turn out while the disk is full; returns the log on disk before it."""
    saved = on_disk(live)
    assert saved == in_engine(live)
    clock.advance(TURN_SECONDS + 1)
    repo.failures = 1
    with pytest.raises(StoreError, match="disk is full"):
        live.tick()
    assert [event.type for event in live.engine.events[len(saved):]] == ["speaker_zero"]
    assert on_disk(live) == saved
    return saved


def test_a_zero_not_saved_goes_out_ahead_of_the_next_action(
    live: LiveSession, repo: DiskFullOnce, clock: ManualClock
) -> None:
    saved = ring_a_zero_the_disk_refuses(live, repo, clock)
    action = live.act(lambda engine: engine.next_speaker())
    stored = on_disk(live)
    assert [event["type"] for event in stored[len(saved):]] == ["speaker_zero", "next_speaker"]
    assert stored == in_engine(live)
    assert [event["seq"] for event in stored] == list(range(1, len(stored) + 1))
    assert stored[-1] == action.to_dict()


def test_a_zero_not_saved_goes_out_on_the_next_tick(live: LiveSession, repo: DiskFullOnce, clock: ManualClock) -> None:
    saved = ring_a_zero_the_disk_refuses(live, repo, clock)
    assert live.tick() == []  # no new zero, but the one waiting is written
    stored = on_disk(live)
    assert [event["type"] for event in stored[len(saved):]] == ["speaker_zero"]
    assert stored == in_engine(live)


def test_an_action_refused_behind_a_waiting_zero_is_undone_and_the_zero_still_waits(
    live: LiveSession, repo: DiskFullOnce, clock: ManualClock
) -> None:
    saved = ring_a_zero_the_disk_refuses(live, repo, clock)
    speaker = live.engine.speaker
    repo.failures = 1
    with pytest.raises(StoreError, match="disk is full"):
        live.act(lambda engine: engine.next_speaker())
    assert live.engine.speaker == speaker
    assert [event.type for event in live.engine.events[len(saved):]] == ["speaker_zero"]
    assert on_disk(live) == saved
    live.act(lambda engine: engine.next_speaker())
    stored = on_disk(live)
    assert [event["type"] for event in stored[len(saved):]] == ["speaker_zero", "next_speaker"]
    assert stored == in_engine(live)
    assert live.engine.speaker != speaker
