from __future__ import annotations

from datetime import datetime, timezone

import pytest

from circle.domain.clock import ManualClock
from circle.domain.session.events import Event
from circle.domain.plans.drawn import drawn_prompts
from circle.store.errors import NotFound, StoreError, ValidationError
from circle.store.repository import Repository


def test_a_session_has_its_own_file_and_a_sortable_id(repo: Repository, circle: str) -> None:
    sid = repo.create_session(circle, {"plan": "community-60", "present": ["m-1"]})
    assert sid.startswith("20260105-153000-")
    assert (repo.circles_dir / circle / "sessions" / f"{sid}.json").is_file()
    record = repo.get_session(circle, sid)
    assert record["plan"] == "community-60" and record["present"] == ["m-1"]
    assert record["id"] == sid and record["circle"] == circle and record["created_by"] == "ana"
    assert repo.get_events(circle, sid) == []


def test_ids_sort_in_creation_order_even_within_one_second(
    repo: Repository, circle: str, clock: ManualClock
) -> None:
    made = [repo.create_session(circle, {"n": n}) for n in range(20)]
    clock.advance(61)
    made.append(repo.create_session(circle, {"n": 20}))
    assert sorted(made) == made and len(set(made)) == 21
    assert [s["n"] for s in repo.list_sessions(circle)] == list(range(21))
    assert repo.latest_session_id(circle) == made[-1]


def test_ids_keep_their_order_when_the_wall_clock_goes_back(home, circle: str) -> None:
    late = ManualClock(datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc))
    early = ManualClock(datetime(2026, 2, 1, 12, 0, tzinfo=timezone.utc))
    first = Repository(home, "ana", clock=late).create_session(circle, {})
    second = Repository(home, "ana", clock=early).create_session(circle, {})
    assert first < second


def test_a_circle_without_sessions(repo: Repository, circle: str) -> None:
    assert repo.list_sessions(circle) == []
    assert repo.latest_session_id(circle) is None
    assert drawn_prompts(s.events for s in repo.recent_sessions(circle)) == []


def test_events_get_the_next_seq_and_come_back_in_order(repo: Repository, circle: str) -> None:
    sid = repo.create_session(circle, {})
    engine_event = Event(1, "check_in", "2026-01-05T15:30:00+00:00", 0.0, None, "m-1", {"present": True})
    repo.append_event(circle, sid, engine_event.to_dict())
    repo.append_event(circle, sid, {"type": "note", "data": {"text": "hi"}})
    repo.append_event(circle, sid, {"seq": 7, "type": "start"})
    events = repo.get_events(circle, sid)
    assert [e["seq"] for e in events] == [1, 2, 7]
    assert Event.from_dict(events[0]) == engine_event


def test_an_event_that_does_not_follow_the_last_is_refused(repo: Repository, circle: str) -> None:
    sid = repo.create_session(circle, {})
    repo.append_event(circle, sid, {"seq": 1, "type": "start"})
    repo.append_event(circle, sid, {"seq": 2, "type": "next_speaker"})
    for seq in (2, 1, 0, "3", True):
        with pytest.raises(StoreError, match="open in another window"):
            repo.append_event(circle, sid, {"seq": seq, "type": "late"})
    assert [e["seq"] for e in repo.get_events(circle, sid)] == [1, 2]


def test_bad_events_and_sessions_are_refused(repo: Repository, circle: str) -> None:
    sid = repo.create_session(circle, {})
    with pytest.raises(ValidationError):
        repo.append_event(circle, sid, {"type": "x", "data": {"at": datetime.now()}})
    with pytest.raises(ValidationError, match="not finite"):
        repo.append_event(circle, sid, {"type": "x", "t": float("nan")})
    with pytest.raises(ValidationError):
        repo.create_session(circle, ["not", "a", "mapping"])  # type: ignore[arg-type]
    assert repo.get_events(circle, sid) == []


def test_unknown_or_unsafe_session_ids_are_not_found(repo: Repository, circle: str) -> None:
    for sid in ("../circle", "20260105-153000-0000", "", "../../../etc/passwd"):
        with pytest.raises(NotFound):
            repo.append_event(circle, sid, {"type": "x"})
        with pytest.raises(NotFound):
            repo.get_events(circle, sid)


def test_update_session_stamps_the_actor_and_guards_its_identity(
    repo: Repository, circle: str, clock: ManualClock
) -> None:
    sid = repo.create_session(circle, {"plan": "community-60"})
    clock.advance(3600)
    ended = repo.update_session(circle, sid, ended="2026-01-05T16:30:00+00:00", summary={"turns": []})
    assert ended["ended"] == "2026-01-05T16:30:00+00:00" and ended["summary"] == {"turns": []}
    assert ended["updated"] == "2026-01-05T16:30:00+00:00" and ended["plan"] == "community-60"
    assert repo.get_session(circle, sid) == ended
    with pytest.raises(ValidationError, match="id cannot change"):
        repo.update_session(circle, sid, id="other")


