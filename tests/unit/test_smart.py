from datetime import date

from circle.domain.goals.goal import new_goal
from circle.domain.goals.smart import checklist, flags, goal_checklist, vague_words

TODAY = date(2026, 3, 4)

GOOD = dict(
    title="Use exit tickets in every Year 8 maths lesson",
    measure="exit tickets collected in 4 of 5 lessons a week",
    action="print a stack of ticket slips on Monday",
    realistic="busy timetable; ask Sam to share his template",
    due=date(2026, 4, 1),
)


def by_letter(**parts) -> dict[str, object]:
    return {check.letter: check for check in checklist(TODAY, **parts)}


def test_a_complete_goal_has_no_flags() -> None:
    checks = checklist(TODAY, **GOOD)
    assert [check.letter for check in checks] == list("SMART")
    assert flags(checks) == []


def test_an_empty_goal_flags_everything() -> None:
    assert [check.letter for check in flags(checklist(TODAY))] == list("SMART")


def test_missing_measure_action_and_due_are_flagged() -> None:
    checks = by_letter(**{**GOOD, "measure": "", "action": " ", "due": None})
    assert not checks["M"].ok and "how will you know" in checks["M"].advice
    assert not checks["A"].ok and "first action" in checks["A"].advice
    assert not checks["T"].ok and "no due date" in checks["T"].advice
    assert checks["S"].ok and checks["R"].ok


def test_a_due_date_in_the_past_is_flagged() -> None:
    check = by_letter(**{**GOOD, "due": date(2026, 3, 3)})["T"]
    assert not check.ok and "in the past" in check.advice


def test_today_is_not_in_the_past() -> None:
    assert by_letter(**{**GOOD, "due": TODAY})["T"].ok


def test_a_date_far_away_is_flagged() -> None:
    assert not by_letter(**{**GOOD, "due": date(2027, 6, 1)})["T"].ok


def test_a_due_date_that_did_not_parse_is_shown() -> None:
    check = by_letter(**{**GOOD, "due": None, "due_error": "cannot read the due date"})["T"]
    assert not check.ok and check.advice == "cannot read the due date"


def test_vague_words_are_named() -> None:
    check = by_letter(**{**GOOD, "title": "Be better at behaviour and stuff"})["S"]
    assert not check.ok
    assert "'better'" in check.advice and "'stuff'" in check.advice
    assert not by_letter(**{**GOOD, "measure": "students seem more engaged"})["M"].ok
    assert not by_letter(**{**GOOD, "action": "try some new things"})["A"].ok


def test_vague_words_match_whole_words_only() -> None:
    assert vague_words("Tryouts for the goodwill moreover") == []
    assert vague_words("Work on it, TRY again, try") == ["work on", "try"]


def test_a_very_short_title_is_flagged() -> None:
    assert not by_letter(**{**GOOD, "title": "Homework"})["S"].ok


def test_goal_checklist_reads_a_saved_goal() -> None:
    from datetime import datetime, timezone

    goal = new_goal("m1", GOOD["title"], at=datetime(2026, 3, 1, tzinfo=timezone.utc), by="ana", due=date(2026, 1, 1))
    letters = [check.letter for check in flags(goal_checklist(goal, TODAY))]
    assert letters == ["M", "A", "R", "T"]
