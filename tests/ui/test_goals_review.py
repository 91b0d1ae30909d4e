"""The goal review screen: each key, overdue goals first, a rework keeping history; snapshots."""

from __future__ import annotations

import random
from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList, Static

from circle.domain.clock import ManualClock
from circle.domain.goals.changes import GoalChange, Wording, apply_change
from circle.domain.goals.review import MemberRef, find_members
from circle.store.repository import Repository
from circle.ui.dialogs import PickMember
from circle.ui.goals.goal_detail import GoalDetail
from circle.ui.goals.goal_form import GoalForm
from circle.ui.goals.goal_list import GoalList
from circle.ui.goals.history_view import GoalHistory
from circle.ui.goals.launch import review_app
from circle.ui.goals.note_forms import NoteForm, ProgressForm
from circle.ui.goals.review import GoalsReview

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)  # a Wednesday
CIRCLE = "year-7-team"


class Home:
    """A data home with Ana's goals in one circle (and optionally a second circle)."""

    def __init__(self, path: Path) -> None:
        self.clock = ManualClock(NOW)
        self.repo = Repository(path, "alopez", clock=self.clock, rng=random.Random(7))
        self.repo.create_circle("Year 7 Team")
        self.ana = self.repo.add_member(CIRCLE, "Ana Lopez", role="mentor", username="alopez")

    def add(self, title: str, *, circle: str = CIRCLE, at: datetime = NOW, **parts) -> dict:
        member = next(m for m in self.repo.list_members(circle) if m.username == "alopez")
        change = GoalChange("added", circle, member.id, wording=Wording(title=title, **parts))
        return apply_change(self.repo, change, at=at, by="alopez").goal

    def goals(self, circle: str = CIRCLE) -> dict[str, dict]:
        return {goal["title"]: goal for goal in self.repo.list_goals(circle)}

    def app(self):
        owners = find_members(self.repo, member=None, circle=None, actor="alopez")
        return review_app(self.repo, owners, clock=self.clock)


@pytest.fixture
def home(tmp_path: Path) -> Home:
    home = Home(tmp_path / "home")
    from datetime import date

    home.add("Plan seating for 8B", due=date(2026, 4, 15), measure="plan used 3 weeks running")
    home.add("Exit tickets in every Year 8 lesson", due=date(2026, 3, 1), measure="4 of 5 lessons",
             action="print slips", realistic="ask Sam for his template")  # fmt: skip
    home.add("Observe a [bold]colleague[/bold] once", due=date(2026, 3, 20))
    home.add("Read aloud daily with 7C", at=datetime(2026, 1, 10, tzinfo=timezone.utc))  # stale, no due
    return home


def entries(app) -> list[str]:
    goal_list = app.screen.query_one(GoalList)
    return [goal_list.get_option_at_index(i).prompt.plain for i in range(goal_list.option_count)]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


async def test_overdue_first_then_by_due_date_and_stale_marked(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = entries(app)
        assert [line.split("\n")[0] for line in shown] == [
            "! OVERDUE Exit tickets in every Year 8 lesson",
            "Observe a [bold]colleague[/bold] once",  # markup shown as typed
            "Plan seating for 8B",
            "~ stale Read aloud daily with 7C",
        ]
        assert "3 days overdue (2026-03-01)" in shown[0]
        heading = str(app.screen.query_one("#goals-heading", Static).render())
        assert "Ana Lopez" in heading and "4 active, 1 overdue" in heading
        detail = str(app.screen.query_one(GoalDetail).render())
        assert "Measure: 4 of 5 lessons" in detail and "First action: print slips" in detail


async def test_p_logs_progress_with_a_percentage_and_a_note(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ProgressForm)
        await pilot.press("4", "0", "enter")
        await type_text(pilot, "three lessons")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalsReview)
        goal = home.goals()["Exit tickets in every Year 8 lesson"]
        assert goal["progress"] == 40
        assert goal["history"][-1] == {"at": "2026-03-04T09:00:00+00:00", "by": "alopez", "type": "progress",
                                       "note": "three lessons", "percent": 40}  # fmt: skip
        assert "40%" in entries(app)[0]
        assert "████░░░░░░ 40%" in entries(app)[0]  # progress as a bar, to look at


