"""No character a user typed reaches a terminal as a control: refused at every way in,
spelled out wherever text already on disk is shown (plain and JSON output, errors, Markdown)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle.cli import main
from circle.domain.clock import ManualClock
from circle.domain.session.engine import SessionEngine
from circle.domain.reports.export_json import build_export
from circle.domain.reports.export_markdown import render_markdown
from circle.domain.circles.members import Member
from circle.domain.plans.plan import Phase, Plan
from circle.store.repository import Repository

# What a terminal acts on: C0 and C1 controls, DEL, bidi overrides and isolates, separators.
# Line breaks and tabs are how output is laid out; they are allowed in what is printed.
ACTS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]|\r(?!\n)")
EVIL = "Ada\x1b]0;pwned\x07\x1b[2J\u202eevil\u2028\x9b31m"


def run(home: Path, *argv: str) -> int:
    return main(["--home", str(home), "--actor", "tester", *argv])


def plant(home: Path, slug: str, **fields: str) -> None:
    """Write text into a circle record behind circle's back (an older version, an edit by hand)."""
    path = home / "circles" / slug / "circle.json"
    tables = json.loads(path.read_text(encoding="utf-8"))
    tables["circle"]["1"].update(fields)
    for row in tables.get("members", {}).values():
        row["name"] = fields.get("member", row["name"])
    path.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CIRCLE_HOME", raising=False)
    path = tmp_path / "home"
    assert run(path, "circles", "add", "Year 7") == 0
    Repository(path, "tester").add_member("year-7", "Bo")
    return path


@pytest.mark.parametrize("field", ["name", "description"])
def test_cli_refuses_controls_naming_the_field(home: Path, field: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    argv = ["circles", "add", EVIL] if field == "name" else ["circles", "add", "Y8", "--description", EVIL]
    assert run(home, *argv) != 0
    err = capsys.readouterr().err
    assert f"the {'circle name' if field == 'name' else 'description'} holds control" in err
    assert not ACTS.search(err)
    assert [c["name"] for c in Repository(home, "t").list_circles()] == ["Year 7"]


def test_names_refuse_invisible_characters_and_separators(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("Ada\u200b", "Ada\u2028Lovelace", "A\tda", "\ufeffAda"):
        assert run(home, "circles", "add", name) != 0
        assert "circle name holds" in capsys.readouterr().err


def test_stored_controls_are_shown_spelled_out(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plant(home, "year-7", name=EVIL, description=EVIL, member=EVIL)
    capsys.readouterr()
    assert run(home, "circles") == 0
    out = capsys.readouterr().out
    assert not ACTS.search(out)
    assert "\\x1b]0;pwned" in out and "\\u202e" in out
    assert run(home, "circles", "--json") == 0
    out = capsys.readouterr().out
    assert not ACTS.search(out)
    assert json.loads(out)[0]["name"] == EVIL  # the JSON value is exact, only escaped
    assert run(home, "goals", "--plain") in (0, 1)
    captured = capsys.readouterr()
    assert not ACTS.search(captured.out + captured.err)
    assert run(home, "export", "--circle", "year-7") != 0  # no sessions: the error names the circle
    err = capsys.readouterr().err
    assert "\\x1b]0;pwned" in err and not ACTS.search(err)


def _session_markdown(text: str) -> str:
    clock = ManualClock()
    members = (Member("ann", text or "x", role="mentor"), Member("bo", "Bo"))
    plan = Plan(name="p", title=text, minutes=4, phases=(
        Phase("checkin", text or "t", 2, "round", speaker_seconds=30),
        Phase("close", "Close", 2, "round", speaker_seconds=30),
    ))
    engine = SessionEngine(plan, members, clock, rng=random.Random(1))
    engine.check_in("ann")
    engine.check_in("bo")
    engine.start()
    engine.record("note", None, note=text)
    engine.record("goal_changed", "ann", goal="g-1", change="achieved", title=text)
    clock.advance(30)
    engine.next_phase()
    engine.end()
    record = {"id": "20260105-153000-abcd", "plan": "p", "started": engine.events[0].at,
              "ended": engine.events[-1].at, "summary": engine.summary().to_dict(),
              "attendance": [{"member": "ann", "present": True}, {"member": "bo", "present": True}]}
    export = build_export(record, [e.to_dict() for e in engine.events], members, plan, circle=text, decks={})
    return render_markdown(export, include_private=True)


any_text = st.text(st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text)
def test_any_text_through_every_way_in_never_reaches_the_terminal(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    capture = tmp_path_factory.mktemp("t")
    home = capture / "home"
    outputs: list[str] = []

    def cli(*argv: str) -> None:
        out, err = capture / "out", capture / "err"
        import sys

        saved = sys.stdout, sys.stderr
        with open(out, "w", encoding="utf-8", errors="surrogateescape") as o, \
                open(err, "w", encoding="utf-8", errors="surrogateescape") as e:
            sys.stdout, sys.stderr = o, e
            try:
                run(home, *argv)
            finally:
                sys.stdout, sys.stderr = saved
        outputs.append(out.read_text(encoding="utf-8", errors="surrogateescape"))
        outputs.append(err.read_text(encoding="utf-8", errors="surrogateescape"))

    cli("circles", "add", f"--description={text}", "--", text or "x")
    cli("circles", "add", "Second", f"--description={text}")
    roster = capture / "roster.csv"
    cell = '"' + text.replace('"', '""') + '"'
    roster.write_text(f"name,role\n{cell},peer\n", encoding="utf-8")
    cli("import", str(roster), "--circle", "second")
    plan = capture / "plan.toml"
    plan.write_text(f"title = {json.dumps(text, ensure_ascii=False)}\nminutes = 5\n", encoding="utf-8")
    cli("plans", "check", str(plan))
    cli("circles")
    cli("circles", "--json")
    cli("goals", "--plain")
    cli("circles", "add", "--", text or "x")  # a duplicate, or refused: the error names it
    for printed in outputs:
        assert not ACTS.search(printed), printed
    assert not ACTS.search(_session_markdown(text))


def test_argument_errors_are_shown_spelled_out(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(home, "circles", "--bogus\x1b]0;pwned\x07")
    err = capsys.readouterr().err
    assert "unrecognized arguments" in err and "\\x1b]0;pwned" in err and not ACTS.search(err)
