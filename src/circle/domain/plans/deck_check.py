"""Read a prompt deck from TOML text.

A deck file has name, title, kind and [[prompt]] tables with a stable id and
text; a case story adds `ideas`, a list kept in Prompt.detail one per line.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from circle.domain.plans.decks import Deck, Prompt
from circle.domain.plans.plan_check import NAME_PATTERN
from circle.domain.plans.problems import FileProblems, Problem, key_problems, label, read_toml, type_name
from circle.domain.text import has_control

DECK_KINDS = ("questions", "reciprocity", "case")
DECK_KEYS = ("name", "title", "kind", "prompt")
DECK_REQUIRED = ("name", "title", "kind", "prompt")
PROMPT_KEYS = ("id", "text", "ideas")
PROMPT_REQUIRED = ("id", "text")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


class DeckFileError(FileProblems):
    """A deck file with errors; the message has one line per problem."""


def parse_deck(text: str, file: str) -> Deck:
    """The deck in `text`, or DeckFileError listing every problem."""
    data, broken = read_toml(text, file)
    if data is None:
        raise DeckFileError([broken] if broken else [])
    problems: list[Problem] = []

    def add(key: str, message: str, number: int | None = None, title: str | None = None) -> None:
        part = "prompt" if number is not None else None
        problems.append(Problem(file, message, key=key, part=part, number=number, title=title))

    for key, message in key_problems(data, DECK_KEYS, DECK_REQUIRED):
        add(key, message)
    for key in ("name", "title", "kind"):
        if key in data and not _is_text(data[key]):
            add(key, "must be non-empty text without control characters")
    if _is_text(data.get("name")) and not NAME_PATTERN.match(data["name"]):
        add("name", f"'{data['name']}' must be lower-case letters, digits, '-' or '_'")
    if _is_text(data.get("kind")) and data["kind"] not in DECK_KINDS:
        add("kind", f"'{data['kind']}' is not one of: {', '.join(DECK_KINDS)}")
    prompts = _prompts(data.get("prompt", []), add)
    if problems:
        raise DeckFileError(problems)
    return Deck(name=data["name"], title=data["title"], prompts=tuple(prompts), kind=data["kind"])


def _prompts(tables: Any, add: Callable[..., None]) -> list[Prompt]:
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        add("prompt", f"must be a list of tables written [[prompt]], not {type_name(tables)}")
        return []
    if not tables:
        add("prompt", "a deck needs at least one prompt")
    prompts: list[Prompt] = []
    seen: dict[str, int] = {}
    for number, table in enumerate(tables, start=1):
        pid = table.get("id")
        def here(key: str, message: str, n: int = number, t: str | None = label(pid)) -> None:
            add(key, message, n, t)

        for key, message in key_problems(table, PROMPT_KEYS, PROMPT_REQUIRED):
            here(key, message)
        if "id" in table:
            if not isinstance(pid, str) or not ID_PATTERN.match(pid):
                here("id", "must be lower-case letters, digits, '.', '-' or '_'")
            elif pid in seen:
                here("id", f"'{pid}' is also the id of prompt {seen[pid]}")
            else:
                seen[pid] = number
        if "text" in table and not _is_text(table["text"]):
            here("text", f"must be non-empty text without control characters")
        ideas = table.get("ideas", [])
        if not isinstance(ideas, list) or not all(_is_text(i) and "\n" not in i for i in ideas):
            here("ideas", "must be a list of one-line texts")
            ideas = []
        if _is_text(table.get("text")) and isinstance(pid, str):
            text = table["text"].strip()
            prompts.append(Prompt(id=pid, text=text, detail="\n".join(i.strip() for i in ideas)))
    return prompts


def _is_text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and not has_control(value, allow_newlines=True)
