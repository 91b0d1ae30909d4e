from __future__ import annotations

from datetime import datetime, timezone

import pytest

from circle.domain.reports.circle_history import airtime_history, overview, present_members, session_seconds


def record(sid: str, airtime: dict[str, float], present: list[str], absent: list[str] = ()) -> dict:
    return {
        "id": sid,
        "plan": "community-60",
        "started": f"2026-01-{int(sid):02d}T15:30:00+00:00",
        "ended": f"2026-01-{int(sid):02d}T16:31:00+00:00",
        "attendance": [{"member": m, "present": True} for m in present]
        + [{"member": m, "present": False} for m in absent],
        "summary": {
            "phases": [
                {"kind": "opener", "title": "Opener", "planned_seconds": 600, "actual_seconds": 630.0},
                {"kind": "close", "title": "Close", "planned_seconds": 300, "actual_seconds": 290.5},
            ],
            "airtime": airtime,
        },
    }


def test_overview_of_a_session() -> None:
    line = overview(record("5", {"a": 60, "b": 30}, ["a", "b"], ["c"]))
    assert line.id == "5"
    assert line.started == datetime(2026, 1, 5, 15, 30, tzinfo=timezone.utc)
    assert line.plan == "community-60"
    assert line.present == ("a", "b") and line.invited == 3
    assert line.seconds == pytest.approx(920.5)
    assert line.ended


def test_overview_without_summary_uses_start_and_end() -> None:
    raw = record("6", {}, ["a"])
    del raw["summary"]
    assert overview(raw).seconds == 61 * 60
    unfinished = {"id": "7", "started": "2026-01-07T15:30:00+00:00"}
    line = overview(unfinished)
    assert line.seconds is None and not line.ended and line.plan == ""


def test_shares_against_an_even_split() -> None:
    history = airtime_history(
        [
            record("1", {"a": 60, "b": 30, "c": 30}, ["a", "b", "c"]),
            record("2", {"a": 90, "b": 10}, ["a", "b"], ["c"]),
        ]
    )
    assert [s.id for s in history.sessions] == ["1", "2"]
    assert history.shares("a") == [pytest.approx(0.5), pytest.approx(0.9)]
    assert history.shares("c") == [pytest.approx(0.25), None]
    # a: 0.5*3 = 1.5 and 0.9*2 = 1.8 -> 1.65 on average: long
    assert history.average_fairness("a") == pytest.approx(1.65)
    assert history.tendency("a") == "long"
    assert history.tendency("b") == "short"  # 0.75 and 0.2 -> 0.475
    assert history.tendency("c") == "even"  # 0.75 only
    assert history.tendency("nobody") == ""


def test_only_the_last_sessions_with_a_summary_count() -> None:
    records = [record(str(i), {"a": i}, ["a"]) for i in range(1, 11)]
    records.append({"id": "11", "started": "2026-01-11T15:30:00+00:00"})  # still running
    history = airtime_history(records, last=3)
    assert [s.id for s in history.sessions] == ["8", "9", "10"]
    assert airtime_history(records, last=0).sessions == ()


def test_present_but_silent_counts_as_zero() -> None:
    history = airtime_history([record("1", {"a": 60}, ["a", "b"])])
    assert history.shares("b") == [0.0]


def test_nobody_spoke_gives_no_share() -> None:
    assert airtime_history([record("1", {}, ["a"])]).shares("a") == [None]


def test_airtime_as_a_list_or_from_turns() -> None:
    as_list = {"summary": {"airtime": [{"member": "a", "seconds": 5}, {"member": "b", "seconds": 7}]}}
    assert session_seconds(as_list) == {"a": 5.0, "b": 7.0}
    from_turns = {
        "summary": {
            "turns": [
                {"phase": 0, "member": "a", "seconds": 5, "passed": False},
                {"phase": 1, "member": "a", "seconds": 3, "passed": False},
                {"phase": 1, "member": "b", "seconds": -2, "passed": True},
            ],
            "not_spoken": ["c"],
        }
    }
    assert session_seconds(from_turns) == {"a": 8.0, "b": 0.0}
    assert present_members(from_turns) == ("a", "b", "c")


def test_present_from_the_summary_list() -> None:
    raw = {"summary": {"airtime": {"a": 5}, "present": ["a", "b"]}}
    assert present_members(raw) == ("a", "b")
    assert airtime_history([raw]).shares("b") == [0.0]


def test_a_late_arrival_who_spoke_attended_in_a_summary_saved_without_attendance() -> None:
    # The check-in's attendance says c was absent; c came late and spoke 21%.
    raw = record("1", {"a": 60, "b": 19, "c": 21}, ["a", "b"], ["c", "d"])
    line = overview(raw)
    assert line.present == ("a", "b", "c") and line.invited == 4
    assert airtime_history([raw]).shares("c") == [pytest.approx(0.21)]
    assert airtime_history([raw]).shares("d") == [None]


def test_the_summary_saved_with_its_attendance_is_what_the_history_counts() -> None:
    raw = record("1", {"a": 60, "b": 40}, ["a", "b"], ["c"])
    raw["summary"]["attendance"] = [
        {"member": "a", "from_start": True, "joined_at": None, "left_at": None},
        {"member": "b", "from_start": True, "joined_at": None, "left_at": "2026-01-01T15:50:00+00:00"},
        {"member": "c", "from_start": False, "joined_at": "2026-01-01T15:40:00+00:00", "left_at": None},
    ]
    raw["summary"]["shares"] = {"a": 0.6, "b": 0.4, "c": 0.0}
    raw["summary"]["airtime"]["c"] = 0.0
    line = overview(raw)
    assert line.present == ("a", "b", "c") and line.invited == 3
    history = airtime_history([raw])
    assert [history.shares(m) for m in "abc"] == [[0.6], [0.4], [0.0]]
