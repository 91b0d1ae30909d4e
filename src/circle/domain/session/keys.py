"""The session's keys as its messages name them, by binding id (the ids a user's keymap uses).

A message that says which key to press takes a ``KeyNames``: the names a front end shows
(the full-screen app's keymap applied), each id it does not name falling back to the
default key. The plain follower and the engine's own str() use the defaults.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

# The session screen's keys as its footer shows them when no keymap moves them.
DEFAULT_KEYS: Mapping[str, str] = MappingProxyType({
    "session.next": "n",
    "session.pass": "p",
    "session.back": "b",
    "session.hand": "h",
    "session.pause": "space",
    "session.add_minute": "+",
    "session.remove_minute": "-",
    "session.draw": "d",
    "session.next_phase": "]",
    "session.previous_phase": "[",
    "session.end": "e",
    "session.goals": "g",
    "session.add_turn_minute": ">",
    "session.remove_turn_minute": "<",
    "session.note": "t",
    "session.ideas": "i",
    "session.previous_prompt": "D",
    "session.arrive": "j",
    "session.leave": "l",
    "session.scroll_down": "PgDn",
    "session.scroll_up": "PgUp",
    "goals.add": "n",
})


class KeyNames(Mapping[str, str]):
    """Binding id to the key's name: the names given, the default for any other."""

    def __init__(self, names: Mapping[str, str] | None = None) -> None:
        self._names = dict(names or {})

    def __getitem__(self, binding_id: str) -> str:
        return self._names.get(binding_id) or DEFAULT_KEYS[binding_id]

    def __iter__(self) -> Iterator[str]:
        return iter(DEFAULT_KEYS)

    def __len__(self) -> int:
        return len(DEFAULT_KEYS)


DEFAULTS = KeyNames()
