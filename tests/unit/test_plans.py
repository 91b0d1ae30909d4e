"""The shipped plans and decks, and finding plans: shipped ones and the user's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle import paths
from circle.domain.plans.deck_check import DeckFileError
from circle.domain.plans.plan_check import PlanFileError
from circle.domain.plans.plan import Plan
from circle.store.plan_files import (
    PlanNotFound,
    list_plans,
    load_decks,
    load_plan,
    scan_decks,
    scan_plans,
    user_decks_dir,
    user_plans_dir,
)

SHIPPED = ("case-story", "community-60", "community-90", "reverse-mentoring")
COMMUNITY_KINDS = ["opener", "challenge", "questions", "goals", "close"]


def kinds(plan: Plan) -> list[str]:
    return [p.kind for p in plan.phases]


def write_plan(folder: Path, name: str, title: str = "Mine", minutes: int = 30, deck: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    deck_line = f'deck = "{deck}"\n' if deck else ""
    path = folder / f"{name}.toml"
    path.write_text(
        f'name = "{name}"\ntitle = "{title}"\ndescription = "d"\nminutes = {minutes}\n'
        f'[[phase]]\nkind = "custom"\ntitle = "Talk"\nminutes = {minutes}\nturns = "open"\n'
        f'guidance = "Talk."\n{deck_line}',
        encoding="utf-8",
    )
    return path


# --- what ships ---------------------------------------------------------------------------------


def test_every_shipped_file_checks_clean_without_even_a_warning() -> None:
    scan = scan_plans(None)
    assert [c.problems for c in scan.checks] == [()] * len(scan.checks)
    assert scan_decks(None).problems == ()
    assert sorted(scan.plans) == list(SHIPPED)
    assert [p.name for p in list_plans(None)] == list(SHIPPED)


def test_shipped_files_live_where_paths_says() -> None:
    plan = load_plan("community-60", None)
    assert Path(plan.source).parent == paths.sessions_dir()


@pytest.mark.parametrize(("name", "minutes"), [("community-60", 60), ("community-90", 90)])
def test_community_plans_follow_the_community_session(name: str, minutes: int) -> None:
    plan = load_plan(name, None)
    assert plan.minutes == minutes == plan.phase_minutes
    assert kinds(plan) == COMMUNITY_KINDS
    assert [p.turns for p in plan.phases] == ["round", "round", "open", "round", "round"]
    assert plan.phases[2].deck == "open-questions"
    assert all(p.speaker_seconds for p in plan.phases if p.turns == "round")
    assert plan.norms


def test_the_monthly_session_gives_every_phase_more_time() -> None:
    weekly, monthly = load_plan("community-60", None), load_plan("community-90", None)
    for short, long in zip(weekly.phases, monthly.phases):
        assert long.minutes > short.minutes, long.title
        assert (long.speaker_seconds or 0) >= (short.speaker_seconds or 0), long.title


def test_case_story_replaces_challenge_sharing_with_a_case() -> None:
    plan = load_plan("case-story", None)
    decks = load_decks(None)
    assert "challenge" not in kinds(plan)
    (case,) = [p for p in plan.phases if p.kind == "case"]
    assert kinds(plan).index("case") == 1  # where challenge sharing would be
    assert case.deck is not None and decks[case.deck].kind == "case"


def test_reverse_mentoring_gives_the_newer_teacher_a_slot_and_both_credit() -> None:
    plan = load_plan("reverse-mentoring", None)
    decks = load_decks(None)
    led = [p for p in plan.phases if p.deck and decks[p.deck].kind == "reciprocity"]
    assert len(led) == 1 and "newer teacher" in led[0].title.lower()
    assert plan.phases[-1].kind == "close" and "credit" in plan.phases[-1].guidance.lower()
    assert plan.minutes == plan.phase_minutes


def test_guidance_is_short_enough_for_the_screen() -> None:
    for plan in list_plans(None):
        for phase in plan.phases:
            assert 20 <= len(phase.guidance) <= 160, (plan.name, phase.title)


@pytest.mark.parametrize(("name", "kind", "at_least"), [
    ("open-questions", "questions", 24),
    ("reciprocity-prompts", "reciprocity", 12),
    ("case-stories", "case", 6),
])
def test_shipped_decks_are_big_enough(name: str, kind: str, at_least: int) -> None:
    deck = load_decks(None)[name]
    assert deck.kind == kind
    assert len(deck.prompts) >= at_least
    assert len({p.text for p in deck.prompts}) == len(deck.prompts)


def test_open_questions_are_questions() -> None:
    for prompt in load_decks(None)["open-questions"].prompts:
        assert prompt.text.endswith("?"), prompt.id


def test_case_stories_each_carry_a_story_and_a_few_ideas() -> None:
    for prompt in load_decks(None)["case-stories"].prompts:
        assert len(prompt.text) > 150, prompt.id
        assert 3 <= len(prompt.detail.splitlines()) <= 5, prompt.id


def test_prompt_ids_are_unique_across_decks_and_stable() -> None:
    ids = [p.id for d in load_decks(None).values() for p in d.prompts]
    assert len(ids) == len(set(ids))
    # Sessions record these ids; renaming one would break a circle's history.
    assert {"oq-one-step", "oq-most-impact", "rp-weigh-options", "rp-show-me", "cs-all-good",
            "cs-no-time"} <= set(ids)


def test_plan_to_dict_is_json() -> None:
    plan = load_plan("community-60", None)
    data = json.loads(json.dumps(plan.to_dict()))
    assert data["name"] == "community-60"
    assert [p["kind"] for p in data["phases"]] == COMMUNITY_KINDS
    assert data["phases"][2]["deck"] == "open-questions"


# --- the user's own plans -----------------------------------------------------------------------


def test_user_plans_are_listed_beside_the_shipped_ones(tmp_path: Path) -> None:
    write_plan(user_plans_dir(tmp_path), "staff-room", deck="open-questions")
    names = [p.name for p in list_plans(tmp_path)]
    assert names == sorted([*SHIPPED, "staff-room"])
    assert load_plan("staff-room", tmp_path).phases[0].deck == "open-questions"


def test_a_user_plan_replaces_a_shipped_one_by_name(tmp_path: Path) -> None:
    path = write_plan(user_plans_dir(tmp_path), "community-60", title="Our own weekly")
    plan = load_plan("community-60", tmp_path)
    assert (plan.title, plan.source) == ("Our own weekly", str(path))
    assert [p.title for p in list_plans(tmp_path) if p.name == "community-60"] == ["Our own weekly"]
    assert load_plan("community-60", None).title != "Our own weekly"


def test_user_decks_add_to_and_replace_shipped_ones(tmp_path: Path) -> None:
    folder = user_decks_dir(tmp_path)
    folder.mkdir(parents=True)
    (folder / "ours.toml").write_text(
        'name = "ours"\ntitle = "Ours"\nkind = "questions"\n[[prompt]]\nid = "o-1"\ntext = "Why?"\n'
    )
    (folder / "open-questions.toml").write_text(
        'name = "open-questions"\ntitle = "Fewer"\nkind = "questions"\n'
        '[[prompt]]\nid = "f-1"\ntext = "How?"\n'
    )
    decks = load_decks(tmp_path)
    assert decks["ours"].prompts[0].text == "Why?"
    assert decks["open-questions"].title == "Fewer"
    assert "case-stories" in decks
    write_plan(user_plans_dir(tmp_path), "with-ours", deck="ours")
    assert load_plan("with-ours", tmp_path).phases[0].deck == "ours"


def test_a_broken_user_plan_is_left_out_of_the_list_but_named_when_loaded(tmp_path: Path) -> None:
    path = write_plan(user_plans_dir(tmp_path), "community-60", minutes=-5)
    assert [p.title for p in list_plans(tmp_path) if p.name == "community-60"] != ["Mine"]
    scan = scan_plans(tmp_path)
    assert [c.errors[0].file for c in scan.broken] == [str(path)]
    # Meant to replace the shipped plan: loading it must not quietly fall back.
    with pytest.raises(PlanFileError) as raised:
        load_plan("community-60", tmp_path)
    assert str(raised.value).startswith(f"{path}: minutes: must be more than 0")


def test_a_user_plan_with_an_unknown_deck_names_phase_and_key(tmp_path: Path) -> None:
    path = write_plan(user_plans_dir(tmp_path), "mine", deck="missing")
    with pytest.raises(PlanFileError) as raised:
        load_plan("mine", tmp_path)
    assert str(raised.value).startswith(f"{path}: phase 1 (Talk): deck: unknown deck 'missing'")


def test_an_unknown_plan_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(PlanNotFound) as raised:
        load_plan("weekly", tmp_path)
    assert "no plan named 'weekly'" in str(raised.value)
    assert "community-60" in str(raised.value)


def test_two_user_files_with_one_name_clash(tmp_path: Path) -> None:
    first = write_plan(user_plans_dir(tmp_path), "ours", title="First")
    second = user_plans_dir(tmp_path) / "zz-ours.toml"
    second.write_text(first.read_text().replace('title = "First"', 'title = "Second"'))
    scan = scan_plans(tmp_path)
    assert scan.plans["ours"].title == "First"
    (broken,) = scan.broken
    assert broken.errors[-1].file == str(second)
    assert "also the name of the plan in" in broken.errors[-1].message


def test_an_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = user_plans_dir(tmp_path)
    folder.mkdir(parents=True)
    (folder / "latin1.toml").write_bytes(b'name = "caf\xe9"\n')
    (broken,) = scan_plans(tmp_path).broken
    assert "cannot be read" in broken.errors[0].message


def test_a_broken_user_deck_stops_load_decks_with_its_name(tmp_path: Path) -> None:
    folder = user_decks_dir(tmp_path)
    folder.mkdir(parents=True)
    (folder / "bad.toml").write_text('name = "bad"\ntitle = "Bad"\nkind = "questions"\nprompt = []\n')
    with pytest.raises(DeckFileError) as raised:
        load_decks(tmp_path)
    assert str(raised.value) == f"{folder / 'bad.toml'}: prompt: a deck needs at least one prompt"
    assert "bad" not in scan_decks(tmp_path).decks
