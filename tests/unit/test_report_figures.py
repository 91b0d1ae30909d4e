"""A circle's year and the programme's figures against sessions worked out by hand."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from circle.domain.circles.members import Member
from circle.domain.goals import goal as lifecycle
from circle.domain.reports.measures import voice_balance
from circle.domain.reports.programme import circle_figures
from circle.domain.reports.year import circle_year


def attendee(member, *, start=True, joined=None, left=None):
    return {"member": member, "from_start": start, "joined_at": joined, "left_at": left}


def record(sid, day, airtime, attendance, phases=((600, 600),)):
    """A stored session record whose summary holds the given figures."""
    return {
        "id": sid,
        "started": f"{day}T16:00:00",
        "summary": {
            "plan": "community-60",
            "status": "ended",
            "started_at": f"{day}T16:00:00",
            "ended_at": f"{day}T17:00:00",
            "airtime": airtime,
            "shares": {},
            "attendance": attendance,
            "phases": [
                {"index": i, "kind": f"kind{i}", "title": f"phase {i}", "planned_seconds": planned,
                 "actual_seconds": actual}
                for i, (planned, actual) in enumerate(phases)
            ],
        },
    }


# voice balance ------------------------------------------------------------------------------

def test_equal_airtime_is_a_balance_of_one():
    assert voice_balance({"a": 120, "b": 120, "c": 120}, ["a", "b", "c"]) == pytest.approx(1.0)


def test_one_voice_is_a_balance_of_zero():
    assert voice_balance({"a": 300}, ["a", "b", "c", "d"]) == pytest.approx(0.0)
    assert voice_balance({"a": 300, "b": 0}, ["a", "b"]) == pytest.approx(0.0)


def test_mixed_airtime_by_hand():
    # 60, 30, 30, 0 seconds: pairs differ by 30+30+60+0+30+30 = 180, so G = 180 / (4 * 120)
    # = 0.375; scaled by 4/3 to 0.5; the balance is 1 - 0.5.
    assert voice_balance({"a": 60, "b": 30, "c": 30}, ["a", "b", "c", "d"]) == pytest.approx(0.5)
    # 90 and 30 seconds: G = 60 / (2 * 120) = 0.25, scaled by 2 to 0.5.
    assert voice_balance({"a": 90, "b": 30}, ["a", "b"]) == pytest.approx(0.5)


def test_no_balance_for_one_person_or_silence():
    assert voice_balance({"a": 60}, ["a"]) is None
    assert voice_balance({}, ["a", "b", "c"]) is None


def test_airtime_of_someone_not_attending_is_not_counted():
    assert voice_balance({"a": 60, "b": 60, "x": 900}, ["a", "b"]) == pytest.approx(1.0)


# attendance ---------------------------------------------------------------------------------

MEMBERS = [Member(id=m, name=f"Name {m}") for m in ("a", "b", "c", "d", "e")]


def test_attendance_cases():
    people = [
        attendee("a"),
        attendee("b", start=False, joined="2026-09-07T16:10:00"),  # late
        attendee("c", left="2026-09-07T16:40:00"),  # left early
        attendee("d", start=False, joined="2026-09-07T16:05:00", left="2026-09-07T16:30:00"),  # both
        attendee("e", start=False),  # absent
    ]
    year = circle_year({"name": "Circle"}, MEMBERS, [record("s1", "2026-09-07", {"a": 60}, people)], [])
    counts = year.sessions[0].attendance
    assert (counts.present, counts.late, counts.left_early, counts.absent) == (4, 2, 2, 1)
    assert counts.invited == 5
    assert counts.rate == pytest.approx(0.8)


def test_phase_time_against_plan():
    rows = circle_year({"name": "C"}, MEMBERS, [
        record("s1", "2026-09-07", {"a": 60}, [attendee("a")], phases=((600, 660), (1200, 1080))),
    ], []).sessions
    assert rows[0].planned_seconds == 1800
    assert rows[0].actual_seconds == 1740
    assert rows[0].over_seconds == -60
    assert [p.over_seconds for p in rows[0].phases] == [60, -120]


# goals across sessions ----------------------------------------------------------------------

def at(day: str, hour: int = 16) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00")


def test_goal_transitions_across_sessions():
    sessions = [record(f"s{i}", day, {"a": 60, "b": 60}, [attendee("a"), attendee("b")])
                for i, day in enumerate(("2026-09-07", "2026-09-14", "2026-09-21"), 1)]
    # a sets one goal in session 1 and achieves it in session 3
    g1 = lifecycle.new_goal("a", "Exit tickets", at=at("2026-09-07"), by="a", session="s1")
    g1 = lifecycle.achieve(g1, at=at("2026-09-21"), by="a", session="s3")
    g1 = g1.__class__(**{**g1.__dict__, "id": "1"})
    # b sets one between sessions 1 and 2 (counts for session 1), reworks it in session 2
    g2 = lifecycle.new_goal("b", "Cold calls", at=at("2026-09-09"), by="b")
    g2 = g2.__class__(**{**g2.__dict__, "id": "2"})
    successor = lifecycle.rework(g2, at=at("2026-09-14"), by="b", title="Wait time", session="s2")
    successor = successor.__class__(**{**successor.__dict__, "id": "3"})
    g2 = lifecycle.retire(g2, "3", at=at("2026-09-14"), by="b", session="s2")
    # ... and drops the new wording two days after session 3
    successor = lifecycle.drop(successor, "moved class", at=at("2026-09-23"), by="b")
    # a goal set before the first session counts for the term only
    g4 = lifecycle.new_goal("b", "Before", at=at("2026-09-01"), by="b")
    g4 = g4.__class__(**{**g4.__dict__, "id": "4"})

    year = circle_year({"name": "C"}, MEMBERS, sessions, [g1, g2, successor, g4.to_dict()])
    per_session = [dict(r.goals) for r in year.sessions]
    assert per_session == [
        {"set": 2, "achieved": 0, "reworked": 0, "dropped": 0},
        {"set": 0, "achieved": 0, "reworked": 1, "dropped": 0},
        {"set": 0, "achieved": 1, "reworked": 0, "dropped": 1},
    ]
    assert dict(year.unattributed) == {"set": 1, "achieved": 0, "reworked": 0, "dropped": 0}
    assert dict(year.goals) == {"set": 3, "achieved": 1, "reworked": 1, "dropped": 1}
    by_member = {m.member: m for m in year.members}
    assert dict(by_member["a"].changes) == {"set": 1, "achieved": 1, "reworked": 0, "dropped": 0}
    assert dict(by_member["b"].states) == {"active": 1, "achieved": 0, "reworked": 1, "dropped": 1}
    assert by_member["a"].attended == 3

    later = circle_year({"name": "C"}, MEMBERS, sessions, [g1, g2, successor, g4], since=date(2026, 9, 14))
    assert [r.id for r in later.sessions] == ["s2", "s3"]
    assert dict(later.goals) == {"set": 0, "achieved": 1, "reworked": 1, "dropped": 1}


def test_trends_compare_the_halves_of_the_term():
    people = [attendee(m) for m in "abc"]
    sessions = [
        record("s1", "2026-09-07", {"a": 300}, people),  # one voice: 0
        record("s2", "2026-09-14", {"a": 60, "b": 60, "c": 60}, people),  # even: 1
        record("s3", "2026-09-21", {"a": 60, "b": 60, "c": 60}, people),
        record("s4", "2026-09-28", {"a": 60, "b": 60, "c": 60}, people),
    ]
    trend = circle_year({"name": "C"}, MEMBERS, sessions, []).trend("voice_balance")
    assert trend.values == pytest.approx((0.0, 1.0, 1.0, 1.0))
    assert trend.first_half == pytest.approx(0.5)
    assert trend.second_half == pytest.approx(1.0)
    assert trend.change == pytest.approx(0.5)


# the programme ------------------------------------------------------------------------------

def test_programme_figures_by_hand():
    sessions = [
        record("s1", "2026-09-07", {"a": 60, "b": 60, "c": 60}, [attendee(m) for m in "abc"] + [attendee("d", start=False)],
               phases=((3600, 3300),)),
        record("s2", "2026-09-14", {"a": 60, "b": 30, "c": 30}, [attendee(m) for m in "abcd"],
               phases=((3600, 3900),)),
    ]
    goals = [lifecycle.new_goal(m, "t", at=at("2026-09-07"), by=m) for m in "abc"]
    goals[0] = lifecycle.achieve(goals[0], at=at("2026-09-14"), by="a")
    row = circle_figures("circle 1", sessions, goals)
    assert row.sessions == 2
    assert row.minutes_held == pytest.approx(120)
    assert row.minutes_planned == pytest.approx(120)
    assert row.attendance_rate == pytest.approx(7 / 8)
    assert row.voice_balance == pytest.approx((1.0 + 0.5) / 2)
    assert dict(row.goals) == {"active": 2, "achieved": 1, "reworked": 0, "dropped": 0}
    assert row.withheld == ()


def test_programme_withholds_figures_about_fewer_than_three():
    sessions = [record("s1", "2026-09-07", {"a": 60, "b": 30}, [attendee("a"), attendee("b")])]
    goals = [lifecycle.new_goal("a", "t", at=at("2026-09-07"), by="a")]
    row = circle_figures("circle 1", sessions, goals)
    assert row.sessions == 1
    assert row.attendance_rate is None and row.voice_balance is None and row.goals is None
    assert set(row.withheld) == {"attendance_rate", "voice_balance", "goals"}
    assert row.to_dict()["voice_balance"] is None


def test_phases_over_the_term_are_means_by_kind():
    from circle.domain.reports.year import phases_over_term

    rows = circle_year({"name": "C"}, MEMBERS, [
        record("s1", "2026-09-07", {"a": 60}, [attendee("a")], phases=((600, 660), (1200, 1080))),
        record("s2", "2026-09-14", {"a": 60}, [attendee("a")], phases=((600, 540), (1200, 1320))),
    ], []).sessions
    phases = phases_over_term(rows)
    assert [(p.title, p.sessions, p.planned_minutes, p.held_minutes) for p in phases] == [
        ("phase 0", 2, 10.0, 10.0), ("phase 1", 2, 20.0, 20.0)]
