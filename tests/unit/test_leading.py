"""Reverse mentoring in the engine: a leader chosen at check-in opens the led phases and holds
the floor in them; the summary and the exports credit both sides by name."""

from __future__ import annotations

import json

import pytest
from engine_helpers import MEMBERS, state_of

from circle.domain.clock import ManualClock
from circle.domain.plans.plan import Phase, Plan
from circle.domain.reports.export_json import build_export
from circle.domain.reports.export_markdown import render_markdown
from circle.domain.session.credits import credit_line, credits, default_leader
from circle.domain.session.engine import EngineError, SessionEngine

LED = Plan(
    name="reverse",
    title="Reverse",
    minutes=30,
    leader="new",
    phases=(
        Phase("opener", "Opener", 5, "round", speaker_seconds=60),
        Phase("custom", "The newer teacher leads", 10, "open", led=True),
        Phase("custom", "Questions for the leader", 10, "round", speaker_seconds=60, led=True),
        Phase("close", "Credit to both", 5, "round", speaker_seconds=60),
    ),
)


def checked_in(clock: ManualClock, leader: str | None = "ben") -> SessionEngine:
    engine = SessionEngine(LED, MEMBERS, clock)
    for member in ("ana", "ben", "cho"):
        engine.check_in(member)
    if leader:
        engine.choose_leader(leader)
    return engine


def test_the_default_leader_is_a_present_member_tagged_new() -> None:
    assert default_leader(MEMBERS, ["ana", "ben", "cho"], "new") == "ben"
    assert default_leader(MEMBERS, ["ana", "cho"], "new") is None
    assert default_leader(MEMBERS, ["ana", "ben"], "mentee") == "ben"
    assert default_leader(MEMBERS, ["ana", "ben"], "pick") is None


def test_the_leader_opens_a_led_round_and_holds_a_led_open_floor() -> None:
    clock = ManualClock()
    engine = checked_in(clock)
    engine.start()
    assert engine.speaker == "ana"  # the opener is not led: the usual order
    engine.next_phase()
    assert engine.speaker == "ben"  # open floor, led: the leader has it
    engine.raise_hand("cho")
    engine.next_speaker()
    assert engine.speaker == "cho"
    clock.advance(30)
    engine.next_speaker()
    assert engine.speaker == "ben"  # no hand up: back to the leader
    with pytest.raises(EngineError):
        engine.next_speaker()  # nobody else waits: the leader keeps the floor
    engine.next_phase()
    assert engine.speaker == "ben" and engine.queue == ("ana", "cho")  # a led round: the leader opens


def test_the_leader_is_chosen_at_check_in_from_those_present() -> None:
    clock = ManualClock()
    engine = SessionEngine(LED, MEMBERS, clock)
    engine.check_in("ana")
    before = state_of(engine)
    with pytest.raises(EngineError):
        engine.choose_leader("ben")  # not checked in
    assert state_of(engine) == before
    engine.check_in("ben")
    engine.choose_leader("ben")
    engine.check_in("ben", present=False)  # not here after all: nobody leads
    assert engine.leader is None
    engine.check_in("ben")
    engine.choose_leader("ben")
    engine.start()
    with pytest.raises(EngineError):
        engine.choose_leader("ana")  # only at check-in


def test_a_plan_without_led_phases_has_no_leader() -> None:
    plain = Plan(name="p", title="P", minutes=5, phases=(Phase("opener", "Opener", 5, "round"),))
    engine = SessionEngine(plain, MEMBERS, ManualClock())
    engine.check_in("ben")
    with pytest.raises(EngineError):
        engine.choose_leader("ben")


def test_a_leader_who_leaves_holds_the_floor_no_more() -> None:
    engine = checked_in(ManualClock())
    engine.start()
    engine.next_phase()
    engine.raise_hand("cho")
    engine.check_in("ben", present=False)
    assert engine.speaker == "cho"
    engine.next_speaker()
    assert engine.speaker is None


def test_replay_rebuilds_the_leader_and_the_floor() -> None:
    clock = ManualClock()
    engine = checked_in(clock)
    engine.start()
    engine.next_phase()
    engine.raise_hand("ana")
    engine.next_speaker()
    clock.advance(12)
    engine.next_speaker()
    log = json.loads(json.dumps([e.to_dict() for e in engine.events]))
    replayed = SessionEngine.replay(LED, MEMBERS, log, clock)
    assert state_of(replayed) == state_of(engine) and replayed.leader == "ben" and replayed.speaker == "ben"


def test_the_summary_and_exports_credit_both_by_name() -> None:
    clock = ManualClock()
    engine = checked_in(clock)
    engine.start()
    engine.next_phase()
    clock.advance(60)
    engine.end()
    summary = engine.summary().to_dict()
    assert summary["leader"] == "ben"
    assert summary["credits"] == [{"member": "ben", "for": "leading"}, {"member": "ana", "for": "learning from the lead"},
                                  {"member": "cho", "for": "learning from the lead"}]
    record = {"id": "s1", "plan": LED.name, "summary": summary, "ended": engine.events[-1].at}
    export = build_export(record, [e.to_dict() for e in engine.events], MEMBERS, LED, circle="C")
    assert export["leader"] == {"member": "ben", "name": "Ben"}
    assert [(c["name"], c["for"]) for c in export["credits"]] == [
        ("Ben", "leading"), ("Ana", "learning from the lead"), ("Cho", "learning from the lead")]
    # A summary saved before credits were kept: rebuilt from the log, the same.
    older = {k: v for k, v in summary.items() if k not in ("leader", "credits")}
    again = build_export({**record, "summary": older}, [e.to_dict() for e in engine.events], MEMBERS, LED, circle="C")
    assert again["leader"] == export["leader"] and again["credits"] == export["credits"]
    md = render_markdown(export)
    assert "## Credit to both" in md and "- Led by Ben" in md and "- Cho: for learning from the lead" in md
    names = {m.id: m.name for m in MEMBERS}
    assert credit_line(credits("ben", ["ana", "ben", "cho"]), names) == (
        "Credit to Ben for leading, and to Ana and Cho for learning from the lead.")
