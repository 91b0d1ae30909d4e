"""Goal forms and lists say what happened: a prefilled field is replaced by typing, an unfocused
long field shows its beginning, an early achievement says so, a rework of the due date alone
says that, and a circle's goals opened from home name whose each goal is."""

from __future__ import annotations

import random
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from circle.domain.clock import ManualClock
from circle.domain.goals.changes import GoalChange, Wording, apply_change
from circle.domain.goals.review import find_members
from circle.store.repository import Repository
from circle.ui.app import CircleApp
from circle.ui.goals.goal_form import GoalForm
from circle.ui.goals.goal_list import GoalList
from circle.ui.goals.launch import review_app
from circle.ui.goals.review import GoalsReview
from circle.ui.home.navigation import open_goals

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
CIRCLE = "year-7-team"
LONG_MEASURE = "2 lessons with a quiz at the start and a reteach from what it shows, every week until Easter"


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    repo = Repository(tmp_path / "home", "alopez", clock=ManualClock(NOW), rng=random.Random(3))
    repo.create_circle("Year 7 Team")
    ana = repo.add_member(CIRCLE, "Ana Lopez", role="mentor", username="alopez")
    ben = repo.add_member(CIRCLE, "Ben Okafor", role="mentee")
    for member, title, due in ((ana, "Exit tickets in every lesson", date(2026, 12, 2)),
                               (ben, "Call two parents a week", date(2027, 2, 5))):
        wording = Wording(title=title, measure=LONG_MEASURE, due=due)
        apply_change(repo, GoalChange("added", CIRCLE, member.id, wording=wording), at=NOW, by="alopez")
    return repo


def goals(repo: Repository) -> dict[str, dict]:
    return {goal["title"]: goal for goal in repo.list_goals(CIRCLE)}


def anas_review(repo: Repository):
    return review_app(repo, find_members(repo, member=None, circle=None, actor="alopez"), clock=repo.clock)


def entries(app) -> list[str]:
    goal_list = app.screen.query_one(GoalList)
    return [goal_list.get_option_at_index(i).prompt.plain for i in range(goal_list.option_count)
            if goal_list.get_option_at_index(i).id]


async def test_typing_into_a_prefilled_due_date_replaces_it(repo: Repository) -> None:
    app = anas_review(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, GoalForm)
        await pilot.press("enter", "enter", "enter", "enter")  # title, measure, first step, realistic: on to due
        due = app.screen.query_one("#goal-due", Input)
        assert app.focused is due and due.value == "2026-12-02"
        await pilot.press("3", "w")
        assert due.value == "3w"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalsReview)
        await pilot.press("h")  # the history says what the rework changed: the title stayed
        lines = [str(line.render()) for line in app.screen.query(".goal-history-entry")]
        assert any("the due date was 2026-12-02" in line for line in lines), lines
        assert not any('was "Exit tickets' in line for line in lines)
    new = next(g for g in repo.list_goals(CIRCLE) if g["status"] == "active" and g.get("reworked_from"))
    assert new["due"] == "2026-12-23"


async def test_a_long_field_left_shows_its_beginning(repo: Repository) -> None:
    app = anas_review(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "enter", "end")  # to the end of the measure: the view scrolls there
        measure = app.screen.query_one("#goal-measure", Input)
        assert app.focused is measure and measure.scroll_offset.x > 0
        await pilot.press("enter")  # on to the first step
        await pilot.pause()
        assert app.focused is not measure
        assert measure.scroll_offset.x == 0
        assert measure.render_line(0).text.startswith("2 lessons with a quiz")


async def test_a_goal_achieved_early_says_how_early(repo: Repository) -> None:
    ben = next(m for m in repo.list_members(CIRCLE) if m.name == "Ben Okafor")
    goal = goals(repo)["Call two parents a week"]
    apply_change(repo, GoalChange("achieved", CIRCLE, ben.id, goal_id=goal["id"]), at=NOW, by="alopez")
    app = review_app(repo, find_members(repo, member="Ben Okafor", circle=None, actor="alopez"),
                     clock=repo.clock, include_closed=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = entries(app)[0]
        assert "65 days early (due 2027-02-05)" in shown and "was due" not in shown


async def test_a_rework_of_the_due_date_alone_says_so_in_the_session_words(repo: Repository) -> None:
    from circle.domain.reports.change_lines import change_text

    ana = next(m for m in repo.list_members(CIRCLE) if m.name == "Ana Lopez")
    goal = goals(repo)["Exit tickets in every lesson"]
    wording = Wording(title=goal["title"], measure=goal["measure"], due=date(2026, 12, 23))
    result = apply_change(repo, GoalChange("reworked", CIRCLE, ana.id, goal_id=goal["id"], wording=wording),
                          at=NOW, by="alopez")
    text = change_text(result.event_data())
    assert text == "reworked Exit tickets in every lesson: due 2026-12-23 (was 2026-12-02)"


async def test_a_circles_goals_opened_from_home_name_whose_each_goal_is(repo: Repository) -> None:
    app = CircleApp(repo, start=lambda: GoalsReview([]), clock=repo.clock)
    async with app.run_test(size=(80, 24)) as pilot:
        open_goals(app, CIRCLE)
        await pilot.pause()
        shown = entries(app)
        assert any("Exit tickets" in e and "\nAna Lopez · " in e for e in shown), shown
        assert any("Call two parents" in e and "\nBen Okafor · " in e for e in shown), shown
        heading = str(app.screen.query_one("#goals-heading", Static).render())
        assert heading.count("Year 7 Team") == 1
