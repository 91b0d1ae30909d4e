"""``circle shell NAME``: what a teacher's SSH key runs (the forced command in authorized_keys).

The teacher is NAME and nothing the client sends changes that. What they asked for
arrives in $SSH_ORIGINAL_COMMAND; it is split into words as a shell would, never run
by one, and must be a circle command on the allow-list. The data home is the one
written into the forced command (``--home``), never one from the client's environment.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import NoReturn

from circle.errors import CircleError
from circle.hints import GOAL_ACTIONS

# What a teacher may ask for over SSH. Not: plans (reads any file given), teachers, demo, shell.
ALLOWED = ("home", "circles", "goals", "run", "export", "watch", "import", "check", "report")
MODULE_OF = {"import": "roster"}  # commands named otherwise than their module
FULL_SCREEN = ("home", "run", "watch")
PRINTING_FLAGS = ("--plain", "--json", "-h", "--help", "--version")
# Options only the forced command may set: the client's own are refused, abbreviations included.
FIXED_OPTIONS = ("--home", "--actor")
SHELL_PUNCTUATION = "();<>|&"
MAX_REQUEST = 8192  # far more than any circle command needs
CLIENT_ENV = ("CIRCLE_HOME", "CIRCLE_ACTOR")
ESCAPE_DELAY_MS = "250"  # a slow link may split a key's escape sequence; Textual waits this long
PLAIN_TERMS = ("dumb", "linux", "vt100", "vt102", "vt220")  # terminals that cannot show 256 colours


class Refused(CircleError):
    """A request over SSH that circle does not run."""

    exit_code = 2


class OneLineParser(argparse.ArgumentParser):
    """Over SSH a mistake in a command's options is one line on stderr, like every refusal."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (--help lists the options)\n")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "shell",
        help="what a teacher's SSH key runs (written into authorized_keys by `circle teachers`)",
        description="Run one allowed circle command as teacher NAME, from $SSH_ORIGINAL_COMMAND "
        "(empty: the home screen). Never runs a shell.",
    )
    parser.add_argument("name", metavar="NAME", help="the teacher the key belongs to")
    parser.set_defaults(func=run)


def available() -> tuple[str, ...]:
    from circle.cli import COMMANDS

    return tuple(name for name in ALLOWED if MODULE_OF.get(name, name) in COMMANDS)


def _is_fixed_option(word: str) -> bool:
    option = word.split("=", 1)[0]
    # argparse takes any unambiguous prefix of an option ("--hom"), so prefixes are refused too.
    return len(option) >= 3 and any(fixed.startswith(option) for fixed in FIXED_OPTIONS)


def request_words(request: str) -> list[str]:
    """The circle command the client asked for, as words; Refused with one line saying why."""
    if len(request) > MAX_REQUEST:
        raise Refused(f"refused: the command is {len(request)} characters long; at most {MAX_REQUEST} are read")
    if any(not ch.isprintable() for ch in request):
        raise Refused("refused: the command holds a line break or a control character")
    try:
        words = shlex.split(request)
        # Without posix rules the lexer keeps quotes on quoted words: a bare punctuation token is syntax.
        tokens = shlex.shlex(request, posix=False, punctuation_chars=True)
        if any(set(token) <= set(SHELL_PUNCTUATION) for token in tokens):
            raise Refused("refused: shell syntax (; | & < > ( )) is not run here: ask for one circle command")
    except ValueError as error:
        raise Refused(f"refused: the command cannot be split into words ({error})") from None
    if not words:
        return ["home"]
    allowed = available()
    if words[0] not in allowed:
        shown = words[0] if len(words[0]) <= 40 else words[0][:40] + "..."
        raise Refused(f"refused: {shown!r} is not a circle command you can run here; allowed: {', '.join(allowed)}")
    fixed = next((word for word in words if _is_fixed_option(word)), None)
    if fixed is not None:
        raise Refused(f"refused: {fixed.split('=', 1)[0]} is set by the server and cannot be given over SSH")
    if words[0] == "import" and (len(words) < 2 or words[1] != "-"):
        raise Refused("refused: over SSH a roster is read from standard input: import - --circle NAME < roster.csv")
    return words


def opens_full_screen(words: list[str]) -> bool:
    if any(word in PRINTING_FLAGS for word in words):
        return False
    if words[0] == "goals":
        return not any(word in GOAL_ACTIONS for word in words[1:])
    return words[0] in FULL_SCREEN


def prepare_terminal(environ: dict[str, str] | os._Environ = os.environ) -> None:
    """Settings for a full screen over SSH, made before Textual is imported (it reads them once)."""
    term = environ.get("TERM", "")
    # COLORTERM does not cross SSH; without it a 256-colour terminal would get 16 harsh colours.
    if not environ.get("COLORTERM") and term not in PLAIN_TERMS and "TEXTUAL_COLOR_SYSTEM" not in environ:
        environ["TEXTUAL_COLOR_SYSTEM"] = "256"
    environ.setdefault("ESCDELAY", ESCAPE_DELAY_MS)


def end_with_connection() -> None:
    """When the connection drops, end at once: every action is already on disk, a session resumable."""
    import signal

    from circle.commands.connection import end_when_client_goes

    # The kernel ends the process on SIGHUP unless it is ignored (nohup) or caught.
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGHUP))  # PR_SET_PDEATHSIG: SIGHUP when the parent process goes
        except (OSError, AttributeError):
            pass  # the watch below sees the parent change
    # Without a terminal nothing signals a dropped connection (the parent may be a shell that
    # outlives it): the watch sees sshd close the command's pipes.
    end_when_client_goes()


def run(args: argparse.Namespace) -> int:
    from circle import cli
    from circle.domain.server.teachers import check_teacher_name
    from circle.store.home import ensure_home, resolve_home
    from circle.store.teachers import load_teachers

    name = check_teacher_name(args.name)
    for variable in CLIENT_ENV:
        os.environ.pop(variable, None)  # the home and the teacher come from the forced command only
    words = request_words(os.environ.get("SSH_ORIGINAL_COMMAND", ""))
    home = ensure_home(resolve_home(args.home), writable=False)  # reads work on a full disk; writes say so
    if name not in {teacher.name for teacher in load_teachers(home)}:
        raise Refused(f"refused: {name} is not a teacher on this server (`circle teachers list`)")
    if opens_full_screen(words):
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise Refused(f"{words[0]} opens full screen: connect with ssh -t (e.g. ssh -t HOST {shlex.join(words)})")
        prepare_terminal()
    end_with_connection()
    return cli.main(["--home", str(home), "--actor", name, *words], parser_class=OneLineParser)
