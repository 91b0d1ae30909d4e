"""load_plan reads only the files that can hold the plan asked for, and finds the same plan
as checking every file would."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.domain.plans.deck_check import DeckFileError
from circle.domain.plans.plan_check import PlanFileError
from circle.store.plan_files import load_decks, load_plan, scan_plans, user_decks_dir, user_plans_dir

PLAN = (
    'name = "{name}"\ntitle = "{title}"\ndescription = "d"\nminutes = 30\n'
    '[[phase]]\nkind = "custom"\ntitle = "Talk"\nminutes = 30\nturns = "open"\nguidance = "Talk."\n{deck}'
)


def write(folder: Path, stem: str, name: str, title: str = "Mine", deck: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.toml"
    path.write_text(PLAN.format(name=name, title=title, deck=f'deck = "{deck}"\n' if deck else ""))
    return path


def broken_deck(home: Path, stem: str) -> Path:
    folder = user_decks_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.toml"
    path.write_text(f'name = "{stem}"\ntitle = "Bad"\nkind = "questions"\nprompt = []\n')
    return path


def test_a_plan_in_a_file_named_otherwise_is_still_found_by_its_name(tmp_path: Path) -> None:
    path = write(user_plans_dir(tmp_path), "our-weekly", "community-60", title="Ours")
    plan = load_plan("community-60", tmp_path)
    assert (plan.title, plan.source) == ("Ours", str(path))
    assert plan == scan_plans(tmp_path).plans["community-60"]


def test_a_name_written_with_toml_escapes_is_found(tmp_path: Path) -> None:
    path = write(user_plans_dir(tmp_path), "zz", "\\u006dine", title="Escaped")
    assert load_plan("mine", tmp_path).source == str(path)


def test_a_file_named_after_the_plan_but_holding_another_that_clashes_is_an_error(tmp_path: Path) -> None:
    folder = user_plans_dir(tmp_path)
    write(folder, "a-first", "other", title="First")
    second = write(folder, "mine", "other", title="Second")
    # `mine.toml` was meant for "mine": its clash with a-first.toml is named, not skipped.
    with pytest.raises(PlanFileError) as raised:
        load_plan("mine", tmp_path)
    assert str(raised.value).startswith(f"{second}: name: 'other' is also the name of the plan in")


def test_a_broken_deck_the_plan_does_not_use_does_not_stop_it(tmp_path: Path) -> None:
    bad = broken_deck(tmp_path, "unused")
    assert load_plan("community-60", tmp_path).name == "community-60"
    with pytest.raises(DeckFileError) as raised:  # listing every deck still names it
        load_decks(tmp_path)
    assert str(raised.value).startswith(str(bad))


def test_a_broken_deck_the_plan_uses_is_named(tmp_path: Path) -> None:
    bad = broken_deck(tmp_path, "ours")
    write(user_plans_dir(tmp_path), "mine", "mine", deck="ours")
    with pytest.raises(DeckFileError) as raised:
        load_plan("mine", tmp_path)
    assert str(raised.value) == f"{bad}: prompt: a deck needs at least one prompt"


def test_an_unknown_deck_lists_every_deck_that_loads(tmp_path: Path) -> None:
    path = write(user_plans_dir(tmp_path), "mine", "mine", deck="missing")
    with pytest.raises(PlanFileError) as raised:
        load_plan("mine", tmp_path)
    assert str(raised.value).startswith(
        f"{path}: phase 1 (Talk): deck: unknown deck 'missing' "
        "(known: case-stories, open-questions, reciprocity-prompts)"
    )


def test_a_changed_deck_file_is_read_again(tmp_path: Path) -> None:
    folder = user_decks_dir(tmp_path)
    folder.mkdir(parents=True)
    deck = folder / "ours.toml"
    deck.write_text('name = "ours"\ntitle = "Ours"\nkind = "questions"\n[[prompt]]\nid = "o-1"\ntext = "Why?"\n')
    assert load_decks(tmp_path)["ours"].prompts[0].text == "Why?"
    deck.write_text('name = "ours"\ntitle = "Ours"\nkind = "questions"\n[[prompt]]\nid = "o-1"\ntext = "How?"\n')
    assert load_decks(tmp_path)["ours"].prompts[0].text == "How?"
