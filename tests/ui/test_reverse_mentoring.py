"""Pilot tests of a reverse-mentoring session: the leader confirmed at check-in holds the led
phases, and the close and the summary credit both sides by name."""

from __future__ import annotations

from textual.widgets import Static

from session_driver import make_app

from circle.ui.dialogs import PickMember
from circle.ui.session.checkin import CheckInScreen
from circle.ui.session.screen import SessionScreen
from circle.ui.session.summary import SummaryScreen


def plain(screen, selector: str) -> str:
    return screen.query_one(selector, Static).render().plain


async def test_check_in_offers_a_new_teacher_to_lead_and_the_leader_holds_the_floor(repo, circle, clock) -> None:
    ana, ben, chen, dara = circle["member_ids"]
    async with make_app(repo, circle, clock, plan="reverse-mentoring").run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        checkin = pilot.app.screen
        assert isinstance(checkin, CheckInScreen)
        assert "Leads: Ben Okafor (mentee, new)" in plain(checkin, "#checkin-leader")
        await pilot.press("down", "space")  # Ben is away: the next new teacher is offered
        assert "Leads: Dara [bold]Quinn[/bold] (mentee, new)" in plain(checkin, "#checkin-leader")
        await pilot.press("space", "l")  # Ben is back; the facilitator picks him
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickMember)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Leads: Ben Okafor" in plain(checkin, "#checkin-leader")
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SessionScreen)
        engine = screen.engine
        assert engine.leader == ben and engine.speaker == ben  # the led opener starts with the leader
        assert plain(screen, "#guidance").startswith("Ben Okafor leads.")
        await pilot.press("right_square_bracket")
        assert engine.phase.led and engine.phase.turns == "open" and engine.speaker == ben
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert engine.phase.kind == "close"
        credits = plain(screen, "#close-credits")
        assert credits.startswith("Credit to Ben Okafor for leading, and to ")
        assert "Ana Ruiz" in credits and "for learning from the lead" in credits
        await pilot.press("e", "y")
        await pilot.pause()
        summary = pilot.app.screen
        assert isinstance(summary, SummaryScreen)
        assert "Credit to Ben Okafor for leading" in plain(summary, "#summary-credits")
    record = repo.get_session(circle["slug"], repo.latest_session_id(circle["slug"]))
    assert record["summary"]["leader"] == ben
    assert record["summary"]["credits"][0] == {"member": ben, "for": "leading"}


async def test_a_led_plan_does_not_start_without_a_leader(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock, plan="reverse-mentoring").run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        checkin = pilot.app.screen
        await pilot.press("down", "space", "down", "down", "space")  # neither new teacher is here
        assert "nobody yet" in plain(checkin, "#checkin-leader")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is checkin


async def test_a_plan_without_led_phases_shows_no_leader(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        checkin = pilot.app.screen
        assert not checkin.query_one("#checkin-leader").display
        assert checkin.check_action("pick_leader", ()) is False


def test_a_past_sessions_summary_credits_both() -> None:
    import io

    from rich.console import Console

    from circle.ui.home.summary_view import summary_renderable

    record = {"id": "s1", "started": "2026-03-02T15:30:00+00:00", "ended": "2026-03-02T16:30:00+00:00",
              "summary": {"phases": [{"title": "Opener", "planned_seconds": 60, "actual_seconds": 50}],
                          "present": ["b", "a"], "airtime": {"a": 10.0, "b": 40.0}, "leader": "b",
                          "credits": [{"member": "b", "for": "leading"},
                                      {"member": "a", "for": "learning from the lead"}]}}
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(summary_renderable(record, {"a": "Ana", "b": "Ben"}))
    assert "Credit to Ben for leading, and to Ana for learning from the lead." in console.export_text()
