"""The plan and deck checks: every problem named by file, phase (number and title) and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.domain.plans.deck_check import DeckFileError, parse_deck
from circle.domain.plans.plan_check import PlanFileError, check_plan, parse_plan
from circle.domain.plans.problems import Problem

BAD_PLANS = Path(__file__).parent / "bad_plans"
BAD_FILES = sorted(BAD_PLANS.glob("*.toml"))
DECKS = {"open-questions", "case-stories"}

GOOD = """\
name = "good"
title = "A good plan"
description = "For tests."
minutes = 20
norms = ["Listen first."]

[[phase]]
kind = "opener"
title = "Positive opener"
minutes = 7.5
turns = "round"
speaker_seconds = 450
guidance = "Something that works."

[[phase]]
kind = "questions"
title = "Open-ended questions"
minutes = 12.5
turns = "open"
deck = "open-questions"
guidance = "Questions, not answers."
"""


def expectation(path: Path) -> tuple[str, str]:
    """The first line of each bad plan says what the check must report: `# expect KIND: TEXT`."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    head, _, text = first.partition(": ")
    severity = head.removeprefix("# expect ")
    return severity, path.name + text


def test_the_folder_has_a_file_for_each_problem() -> None:
    kinds = [expectation(p)[0] for p in BAD_FILES]
    assert kinds.count("error") >= 20
    assert kinds.count("warning") >= 3


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.stem)
def test_each_bad_plan_reports_its_one_problem(path: Path) -> None:
    severity, expected = expectation(path)
    result = check_plan(path.read_text(encoding="utf-8"), path.name, DECKS)
    matching = [p for p in result.problems if str(p).startswith(expected)]
    assert matching, f"expected {expected!r}, got {[str(p) for p in result.problems]}"
    if severity == "error":
        assert [str(p) for p in result.errors] == [str(matching[0])]
        assert result.plan is None and not result.ok
    else:
        assert result.errors == ()
        assert [str(p) for p in result.warnings] == [str(matching[0])]
        assert result.plan is not None and result.ok


def test_a_good_plan_has_no_problems() -> None:
    result = check_plan(GOOD, "good.toml", DECKS)
    assert result.problems == ()
    plan = result.plan
    assert plan is not None
    assert (plan.name, plan.title, plan.minutes, plan.norms) == ("good", "A good plan", 20, ("Listen first.",))
    assert plan.source == "good.toml"
    assert [p.seconds for p in plan.phases] == [450, 750]
    assert plan.phases[0].speaker_seconds == 450  # as long as its phase is allowed
    assert plan.phases[1].deck == "open-questions" and plan.phases[1].speaker_seconds is None
    assert plan.phase_minutes == 20


def test_decks_are_not_checked_when_no_names_are_given() -> None:
    text = GOOD.replace('"open-questions"', '"elsewhere"')
    assert check_plan(text, "good.toml", None).ok
    assert not check_plan(text, "good.toml", DECKS).ok


def test_every_problem_in_a_file_is_reported_one_per_line() -> None:
    text = GOOD.replace('turns = "open"', 'turns = "queue"').replace("minutes = 7.5", "minutes = -1")
    with pytest.raises(PlanFileError) as raised:
        parse_plan(text, "plans/mine.toml", DECKS)
    lines = str(raised.value).splitlines()
    assert lines == [
        "plans/mine.toml: phase 1 (Positive opener): minutes: must be more than 0 (it is -1)",
        "plans/mine.toml: phase 2 (Open-ended questions): turns: 'queue' is not one of: round, open, none",
    ]
    assert len(raised.value.problems) == 2


def test_the_overrun_warning_names_the_phase_where_the_plan_runs_over() -> None:
    text = GOOD.replace("minutes = 20\n", "minutes = 10\n")
    result = check_plan(text, "good.toml", DECKS)
    assert result.ok and result.plan is not None
    (warning,) = result.warnings
    assert (warning.number, warning.title, warning.key) == (2, "Open-ended questions", "minutes")


def test_invalid_toml_gives_line_and_column() -> None:
    result = check_plan('name = "x"\ntitle = = 3\n', "x.toml")
    (problem,) = result.problems
    assert (problem.line, problem.column) == (2, 9)
    assert str(problem).startswith("x.toml: line 2, column 9: not valid TOML: ")


def test_problem_to_dict_carries_every_field() -> None:
    problem = Problem("f.toml", "missing key", key="turns", part="phase", number=3, title="Close")
    assert problem.to_dict() == {
        "file": "f.toml", "severity": "error", "part": "phase", "number": 3, "title": "Close",
        "key": "turns", "line": None, "column": None, "message": "missing key",
    }


DECK = """\
name = "tiny"
title = "A tiny deck"
kind = "case"

[[prompt]]
id = "t-one"
text = "  A short story.  "
ideas = ["First idea.", "Second idea."]

[[prompt]]
id = "t-two"
text = "Another."
"""


def test_a_deck_parses_with_ideas_kept_one_per_line() -> None:
    deck = parse_deck(DECK, "tiny.toml")
    assert (deck.name, deck.title, deck.kind) == ("tiny", "A tiny deck", "case")
    assert [p.id for p in deck.prompts] == ["t-one", "t-two"]
    assert deck.prompts[0].text == "A short story."
    assert deck.prompts[0].detail == "First idea.\nSecond idea."
    assert deck.prompts[1].detail == ""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('id = "t-two"', 'id = "t-one"'), "tiny.toml: prompt 2 (t-one): id: 't-one' is also the id of prompt 1"),
        (('text = "Another."\n', ""), "tiny.toml: prompt 2 (t-two): text: missing key"),
        (('kind = "case"', 'kind = "jokes"'), "tiny.toml: kind: 'jokes' is not one of: questions, reciprocity, case"),
        (('ideas = ["First idea.", "Second idea."]', "ideas = 3"), "tiny.toml: prompt 1 (t-one): ideas: must be a list"),
        (('id = "t-two"', 'id = "T two"'), "tiny.toml: prompt 2 (T two): id: must be lower-case"),
        (('[[prompt]]\nid = "t-two"', '[[prompt]]\nshade = 1\nid = "t-two"'), "tiny.toml: prompt 2 (t-two): shade: unknown key"),
        (('title = "A tiny deck"\n', ""), "tiny.toml: title: missing key"),
        (('name = "tiny"', 'name = "tiny'), "tiny.toml: line 1, column 13: not valid TOML"),
    ],
)
def test_deck_problems_name_the_prompt_and_key(change: tuple[str, str], expected: str) -> None:
    text = DECK.replace(*change)
    assert text != DECK
    with pytest.raises(DeckFileError) as raised:
        parse_deck(text, "tiny.toml")
    assert str(raised.value).splitlines()[0].startswith(expected), str(raised.value)


def test_messages_never_echo_control_characters() -> None:
    plan_text = GOOD.replace('title = "Positive opener"', 'title = "Open\\u001b[2J"')
    (problem,) = check_plan(plan_text, "good.toml", DECKS).problems
    assert str(problem) == "good.toml: phase 1: title: contains a control character (U+001B)"
    deck_text = DECK.replace('id = "t-two"', 'id = "t\\u001b[2J"')
    with pytest.raises(DeckFileError) as raised:
        parse_deck(deck_text, "tiny.toml")
    assert "\x1b" not in str(raised.value)
    assert str(raised.value).startswith("tiny.toml: prompt 2: id: must be lower-case")
