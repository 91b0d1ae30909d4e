"""A follower: replays the driver's log as it grows, shows the room's seconds, stops the clock
when nobody drives, picks up a resume by itself, and never opens a file for writing."""

from __future__ import annotations

import io
import os

from follow_helpers import follower_of, start

from circle.live.driver import LiveSession
from circle.live.plain import PlainWatch, watch_plain
from circle.live.setup import prepare


def test_a_follower_sees_each_key_and_the_rooms_seconds(repo, circle, clock) -> None:
    ana, ben, *_ = circle["member_ids"]
    follower = follower_of(repo, circle["slug"], clock)
    assert follower.poll() and follower.engine is None
    assert follower.stage().waiting
    live = start(repo, circle, clock)
    assert follower.poll() and follower.engine.speaker == ana
    assert follower.stage().text == "facilitator is running the session"
    clock.advance(10)
    live.next_speaker()
    assert follower.poll() and follower.engine.speaker == ben
    clock.advance(7)
    assert not follower.poll()  # nothing new on disk; the clock runs on by itself
    assert follower.engine.speaker_timer.elapsed == live.engine.speaker_timer.elapsed == 7.0
    assert follower.engine.airtime.by_member() == live.engine.airtime.by_member()
    live.leave()


def test_when_the_driver_goes_the_clock_stops_and_a_resume_is_picked_up(repo, circle, clock) -> None:
    ana = circle["member_ids"][0]
    live = start(repo, circle, clock)
    follower = follower_of(repo, circle["slug"], clock)
    follower.poll()
    clock.advance(20)
    live.leave()
    assert follower.poll()
    assert follower.stage().waiting and follower.stage().text.startswith("Waiting for the facilitator")
    clock.advance(300)
    follower.poll()
    assert follower.engine.airtime.by_member()[ana] == 20.0  # frozen where the driver left
    setup = prepare(repo, circle["slug"], "community-60")
    again = LiveSession.resume(setup, setup.unfinished, setup.plan, clock)
    assert follower.poll() and not follower.stage().waiting
    clock.advance(5)
    assert follower.engine.airtime.by_member()[ana] == again.engine.airtime.by_member()[ana] == 25.0
    again.leave()


def test_a_follower_opens_nothing_for_writing(repo, circle, clock, monkeypatch) -> None:
    live = start(repo, circle, clock)
    follower = follower_of(repo, circle["slug"], clock)
    flags: list[int] = []
    real_open = os.open

    def watched_open(path, flag, *args, **kwargs):
        flags.append(flag)
        return real_open(path, flag, *args, **kwargs)

    monkeypatch.setattr(os, "open", watched_open)
    follower.poll()
    live_event = live.next_speaker  # the driver writes outside the watch below
    monkeypatch.setattr(os, "open", real_open)
    live_event()
    monkeypatch.setattr(os, "open", watched_open)
    follower.poll()
    follower.poll()
    monkeypatch.setattr(os, "open", real_open)
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    assert flags and not [f for f in flags if f & writing]
    live.leave()


SCRIPT_LINES = [
    "No session of Maths Circle yet: waiting for one to start",
    "Session 20260302-153000-0gzp of Maths Circle",
    "Phase 1 of 5: Positive opener",
    "Speaker: Ana Ruiz",
    "facilitator is running the session",
    "Ana Ruiz: 12 seconds left",
    "Ana Ruiz: time is up",
    "Speaker: Ben Okafor",
    "Phase 2 of 5: Challenge sharing",  # passed through between two looks: still said
    "Speaker: Ana Ruiz",
    "Phase 3 of 5: Open-ended questions",
    "Nobody is speaking",
    "No hands up",
    "Prompt: How do you think your students would describe what is happening?",
    "Hands up: Ben Okafor",
    "Hands up: Ben Okafor, Dara [bold]Quinn[/bold]",
    "Paused",
    "Running",
    "Phase time: 30 seconds left",
    "Waiting for the facilitator",
]


def test_the_plain_lines_of_a_scripted_session(repo, circle, clock) -> None:
    ana, ben, chen, dara = circle["member_ids"]
    follower = follower_of(repo, circle["slug"], clock)
    watch = PlainWatch(follower)
    lines: list[str] = []

    def look() -> None:
        follower.poll()
        lines.extend(watch.lines())

    look()
    live = start(repo, circle, clock)
    look()
    clock.advance(50)
    look()  # a one-minute turn's last 12 seconds
    clock.advance(30)
    live.tick()
    look()
    live.next_speaker()
    look()
    live.next_phase()
    live.next_phase()
    look()
    live.draw_prompt()
    live.toggle_hand(ben)
    live.toggle_hand(dara)
    look()
    live.toggle_pause()
    look()
    live.toggle_pause()
    look()
    look()  # nothing changed: no line
    clock.advance(live.engine.phase_timer.remaining - 10)
    look()
    live.leave()
    look()
    assert lines == SCRIPT_LINES


def test_watch_plain_prints_until_told_to_stop(repo, circle, clock) -> None:
    live = start(repo, circle, clock)
    follower = follower_of(repo, circle["slug"], clock)
    out, looks, waits = io.StringIO(), iter([False, False, True]), []
    steps = iter([lambda: live.next_speaker(), lambda: live.leave()])

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        next(steps)()

    watch_plain(follower, out, sleep=sleep, stop=lambda: next(looks))
    assert out.getvalue().splitlines() == [
        f"Session {live.session_id} of Maths Circle", "Phase 1 of 5: Positive opener", "Speaker: Ana Ruiz",
        "facilitator is running the session", "Speaker: Ben Okafor",
        "Waiting for the facilitator",
    ]
    assert len(waits) == 2


def test_hostile_text_reaches_the_plain_lines_without_control_characters(repo, circle, clock) -> None:
    slug = circle["slug"]
    live = start(repo, circle, clock)
    follower = follower_of(repo, slug, clock)
    follower.poll()
    follower.circle_name = "Maths\x1b[2J\nCircle"
    lines = PlainWatch(follower).lines()
    assert lines[0] == f"Session {live.session_id} of Maths [2J Circle"
    live.leave()


def test_watch_names_a_missing_circle_on_stderr(tmp_path, capsys) -> None:
    from circle.cli import main

    assert main(["--home", str(tmp_path / "home"), "watch", "No Such Circle"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("circle: ") and "No Such Circle" in err and "Traceback" not in err


def test_a_planted_driver_name_with_escape_codes_is_not_shown(repo, circle, clock) -> None:
    import json

    from circle.store.driver_lock import info_file

    live = start(repo, circle, clock)
    path = info_file(repo.sessions_dir(circle["slug"]), str(live.session_id))
    planted = json.loads(path.read_text())
    planted["name"] = "eve\x1b]0;owned\x07"
    path.write_text(json.dumps(planted))
    follower = follower_of(repo, circle["slug"], clock)
    follower.poll()
    assert follower.stage().text == "A facilitator is running the session"
    live.leave()
