"""`watch --plain` over a journal a real driver writes: every change between two looks has its
line, in the log's order, once; the first look says who speaks now; the end is said once."""

from __future__ import annotations

import io

from follow_helpers import follower_of, start

from circle.live.follow import open_follower
from circle.live.plain import PlainWatch, watch_plain
from circle.store.repository import Repository


def names_of(live) -> dict[str, str]:
    return {m.id: m.name for m in live.engine.members}


def first_look(repo, circle, clock) -> list[str]:
    """What `circle watch --plain` prints at its first look: the follower has read the log once."""
    follower = open_follower(Repository(repo.home, "ben", clock=clock), circle["slug"], clock)
    out = io.StringIO()
    watch_plain(follower, out, sleep=lambda seconds: None, stop=lambda: True)
    return out.getvalue().splitlines()


def test_three_speakers_between_two_looks_are_each_said_in_order(repo, circle, clock) -> None:
    ana, ben, chen, dara = circle["member_ids"]
    live = start(repo, circle, clock)
    follower = follower_of(repo, circle["slug"], clock)
    watch = PlainWatch(follower)
    follower.poll()
    assert "Speaker: Ana Ruiz" in watch.lines()
    for _ in range(3):  # three keys in less time than a poll
        clock.advance(0.05)
        live.next_speaker()
    follower.poll()
    assert watch.lines() == ["Speaker: Ben Okafor", "Speaker: Chen Li", "Speaker: Dara [bold]Quinn[/bold]"]
    follower.poll()
    assert watch.lines() == []
    live.leave()


def test_every_kind_of_change_between_two_looks_has_its_line_once(repo, circle, clock) -> None:
    ana, ben, chen, dara = circle["member_ids"]
    live = start(repo, circle, clock)
    follower = follower_of(repo, circle["slug"], clock)
    watch = PlainWatch(follower)
    follower.poll()
    watch.lines()
    live.pass_turn()
    live.back()
    live.next_speaker()
    live.next_phase()
    live.next_phase()
    live.draw_prompt()
    live.toggle_hand(ben)
    live.toggle_hand(dara)
    live.toggle_hand(ben)
    live.next_speaker()
    live.toggle_pause()
    live.toggle_pause()
    live.member_leaves(chen)
    live.member_joins(chen)
    live.finish()
    follower.poll()
    assert watch.lines() == [
        "Ana Ruiz passed",
        "Speaker: Ben Okafor",
        "Speaker: Ana Ruiz",  # back
        "Speaker: Ben Okafor",
        "Phase 2 of 5: Challenge sharing",
        "Speaker: Ana Ruiz",
        "Phase 3 of 5: Open-ended questions",
        "Nobody is speaking",
        "No hands up",
        "Prompt: How do you think your students would describe what is happening?",
        "Hands up: Ben Okafor",
        "Hands up: Ben Okafor, Dara [bold]Quinn[/bold]",
        "Hands up: Dara [bold]Quinn[/bold]",
        "Speaker: Dara [bold]Quinn[/bold]",
        "No hands up",
        "Paused",
        "Running",
        "Chen Li left",
        "Chen Li joined",
        "The session has ended",
    ]
    for _ in range(2):
        follower.poll()
        assert watch.lines() == []


def test_a_watch_started_mid_session_says_who_speaks_now(repo, circle, clock) -> None:
    live = start(repo, circle, clock)
    live.next_phase()
    live.next_speaker()
    clock.advance(20)
    speaker = names_of(live)[live.engine.speaker]
    assert speaker != "Ana Ruiz"  # not the phase's first speaker: one who took the floor since
    assert first_look(repo, circle, clock) == [
        f"Session {live.session_id} of Maths Circle", "Phase 2 of 5: Challenge sharing",
        f"Speaker: {speaker}", "facilitator is running the session"]
    live.next_phase()
    live.draw_prompt()
    live.toggle_hand(circle["member_ids"][2])
    live.next_speaker()  # an open floor: the raised hand speaks
    assert first_look(repo, circle, clock)[1:] == [
        "Phase 3 of 5: Open-ended questions", "Speaker: Chen Li",
        "Prompt: How do you think your students would describe what is happening?", "No hands up",
        "facilitator is running the session"]
    live.leave()


def test_the_end_is_said_once_whether_seen_coming_or_found(repo, circle, clock) -> None:
    live = start(repo, circle, clock)
    follower = follower_of(repo, circle["slug"], clock)
    watch = PlainWatch(follower)
    said: list[str] = []
    for _ in range(2):
        follower.poll()
        said += watch.lines()
    live.finish()
    for _ in range(3):
        follower.poll()
        said += watch.lines()
    assert said.count("The session has ended") == 1 and said[-1] == "The session has ended"
    found = first_look(repo, circle, clock)
    assert found == [f"Session {live.session_id} of Maths Circle", "The session has ended"]  # and no speaker


def test_a_session_after_the_one_watched_is_said_in_full_and_ends_in_its_turn(repo, circle, clock) -> None:
    live = start(repo, circle, clock)
    follower = follower_of(repo, circle["slug"], clock)
    watch = PlainWatch(follower)
    follower.poll()
    watch.lines()
    live.finish()  # ended in its first phase, with its first speaker
    follower.poll()
    assert watch.lines() == ["The session has ended"]
    clock.advance(3600)
    again = start(repo, circle, clock)
    follower.poll()
    assert watch.lines() == [f"Session {again.session_id} of Maths Circle", "Phase 1 of 5: Positive opener",
                             f"Speaker: {names_of(again)[again.engine.speaker]}",
                             "facilitator is running the session"]
    again.finish()
    follower.poll()
    assert watch.lines() == ["The session has ended"]
