"""Attendance read from a session's log: at the start, joined late, left early."""

from __future__ import annotations

from engine_helpers import make_engine

from circle.domain.clock import ManualClock
from circle.domain.session.attendance import attendance_of


def test_late_arrivals_and_early_leavers_from_the_log() -> None:
    engine = make_engine(ManualClock())  # ana, ben and cho checked in
    engine.check_in("cho", present=False)  # not here after all: not an early leaver
    engine.start()
    engine.check_in("dev")
    engine.check_in("ben", present=False)
    engine.check_in("cho")
    engine.check_in("cho", present=False)
    seen = attendance_of(engine.events)
    assert seen.at_start == ("ana", "ben")
    assert seen.joined_late == ("dev", "cho")
    assert seen.left_early == ("ben", "cho")
    assert seen.present_at_end == ("ana", "dev")
    assert attendance_of([e.to_dict() for e in engine.events]) == seen
    engine.check_in("ben")  # back again: no longer an early leaver
    assert attendance_of(engine.events).left_early == ("cho",)
