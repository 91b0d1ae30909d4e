"""Command lines shown to the user, in the syntax that reaches circle from where they are.

Locally a hint reads `circle run maths`. A teacher on a school server reaches circle
through SSH, whose forced command (`circle --home HOME shell NAME`) runs the request
the client sends, so the same hint reads `ssh -t HOST run maths`. Over SSH nothing
shown names a path on the server either: the data home is written HOME.

It imports nothing of circle's, so every layer may use it: the store's and the domain's
messages name commands too, and every error's message passes through without_server_paths
(circle.errors).
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Sequence
from functools import lru_cache

SSH_TARGET = "HOST"  # the server as the teacher reaches it: only their own ssh setup knows its name
HOME_WORD = "HOME"
FULL_SCREEN = ("home", "run", "watch")  # over SSH these need a terminal: ssh -t
GOAL_ACTIONS = ("add", "update")  # `goals` with neither opens the full-screen review
PRINTING = ("--plain", "--json")
FIXED_OPTIONS = ("--home", "--actor")  # set by the forced command before the subcommand
SPECIAL_IN_DOUBLE_QUOTES = frozenset('"$`\\!')


def over_ssh(argv: Sequence[str] | None = None) -> bool:
    """Whether this process is a teacher's SSH login: started as `circle [--home H] [--actor A] shell NAME`."""
    return _launch(tuple(sys.argv[1:] if argv is None else argv))[1] == "shell"


@lru_cache(maxsize=4)
def _launch(argv: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The --home given before the subcommand, and the subcommand's word."""
    home = None
    words = iter(argv)
    for word in words:
        name, equals, value = word.partition("=")
        if name not in FIXED_OPTIONS:
            return home, word
        value = value if equals else next(words, "")
        if name == "--home":
            home = value
    return home, None


def command(*words: str) -> str:
    """The command line that runs circle with these words, e.g. command("run", "maths").

    Locally `circle run maths`; over SSH `ssh -t HOST run maths`. A roster file given to
    import travels on standard input over SSH: `ssh HOST import - --circle maths < ROSTER.csv`.
    """
    if not over_ssh():
        return shlex.join(["circle", *words])
    roster = ""
    if words[:1] == ("import",) and len(words) > 1:
        roster = f" < {shlex.quote(words[1])}"
        words = ("import", "-", *words[2:])
    terminal = " -t" if _full_screen(words) else ""
    return f"ssh{terminal} {SSH_TARGET} {_request(words)}{roster}"


def _full_screen(words: Sequence[str]) -> bool:
    if not words or set(words) & set(PRINTING):
        return False
    if words[0] == "goals":
        return not set(words[1:]) & set(GOAL_ACTIONS)
    return words[0] in FULL_SCREEN


def _request(words: Sequence[str]) -> str:
    """The words as one argument of ssh: the client's shell takes off one level of quotes, and
    the server splits what arrives again, so a word with a space needs quoting twice."""
    request = shlex.join(words)
    if request == " ".join(words):
        return request
    if not SPECIAL_IN_DOUBLE_QUOTES & set(request):
        return f'"{request}"'
    return shlex.quote(request)


def without_server_paths(text: str) -> str:
    """Over SSH, text with the data home's path written HOME; locally, text as it is."""
    if not over_ssh():
        return text
    for path in _home_paths(tuple(sys.argv[1:])):
        text = text.replace(path, HOME_WORD)
    return text


@lru_cache(maxsize=4)
def _home_paths(argv: tuple[str, ...]) -> tuple[str, ...]:
    """The data home named by the forced command's --home, as given and resolved (longest first)."""
    given = _launch(argv)[0]
    if not given:
        return ()
    forms = {os.path.abspath(given).rstrip("/"), os.path.realpath(given).rstrip("/")}
    return tuple(sorted((form for form in forms if len(form) > 1), key=len, reverse=True))