def test_recent_prompts_come_from_the_latest_sessions(
    repo: Repository, circle: str, clock: ManualClock
) -> None:
    sids = []
    for n in range(5):
        sid = repo.create_session(circle, {})
        repo.append_event(circle, sid, {"type": "draw_prompt", "data": {"deck": "open", "prompt": f"q{n}"}})
        repo.append_event(circle, sid, {"type": "prompt_drawn", "data": {"prompt_id": f"r{n}"}})
        repo.append_event(circle, sid, {"type": "next_speaker", "data": {}})
        sids.append(sid)
        clock.advance(7 * 86400)
    # What opening a session does: the recent sessions, read once each, then the domain's rule.
    def drawn(sessions: int, before: str | None = None) -> list[str]:
        recent = [s for s in repo.recent_sessions(circle, 5) if before is None or s.id < before]
        return drawn_prompts(s.events for s in (recent[-sessions:] if sessions > 0 else []))

    assert drawn_prompts(s.events for s in repo.recent_sessions(circle)) == ["q2", "r2", "q3", "r3", "q4", "r4"]
    assert drawn(1) == ["q4", "r4"]
    assert drawn(2, before=sids[4]) == ["q2", "r2", "q3", "r3"]
    assert drawn(0) == []


def test_sessions_of_one_circle_are_not_seen_from_another(repo: Repository, circle: str) -> None:
    other = repo.create_circle("Science")["slug"]
    sid = repo.create_session(circle, {})
    assert repo.list_sessions(other) == []
    with pytest.raises(NotFound):
        repo.get_session(other, sid)


def test_sending_the_last_event_again_is_harmless(repo: Repository, circle: str) -> None:
    sid = repo.create_session(circle, {})
    first = {"seq": 1, "type": "start", "data": {}}
    repo.append_event(circle, sid, first)
    repo.append_event(circle, sid, dict(first))  # a retry after an error that came too late
    assert repo.get_events(circle, sid) == [first]
    with pytest.raises(StoreError, match="open in another window"):
        repo.append_event(circle, sid, {"seq": 1, "type": "pause", "data": {}})


def _event(kind: str, seq: int) -> dict:
    return {"type": kind, "seq": seq, "at": "2026-03-02T15:30:00+00:00", "member": None, "data": {}}


def test_the_current_session_is_the_latest_that_began_or_is_being_started(repo: Repository, circle: str,
                                                                          clock: ManualClock) -> None:
    from circle.store.driver_lock import DriverLock
    from circle.store.locked_db import write_db

    assert repo.current_session_id(circle) is None
    began = repo.create_session(circle, {})
    repo.append_event(circle, began, _event("check_in", 1))
    assert repo.current_session_id(circle) is None  # checked in, never started: it never began
    repo.append_event(circle, began, _event("start", 2))
    assert repo.current_session_id(circle) == began
    clock.advance(1)
    cut_short = repo.create_session(circle, {})  # a start killed before its first event
    assert repo.current_session_id(circle) == began
    clock.advance(1)
    starting = repo.create_session(circle, {})
    lock = DriverLock(repo.sessions_dir(circle), starting, "ana", now=repo.now)
    assert lock.acquire(wait=0.0)
    assert repo.current_session_id(circle) == starting  # its driver is writing its first events
    lock.release(state=None)
    assert repo.current_session_id(circle) == began
    with write_db(repo.session_file(circle, cut_short)) as db:  # a session saved before journals
        db.table("events").insert(_event("start", 1))
    assert repo.current_session_id(circle) == cut_short


def test_discarding_a_session_that_never_began_removes_every_file_of_it(repo: Repository, circle: str) -> None:
    from circle.store.driver_lock import DriverLock

    sid = repo.create_session(circle, {})
    repo.append_event(circle, sid, _event("check_in", 1))
    lock = DriverLock(repo.sessions_dir(circle), sid, "ana", now=repo.now)
    assert lock.acquire(wait=0.0)
    lock.write()
    lock.release(state=None)
    repo.discard_session(circle, sid)
    assert repo.session_ids(circle) == [] and list(repo.sessions_dir(circle).iterdir()) == []
    kept = repo.create_session(circle, {})
    repo.append_event(circle, kept, _event("start", 1))
    with pytest.raises(StoreError, match="has begun"):
        repo.discard_session(circle, kept)
    assert repo.get_events(circle, kept)[0]["type"] == "start"
