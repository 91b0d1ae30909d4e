"""The resume offer's text, from a session as a resume would go on with it: a turn over its
time, a turn with no set length, a session not started, and a gap only estimated."""

from __future__ import annotations

from engine_helpers import MEMBERS, make_engine

from circle.domain.clock import ManualClock
from circle.domain.session.resume_offer import Gap, resume_offer_lines

NAMES = {m.id: m.name for m in MEMBERS}
STARTED = "2026-01-05T15:30:00+00:00"


def test_a_turn_over_its_time_and_a_phase_over_its_time() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    clock.advance(200)  # ana's minute and the three-minute opener both overrun
    assert resume_offer_lines(engine, NAMES, STARTED, Gap(125.0)) == [
        "The session started 2026-01-05 15:30 did not end.",
        "Its last action was at 15:30.",
        "Nobody has driven it for 2:05 since: not counted as anyone's airtime or phase time.",
        "Ana's turn goes on: 2:20 over (3:20 spoken).",
        "Opener: 0:20 over.",
        "Resume it?",
    ]


def test_a_turn_with_no_set_length_says_its_time_so_far_and_an_estimate_says_about() -> None:
    clock = ManualClock()
    engine = make_engine(clock)
    engine.start()
    engine.next_phase()
    engine.next_phase()  # goals: a round with no set turn length
    clock.advance(95)
    lines = resume_offer_lines(engine, NAMES, STARTED, Gap(61.0, measured=False))
    assert lines[2:5] == [
        "Nobody has driven it for about 1:01 since: not counted as anyone's airtime or phase time.",
        "Ana's turn goes on: 1:35 so far.",
        "Goals: 1:25 left.",
    ]


def test_a_session_never_started_and_a_log_with_no_gap() -> None:
    engine = make_engine(ManualClock(), present=())
    assert resume_offer_lines(engine, NAMES, STARTED, Gap(0.0)) == [
        "The session started 2026-01-05 15:30 did not end.", "Resume it?"]
