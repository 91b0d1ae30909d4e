"""Attendance read from a session's log: at the start, joined late, left early."""

from __future__ import annotations

from engine_helpers import make_engine

from circle.domain.clock import ManualClock
from circle.domain.session.attendance import Attendee, attendance_of, attendance_rows, attendees, present_count


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


def test_every_member_listed_with_when_they_came_and_went() -> None:
    clock = ManualClock()
    engine = make_engine(clock, present=("ana", "ben"))  # cho and dev not here at check-in
    engine.start()
    clock.advance(60)
    engine.check_in("cho")
    clock.advance(60)
    engine.check_in("ben", present=False)
    engine.check_in("cho", present=False)
    roster = ["ana", "ben", "cho", "dev"]
    listed = attendees(engine.events, roster, expected=roster)
    at = {e.type + str(e.member) + str(e.data.get("present")): e.at for e in engine.events}
    assert listed == (
        Attendee("ana", from_start=True),
        Attendee("ben", from_start=True, left_at=at["check_inbenFalse"]),
        Attendee("cho", joined_at=at["check_inchoTrue"], left_at=at["check_inchoFalse"]),
        Attendee("dev"),
    )
    assert [a.words for a in listed] == ["present", "left early", "joined late, left early", "absent"]
    assert [a.attended for a in listed] == [True, True, True, False]
    assert present_count(listed) == "3 of 4"
    assert [Attendee.from_dict(a.to_dict()) for a in listed] == list(listed)
    rows = dict(attendance_rows(listed, {"ana": "Ana", "ben": "Ben", "cho": "Cho", "dev": "Dev"}))
    assert rows == {"Present": ["Ana", "Ben"], "Joined late": ["Cho at 15:31"],
                    "Left early": ["Ben at 15:32", "Cho at 15:32"], "Absent": ["Dev"]}
