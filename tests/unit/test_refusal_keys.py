"""Messages that name a session key name the key the user has: every refusal, every error of an
engine operation and the round's way on, in every state of the refusal table, said with every
key moved, name none of the default keys, and name the moved key wherever the default words
name one."""

from __future__ import annotations

import inspect

import pytest

from test_refusals import MEMBERS, REFUSED, engine_in
from circle.domain.session.engine import EngineError, SessionEngine
from circle.domain.session.keys import DEFAULT_KEYS, DEFAULTS, KeyNames
from circle.domain.session.refusals import ACTIONS, round_complete, why_not

# Every key moved, each to a name no message could hold by chance.
MOVED = KeyNames({binding_id: f"<{binding_id}>" for binding_id in DEFAULT_KEYS})
STATES = sorted({state for _action, state, _words in REFUSED} | {"paused"})
DEFAULT_NAMES = set(DEFAULT_KEYS.values())


def engine_for(state: str) -> SessionEngine:
    if state == "paused":
        engine = engine_in("opener")
        engine.pause()
        return engine
    return engine_in(state)


def keys_named(words: str) -> list[str]:
    """The default key names standing as words in the text ("] goes on", "(space resumes)")."""
    found = []
    for token in words.split():
        if token not in DEFAULT_NAMES and len(token) > 1:
            token = token.strip("(),;:.")
        if token in DEFAULT_NAMES:
            found.append(token)
    return found


def said_with_moved_keys(default: str, moved: str) -> None:
    assert keys_named(moved) == [], moved  # no default key left in the words
    assert moved.count("<") == len(keys_named(default)), (default, moved)  # each key named is the moved one
    back = moved
    for binding_id, name in DEFAULT_KEYS.items():
        back = back.replace(f"<{binding_id}>", name)
    assert back == default  # the same words otherwise


def operations() -> dict[str, object]:
    """Every public operation of the engine that acts on a session, with its arguments: a member's
    operations are asked of one present member and of one away."""
    found: dict[str, object] = {}
    for name, method in inspect.getmembers(SessionEngine, inspect.isfunction):
        if name.startswith("_") or name in ("replay", "replay_more", "summary", "record", "tick"):
            continue
        parameters = [p for p in list(inspect.signature(method).parameters.values())[1:] if p.default is p.empty]
        if not parameters:
            found[name] = lambda engine, method=method: method(engine)
        elif [p.name for p in parameters] == ["member_id"]:
            for member in ("ana", "dev"):
                found[f"{name}({member})"] = lambda engine, method=method, member=member: method(engine, member)
    return found


OPERATIONS = operations()


def test_the_table_reaches_the_operations_and_actions_it_should() -> None:
    assert {"next_speaker", "raise_hand(ana)", "lower_hand(ana)", "pause", "resume", "draw_prompt",
            "previous_prompt", "next_phase", "end"} <= set(OPERATIONS)
    assert len(STATES) >= 15 and len(ACTIONS) >= 18


@pytest.mark.parametrize("state", STATES)
def test_every_refusal_names_the_keys_the_user_has(state: str) -> None:
    engine = engine_for(state)
    for action in ACTIONS:
        default = why_not(engine, action)
        if default is not None:
            said_with_moved_keys(default, why_not(engine, action, MOVED) or "")
    complete = round_complete(engine)
    if complete is not None:
        said_with_moved_keys(complete, round_complete(engine, MOVED) or "")


@pytest.mark.parametrize("state", STATES)
def test_every_engine_error_names_the_keys_the_user_has(state: str) -> None:
    told = 0
    for name, operation in OPERATIONS.items():
        engine = engine_for(state)
        try:
            operation(engine)
        except EngineError as error:
            said_with_moved_keys(str(error), error.told(MOVED))
            assert error.told(DEFAULTS) == str(error)
            told += 1
    assert told  # each state refuses something


def test_a_refusal_with_a_moved_key_names_it() -> None:
    engine = engine_in("round complete")
    moved = KeyNames({"session.next_phase": "→"})
    assert why_not(engine, "next", moved) == "the round is complete: → goes on to phase 2 (Case story)"
    assert round_complete(engine, moved) == "Round complete: → goes on to Case story"
    assert why_not(engine, "next") == "the round is complete: ] goes on to phase 2 (Case story)"


def test_key_names_fall_back_to_the_defaults() -> None:
    keys = KeyNames({"session.next": "right", "session.hand": ""})
    assert keys["session.next"] == "right" and keys["session.hand"] == "h" and keys["session.end"] == "e"
    assert dict(DEFAULTS) == dict(DEFAULT_KEYS) and len(MEMBERS) >= 4
