"""One driver per session: resume only when nobody drives, take over a live driver, hand off,
and the time nobody drove is a gap that is nobody's airtime and no phase's time."""

from __future__ import annotations

import random
import threading
import time

import pytest

import circle.live.driver as driver_module
from circle.domain.clock import ManualClock
from circle.domain.reports.export_json import build_export
from circle.domain.reports.export_markdown import render_markdown
from circle.domain.session import events as ev
from circle.live.driver import LiveSession, NotDriving
from circle.live.driving import HEARTBEAT_SECONDS, SessionDriven
from circle.live.setup import prepare
from circle.store.driver_lock import request_file
from circle.store.repository import Repository


def as_actor(repo: Repository, actor: str) -> Repository:
    return Repository(repo.home, actor, clock=repo.clock, rng=random.Random(5))


def unfinished(repo: Repository, slug: str):
    setup = prepare(repo, slug, "community-60")
    return setup, setup.unfinished


def resume(repo: Repository, slug: str, **keywords) -> LiveSession:
    setup, record = unfinished(repo, slug)
    return LiveSession.resume(setup, record, setup.plan, repo.clock, **keywords)


def export_of(live: LiveSession) -> dict:
    repo, slug, sid = live.repo, live.setup.slug, str(live.session_id)
    return build_export(repo.get_session(slug, sid), repo.get_events(slug, sid), live.setup.roster,
                        live.engine.plan, circle=slug)


def test_a_session_someone_drives_is_not_resumed(live: LiveSession, repo: Repository) -> None:
    with pytest.raises(SessionDriven) as raised:
        resume(as_actor(repo, "ben"), live.setup.slug, wait=0.0)
    assert raised.value.status.held and raised.value.status.info.name == "facilitator"
    assert "follow it, or take it over" in str(raised.value)


def test_time_after_a_quit_is_a_gap_not_airtime_nor_phase_time(live: LiveSession, repo: Repository,
                                                                 clock: ManualClock) -> None:
    speaker = live.engine.speaker
    clock.advance(30)
    live.leave()  # ctrl+q, confirmed
    clock.advance(600)  # ten minutes with the laptop closed
    again = resume(repo, live.setup.slug)
    clock.advance(15)
    summary = again.finish()
    assert summary["airtime"][speaker] == 45.0  # 30 before, 15 after: not the 600 between
    assert summary["phases"][0]["actual_seconds"] == 45.0
    assert summary["gaps"] == [{"from": "2026-03-02T15:30:30+00:00", "to": "2026-03-02T15:40:30+00:00",
                                "seconds": 600.0}]
    assert summary["drivers"] == [{"at": "2026-03-02T15:40:30+00:00", "from": "facilitator",
                                   "to": "facilitator", "by": "facilitator", "how": "resume"}]
    exported = export_of(again)
    assert exported["gaps"] == summary["gaps"] and exported["drivers"] == summary["drivers"]
    assert exported["phases"][0]["actual_seconds"] == 45.0
    text = render_markdown(exported)
    assert "15:30 to 15:40: nobody drove the session for 10:00" in text
    assert "15:40: facilitator resumed the session (from facilitator)" in text


def test_after_a_crash_the_gap_starts_when_the_driver_was_last_seen(live: LiveSession, repo: Repository,
                                                                    clock: ManualClock) -> None:
    speaker = live.engine.speaker
    for _ in range(4):  # the driver ticks on, saying it is alive every few seconds
        clock.advance(HEARTBEAT_SECONDS)
        live.tick()
    live.lock.release(state=None)  # killed: the OS drops the lock, nothing is written
    clock.advance(300)
    again = resume(repo, live.setup.slug)
    seconds = 4 * HEARTBEAT_SECONDS
    assert again.engine.airtime.by_member()[speaker] == seconds
    gap = [e for e in again.engine.events if e.type == ev.GAP]
    assert len(gap) == 1 and gap[0].data["seconds"] == 300.0


def test_a_failed_resume_leaves_the_last_drivers_word(live: LiveSession, repo: Repository,
                                                      clock: ManualClock, monkeypatch) -> None:
    live.leave()
    clock.advance(60)

    def broken(*args, **kwargs):
        raise driver_module.StoreError("the disk is full (test)")

    monkeypatch.setattr(repo, "get_events", broken)
    with pytest.raises(driver_module.StoreError):
        resume(repo, live.setup.slug)
    monkeypatch.undo()
    clock.advance(60)
    again = resume(repo, live.setup.slug)
    assert [e.data["seconds"] for e in again.engine.events if e.type == ev.GAP] == [120.0]
    again.leave()


