"""Pilot tests of the session screens: a whole community-60 session with an injected clock."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text
from session_driver import advance, make_app, start_session
from textual.geometry import Region
from textual.widgets import OptionList, Static

from circle.store.errors import StoreError
from circle.ui.goals.goal_list import GoalList
from circle.ui.dialogs import Confirm, PickMember
from circle.ui.session.checkin import CheckInScreen
from circle.ui.session.screen import SessionScreen
from circle.ui.session.summary import SummaryScreen
from circle.ui.widgets.airtime_chart import AirtimeChart, AirtimeRow
from circle.ui.widgets.big_timer import BigTimer
from circle.ui.widgets.prompt_card import PromptCard
from circle.ui.widgets.turn_queue import TurnQueue
from circle.ui.widgets.text_line import TextLine


def text_of(widget: Static) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Text) else str(rendered)


def static(screen, selector: str) -> str:
    return text_of(screen.query_one(selector, Static))


def chart_lines(chart: AirtimeChart) -> list[str]:
    return [chart.render_line(y).text for y in range(max(1, len(chart.rows)))]


async def test_a_whole_community_session(repo, circle, clock) -> None:
    ana, ben, chen, dara = circle["member_ids"]
    app = make_app(repo, circle, clock)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        checkin = app.screen
        assert isinstance(checkin, CheckInScreen)
        # Names are text, not markup; norms are the circle's own.
        assert "Dara [bold]Quinn[/bold]" in str(checkin.query_one(OptionList).get_option_at_index(3).prompt)
        assert "We listen first." in static(checkin, "#norms")
        await pilot.press("down", "down", "down", "space")  # Dara is absent
        assert "3 of 4 present" in static(checkin, "#checkin-hint")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        engine = screen.engine
        assert engine.present == (ana, ben, chen) and engine.speaker == ana

        # Positive opener: Ana speaks, Ben passes, Chen speaks, Ben comes back at the end.
        await advance(pilot, clock, 40)
        assert screen.query_one(BigTimer).text == "0:20"
        await pilot.press("n")
        assert engine.speaker == ben
        await pilot.press("p")
        assert engine.speaker == chen and engine.passed == (ben,)
        assert "Ben Okafor" in text_of(screen.query_one("#passed", Static))
        await advance(pilot, clock, 30)
        await pilot.press("n")
        assert engine.speaker == ben
        await advance(pilot, clock, 20)
        await pilot.press("n")
        assert engine.speaker is None and engine.spoken == (ana, chen, ben)

        # Challenge sharing runs into overtime: the bell rings, the timer turns red and counts up.
        await pilot.press("right_square_bracket")
        assert engine.phase.kind == "challenge"
        await advance(pilot, clock, 12 * 60 + 5)
        timer = screen.query_one(BigTimer)
        assert bells, "the bell rings at zero"
        assert timer.state == "overtime" and timer.text.startswith("+")
        assert "over" in screen.query_one("#other-timer", TextLine).text
        assert {"phase_zero", "speaker_zero"} <= {e.type for e in engine.events}
        used = screen.query(".phase-cell")
        assert "12:05/12 min" in [text_of(c).splitlines()[1] for c in used][1]  # the running phase, to the second

        # Open-ended questions: a hand goes up, a prompt is drawn, the hand gets the floor.
        await pilot.press("right_square_bracket")
        assert engine.phase.kind == "questions"
        await pilot.press("h")
        assert isinstance(app.screen, PickMember)
        await pilot.press("down", "enter")  # Ben
        assert engine.hands == (ben,)
        assert "1. Ben Okafor" in text_of(screen.query_one("#hands", Static))
        await pilot.press("d")
        assert engine.prompt is not None
        drawn = engine.prompt.text
        assert drawn in text_of(screen.query_one("#prompt-text", Static))
        assert screen.query_one(PromptCard).display
        await pilot.press("n")
        assert engine.speaker == ben and engine.hands == ()

        # SMART goal updates: the speaker's goals, the overdue one first; g edits them, escape leaves.
        await pilot.press("right_square_bracket")
        assert engine.phase.kind == "goals" and engine.speaker == ana
        goal_list = screen.query_one(GoalList)
        assert [g.title for g in goal_list.goals] == ["Exit tickets in every lesson", "Peer observation each half term"]
        await pilot.press("g")
        assert goal_list.has_focus
        await pilot.press("a")
        await pilot.press(*"done", "enter")
        await pilot.pause()
        assert engine.events[-1].type == "goal_changed" and engine.events[-1].member == ana
        assert repo.list_goals(circle["slug"], ana)[0]["status"] == "achieved"
        await pilot.press("escape", "n")
        assert not goal_list.has_focus and engine.speaker == ben
        assert [g.title for g in goal_list.goals] == ["Seating plan for 8B"]

        # Positive close, then the end: asked first, y confirms.
        await pilot.press("right_square_bracket")
        assert engine.phase.kind == "close"
        assert "Ana Ruiz: Exit tickets in every lesson" in text_of(screen.query_one("#goals-panel-list", Static))
        await advance(pilot, clock, 45)
        await pilot.press("e")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        blocks = [text_of(s) for s in summary.query(".summary-block").results(Static)]
        assert any("Passes" in b and "Ben Okafor: 1" in b for b in blocks)
        assert any("Prompts used" in b and drawn in b for b in blocks)
        assert any("Ana Ruiz: achieved Exit tickets in every lesson" in b for b in blocks)
        console = Console(width=80, record=True, file=io.StringIO())
        console.print(summary.query_one("#summary-phases", Static).content)
        phases = console.export_text().splitlines()
        challenge = next(line for line in phases if "Challenge sharing" in line)
        assert challenge.split()[-3:] == ["12:00", "12:05", "+0:05"]
        chart = "\n".join(chart_lines(summary.query_one(AirtimeChart)))
        assert "Ana Ruiz" in chart and "█" in chart and "Dara" not in chart

        # Opened by `circle run`, the summary is the last screen: closing it ends the app.
        assert app.screen_stack == [summary]
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0

    # The session file read back holds every event, in order, and the saved summary.
    session_id = repo.latest_session_id(circle["slug"])
    stored = repo.get_events(circle["slug"], session_id)
    assert stored == [e.to_dict() for e in engine.events]
    types = [e["type"] for e in stored]
    for expected in ("check_in", "start", "pass", "raise_hand", "draw_prompt", "phase_zero", "goal_changed", "end"):
        assert expected in types
    assert types.count("check_in") == 3
    record = repo.get_session(circle["slug"], session_id)
    assert record["plan"] == "community-60" and record["ended"]
    assert {"member": dara, "present": False} in record["attendance"]
    assert record["summary"] == engine.summary().to_dict()
    assert record["summary"]["passes"] == {ben: 1}


async def started_with_airtime(pilot) -> tuple:
    """The check-in confirmed in a terminal with room for the airtime panel: the screen and its chart."""
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    return screen, screen.query_one("#session-airtime", AirtimeChart)


async def test_the_airtime_panel_shows_who_has_spoken_and_who_has_not(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen, chart = await started_with_airtime(pilot)
        room = screen.query_one("#airtime-room")

        def shown() -> bool:
            return chart.display and room.display

        assert shown()
        await advance(pilot, clock, 40)
        await pilot.press("n")
        await advance(pilot, clock, 25)
        assert chart.rows == [
            AirtimeRow("Ana Ruiz", 40.0, ""),
            AirtimeRow("Ben Okafor", 25.0, "speaking"),
            AirtimeRow("Chen Li", 0.0, "unheard"),
            AirtimeRow("Dara [bold]Quinn[/bold]", 0.0, "unheard"),
        ]
        lines = chart_lines(chart)
        assert lines[0].startswith("  Ana Ruiz ") and lines[0].endswith(" 0:40") and "█" in lines[0]
        assert lines[1].startswith("▶ Ben Okafor ") and lines[1].endswith(" 0:25")
        assert lines[2].startswith("○ Chen Li ") and "not heard from yet" in lines[2] and "█" not in lines[2]
        assert lines[3].startswith("○ Dara [bold]Quinn[")  # a name is text, never markup

        # Four ticks a second, but airtime is read as the phase clock's second turns, and then
        # only the line that changed is redrawn (bars are scaled to whole minutes, so others stay).
        redraws: list[tuple] = []
        chart.refresh = lambda *regions, **kwargs: redraws.append(regions)  # type: ignore[method-assign]
        for _ in range(3):
            await advance(pilot, clock, 0.3)
        assert redraws == [] and chart.rows[1].seconds == 25.0
        await advance(pilot, clock, 0.2)
        assert chart.rows[1].seconds == 26.0
        assert redraws == [(Region(0, 1, chart.size.width, 1),)]
        del chart.refresh

        # The goal list needs the room in the goals phase; a short terminal keeps its old layout.
        await pilot.press(*["right_square_bracket"] * 3)
        assert screen.engine.phase.kind == "goals" and not shown()
        await pilot.press("left_square_bracket")
        assert shown()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-short") and not shown()


async def test_a_failed_write_shows_an_error_and_the_action_is_not_done(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        speaker = screen.engine.speaker
        real_append = repo.append_event

        def failing(*args, **kwargs):
            raise StoreError("cannot write the session file: disk full")

        repo.append_event = failing  # type: ignore[method-assign]
        await pilot.press("n")
        assert screen.engine.speaker == speaker
        assert "Next" in text_of(screen.query_one("#next-up", Static))
        assert any("disk full" in n.message for n in app._notifications)
        repo.append_event = real_append  # type: ignore[method-assign]
        await pilot.press("n")
        assert screen.engine.speaker != speaker
        stored = repo.get_events(circle["slug"], screen.live.session_id)
        assert [e["seq"] for e in stored] == list(range(1, len(stored) + 1))
        assert stored[-1]["type"] == "next_speaker"


async def test_an_engine_refusal_is_a_notification(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("left_square_bracket")
        assert any("first phase" in n.message for n in app._notifications)
        assert app.screen.engine.phase_index == 0


async def test_pause_add_and_remove_a_minute(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        await pilot.press("space")
        assert screen.engine.status == "paused" and "PAUSED" in static(screen, "#session-status")
        await advance(pilot, clock, 30)
        assert screen.query_one(BigTimer).text == "1:00"
        await pilot.press("space")
        assert screen.engine.status == "running"
        await pilot.press("plus")
        assert screen.engine.phase_timer.total == 9 * 60
        await advance(pilot, clock, 1)
        assert "/ 9 min" in str(screen.query(".phase-cell").first().render())
        await pilot.press("minus", "minus")
        assert screen.engine.phase_timer.total == 7 * 60
        await pilot.press("b")
        assert any("nothing to go back to" in n.message for n in app._notifications)


async def test_an_unfinished_session_is_offered_for_resuming(repo, circle, clock) -> None:
    ana, ben, chen, _ = circle["member_ids"]
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "n")
        first_id = app.screen.live.session_id
    clock.advance(120)  # the laptop restarts
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.live.session_id == first_id
        assert screen.engine.speaker == chen and screen.engine.spoken == (ana, ben)
        assert "Chen Li" in text_of(screen.query_one("#speaker-name", Static))
        assert screen.query_one(TurnQueue).display


async def test_declining_to_resume_starts_a_new_check_in(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, CheckInScreen)


async def test_goals_achieved_this_session_are_celebrated_at_the_close(repo, circle, clock) -> None:
    from circle.domain.goals.changes import GoalChange

    ana = circle["member_ids"][0]
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        live = screen.live
        goal = next(g for g in repo.list_goals(circle["slug"], ana) if g["title"].startswith("Exit"))
        change = GoalChange("achieved", circle["slug"], ana, goal_id=goal["id"], note="every lesson now")
        assert live.change_goal(change, at=clock.now(), by="facilitator").logged
        for _ in range(4):
            await pilot.press("right_square_bracket")
        assert screen.engine.phase.kind == "close"
        shown = text_of(screen.query_one("#goals-panel-list", Static))
        assert "Ana Ruiz: Exit tickets in every lesson" in shown
        await pilot.press("e", "y")
        await pilot.pause()
        blocks = [text_of(s) for s in app.screen.query(".summary-block").results(Static)]
        assert any("Ana Ruiz: achieved Exit tickets in every lesson" in b for b in blocks)


async def test_session_keys_reach_the_screen_in_the_goals_phase(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*["right_square_bracket"] * 3)
        assert screen.engine.phase.kind == "goals" and screen.focused is None
        first = screen.engine.speaker
        await pilot.press("n")
        assert screen.engine.speaker != first
        await pilot.press("g")
        assert screen.focused is screen.query_one(GoalList)
        await pilot.press("right_square_bracket")
        assert screen.engine.phase.kind == "close" and screen.focused is None


async def test_resuming_in_the_goals_phase_leaves_keys_with_the_session(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*["right_square_bracket"] * 3)
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert screen.engine.phase.kind == "goals" and screen.focused is None


async def test_the_top_line_names_the_help_key_as_the_keymap_has_it(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert static(app.screen, "#session-hint") == "? keys  ^p actions"
        app.screen.live.finish()

    (repo.home / "keymap.toml").write_text('"session.help" = "f2"\n', encoding="utf-8")
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert static(app.screen, "#session-hint") == "f2 keys  ^p actions"
        await pilot.press("f2")
        assert app.screen.__class__.__name__ == "KeyHelp"


async def test_a_keymap_in_the_home_changes_a_session_key(repo, circle, clock) -> None:
    (repo.home / "keymap.toml").write_text('"session.next" = "right"\n', encoding="utf-8")
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        first = app.screen.engine.speaker
        await pilot.press("n")
        assert app.screen.engine.speaker == first
        await pilot.press("right")
        assert app.screen.engine.speaker != first


def test_a_bad_keymap_names_the_file_and_the_id(repo) -> None:
    import pytest

    from circle.ui.keymap import KeymapError, read_keymap

    (repo.home / "keymap.toml").write_text('"session.next" = 3\n', encoding="utf-8")
    with pytest.raises(KeymapError, match=r"keymap.toml: session.next: expected keys as text"):
        read_keymap(repo.home)
    (repo.home / "keymap.toml").write_text('"session.next" = \n', encoding="utf-8")
    with pytest.raises(KeymapError, match="not valid TOML"):
        read_keymap(repo.home)


async def test_a_speaker_without_goals_is_told_how_to_reach_the_goal_keys(repo, circle, clock) -> None:
    ana, ben, chen, _ = circle["member_ids"]
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        await pilot.press(*["right_square_bracket"] * 3, "n", "n")
        assert screen.engine.phase.kind == "goals" and screen.engine.speaker == chen
        assert repo.list_goals(circle["slug"], chen) == []
        goal_list = screen.query_one(GoalList)
        # n is "next speaker" here until g hands the keys to the goal list.
        assert str(goal_list.get_option_at_index(0).prompt) == "No goals yet: press g, then n to set one."
        # Once g has handed them over, the hint says what is left to press; escape gives them back.
        await pilot.press("g")
        await pilot.pause()
        assert goal_list.has_focus
        assert str(goal_list.get_option_at_index(0).prompt) == "No goals yet: press n to set one."
        await pilot.press("escape")
        await pilot.pause()
        assert not goal_list.has_focus
        assert str(goal_list.get_option_at_index(0).prompt) == "No goals yet: press g, then n to set one."


async def test_the_phase_strip_fits_its_titles_again_as_soon_as_the_terminal_is_resized(repo, circle, clock) -> None:
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_session(pilot)
        narrow = [text_of(cell).splitlines()[0] for cell in screen.query(".phase-cell")]
        await pilot.resize_terminal(200, 60)  # no tick follows: the clock stands still
        await pilot.pause()
        await pilot.pause()
        wide = [text_of(cell).splitlines()[0] for cell in screen.query(".phase-cell")]
        assert wide != narrow
        assert "Positive opener" in wide[0] and "…" not in wide[0]


async def test_the_airtime_frame_holds_a_chart_of_more_members_than_fit(repo, circle, clock) -> None:
    for n in range(30):
        repo.add_member(circle["slug"], f"Member {n:02d}", role="peer", experience="new")
    app = make_app(repo, circle, clock)
    async with app.run_test(size=(160, 48)) as pilot:
        screen, chart = await started_with_airtime(pilot)
        frame, room = screen.query_one("#airtime-frame"), screen.query_one("#airtime-room")
        assert len(chart.rows) == 34 > chart.size.height > 1
        assert chart.size.height == frame.content_size.height  # inside the frame's border, not cut by it
        assert frame.region.bottom <= room.region.bottom  # the frame's bottom border is on screen
        assert chart.render_line(chart.size.height - 1).text.startswith(f"… and {34 - chart.size.height + 1} more")
