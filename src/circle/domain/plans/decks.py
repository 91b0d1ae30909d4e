"""Prompt decks: open-ended questions, reciprocity prompts and case stories."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    detail: str = ""  # case stories carry their ideas for discussion here


@dataclass(frozen=True)
class Deck:
    name: str
    title: str
    prompts: tuple[Prompt, ...]
    kind: str = "questions"  # questions | reciprocity | case


class DeckExhausted(Exception):
    pass


def choose_prompt(
    deck: Deck,
    drawn: Iterable[str],
    recent: Iterable[str],
    rng: random.Random,
) -> Prompt:
    """Draw a prompt not yet drawn this session; prompts used recently come last."""
    drawn_ids = set(drawn)
    recent_ids = set(recent)
    unused = [p for p in deck.prompts if p.id not in drawn_ids]
    if not unused:
        raise DeckExhausted(f"all {len(deck.prompts)} prompts of the {deck.title} deck have been drawn")
    fresh = [p for p in unused if p.id not in recent_ids]
    return rng.choice(fresh or unused)