async def test_progress_over_100_is_refused_in_the_form(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "1", "5", "0", "ctrl+s")
        assert isinstance(app.screen, ProgressForm)
        assert "0 to 100" in str(app.screen.query_one("#form-error", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, GoalsReview)
        assert home.goals()["Exit tickets in every Year 8 lesson"]["progress"] is None


async def test_a_marks_achieved_and_it_leaves_the_active_list(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "a")
        assert isinstance(app.screen, NoteForm)
        await type_text(pilot, "done twice")
        await pilot.press("enter")
        await pilot.pause()
        goal = home.goals()["Observe a [bold]colleague[/bold] once"]
        assert goal["status"] == "achieved" and goal["history"][-1]["note"] == "done twice"
        assert not any("colleague" in line for line in entries(app))
        await pilot.press("c")
        assert any(line.startswith("✓ achieved Observe") for line in entries(app))


async def test_d_drops_only_with_a_reason(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d", "enter")
        assert isinstance(app.screen, NoteForm)
        assert "Reason is needed" in str(app.screen.query_one("#form-error", Static).render())
        await type_text(pilot, "moved to Year 9")
        await pilot.press("enter")
        await pilot.pause()
        goal = home.goals()["Exit tickets in every Year 8 lesson"]
        assert goal["status"] == "dropped" and goal["history"][-1]["reason"] == "moved to Year 9"


async def test_r_reworks_and_the_old_wording_stays_in_history(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, GoalForm)
        title = form.query_one("#goal-title", Input)
        assert title.value == "Exit tickets in every Year 8 lesson"
        title.value = "Exit tickets in two Year 8 classes"
        due = form.query_one("#goal-due", Input)
        assert due.value == "2026-03-01"
        due.value = "3w"
        form.query_one("#goal-note", Input).value = "too much at once"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalsReview)
        goals = home.goals()
        old, new = goals["Exit tickets in every Year 8 lesson"], goals["Exit tickets in two Year 8 classes"]
        assert old["status"] == "reworked" and old["reworked_into"] == new["id"]
        assert new["reworked_from"] == old["id"] and new["due"] == "2026-03-25"
        assert new["measure"] == "4 of 5 lessons"
        kept = new["history"][-1]
        assert kept["previous"]["title"] == "Exit tickets in every Year 8 lesson" and kept["note"] == "too much at once"
        goal_list = app.screen.query_one(GoalList)
        assert goal_list.highlighted_goal.id == new["id"]  # the new wording is where the cursor is
        await pilot.press("h")
        assert isinstance(app.screen, GoalHistory)
        lines = [str(s.render()) for s in app.screen.query(".goal-history-entry")]
        assert any('was "Exit tickets in every Year 8 lesson"; too much at once' in line for line in lines)


async def test_n_adds_a_goal_with_the_checklist_live_and_never_blocking(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, GoalForm)
        checklist = app.screen.query_one("#smart-checklist", Static)
        assert "! S specific: no goal yet" in str(checklist.render())
        await type_text(pilot, "Be better at stuff")
        assert "'better', 'stuff' is vague" in str(checklist.render())
        await pilot.press("enter", "enter", "enter", "enter")
        await type_text(pilot, "nxt friday")
        assert "does not read as a date" in str(checklist.render())
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, GoalForm)  # a date that does not parse is the one thing refused
        assert "cannot read the due date" in str(app.screen.query_one("#form-error", Static).render())
        app.screen.query_one("#goal-due", Input).value = "next friday"
        await pilot.pause()
        assert "✓ T time-bound: due 2026-03-06" in str(checklist.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalsReview)
        goal = home.goals()["Be better at stuff"]  # saved despite the flags
        assert goal["due"] == "2026-03-06" and goal["status"] == "active"


async def test_a_goal_needs_a_title_and_escape_saves_nothing(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "ctrl+s")
        assert "title is empty" in str(app.screen.query_one("#form-error", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, GoalsReview)
        assert len(home.goals()) == 4


async def test_keys_that_need_an_active_goal_are_off_on_a_closed_one(home: Home) -> None:
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "enter")
        await pilot.pause()
        await pilot.press("c")
        goal_list = app.screen.query_one(GoalList)
        goal_list.highlighted = len(goal_list.goals) - 1
        await pilot.pause()
        assert goal_list.highlighted_goal.status == "achieved"
        await pilot.press("p", "a", "r", "d")
        assert isinstance(app.screen, GoalsReview)
        await pilot.press("enter")
        assert isinstance(app.screen, GoalHistory)


async def test_a_new_goal_asks_which_circle_when_the_member_is_in_two(home: Home) -> None:
    home.repo.create_circle("Science Circle")
    home.repo.add_member("science-circle", "Ana Lopez", username="alopez")
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Year 7 Team · 3 days overdue" in entries(app)[0]  # circles are named across circles
        await pilot.press("n")
        assert isinstance(app.screen, PickMember)
        picker = app.screen.query_one(OptionList)
        labels = [str(picker.get_option_at_index(i).prompt) for i in range(picker.option_count)]
        assert labels == ["Ana Lopez in Science Circle", "Ana Lopez in Year 7 Team"]
        picker.highlighted = 0
        await pilot.press("enter")
        assert isinstance(app.screen, GoalForm)
        await type_text(pilot, "Run a lab safety quiz")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Run a lab safety quiz" in home.goals("science-circle")


async def test_every_goal_key_has_an_id_and_is_in_the_help(home: Home) -> None:
    from circle.ui.help import screen_keys

    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ids = {entry.binding_id for entry in screen_keys(app.screen)}
        assert {"goals.progress", "goals.achieve", "goals.rework", "goals.drop", "goals.add",
                "goals.history", "goals.closed"} <= ids  # fmt: skip


