"""The ``circle`` command.

Parses arguments, picks the data home and the actor, then either starts the
full-screen app or prints (``--plain``/``--json``). Textual is imported only
by the subcommands that start the app, and only when they run.
"""

from __future__ import annotations

import argparse
import functools
import getpass
import importlib
import os
import sys
from typing import Any, Sequence, TextIO

from circle import __version__
from circle.collector import hold_collector
from circle.commands.output import TerminalGuard
from circle.errors import CircleError

CRASH_EXIT = 70  # EX_SOFTWARE: an error in circle itself

# Commands that always open the full screen: the collector is held here for them, from the very
# start (see circle.collector), through the loading of the command's own parser and modules
# too. A command that opens it only in some modes (watch, goals) holds it itself.
ALWAYS_FULL_SCREEN: frozenset[str] = frozenset({"home", "run", "demo"})

# Each name is a module in circle.commands with register(subparsers).
COMMANDS: tuple[str, ...] = ("roster", "circles", "plans", "goals", "home", "run", "watch", "demo", "export",
                             "check", "teachers", "shell", "report")


def default_actor() -> str:
    """Who is acting: CIRCLE_ACTOR (set by an SSH forced command), else the OS user."""
    actor = os.environ.get("CIRCLE_ACTOR", "").strip()
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def named_command(argv: Sequence[str]) -> str | None:
    """The subcommand argv plainly names (after any --home/--actor); "home" when it names
    nothing else (plain ``circle`` opens the home screen); else None."""
    tokens = iter(argv)
    for token in tokens:
        if token in ("--home", "--actor"):
            next(tokens, None)
        elif not token.startswith(("--home=", "--actor=")):
            return token if token in COMMANDS else None
    return "home"


GLOBAL_OPTIONS = (  # (flag, metavar, help): every command takes them, before or after its words
    ("--home", "DIR", "data home (default: $CIRCLE_HOME, else the platform's user data directory)"),
    ("--actor", "NAME", "who is acting: a login name or a member's name (default: $CIRCLE_ACTOR, else the "
                        "operating-system user)"),
)


def add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--version", action="version", version=f"circle {__version__}")
    for flag, metavar, help_text in GLOBAL_OPTIONS:
        parser.add_argument(flag, metavar=metavar, default=default, help=help_text)


@functools.cache
def taking_global_options(parser_class: type[argparse.ArgumentParser]) -> type[argparse.ArgumentParser]:
    """parser_class, given --home, --actor and --version. Every subcommand's parser is one, and so is each of
    their own subcommands' (argparse makes those of the parent's class), so the options are taken
    anywhere on the line. SUPPRESS: an option given only before the subcommand keeps its value,
    and one given again after it wins."""

    class WithGlobalOptions(parser_class):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            add_global_options(self, argparse.SUPPRESS)

    return WithGlobalOptions


def build_parser(
    names: Sequence[str] | None = None, parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser
) -> argparse.ArgumentParser:
    """The parser with the given subcommands (default: all of them); subcommands' parsers are parser_class too."""
    parser = parser_class(
        prog="circle",
        description="Run group mentoring sessions for teachers, in the terminal.",
    )
    add_global_options(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=taking_global_options(parser_class))
    for name in names or COMMANDS:
        importlib.import_module(f"circle.commands.{name}").register(sub)
    if names and not set(names) <= sub.choices.keys():
        return build_parser(parser_class=parser_class)  # a module names its command otherwise (roster: import): all of them
    return parser


def main(
    argv: Sequence[str] | None = None, *, parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser
) -> int:
    # Stored text and arguments can hold anything: nothing printed (argparse's messages
    # included) reaches the terminal as a control character.
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalGuard(sys.stdout), TerminalGuard(sys.stderr)
    try:
        return _main(argv, streams[0], parser_class)
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: Sequence[str] | None, stdout: TextIO, parser_class: type[argparse.ArgumentParser]) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # A named command needs only its own parser: building every command's costs start-up time.
    # Anything else (help, a mistake) gets them all, to list them.
    command = named_command(argv)
    if command in ALWAYS_FULL_SCREEN:
        hold_collector()
    parser = build_parser([command] if command else None, parser_class)
    args = parser.parse_args(argv)
    if args.actor is None:
        args.actor = default_actor()
    handler = getattr(args, "func", None)
    if handler is None and args.command is None:
        # Plain `circle` opens the home screen; Textual is imported only inside it.
        from circle.commands.home import run as handler
    if handler is None:
        parser.print_help()
        return 0
    try:
        return int(handler(args) or 0)
    except CircleError as error:
        print(f"circle: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `circle plans | head`): not an error of ours.
        # Point stdout at devnull so the interpreter's final flush does not complain.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback for the user
        refusal = home_refusal(args) if isinstance(error, PermissionError) else None
        if refusal is not None:
            print(f"circle: {refusal}", file=sys.stderr)
            return refusal.exit_code
        print(f"circle: {crash_line(args, error)}", file=sys.stderr)
        return CRASH_EXIT


def home_refusal(args: argparse.Namespace) -> CircleError | None:
    """A permission error met in another user's closed data home is theirs to grant, not a crash."""
    from circle.store.home import not_yours, resolve_home

    return not_yours(resolve_home(args.home))


def crash_line(args: argparse.Namespace, error: BaseException) -> str:
    """One line for an unexpected error, naming the crash report that holds its details."""
    from circle.store.crash import write_crash_report
    from circle.store.home import resolve_home

    command = getattr(args, "command", None) or "home"
    detail = " ".join(str(error).split())[:200]
    what = f"`circle {command}` failed unexpectedly ({type(error).__name__}: {detail})"
    try:
        report = write_crash_report(resolve_home(args.home), error, command)
    except Exception as failure:  # noqa: BLE001 - a report that cannot be written is said, not raised
        return f"{what}; no crash report could be written ({failure})"
    return f"{what}; the details are in {report}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
