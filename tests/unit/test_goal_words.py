"""The words for a closed goal's due date and for a rework fit what happened."""

from __future__ import annotations

from datetime import date, datetime, timezone

from circle.domain.goals.goal import Goal, achieve, closed_due, drop
from circle.domain.goals.history import describe_entry
from circle.domain.reports.change_lines import change_text

DUE = date(2027, 2, 5)


def achieved_on(day: date) -> Goal:
    at = datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc)
    return achieve(Goal("m1", "Call two parents a week", due=DUE), at=at, by="ana")


def test_an_achieved_goal_says_how_early_or_late() -> None:
    assert closed_due(achieved_on(date(2026, 12, 2))) == "65 days early (due 2027-02-05)"
    assert closed_due(achieved_on(date(2027, 2, 4))) == "1 day early (due 2027-02-05)"
    assert closed_due(achieved_on(DUE)) == "on its due date (2027-02-05)"
    assert closed_due(achieved_on(date(2027, 2, 8))) == "3 days late (due 2027-02-05)"
    dropped = drop(Goal("m1", "t", due=DUE), "moved school", at=datetime(2026, 12, 2, tzinfo=timezone.utc), by="a")
    assert closed_due(dropped) == "was due 2027-02-05"
    assert closed_due(Goal("m1", "t", status="achieved")) == "no due date"


def test_a_rework_says_what_it_changed() -> None:
    data = {"change": "reworked", "title": "Read daily", "new_title": "Read daily"}
    assert change_text(data) == "reworked Read daily"  # an older log, without the parts
    assert change_text(data | {"reworded": ["measure", "action"]}) == "reworked Read daily: new measure, first step"
    assert change_text(data | {"reworded": ["due"], "due": None, "was_due": "2026-12-02"}) == \
        "reworked Read daily: due no date (was 2026-12-02)"
    renamed = {"change": "reworked", "title": "Read daily", "new_title": "Read on Mondays", "reworded": ["title"]}
    assert change_text(renamed) == "reworked, now Read on Mondays (was Read daily)"


def test_a_rewording_entry_names_the_parts_changed_when_the_title_stayed() -> None:
    entry = {"at": "2026-12-02T09:00:00+00:00", "by": "ana", "type": "reworked_from", "goal": "g-1",
             "previous": {"title": "Read daily", "measure": "", "action": "", "realistic": "", "due": "2026-12-02"}}
    now = {"title": "Read daily", "measure": "3 books", "action": "", "realistic": "", "due": "2026-12-02"}
    assert describe_entry(entry, now).endswith("reworded from goal g-1: new measure")
    assert describe_entry(entry, now | {"measure": "", "due": None}).endswith(": the due date was 2026-12-02")
    assert describe_entry(entry, now | {"title": "Read on Mondays"}).endswith(': was "Read daily"')
    assert describe_entry(entry).endswith(': was "Read daily"')
