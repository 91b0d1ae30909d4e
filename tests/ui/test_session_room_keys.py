"""Pilot tests of the facilitator's small needs: speaker time, attendance and notes, one key each."""

from __future__ import annotations

from session_driver import advance, make_app

from circle.domain.session import events as ev
from circle.ui.dialogs import PickMember
from circle.ui.session.note_dialog import NoteDialog
from circle.ui.session.screen import SessionScreen
from circle.ui.widgets.big_timer import BigTimer


async def start(pilot) -> SessionScreen:
    await pilot.pause()
    await pilot.press("enter")  # everyone present
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


def logged(screen: SessionScreen) -> list[dict]:
    live = screen.live
    return live.repo.get_events(live.setup.slug, str(live.session_id))


async def test_a_speaker_in_overtime_is_given_a_minute(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await advance(pilot, clock, 65)
        timer = screen.query_one(BigTimer)
        assert timer.state == "overtime"
        await pilot.press("greater_than_sign")
        assert not timer.state == "overtime" and timer.text == "0:55"
        assert screen.engine.phase_timer.total == 8 * 60  # the phase keeps its length
        await pilot.press("less_than_sign")
        assert timer.state == "overtime"
        actions = [e["type"] for e in logged(screen) if e["type"] not in ev.TIMER_EVENT_TYPES]
        assert actions[-2:] == [ev.ADD_SPEAKER_MINUTE, ev.REMOVE_SPEAKER_MINUTE]


async def test_speaker_time_keys_are_off_where_turns_have_no_length(repo, circle, clock) -> None:
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        assert screen.check_action("add_turn_minute", ()) is True
        await pilot.press("right_square_bracket", "right_square_bracket")  # open floor: nobody speaks
        assert screen.check_action("add_turn_minute", ()) is False
        before = len(logged(screen))
        await pilot.press("greater_than_sign")
        assert len(logged(screen)) == before


async def test_a_late_arrival_joins_and_an_early_leaver_leaves(repo, circle, clock) -> None:
    ana, ben, chen, dara = circle["member_ids"]
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "space")  # Dara is not here yet
        screen = await start(pilot)
        assert screen.engine.present == (ana, ben, chen)
        await pilot.press("l")
        picker = pilot.app.screen
        assert isinstance(picker, PickMember)
        await pilot.press("enter")  # Ana, the speaker, leaves: the floor moves on
        await pilot.pause()
        assert screen.engine.present == (ben, chen) and screen.engine.speaker == ben
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("down", "enter")  # Ana or Dara: Dara arrives
        await pilot.pause()
        assert dara in screen.engine.present and dara in screen.engine.queue
        entries = [e for e in logged(screen) if e["type"] == ev.CHECK_IN][-2:]
        assert [(e["member"], e["data"]["present"]) for e in entries] == [(ana, False), (dara, True)]
        await pilot.press("j")
        await pilot.press("escape")  # nothing happens on a cancelled pick
        await pilot.pause()
        assert len([e for e in logged(screen) if e["type"] == ev.CHECK_IN]) == 5


async def test_a_note_is_kept_for_the_speaker_and_phase(repo, circle, clock) -> None:
    ana = circle["member_ids"][0]
    async with make_app(repo, circle, clock).run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, NoteDialog)
        await pilot.press(*"[red]tries exit tickets", "ctrl+o", "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        note = logged(screen)[-1]
        assert (note["type"], note["member"], note["phase"]) == (ev.NOTE, ana, 0)
        assert note["data"] == {"note": "[red]tries exit tickets", "kind": "commitment"}
        before = len(logged(screen))
        await pilot.press("t", "enter")  # an empty note is refused, and nothing is logged
        await pilot.pause()
        assert len(logged(screen)) == before and pilot.app.screen is screen


async def test_the_summary_names_attendance_and_goals_under_their_new_titles(repo, circle, clock) -> None:
    from circle.domain.goals.changes import GoalChange, Wording
    from circle.ui.session.summary import SummaryScreen

    ana, ben, chen, dara = circle["member_ids"]
    async with make_app(repo, circle, clock).run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "space")  # Dara comes late
        screen = await start(pilot)
        live = screen.live
        live.member_joins(dara)
        live.member_leaves(chen)
        live.note("Ben brings his [b]seating plan[/b]", "commitment")
        goals = {g["title"]: g for g in repo.list_goals(circle["slug"], ana)}
        exit_tickets, observation = goals["Exit tickets in every lesson"], goals["Peer observation each half term"]
        live.change_goal(GoalChange("reworked", circle["slug"], ana, goal_id=exit_tickets["id"],
                                    wording=Wording("Exit tickets twice a week")), at=clock.now(), by="f")
        live.change_goal(GoalChange("progress", circle["slug"], ana, goal_id=observation["id"], percent=50),
                         at=clock.now(), by="f")
        live.change_goal(GoalChange("achieved", circle["slug"], ana, goal_id=observation["id"]),
                         at=clock.now(), by="f")
        await pilot.press("e", "y")
        await pilot.pause()
        summary = pilot.app.screen
        assert isinstance(summary, SummaryScreen)
        attendance = summary.query_one("#summary-attendance").render().plain
        assert "Present: Ana Ruiz, Ben Okafor, Chen Li" in attendance
        assert "Joined late: Dara [bold]Quinn[/bold]" in attendance and "Left early: Chen Li" in attendance
        changes = next(b for b in (s.render().plain for s in summary.query(".summary-block"))
                       if b.startswith("Goal changes"))
        assert "Ana Ruiz: reworked, now Exit tickets twice a week (was Exit tickets in every lesson)" in changes
        assert "Ana Ruiz: achieved Peer observation each half term ★  ██████████ 100%" in changes
        assert "50%" in changes  # the progress logged before it was achieved
        notes = summary.query_one("#summary-notes").render().plain
        assert "Commitment: Ana Ruiz: Ben brings his [b]seating plan[/b]" in notes  # Ana was speaking
        # A wide terminal keeps the summary a readable width.
        assert summary.query_one("#session-summary").size.width <= 100
