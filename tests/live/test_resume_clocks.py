"""A resume goes on from what the log and the last driver's word prove, on monotonic time:
a wall clock set on or back, during the session or while nobody drove it, moves no duration
by more than the real time that passed; and the offer says what happened."""

from __future__ import annotations

import json

import pytest

from circle.domain.clock import ManualClock
from circle.domain.session import events as ev
from circle.live.driver import LiveSession
from circle.live.driving import HEARTBEAT_SECONDS
from circle.live.resume_offer import resume_offer
from circle.live.setup import prepare
from circle.store.driver_lock import info_file
from circle.store.repository import Repository

TURN = 60.0  # community-60's opener: a minute a speaker


def unfinished(repo: Repository, slug: str):
    setup = prepare(repo, slug, "community-60")
    return setup, setup.unfinished


def resume(repo: Repository, slug: str) -> LiveSession:
    setup, record = unfinished(repo, slug)
    return LiveSession.resume(setup, record, setup.plan, repo.clock)


def beat(live: LiveSession, clock: ManualClock, times: int) -> None:
    """The driver's screen ticks on, saying it is alive every few seconds."""
    for _ in range(times):
        clock.advance(HEARTBEAT_SECONDS)
        live.tick()


def crash(live: LiveSession) -> None:
    live.lock.release(state=None)  # kill -9: the OS drops the lock, nothing more is written


def gaps(live: LiveSession) -> list[float]:
    return [e.data["seconds"] for e in live.engine.events if e.type == ev.GAP]


@pytest.mark.parametrize("jump", [600.0, -600.0])
def test_a_wall_clock_jump_during_the_session_then_a_crash_counts_only_real_time(
        live: LiveSession, repo: Repository, clock: ManualClock, jump: float) -> None:
    speaker = live.engine.speaker
    clock.advance(4)
    live.tick()
    clock.set_wall(jump)  # the wall clock is set ten minutes on (or back) mid-turn
    beat(live, clock, 2)  # 14 s of her turn in all
    crash(live)
    clock.advance(30)  # 30 real seconds until the resume
    again = resume(repo, live.setup.slug)
    engine = again.engine
    assert engine.speaker == speaker
    assert engine.airtime.by_member()[speaker] == pytest.approx(14.0)  # not 614, not 0
    assert engine.phase_seconds(0) == pytest.approx(14.0)
    assert engine.speaker_timer.remaining == pytest.approx(TURN - 14.0)  # her turn goes on, not anew
    assert gaps(again) == [pytest.approx(30.0)]
    clock.advance(6)
    again.next_speaker()
    ts = [e.t for e in again.engine.events]
    assert ts == sorted(ts)  # the session's time never goes back, whatever the times of day do
    assert again.engine.airtime.by_member()[speaker] == pytest.approx(20.0)
    again.leave()


@pytest.mark.parametrize("jump", [600.0, -600.0])
def test_a_wall_clock_jump_while_nobody_drives_moves_neither_airtime_nor_the_gap(
        live: LiveSession, repo: Repository, clock: ManualClock, jump: float) -> None:
    speaker = live.engine.speaker
    beat(live, clock, 3)
    crash(live)
    clock.advance(40)
    clock.set_wall(jump)
    again = resume(repo, live.setup.slug)
    assert again.engine.airtime.by_member()[speaker] == pytest.approx(15.0)
    assert gaps(again) == [pytest.approx(40.0)]  # measured on the machine's monotonic count
    again.leave()


def test_the_seconds_after_the_last_heartbeat_are_the_gap_and_those_before_count(
        live: LiveSession, repo: Repository, clock: ManualClock) -> None:
    speaker = live.engine.speaker
    beat(live, clock, 2)  # last word at 10 s
    clock.advance(3)
    live.next_speaker()  # an action at 13 s, after the last word
    crash(live)
    clock.advance(20)
    again = resume(repo, live.setup.slug)
    assert again.engine.airtime.by_member()[speaker] == pytest.approx(13.0)
    assert again.engine.speaker_timer.elapsed == pytest.approx(0.0)  # the next turn starts where the log says
    assert gaps(again) == [pytest.approx(20.0)]  # from the last action, not from the earlier word
    again.leave()