def wait_for(condition, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_facilitator_takes_over_a_live_driver_and_the_room_carries_on(live: LiveSession, repo: Repository,
                                                                          clock: ManualClock) -> None:
    speaker = live.engine.speaker
    clock.advance(20)
    setup, record = unfinished(as_actor(repo, "ben"), live.setup.slug)
    taken: list = []
    thread = threading.Thread(target=lambda: taken.append(
        LiveSession.take_over(setup, record, setup.plan, clock, wait=120.0)))
    thread.start()
    wait_for(lambda: request_file(repo.sessions_dir(live.setup.slug), str(live.session_id)).exists())
    assert live.tick() == [] and not live.driving and live.let_go_to == "ben"
    thread.join(timeout=120)
    ben = taken[0]
    with pytest.raises(NotDriving):
        live.next_speaker()  # the old driver's keys do nothing now: it follows
    clock.advance(10)
    assert ben.engine.airtime.by_member()[speaker] == 30.0  # no gap: the speaker went on speaking
    assert [e.data for e in ben.engine.events if e.type == ev.DRIVER_CHANGED] == [
        {"from": "facilitator", "to": "ben", "by": "ben", "how": "take_over"}]
    assert not [e for e in ben.engine.events if e.type == ev.GAP]
    ben.next_speaker()
    ben.leave()


def test_of_two_facilitators_racing_to_take_over_exactly_one_drives(live: LiveSession, repo: Repository,
                                                                     clock: ManualClock) -> None:
    chose = threading.Barrier(2)
    outcomes: dict[str, object] = {}
    # Made here: opening a home probes it with a file named after the process, one at a time.
    prepared = {actor: unfinished(as_actor(repo, actor), live.setup.slug) for actor in ("ben", "chen")}
    seen = driver_module.status_of(repo, live.setup.slug, str(live.session_id))  # the facilitator drives

    def take(actor: str) -> None:
        setup, record = prepared[actor]
        chose.wait(timeout=120)  # both chose to take it over from the same driver, at once
        try:
            outcomes[actor] = LiveSession.take_over(setup, record, setup.plan, clock, wait=120.0, seen=seen)
        except SessionDriven as error:
            outcomes[actor] = error

    threads = [threading.Thread(target=take, args=(actor,)) for actor in ("ben", "chen")]
    for thread in threads:
        thread.start()
    wait_for(lambda: request_file(repo.sessions_dir(live.setup.slug), str(live.session_id)).exists())
    live.tick()  # the driver looks once, and lets go to whoever asked
    for thread in threads:
        thread.join(timeout=120)
    drivers = [o for o in outcomes.values() if isinstance(o, LiveSession)]
    refused = [o for o in outcomes.values() if isinstance(o, SessionDriven)]
    assert len(drivers) == 1 and len(refused) == 1
    winner = drivers[0]
    changes = [e for e in winner.repo.get_events(winner.setup.slug, str(winner.session_id))
               if e["type"] == ev.DRIVER_CHANGED]
    assert [c["data"]["to"] for c in changes] == [winner.repo.actor]
    winner.leave()


def test_a_hand_off_is_logged_and_picked_up_without_a_gap(live: LiveSession, repo: Repository,
                                                         clock: ManualClock) -> None:
    speaker = live.engine.speaker
    clock.advance(10)
    live.hand_off("ben")
    assert not live.driving
    clock.advance(50)  # ben walks to a keyboard; the room carries on
    ben = resume(as_actor(repo, "ben"), live.setup.slug)
    assert ben.engine.airtime.by_member()[speaker] == 60.0
    kinds = [(e.type, e.data.get("how")) for e in ben.engine.events if e.type in (ev.DRIVER_CHANGED, ev.GAP)]
    assert kinds == [(ev.DRIVER_CHANGED, "hand_off")]
    ben.leave()


def test_a_session_handed_to_a_member_is_theirs_by_any_of_their_names(live: LiveSession, repo: Repository) -> None:
    live.hand_off("Ben Okafor")  # a member without a login name is handed it by name
    ben = resume(as_actor(repo, "ben"), live.setup.slug)  # ...and runs it as `--actor ben`
    changes = [e.data for e in ben.engine.events if e.type == ev.DRIVER_CHANGED]
    assert changes == [{"from": "facilitator", "to": "Ben Okafor", "by": "facilitator", "how": "hand_off"}]
    with pytest.raises(Exception, match="you are driving this session already"):
        ben.hand_off("BEN OKAFOR")
    ben.leave()


def test_every_way_to_drive_asks_the_one_access_rule(live: LiveSession, repo: Repository, monkeypatch) -> None:
    import circle.live.driving as driving

    asked: list[tuple[str, str]] = []

    def only_facilitator(repo, circle, actor) -> bool:
        asked.append((circle, actor))
        return actor == "facilitator"

    monkeypatch.setattr(driving, "may_drive", only_facilitator)
    with pytest.raises(driving.NotAllowed):
        live.hand_off("ben")
    assert live.driving
    live.leave()
    with pytest.raises(driving.NotAllowed):
        resume(as_actor(repo, "ben"), live.setup.slug)
    setup, record = unfinished(as_actor(repo, "ben"), live.setup.slug)
    with pytest.raises(driving.NotAllowed):
        LiveSession.take_over(setup, record, setup.plan, repo.clock, wait=0.0)
    fresh = LiveSession.fresh(prepare(as_actor(repo, "ben"), live.setup.slug, "community-60"), repo.clock)
    with pytest.raises(driving.NotAllowed):
        fresh.begin({m.id: True for m in fresh.setup.members})
    assert {actor for _, actor in asked} == {"ben"}


def test_picking_up_a_session_handed_to_someone_else_takes_it_from_them(live: LiveSession,
                                                                       repo: Repository) -> None:
    live.hand_off("ben")
    chen = resume(as_actor(repo, "chen"), live.setup.slug)
    changes = [e.data for e in chen.engine.events if e.type == ev.DRIVER_CHANGED]
    assert changes == [{"from": "facilitator", "to": "ben", "by": "facilitator", "how": "hand_off"},
                       {"from": "ben", "to": "chen", "by": "chen", "how": "take_over"}]
    chen.leave()
