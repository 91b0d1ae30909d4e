"""recent_sessions: what opening a session needs, from one listing and one read per file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from circle.domain.clock import ManualClock
from circle.store import sessions as sessions_module
from circle.store.errors import CorruptFileError
from circle.store.repository import Repository
from circle.domain.plans.drawn import drawn_prompts
from circle.live.setup import prepare


def _make_sessions(repo: Repository, circle: str, clock: ManualClock, count: int) -> list[str]:
    sids = []
    for n in range(count):
        sid = repo.create_session(circle, {"n": n})
        repo.append_event(circle, sid, {"type": "start", "member": f"m-{n}"})
        repo.append_event(circle, sid, {"type": "draw_prompt", "data": {"prompt": f"q{n}"}})
        repo.update_session(circle, sid, ended=clock.now().isoformat())
        sids.append(sid)
        clock.advance(7 * 86400)
    return sids


def test_the_last_sessions_come_oldest_first_with_record_and_events(
    repo: Repository, circle: str, clock: ManualClock
) -> None:
    sids = _make_sessions(repo, circle, clock, 5)
    recent = repo.recent_sessions(circle)
    assert [s.id for s in recent] == sids[-3:]
    for stored in recent:
        assert stored.record == repo.get_session(circle, stored.id)
        assert stored.events == repo.get_events(circle, stored.id)
    assert [s.id for s in repo.recent_sessions(circle, 1)] == sids[-1:]
    assert repo.recent_sessions(circle, 0) == []
    assert drawn_prompts(s.events for s in recent) == ["q2", "q3", "q4"]


def test_a_circle_without_sessions_has_none(repo: Repository, circle: str) -> None:
    assert repo.recent_sessions(circle) == []


def test_each_file_is_read_once_from_one_listing(
    repo: Repository, circle: str, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_sessions(repo, circle, clock, 4)
    reads: list[Path] = []
    listings: list[Any] = []
    real_read, real_ids = sessions_module.read_tables, Repository._session_ids
    monkeypatch.setattr(sessions_module, "read_tables", lambda path: reads.append(path) or real_read(path))
    monkeypatch.setattr(Repository, "_session_ids", lambda self, c: listings.append(c) or real_ids(self, c))
    prepare(repo, circle, "community-60")
    assert len(listings) == 1
    assert len(reads) == len(set(reads)) == 3


def test_opening_finds_the_unfinished_session_and_the_one_before(
    repo: Repository, circle: str, clock: ManualClock
) -> None:
    sids = _make_sessions(repo, circle, clock, 3)
    setup = prepare(repo, circle, "community-60")
    assert setup.unfinished is None
    assert setup.previous_session == sids[2] and setup.last_starter == "m-2"
    assert setup.recent_prompts == ["q0", "q1", "q2"]
    open_sid = repo.create_session(circle, {"n": 3})
    repo.append_event(circle, open_sid, {"type": "start", "member": "m-9"})
    setup = prepare(repo, circle, "community-60")
    assert setup.unfinished is not None and setup.unfinished["id"] == open_sid
    assert setup.previous_session == sids[2] and setup.last_starter == "m-2"
    assert setup.recent_prompts == ["q1", "q2"]


def test_a_damaged_recent_session_is_named(repo: Repository, circle: str, clock: ManualClock) -> None:
    sids = _make_sessions(repo, circle, clock, 2)
    repo.session_file(circle, sids[1]).write_text("{not json", encoding="utf-8")
    with pytest.raises(CorruptFileError, match=sids[1]):
        repo.recent_sessions(circle)