def test_on_another_boot_the_gap_is_the_wall_estimate_and_durations_stay_proven(
        live: LiveSession, repo: Repository, clock: ManualClock) -> None:
    speaker = live.engine.speaker
    beat(live, clock, 2)
    crash(live)
    clock.advance(50)
    clock.boot = "after a restart"  # the last driver's monotonic reading compares with nothing here
    again = resume(repo, live.setup.slug)
    assert again.engine.airtime.by_member()[speaker] == pytest.approx(10.0)
    assert gaps(again) == [pytest.approx(50.0)]  # from the times of day: the best there is
    again.leave()


def test_a_last_drivers_word_written_without_the_sessions_time_still_resumes(
        live: LiveSession, repo: Repository, clock: ManualClock) -> None:
    speaker = live.engine.speaker
    beat(live, clock, 3)
    crash(live)
    path = info_file(repo.sessions_dir(live.setup.slug), str(live.session_id))
    word = json.loads(path.read_text())
    for key in ("t", "mono", "boot"):
        del word[key]  # as an older driver wrote it
    path.write_text(json.dumps(word))
    clock.advance(25)
    again = resume(repo, live.setup.slug)
    assert again.engine.airtime.by_member()[speaker] == pytest.approx(15.0)
    assert gaps(again) == [pytest.approx(25.0)]
    again.leave()


def test_the_offer_says_when_the_last_action_was_how_long_nobody_drove_and_whose_turn_goes_on(
        live: LiveSession, repo: Repository, clock: ManualClock) -> None:
    clock.advance(20)
    live.next_speaker()  # Ben's turn, at 15:30:20
    beat(live, clock, 4)  # he speaks 20 s
    crash(live)
    clock.advance(80)
    clock.set_wall(600)  # and the wall clock is wrong by ten minutes when it comes back
    setup, record = unfinished(repo, live.setup.slug)
    text = resume_offer(setup, record, setup.plan, clock)
    assert text.splitlines() == [
        "The session started 2026-03-02 15:30 did not end.",
        "Its last action was at 15:30.",
        "Nobody has driven it for 1:20 since: not counted as anyone's airtime or phase time.",
        "Ben Okafor's turn goes on: 0:40 left (0:20 spoken).",
        "Positive opener: 7:20 left.",
        "Resume it?",
    ]
    again = resume(repo, live.setup.slug)  # what the offer said is what the resume does
    assert again.engine.speaker_timer.remaining == pytest.approx(40.0)
    assert gaps(again) == [pytest.approx(80.0)]
    again.leave()


def test_the_offer_of_a_paused_session_with_nobody_speaking(
        live: LiveSession, repo: Repository, clock: ManualClock) -> None:
    clock.advance(30)
    live.next_phase()
    live.next_phase()  # open floor: nobody holds it until a hand is taken
    live.toggle_pause()
    live.leave()
    clock.advance(5)
    clock.boot = None  # a clock no other process's reading compares with
    setup, record = unfinished(repo, live.setup.slug)
    lines = resume_offer(setup, record, setup.plan, clock).splitlines()
    assert lines[2:] == [
        "Nobody has driven it for about 0:05 since: not counted as anyone's airtime or phase time.",
        "Nobody was speaking.",
        "Open-ended questions: 15:00 left.",
        "It was paused and stays paused.",
        "Resume it?",
    ]


@pytest.mark.parametrize("jump", [600.0, -600.0])
def test_a_hand_off_picked_up_after_a_wall_clock_jump_counts_the_rooms_real_seconds(
        live: LiveSession, repo: Repository, clock: ManualClock, jump: float) -> None:
    speaker = live.engine.speaker
    beat(live, clock, 2)
    clock.advance(2)
    live.hand_off("ben")  # at 12 s; the room carries on
    clock.advance(8)
    clock.set_wall(jump)
    setup, record = unfinished(Repository(repo.home, "ben", clock=clock), live.setup.slug)
    ben = LiveSession.resume(setup, record, setup.plan, clock)
    assert ben.engine.airtime.by_member()[speaker] == pytest.approx(20.0)  # 12 + 8, whatever the wall says
    assert gaps(ben) == []
    ben.leave()


def test_the_offer_names_a_gap_under_a_second(live: LiveSession, repo: Repository, clock: ManualClock) -> None:
    beat(live, clock, 1)
    crash(live)
    clock.advance(0.4)
    setup, record = unfinished(repo, live.setup.slug)
    lines = resume_offer(setup, record, setup.plan, clock).splitlines()
    assert lines[2] == "Nobody has driven it for under a second since: not counted as anyone's airtime or phase time."
