"""The session export: JSON keys and types, the replay fallback, Markdown privacy and escaping."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from circle.cli import main
from circle.domain.clock import ManualClock
from circle.domain.plans.decks import Deck, Prompt
from circle.domain.session.engine import SessionEngine
from circle.domain.reports.export_json import build_export
from circle.domain.reports.export_markdown import clock as length, escape, render_markdown
from circle.domain.session.summary import share_text
from circle.domain.circles.members import Member
from circle.domain.plans.plan import Phase, Plan
from circle.store.repository import Repository

MARKUP_NAME = "*Ann* [x](http://e.test) <b>bold</b> a|b `c` _u_ #1 &amp;"
MEMBERS = (
    Member("ann", MARKUP_NAME, role="mentor"),
    Member("bo", "Bo", role="mentee", experience="new"),
    Member("cy", "Cy"),
)
PLAN = Plan(
    name="tiny",
    title="Tiny plan",
    minutes=10,
    phases=(
        Phase("challenge", "Challenge sharing", 4, "round", speaker_seconds=60),
        Phase("questions", "Questions", 4, "open", deck="q"),
        Phase("close", "Close", 2, "round", speaker_seconds=30),
    ),
)
DECK = Deck("q", "Questions", (Prompt("q1", "What did you try?"), Prompt("q2", "What else could help?")))
PRIVATE_NOTE = "Bo's Year 10 class walked out on Monday"
PUBLIC_NOTE = "Cy suggested a seating plan"
EXPORT_KEYS = {"id", "circle", "plan", "started", "ended", "attendance", "phases", "turns", "prompts",
               "goal_changes", "events"}  # fmt: skip


def run_session(end: bool = True) -> tuple[SessionEngine, ManualClock]:
    clock = ManualClock()
    engine = SessionEngine(PLAN, MEMBERS, clock, decks={"q": DECK}, rng=random.Random(1))
    engine.check_in("ann")
    engine.check_in("bo")
    engine.start()
    clock.advance(50)
    engine.next_speaker()  # ann -> bo
    clock.advance(10)
    engine.pass_turn()  # bo passes; the round comes back to him
    engine.record("note", "bo", note=PRIVATE_NOTE)
    clock.advance(70)
    engine.tick()
    engine.next_speaker()
    engine.next_phase()
    engine.draw_prompt()
    engine.raise_hand("bo")
    engine.next_speaker()
    clock.advance(40)
    engine.record("note", None, note=PUBLIC_NOTE)
    engine.draw_prompt()
    engine.record("goal_changed", "ann", goal="g-1", change="achieved", title="Mark *every* essay [fast]")
    engine.next_phase()
    if end:
        clock.advance(20)
        engine.end()
    return engine, clock


def record_of(engine: SessionEngine, *, ended: bool, summary: bool) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "20260105-153000-abcd",
        "plan": PLAN.name,
        "started": engine.events[0].at,
        "attendance": [{"member": "ann", "present": True}, {"member": "bo", "present": True},
                       {"member": "cy", "present": False}],  # fmt: skip
    }
    if ended:
        record["ended"] = engine.events[-1].at
    if summary:
        record["summary"] = engine.summary().to_dict()
    return record


def export_of(engine: SessionEngine, *, ended: bool = True, summary: bool = True,
              include_private: bool = True) -> dict[str, Any]:
    events = [e.to_dict() for e in engine.events]
    return build_export(record_of(engine, ended=ended, summary=summary), events, MEMBERS, PLAN,
                        circle="Tiny circle", decks={"q": DECK}, include_private=include_private)  # fmt: skip


def test_export_has_every_key_with_its_type() -> None:
    engine, _ = run_session()
    export = export_of(engine)
    assert EXPORT_KEYS <= set(export)
    assert export["id"] == "20260105-153000-abcd"
    assert export["circle"] == "Tiny circle" and export["plan"] == "tiny"
    assert isinstance(export["started"], str) and isinstance(export["ended"], str)
    assert export["attendance"] == [
        {"member": "ann", "present": True, "from_start": True, "joined_at": None, "left_at": None},
        {"member": "bo", "present": True, "from_start": True, "joined_at": None, "left_at": None},
        {"member": "cy", "present": False, "from_start": False, "joined_at": None, "left_at": None},
    ]
    assert (export["attended"], export["invited"]) == (2, 3)
    assert [(p["kind"], p["title"]) for p in export["phases"]] == [(p.kind, p.title) for p in PLAN.phases]
    for phase in export["phases"]:
        assert set(phase) == {"kind", "title", "planned_seconds", "actual_seconds"}
        assert isinstance(phase["planned_seconds"], float) and isinstance(phase["actual_seconds"], float)
    assert export["phases"][0]["planned_seconds"] == 240.0
    assert export["phases"][0]["actual_seconds"] == 130.0
    for turn in export["turns"]:
        assert set(turn) == {"phase", "member", "seconds", "passed"}
        assert isinstance(turn["phase"], int) and isinstance(turn["member"], str)
        assert isinstance(turn["seconds"], float) and isinstance(turn["passed"], bool)
    bo_opening = next(t for t in export["turns"] if t["phase"] == 0 and t["member"] == "bo")
    assert bo_opening == {"phase": 0, "member": "bo", "seconds": 80.0, "passed": True}
    assert [p["id"] for p in export["prompts"]] == list(engine.prompts_drawn)
    assert all(p["text"] for p in export["prompts"])
    assert export["goal_changes"] == [
        {"at": export["goal_changes"][0]["at"], "phase": 1, "member": "ann", "goal": "g-1",
         "change": "achieved", "title": "Mark *every* essay [fast]"}
    ]  # fmt: skip
    assert [e["seq"] for e in export["events"]] == list(range(1, len(engine.events) + 1))
    assert export["events"][-1]["type"] == "end"
    assert json.loads(json.dumps(export)) == export


def test_unfinished_session_has_null_ended_and_is_rebuilt_from_its_log() -> None:
    engine, _ = run_session(end=False)
    export = export_of(engine, ended=False, summary=False)
    assert export["ended"] is None
    # The live engine's summary, taken at its last event, is what the replay rebuilds.
    expected = export_of(engine, ended=False, summary=True)
    assert export["phases"] == expected["phases"]
    assert export["turns"] == expected["turns"]
    assert export["phases"][2]["actual_seconds"] == 0.0  # the log stops on entering the close
    assert export_of(engine)["phases"][2]["actual_seconds"] == 0.0
    assert export["turns"] and export["attendance"][2]["member"] == "cy"
    assert not export["attendance"][2]["present"]


def test_saved_summary_and_replay_agree_on_a_finished_session() -> None:
    engine, _ = run_session()
    saved, replayed = export_of(engine), export_of(engine, summary=False)
    assert replayed["phases"] == saved["phases"]
    assert replayed["turns"] == saved["turns"]


def test_markdown_leaves_out_challenge_notes_unless_asked() -> None:
    engine, _ = run_session()
    export = export_of(engine)
    shared = render_markdown(export)
    assert PRIVATE_NOTE.split("'")[1] not in shared and "walked out" not in shared
    # Every note taken in a session is private to the circle, wherever it was taken.
    assert "seating plan" not in shared
    assert "2 notes taken in the session stay in the circle" in shared
    private = render_markdown(export, include_private=True)
    assert escape(PRIVATE_NOTE) in private
    assert "seating plan" in private


def test_markdown_is_a_readable_summary() -> None:
    engine, _ = run_session()
    md = render_markdown(export_of(engine))
    assert md.startswith("# Tiny circle: session of ")
    for heading in ("## Attendance", "## Phases", "## Airtime", "## Prompts used", "## Goal changes"):
        assert heading in md
    assert "- Absent: Cy" in md
    assert "| Challenge sharing | 4:00 | 2:10 |" in md
    assert "1. What " in md and "2. What " in md


def html_of(md: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(md)


def test_user_text_cannot_inject_markdown() -> None:
    engine, _ = run_session()
    html = html_of(render_markdown(export_of(engine), include_private=True))
    for tag in ("<em>", "<strong>", "<a ", "<b>", "<code>"):
        assert tag not in html
    # The name arrives as the same characters, shown as text (HTML-escaped by the renderer).
    assert "*Ann* [x](http://e.test) &lt;b&gt;bold&lt;/b&gt; a|b `c` _u_ #1 &amp;amp;" in html
    assert "Mark *every* essay [fast]" in html


def test_escape_breaks_lines_and_control_characters() -> None:
    # A control character is shown spelled out (its backslash escaped for Markdown), never raw.
    assert escape("one\ntwo\x1b[31m") == r"one two\\x1b\[31m"
    assert "\n" not in escape("a\r\nb")
    assert escape("right\u202eleft\u2028next") == r"right\\u202eleft next"


def test_escaped_table_cells_stay_in_their_column() -> None:
    engine, _ = run_session()
    html = html_of(render_markdown(export_of(engine)))
    airtime = html.split("Airtime")[1].split("</table>")[0]
    for row in airtime.split("<tr>")[2:]:
        assert row.count("<td") == 4  # member, spoke, share, passes


# -- the command -------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    return tmp_path / "home"


def test_export_command_names_an_unknown_circle(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--home", str(home), "export", "--circle", "Nowhere"])
    err = capsys.readouterr().err
    assert code != 0
    assert "Nowhere" in err and err.startswith("circle: ")


def test_export_command_says_when_a_circle_has_no_sessions(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Repository(home, "tester").create_circle("Empty")
    assert main(["--home", str(home), "export", "latest", "--circle", "Empty"]) != 0
    err = capsys.readouterr().err
    assert "Empty" in err and "no sessions" in err


def test_export_command_names_an_unknown_session(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Repository(home, "tester").create_circle("Empty")
    assert main(["--home", str(home), "export", "20260105-153000-zzzz", "--circle", "Empty"]) != 0
    assert "20260105-153000-zzzz" in capsys.readouterr().err


def test_export_command_does_not_import_textual(home: Path) -> None:
    Repository(home, "tester").create_circle("Empty")
    code = (
        "import sys\n"
        "from circle.cli import main\n"
        f"main(['--home', {str(home)!r}, 'export', '--circle', 'Empty'])\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "no sessions" in result.stderr


def test_json_leaves_out_note_text_unless_asked() -> None:
    engine, _ = run_session()
    shared = export_of(engine, include_private=False)
    text = json.dumps(shared)
    assert "walked out" not in text and "seating plan" not in text
    assert shared["notes"] == [] and shared["notes_left_out"] == 2 and shared["private"] is False
    # The log still says a note was taken, and keeps its sequence whole.
    notes = [e for e in shared["events"] if e["type"] == "note"]
    assert [n["data"] for n in notes] == [{"kind": "point", "private": True}] * 2

    assert [e["seq"] for e in shared["events"]] == list(range(1, len(engine.events) + 1))
    md = render_markdown(shared, include_private=True)  # the text is not there to show
    assert "seating plan" not in md and "2 notes taken" in md
    private = export_of(engine, include_private=True)
    assert [(n["member"], n["text"], n["phase"]) for n in private["notes"]] == [
        ("bo", PRIVATE_NOTE, 0), (None, PUBLIC_NOTE, 1)]
    assert private["notes_left_out"] == 0


def test_markdown_marks_a_commitment() -> None:
    engine, _ = run_session()
    engine.record("note", "ann", note="Ann tries exit tickets", kind="commitment")
    md = render_markdown(export_of(engine), include_private=True)
    assert "Commitment. " in md and md.rstrip().endswith(": Ann tries exit tickets")


def test_markdown_labels_a_point_too() -> None:
    engine, _ = run_session()
    engine.record("note", "ann", note="Ann found exit tickets quick", kind="point")
    md = render_markdown(export_of(engine), include_private=True)
    last = md.rstrip().splitlines()[-1]
    assert last.startswith("- Close. Point. ") and last.endswith(": Ann found exit tickets quick")


def test_late_arrivals_and_early_leavers_are_named() -> None:
    engine, clock = run_session(end=False)
    engine.check_in("cy")
    clock.advance(5)
    engine.check_in("bo", present=False)
    engine.end()
    export = export_of(engine)
    assert export["joined_late"] == ["cy"] and export["left_early"] == ["bo"]
    md = render_markdown(export)
    assert "- Joined late: Cy at 15:32" in md and "- Left early: Bo at 15:32" in md
    assert "- 3 of 3 present" in md and "Absent" not in md  # a leaver was there: never absent
    bo = next(row for row in export["airtime"] if row["member"] == "bo")
    assert bo["seconds"] > 0 and f"| Bo | {length(bo['seconds'])} | {share_text(bo['share'])} |" in md


def test_goal_changes_read_under_the_new_title_with_the_percentage() -> None:
    engine, _ = run_session(end=False)
    engine.record("goal_changed", "bo", goal="g-2", change="reworked", title="Read daily",
                  successor="g-3", new_title="Read on Mondays")
    engine.record("goal_changed", "bo", goal="g-3", change="progress", title="Read on Mondays", percent=40)
    md = render_markdown(export_of(engine))
    assert "reworked, now Read on Mondays (was Read daily)" in md
    assert "progress on Read on Mondays 40%" in md
    assert "achieved Mark \\*every\\* essay \\[fast\\] ★" in md


def test_json_leaves_out_what_was_said_in_a_private_phase_unless_asked() -> None:
    clock = ManualClock()
    engine = SessionEngine(PLAN, MEMBERS, clock, decks={"q": DECK}, rng=random.Random(1))
    engine.check_in("ann")
    engine.start()
    engine.record("goal_progress", "ann", goal="g1", note="said in challenge sharing")  # a private phase
    engine.next_phase()
    engine.record("goal_progress", "ann", goal="g1", note="said over questions")
    engine.end()
    shared = export_of(engine, include_private=False)
    progress = [e["data"] for e in shared["events"] if e["type"] == "goal_progress"]
    assert progress == [{"goal": "g1", "private": True}, {"goal": "g1", "note": "said over questions"}]
    private = export_of(engine, include_private=True)
    assert "said in challenge sharing" in json.dumps(private)