class ListHost(App):
    """GoalList on its own, as the session screen uses it: it reports changes and saves nothing."""

    def __init__(self, owner: MemberRef, goals: list[dict]) -> None:
        super().__init__()
        self.owner, self.initial, self.changes = owner, goals, []

    def compose(self) -> ComposeResult:
        yield GoalList(today=NOW.date(), owners=[self.owner])

    def on_mount(self) -> None:
        self.query_one(GoalList).show(self.initial)
        self.query_one(GoalList).focus()

    def on_goal_list_changed(self, event: GoalList.Changed) -> None:
        self.changes.append(event.change)


async def test_goal_list_reports_changes_up_and_saves_nothing(home: Home) -> None:
    owner = MemberRef(CIRCLE, "Year 7 Team", home.ana)
    before = home.repo.list_goals(CIRCLE)
    app = ListHost(owner, before)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "enter")
        await pilot.pause()
        [change] = app.changes
        assert (change.kind, change.circle, change.member) == ("achieved", CIRCLE, home.ana.id)
        assert change.goal_id == home.goals()["Exit tickets in every Year 8 lesson"]["id"]
    assert home.repo.list_goals(CIRCLE) == before


async def test_an_empty_list_invites_a_first_goal(tmp_path: Path) -> None:
    home = Home(tmp_path / "empty")
    app = home.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert entries(app) == ["No goals yet: press n to set one."]
        await pilot.press("p")
        assert isinstance(app.screen, GoalsReview)


SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_review(home: Home, snap_compare, size) -> None:
    assert snap_compare(home.app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_new_goal_form(home: Home, snap_compare, size) -> None:
    async def fill(pilot) -> None:
        await pilot.press("n")
        await type_text(pilot, "Be better at stuff")
        await pilot.press("enter")
        await type_text(pilot, "5 calm starts a week")
        await pilot.press("enter", "enter", "enter")
        await type_text(pilot, "3w")

    assert snap_compare(home.app(), terminal_size=size, run_before=fill)


class SessionHost(App):
    """The goals phase as the session screen would run it: save, then log a session event."""

    def __init__(self, home: Home) -> None:
        super().__init__()
        self.home, self.events = home, []

    def compose(self) -> ComposeResult:
        from circle.ui.goals.session_goals import Celebration, SessionGoals

        yield SessionGoals(today=NOW.date())
        yield Celebration(id="celebration")

    def on_mount(self) -> None:
        self.refresh_goals()
        self.query_one(GoalList).focus()

    def refresh_goals(self, highlight: str | None = None) -> None:
        from circle.ui.goals.session_goals import SessionGoals

        owner = MemberRef(CIRCLE, "Year 7 Team", self.home.ana)
        goals = self.home.repo.list_goals(CIRCLE, self.home.ana.id)
        self.query_one(SessionGoals).show_member(owner, goals, today=NOW.date(), first_session="s-last",
                                                 highlight=highlight)  # fmt: skip

    def record(self, kind: str, member: str | None = None, **data) -> None:
        self.events.append((kind, member, data))

    def on_goal_list_changed(self, event: GoalList.Changed) -> None:
        from circle.domain.goals.goal import Goal, achieved_in
        from circle.domain.goals.changes import apply_change
        from circle.ui.goals.session_goals import Celebration

        # What the session layer does (tested in tests/unit/test_live_goal_changes.py): save, then log.
        result = apply_change(self.home.repo, event.change, at=NOW, by="facilitator", session="s-now")
        self.record("goal_changed", event.change.member, **result.event_data())
        self.refresh_goals(highlight=str(result.goal["id"]))
        goals = [Goal.from_dict(raw) for raw in self.home.repo.list_goals(CIRCLE)]
        self.query_one(Celebration).show([("Ana Lopez", goal) for goal in achieved_in(goals, "s-now")])


async def test_in_a_session_last_commitments_lead_and_changes_are_logged(home: Home) -> None:
    committed = home.goals()["Read aloud daily with 7C"]
    home.repo.update_goal(CIRCLE, committed["id"], lambda raw: raw | {"history": raw["history"] + [
        {"at": "2026-02-25T16:00:00+00:00", "by": "alopez", "type": "progress", "note": "n", "session": "s-last"}]})
    app = SessionHost(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert entries(app)[0].startswith("Read aloud daily with 7C")  # last session's commitment first
        await pilot.press("a")
        await type_text(pilot, "every day")
        await pilot.press("enter")
        await pilot.pause()
        assert app.events == [("goal_changed", home.ana.id, {"goal": committed["id"], "change": "achieved",
                                                             "title": "Read aloud daily with 7C",
                                                             "percent": 100})]  # fmt: skip
        saved = home.goals()["Read aloud daily with 7C"]
        assert saved["history"][-1]["session"] == "s-now" and saved["history"][-1]["by"] == "facilitator"
        shown = str(app.query_one("#celebration", Static).render())
        assert "Achieved this session" in shown and "Ana Lopez: Read aloud daily with 7C" in shown
