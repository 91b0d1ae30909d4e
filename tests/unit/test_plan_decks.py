"""plan_decks: the decks a plan draws from, the same as loading every deck would give them."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle.domain.plans.deck_check import DeckFileError
from circle.store.plan_files import load_decks, load_plan, plan_decks, user_decks_dir


def deck_file(home: Path, stem: str, name: str, text: str = "Why?", prompts: bool = True) -> Path:
    folder = user_decks_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.toml"
    body = f'[[prompt]]\nid = "{name}-1"\ntext = "{text}"\n' if prompts else "prompt = []\n"
    path.write_text(f'name = "{name}"\ntitle = "T"\nkind = "questions"\n{body}')
    return path


def test_only_the_decks_the_plan_uses_each_as_load_decks_has_it(tmp_path: Path) -> None:
    plan = load_plan("community-60", tmp_path)
    used = {phase.deck for phase in plan.phases if phase.deck}
    decks = plan_decks(plan, tmp_path)
    assert set(decks) == used and used
    everything = load_decks(tmp_path)
    assert set(everything) > used  # the other decks are left unread
    assert all(decks[name] == everything[name] for name in used)


def test_a_user_deck_replaces_the_shipped_one_of_its_name(tmp_path: Path) -> None:
    deck_file(tmp_path, "zz-ours", "open-questions", text="Ours?")
    decks = plan_decks(load_plan("community-60", tmp_path), tmp_path)
    assert [p.text for p in decks["open-questions"].prompts] == ["Ours?"]


def test_a_broken_deck_it_does_not_use_does_not_stop_it(tmp_path: Path) -> None:
    deck_file(tmp_path, "unused", "unused", prompts=False)
    assert "open-questions" in plan_decks(load_plan("community-60", tmp_path), tmp_path)


def test_a_broken_deck_it_uses_is_named(tmp_path: Path) -> None:
    plan = load_plan("community-60", tmp_path)
    bad = deck_file(tmp_path, "open-questions", "open-questions", prompts=False)
    with pytest.raises(DeckFileError) as raised:
        plan_decks(plan, tmp_path)
    assert str(raised.value).startswith(str(bad))
